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

const PENDING = '#coffer-link-pending';
const PLACEHOLDER = 'link';

/** The HTML of the editor ('' when it holds no text and no image), links still being made left out. */
function cleanOutput(el) {
  const text = (el.textContent || '').replace(/\u00a0/g, ' ').trim();
  if (!text && !el.querySelector('img,hr')) return '';
  const copy = el.cloneNode(true);
  for (const a of copy.querySelectorAll(`a[href="${PENDING}"]`)) a.replaceWith(...a.childNodes);
  // the browser's list and heading commands can leave blocks inside a paragraph: lift them out
  for (const p of copy.querySelectorAll('p')) {
    if (p.querySelector(':scope > ul, :scope > ol, :scope > h2, :scope > h3, :scope > blockquote, :scope > p')) p.replaceWith(...p.childNodes);
  }
  return copy.innerHTML;
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

  /**
   * Link: the selected text (or a placeholder where the caret is) is wrapped in a pending link at once, so no
   * selection has to survive the trip to the address input; Apply sets its address, Cancel unwraps it.
   */
  startLink() {
    const ed = this.editor;
    ed.focus();
    const sel = getSelection();
    if (!sel.rangeCount || !ed.contains(sel.anchorNode)) {
      const r = document.createRange();
      r.selectNodeContents(ed);
      r.collapse(false);
      sel.removeAllRanges();
      sel.addRange(r);
    }
    const inLink = sel.anchorNode?.parentElement?.closest?.('a');
    this.linkDraft = inLink && ed.contains(inLink) ? inLink.getAttribute('href') || '' : '';
    if (inLink && ed.contains(inLink)) {
      inLink.setAttribute('href', PENDING);
    } else if (sel.isCollapsed) {
      document.execCommand('insertHTML', false, `<a href="${PENDING}">${PLACEHOLDER}</a>`);
    } else {
      document.execCommand('createLink', false, PENDING);
    }
    this.linking = true;
    this.updateComplete.then(() => {
      const input = this.querySelector('.rte-link input');
      if (input) {
        input.value = this.linkDraft;
        input.focus();
      }
    });
  }

  /** Typing starts in a paragraph, and Enter makes paragraphs (not bare text and divs). */
  prepare() {
    document.execCommand('defaultParagraphSeparator', false, 'p');
    const ed = this.editor;
    if (!ed.textContent.trim() && !ed.querySelector('img,hr,p,ul,ol,h2,h3,blockquote')) {
      ed.innerHTML = '<p><br></p>';
      const r = document.createRange();
      r.setStart(ed.firstChild, 0);
      r.collapse(true);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }
  }

  pending() {
    return [...this.editor.querySelectorAll(`a[href="${PENDING}"]`)];
  }

  finishLink(url) {
    this.linking = false;
    const links = this.pending();
    let last = null;
    for (const a of links) {
      if (url) {
        a.setAttribute('href', url);
        if (a.textContent === PLACEHOLDER) a.textContent = url;
        last = a;
      } else if (a.textContent === PLACEHOLDER) {
        a.remove();
      } else {
        a.replaceWith(...a.childNodes);
      }
    }
    const ed = this.editor;
    ed.focus();
    if (last) {
      const r = document.createRange();
      r.setStartAfter(last);
      r.collapse(true);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
    }
    this.input();
  }

  applyLink() {
    let url = this.querySelector('.rte-link input')?.value.trim() || '';
    if (url && !/^[a-z][a-z0-9+.-]*:|^\/|^#/i.test(url)) url = `https://${url}`;
    if (/^\s*(javascript|vbscript|data):/i.test(url)) url = '';
    this.finishLink(url);
  }

  run(tool) {
    if (tool.cmd === 'link') {
      this.startLink();
      return;
    }
    this.editor.focus();
    document.execCommand('defaultParagraphSeparator', false, 'p');
    document.execCommand(tool.cmd, false, tool.arg ? `<${tool.arg}>` : undefined);
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
      ${this.linking ? html`<div class="rte-link" role="group" aria-label="Link">
        <input type="text" inputmode="url" aria-label="Link address" placeholder="https://…"
          @keydown=${(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              this.applyLink();
            } else if (e.key === 'Escape') {
              e.stopPropagation();
              e.preventDefault();
              this.finishLink('');
            }
          }}>
        <button type="button" class="btn btn-sm" @click=${() => this.applyLink()}>Apply link</button>
        <button type="button" class="btn btn-secondary btn-sm" @click=${() => this.finishLink('')}>Cancel</button>
      </div>` : nothing}
      <div class="rte-area" id=${this.inputId} role="textbox" aria-multiline="true" aria-labelledby="${this.inputId}-label"
        contenteditable=${this.disabled ? 'false' : 'true'} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
        @focus=${() => this.prepare()}
        @input=${() => this.input()} @keyup=${() => this.refreshState()} @mouseup=${() => this.refreshState()}
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
