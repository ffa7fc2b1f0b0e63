// Settings: the sidebar of sections and the chosen section, each its own module (settings-<section>.js with the
// element c-settings-<section>), imported the first time it is shown. What the section forms share is in
// settings-form.js (SettingsForm, s3Fields) and settings-shared.js (icons and small helpers).
import { html, nothing } from 'lit';
import { LightElement, confirmDialog, stylesheet } from '../ui.js';

stylesheet(import.meta.url, 'settings.css');

/** The sections in sidebar order: route segment, label, group. */
const SECTIONS = [
  { id: 'application', label: 'Application', group: 'System' },
  { id: 'mail', label: 'Mail settings', group: 'System' },
  { id: 'storage', label: 'Files storage', group: 'System' },
  { id: 'backups', label: 'Backups', group: 'System' },
  { id: 'crons', label: 'Crons', group: 'System' },
  { id: 'superusers', label: 'Superusers', group: 'System' },
  { id: 'metrics', label: 'Metrics and API docs', group: 'System' },
  { id: 'export', label: 'Export collections', group: 'Sync' },
  { id: 'import', label: 'Import collections', group: 'Sync' },
  { id: 'sql', label: 'SQL console', group: 'Tools' },
];

class SettingsPage extends LightElement {
  static properties = {
    params: {},
    query: {},
    importing: { state: true },
    failed: { state: true },
  };

  constructor() {
    super();
    this.params = {};
    this.query = {};
    this.failed = '';
    this.onDocClick = (e) => this.guardLink(e);
    this.onBeforeUnload = (e) => {
      if (this.sectionEl?.dirty) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
  }

  connectedCallback() {
    super.connectedCallback();
    document.addEventListener('click', this.onDocClick, true);
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('click', this.onDocClick, true);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  get section() {
    return this.params?.section || 'application';
  }

  /** Asks before a link leaves a section with unsaved changes. */
  async guardLink(e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest?.('a[href^="#"]');
    if (!a || !this.sectionEl?.dirty || !this.isConnected) return;
    const href = a.getAttribute('href');
    if (href === location.hash) return;
    e.preventDefault();
    e.stopPropagation();
    const leave = await confirmDialog('You have unsaved changes. Leave this page and lose them?', { confirmText: 'Discard changes' });
    if (leave) {
      this.sectionEl.discard?.();
      location.hash = href;
    }
  }

  willUpdate(changed) {
    if ((changed.has('params') || !this.sectionEl) && this.shownSection !== this.section) {
      this.show(this.section);
    } else if (changed.has('query') && this.sectionEl) {
      this.sectionEl.query = this.query;
    }
  }

  updated(changed) {
    if (changed.has('params')) this.revealActive();
  }

  /** On phones the sections are a scrolling row: keeps the chosen one in view (once the styles apply). */
  revealActive() {
    const go = () => this.querySelector('.settings-nav .active')?.scrollIntoView({ block: 'nearest', inline: 'center' });
    const css = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) => l.href.endsWith('/settings.css'));
    if (css && !css.sheet) css.addEventListener('load', () => requestAnimationFrame(go), { once: true });
    else requestAnimationFrame(go);
  }

  async show(section) {
    this.shownSection = section;
    this.failed = '';
    this.sectionEl = null;
    if (!SECTIONS.some((s) => s.id === section)) {
      this.failed = `There is no settings section "${section}".`;
      return;
    }
    this.importing = true;
    try {
      await import(`./settings-${section}.js`);
      if (this.shownSection !== section) return;
      const el = document.createElement(`c-settings-${section}`);
      el.query = this.query;
      this.sectionEl = el;
    } catch (e) {
      if (this.shownSection !== section) return;
      console.warn(`settings section ${section}:`, e);
      this.failed = `The "${SECTIONS.find((s) => s.id === section).label}" section could not be loaded. `
        + 'It may not be available in this version; reload the page to try again.';
    } finally {
      if (this.shownSection === section) this.importing = false;
    }
  }

  render() {
    const groups = [...new Set(SECTIONS.map((s) => s.group))];
    return html`<div class="page settings-page">
      <nav class="sidebar settings-nav" aria-label="Settings">
        ${groups.map((g) => html`
          <div class="sidebar-title">${g}</div>
          ${SECTIONS.filter((s) => s.group === g).map((s) => html`<a class="sidebar-item ${s.id === this.section ? 'active' : ''}"
            href="#/settings/${s.id}" aria-current=${s.id === this.section ? 'page' : 'false'}><span class="grow">${s.label}</span></a>`)}
        `)}
      </nav>
      <section class="content settings-content">
        ${this.failed ? html`${this.fallbackHeader()}<div class="content-body"><p class="error-box" role="alert">${this.failed}</p></div>`
          : this.importing && !this.sectionEl ? html`${this.fallbackHeader()}<div class="content-body"><p class="hint" role="status">Loading…</p></div>`
            : this.sectionEl || nothing}
      </section>
    </div>`;
  }

  fallbackHeader() {
    const label = SECTIONS.find((s) => s.id === this.section)?.label || 'Settings';
    return html`<header class="content-header"><h1><span class="breadcrumb">Settings /</span> ${label}</h1></header>`;
  }
}
customElements.define('c-page-settings', SettingsPage);
