// The rich text widget (`richtext`, the editor field): a contenteditable area with a small toolbar (headings,
// bold, italic, lists, links, clear formatting) giving HTML. No editor library: the browser's editing commands.
import { html, nothing } from 'lit';
import { Widget } from './widget-base.js';
import { sanitizeHtml, ricons } from './record-util.js';

const TOOLS = [
  { cmd: 'formatBlock', arg: 'h2', label: 'Heading', text: 'H2' },
  { cmd: 'formatBlock', arg: 'h3', label: 'Subheading', text: 'H3' },
  { cmd: 'formatBlock', arg: 'p', label: 'Paragraph', text: '¶' },
  { sep: true },
  { cmd: 'bold', label: 'Bold', text: 'B', cls: 'b' },
  { cmd: 'italic', label: 'Italic', text: 'I', cls: 'i' },
  { cmd: 'underline', label: 'Underline', text: 'U', cls: 'u' },
  { sep: true },
  { cmd: 'insertUnorderedList', label: 'Bulleted list', text: '•≡' },
  { cmd: 'insertOrderedList', label: 'Numbered list', text: '1≡' },
  { cmd: 'formatBlock', arg: 'blockquote', label: 'Quote', text: '❝' },
  { sep: true },
  { cmd: 'link', label: 'Link', icon: 'link' },
  { cmd: 'unlink', label: 'Remove link', icon: 'unlink' },
  { cmd: 'removeFormat', label: 'Clear formatting', text: 'Tx' },
];

/** The HTML of the editor, '' when it holds no text and no image. */
function cleanOutput(el) {
  const text = (el.textContent || '').replace(/\u00a0/g, ' ').trim();
  if (!text && !el.querySelector('img,hr')) return '';
  return el.innerHTML;
}

class RichtextWidget extends Widget {
  static properties = { ...Widget.properties, linking: { state: true }, active: { state: true } };

  constructor() {
    super();
    this.shown = null; // the HTML last put in or read from the editor
    this.active = {};
    this.linking = false;
  }

  get editor() {
    return this.querySelector('.rte-area');
  }

  updated() {
    const ed = this.editor;
    if (ed && this.value !== this.shown) {
      ed.innerHTML = sanitizeHtml(this.value || '');
      this.shown = this.value;
    }
  }

  renderLabel() {
    return this.head({ asLabel: false });
  }

  input() {
    const out = cleanOutput(this.editor);
    this.shown = out;
    this.emit(out);
    this.refreshState();
  }

  refreshState() {
    const state = {};
    for (const c of ['bold', 'italic', 'underline', 'insertUnorderedList', 'insertOrderedList']) {
      try {
        state[c] = document.queryCommandState(c);
      } catch {
        state[c] = false;
      }
    }
    this.active = state;
  }

  saveSelection() {
    const sel = getSelection();
    if (sel.rangeCount && this.editor.contains(sel.anchorNode)) this.range = sel.getRangeAt(0).cloneRange();
  }

  restoreSelection() {
    this.editor.focus();
    if (this.range) {
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(this.range);
    }
  }

  run(tool) {
    if (tool.cmd === 'link') {
      this.saveSelection();
      this.linking = true;
      this.updateComplete.then(() => this.querySelector('.rte-link input')?.focus());
      return;
    }
    this.editor.focus();
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand(tool.cmd, false, tool.arg ? `<${tool.arg}>` : undefined);
    this.input();
  }

  applyLink(e) {
    e?.preventDefault();
    const input = this.querySelector('.rte-link input');
    let url = input.value.trim();
    this.linking = false;
    this.restoreSelection();
    if (!url) return;
    if (!/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(url)) url = `https://${url}`;
    if (/^\s*(javascript|vbscript|data):/i.test(url)) return;
    const sel = getSelection();
    if (sel.isCollapsed) {
      document.execCommand('insertHTML', false, `<a href="${url.replace(/"/g, '&quot;')}">${url.replace(/</g, '&lt;')}</a>`);
    } else {
      document.execCommand('createLink', false, url);
    }
    this.input();
  }

  renderControl() {
    const a = this.aria();
    return html`<div class="rte ${this.disabled ? 'disabled' : ''}">
      <div class="rte-toolbar" role="toolbar" aria-label="${this.labelText()} formatting">
        ${TOOLS.map((t) => (t.sep ? html`<span class="rte-sep"></span>` : html`<button type="button" class="rte-btn ${t.cls || ''}"
          aria-label=${t.label} title=${t.label} ?disabled=${this.disabled}
          aria-pressed=${t.cmd in this.active ? String(!!this.active[t.cmd]) : nothing}
          @mousedown=${(e) => e.preventDefault()} @click=${() => this.run(t)}>${t.icon ? ricons[t.icon] : t.text}</button>`))}
      </div>
      ${this.linking ? html`<form class="rte-link" @submit=${(e) => this.applyLink(e)}>
        <input type="url" aria-label="Link address" placeholder="https://…"
          @keydown=${(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              this.linking = false;
              this.restoreSelection();
            }
          }}>
        <button class="btn btn-sm">Apply link</button>
        <button type="button" class="btn btn-secondary btn-sm" @click=${() => { this.linking = false; this.restoreSelection(); }}>Cancel</button>
      </form>` : nothing}
      <div class="rte-area" id=${this.inputId} role="textbox" aria-multiline="true" aria-labelledby="${this.inputId}-label"
        contenteditable=${this.disabled ? 'false' : 'true'} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
        @input=${() => this.input()} @keyup=${() => this.refreshState()} @mouseup=${() => this.refreshState()}
        @blur=${() => this.saveSelection()}
        @paste=${(e) => {
          // paste as cleaned HTML (or text), never foreign styles or scripts
          const htmlData = e.clipboardData?.getData('text/html');
          e.preventDefault();
          if (htmlData) document.execCommand('insertHTML', false, sanitizeHtml(htmlData).replace(/ style="[^"]*"/g, ''));
          else document.execCommand('insertText', false, e.clipboardData?.getData('text/plain') || '');
        }}></div>
    </div>`;
  }
}
customElements.define('c-widget-richtext', RichtextWidget);
