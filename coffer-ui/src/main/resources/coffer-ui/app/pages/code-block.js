// Blocks of code with a copy button, alone or as tabs (one per language or per status code), and copying text
// to the clipboard. Used by the API preview, the collections export and the SQL console.
import { html, nothing } from 'lit';
import { copyText as copyToClipboard, stylesheet } from '../ui.js';

stylesheet(import.meta.url, 'sync.css');

// the copy icon as a template (an icon node from ui.js can be in one place of the page only; a template can be
// rendered any number of times)
const copyIcon = html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="9" y="9" width="12" height="12" rx="2"/>
  <path d="M5 15H4a2 2 0 01-2-2V4a2 2 0 012-2h9a2 2 0 012 2v1"/></svg>`;

/** Copies text and toasts the outcome (ui.js copyText with this page's default message). */
export function copyText(text, what = 'Copied to the clipboard.') {
  return copyToClipboard(text, what);
}

/** A copy button for the text (a string or a function giving it when clicked). */
export function copyButton(text, label = 'Copy') {
  return html`<button type="button" class="btn-icon code-copy" aria-label=${label} title=${label}
    @click=${() => copyText(typeof text === 'function' ? text() : text)}>${copyIcon}</button>`;
}

/** A read-only block of code with a copy button; label names it (for the button and screen readers). */
export function codeBlock(code, { label = 'code', caption = '', className = '' } = {}) {
  return html`<div class="code-block ${className}">
    ${caption ? html`<div class="code-block-bar"><span class="code-block-caption">${caption}</span>${copyButton(code, `Copy ${label}`)}</div>`
      : html`<div class="code-block-float">${copyButton(code, `Copy ${label}`)}</div>`}
    <pre class="code" tabindex="0" aria-label=${label}><code>${code}</code></pre>
  </div>`;
}

/**
 * Tabs of code blocks: tabs = [{key, label, code, badge?}], the active key, onSelect(key). The copy button copies
 * the active tab's code. name labels the tab list ("SDK examples", "Responses").
 */
export function codeTabs({ tabs, active, onSelect, name, tabClass = () => '' }) {
  const current = tabs.find((t) => t.key === active) || tabs[0];
  if (!current) return nothing;
  const keydown = (e) => {
    const i = tabs.indexOf(current);
    let next = null;
    if (e.key === 'ArrowRight') next = tabs[(i + 1) % tabs.length];
    else if (e.key === 'ArrowLeft') next = tabs[(i - 1 + tabs.length) % tabs.length];
    if (next) {
      e.preventDefault();
      onSelect(next.key);
      const list = e.currentTarget;
      requestAnimationFrame(() => list.querySelector('[aria-selected="true"]')?.focus());
    }
  };
  return html`<div class="code-block code-tabs">
    <div class="code-block-bar">
      <div class="code-tablist" role="tablist" aria-label=${name} @keydown=${keydown}>
        ${tabs.map((t) => html`<button type="button" role="tab" class="code-tab ${tabClass(t)}"
          aria-selected=${t === current ? 'true' : 'false'} tabindex=${t === current ? '0' : '-1'}
          @click=${() => onSelect(t.key)}>${t.label}</button>`)}
      </div>
      ${copyButton(current.code, `Copy ${current.copyLabel || current.label}`)}
    </div>
    <pre class="code" role="tabpanel" tabindex="0" aria-label="${name}: ${current.label}"><code>${current.code}</code></pre>
    ${current.note ? html`<div class="code-block-note">${current.note}</div>` : nothing}
  </div>`;
}
