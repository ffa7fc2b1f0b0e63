// A menu button: a button that opens a list below (or above, `up`) it. Clicking a [role=menuitem] in it, clicking
// outside or Esc closes it. The list's content is a template function, so it stays in the owner's template.
//
// <c-record-menu label="Export" text="Export" .icon=${icon} btnclass="btn btn-secondary btn-sm" ?up=${false}
//   .content=${() => html`<button role="menuitem" …>…</button>`}></c-record-menu>
import { html, nothing } from 'lit';
import { LightElement } from '../ui.js';

class RecordMenu extends LightElement {
  static properties = {
    label: {},
    text: {},
    icon: { attribute: false },
    btnclass: {},
    up: { type: Boolean },
    content: { attribute: false },
    open: { state: true },
  };

  constructor() {
    super();
    this.open = false;
    this.btnclass = 'btn btn-secondary btn-sm';
    this.onDocClick = (e) => {
      if (!this.contains(e.target)) this.open = false;
    };
  }

  updated(changed) {
    if (!changed.has('open')) return;
    if (this.open) {
      document.addEventListener('click', this.onDocClick, true);
      this.querySelector('.menu-list [role=menuitem], .menu-list input')?.focus();
    } else {
      document.removeEventListener('click', this.onDocClick, true);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onDocClick, true);
  }

  close(focus = false) {
    this.open = false;
    if (focus) this.querySelector('.menu-button')?.focus();
  }

  onKey(e) {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      e.preventDefault();
      this.close(true);
      return;
    }
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && this.open) {
      const items = [...this.querySelectorAll('.menu-list [role=menuitem], .menu-list input, .menu-list button')];
      if (!items.length) return;
      e.preventDefault();
      const i = items.indexOf(document.activeElement);
      const next = e.key === 'ArrowDown' ? (i + 1) % items.length : (i <= 0 ? items.length - 1 : i - 1);
      items[next].focus();
    }
  }

  render() {
    return html`<div class="menu ${this.up ? 'menu-up' : ''}" @keydown=${(e) => this.onKey(e)}>
      <button type="button" class="menu-button ${this.btnclass}" aria-haspopup="true" aria-expanded=${this.open ? 'true' : 'false'}
        aria-label=${this.label} title=${this.label} @click=${() => { this.open = !this.open; }}>
        ${this.icon || nothing}${this.text ? html`<span class="hide-sm">${this.text}</span>` : nothing}</button>
      ${this.open ? html`<div class="menu-list" @click=${(e) => { if (e.target.closest('[role=menuitem]')) this.close(); }}>
        ${this.content?.() ?? nothing}</div>` : nothing}
    </div>`;
  }
}
customElements.define('c-record-menu', RecordMenu);
