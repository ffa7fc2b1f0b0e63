// Shared building blocks of the dashboard: the light-DOM element base, toasts, confirmations, the side panel,
// the collections store and small formatting helpers. Pages import from here; nothing here imports a page.
import { LitElement, html, svg as svgPart, nothing } from 'lit';
import { api } from './api.js';

/** Elements render into the light DOM, so the one stylesheet (styles.css) styles every page. */
export class LightElement extends LitElement {
  createRenderRoot() {
    return this;
  }
}

/**
 * Loads a page's own stylesheet once: stylesheet(import.meta.url, 'records.css') links the file next to the
 * calling module (cached like every asset). Resolves when it has loaded (or failed), so a page can wait for its
 * styles before its first render.
 */
const sheets = new Map();
export function stylesheet(moduleUrl, name) {
  const href = new URL(name, moduleUrl).href;
  if (!sheets.has(href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    sheets.set(href, new Promise((done) => {
      link.addEventListener('load', done, { once: true });
      link.addEventListener('error', done, { once: true });
    }));
    document.head.append(link);
  }
  return sheets.get(href);
}

// --- toasts ------------------------------------------------------------------------------------------

class Toasts extends LightElement {
  static properties = { items: { state: true } };

  constructor() {
    super();
    this.items = [];
  }

  push(message, type) {
    const item = { id: Math.random(), message, type };
    this.items = [...this.items, item];
    setTimeout(() => {
      this.items = this.items.filter((x) => x !== item);
    }, type === 'error' ? 6000 : 3500);
  }

  render() {
    return html`<div class="toasts" role="status" aria-live="polite">
      ${this.items.map((t) => html`<div class="toast toast-${t.type}">${t.message}</div>`)}
    </div>`;
  }
}
customElements.define('c-toasts', Toasts);

function toaster() {
  let el = document.querySelector('c-toasts');
  if (!el) {
    el = document.createElement('c-toasts');
    document.body.append(el);
  }
  return el;
}

/** Shows a short message at the bottom of the screen ("success", "error" or "info"). */
export function toast(message, type = 'success') {
  toaster().push(message, type);
}

/** The text to show for an error (an ApiError's message, else the error's). */
export function errorText(err) {
  if (!err) return '';
  if (err.name === 'AbortError') return '';
  return err.message || String(err);
}

/** Toasts an error unless it is an aborted request; returns the error. */
export function toastError(err) {
  const text = errorText(err);
  if (text) toast(text, 'error');
  return err;
}

// --- confirm dialog ----------------------------------------------------------------------------------

/** Asks a yes/no question in a modal dialog; resolves to true when confirmed. */
export function confirmDialog(message, { confirmText = 'Yes', danger = true } = {}) {
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'confirm';
    dialog.setAttribute('aria-label', 'Confirm');
    const p = document.createElement('p');
    p.textContent = message;
    const actions = document.createElement('div');
    actions.className = 'actions';
    const no = document.createElement('button');
    no.type = 'button';
    no.className = 'btn btn-secondary';
    no.textContent = 'Cancel';
    const yes = document.createElement('button');
    yes.type = 'button';
    yes.className = danger ? 'btn btn-danger' : 'btn';
    yes.textContent = confirmText;
    actions.append(no, yes);
    dialog.append(p, actions);
    document.body.append(dialog);
    let answer = false;
    no.onclick = () => dialog.close();
    yes.onclick = () => {
      answer = true;
      dialog.close();
    };
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    dialog.showModal();
    yes.focus();
  });
}

// --- side panel --------------------------------------------------------------------------------------

/**
 * A panel sliding in from the right, for editing one thing: a template function, so its content stays in the
 * owner's template. onClose runs when the user asks to close it (Esc, the close button, the backdrop): the owner
 * decides (asks about unsaved changes, then stops rendering it). onSave runs on Ctrl+S while it is the top panel.
 */
export function panel({ heading, body, footer = nothing, onClose, onSave, wide = false, label }) {
  return html`<div class="panel-layer">
    <div class="panel-backdrop" @click=${() => onClose?.()}></div>
    <section class="panel ${wide ? 'panel-wide' : ''}" role="dialog" aria-modal="true" aria-label=${label || heading}
      data-panel @close-request=${() => onClose?.()} @save-request=${() => onSave?.()}>
      <header class="panel-header">
        <h2>${heading}</h2>
        <button type="button" class="btn-icon" aria-label="Close" title="Close (Esc)" @click=${() => onClose?.()}>${icons.close}</button>
      </header>
      <div class="panel-body">${body}</div>
      ${footer === nothing ? nothing : html`<footer class="panel-footer">${footer}</footer>`}
    </section>
  </div>`;
}

/** The panel on top (the last one in the page), or null. */
function topPanel() {
  const all = document.querySelectorAll('[data-panel]');
  return all.length ? all[all.length - 1] : null;
}

document.addEventListener('keydown', (e) => {
  if (document.querySelector('dialog[open]')) return;
  const top = topPanel();
  if (e.key === 'Escape' && top) {
    e.preventDefault();
    top.dispatchEvent(new CustomEvent('close-request'));
  } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
    const target = top || document.querySelector('[data-save-target]');
    if (target) {
      e.preventDefault();
      target.dispatchEvent(new CustomEvent('save-request'));
    }
  }
});

// --- the collections store ---------------------------------------------------------------------------

/** Every collection, loaded once after login and reloaded after any change made through the dashboard. */
export const collectionsStore = {
  items: [],
  loaded: false,
  listeners: new Set(),

  subscribe(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  },

  async load() {
    this.items = await api.collections().all();
    this.loaded = true;
    for (const fn of this.listeners) fn(this.items);
    return this.items;
  },

  find(idOrName) {
    return this.items.find((c) => c.id === idOrName || c.name === idOrName);
  },
};

// --- helpers -----------------------------------------------------------------------------------------

/** "2024-01-02 03:04:05.678Z" → a short local date and time, with the UTC value as the title. */
export function formatDate(value) {
  if (!value) return '';
  const d = new Date(String(value).replace(' ', 'T'));
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function debounce(fn, ms = 250) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

/** Navigates to a dashboard route such as "/collections?collection=posts". */
export function navigate(route) {
  location.hash = `#${route}`;
}

/** A unique id for label/input pairs. */
let seq = 0;
export function uid(prefix = 'f') {
  seq += 1;
  return `${prefix}${seq}`;
}

/**
 * Copies text to the clipboard: the Clipboard API when the page may use it, else a hidden textarea and
 * execCommand (plain http on another host than localhost). Resolves to true when copied. With a message, toasts
 * it on success (and a hint on failure).
 */
export async function copyText(text, message = '') {
  let ok = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      ok = true;
    }
  } catch {
    ok = false;
  }
  if (!ok) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.setAttribute('aria-hidden', 'true');
    area.style.cssText = 'position:fixed;top:0;left:0;opacity:0;pointer-events:none';
    const focused = document.activeElement;
    document.body.append(area);
    area.select();
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    focused?.focus?.();
  }
  if (message) toast(ok ? message : 'Could not copy: select the text and copy it yourself.', ok ? 'success' : 'error');
  return ok;
}

/** Downloads text as a file. */
export function download(name, text, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** An icon: the drawing (lit `svg` parts, a fresh node wherever it is rendered) in the common frame. */
const icon = (paths) => html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${paths}</svg>`;

/** Inline icons (stroke icons drawn for the dashboard). */
export const icons = {
  close: icon(svgPart`<path d="M6 6l12 12M18 6L6 18"/>`),
  collections: icon(svgPart`<ellipse cx="12" cy="5" rx="8" ry="3"/><path d="M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5"/><path d="M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"/>`),
  logs: icon(svgPart`<path d="M4 19V5M4 19h16M8 15l3-4 3 3 5-6"/>`),
  docs: icon(svgPart`<path d="M6 3h9l4 4v14H6z"/><path d="M14 3v5h5M9 13h7M9 17h5"/>`),
  audit: icon(svgPart`<path d="M12 3l8 3v6c0 4.6-3.4 8-8 9-4.6-1-8-4.4-8-9V6z"/><path d="M9 12l2 2 4-4"/>`),
  metrics: icon(svgPart`<path d="M3 12h4l3-8 4 16 3-8h4"/>`),
  jobs: icon(svgPart`<rect x="3" y="4" width="18" height="5" rx="1.5"/><rect x="3" y="11" width="18" height="5" rx="1.5"/><path d="M7 20h10M7 6.5h.01M7 13.5h.01"/>`),
  webhooks: icon(svgPart`<circle cx="6" cy="17" r="2.5"/><circle cx="18" cy="17" r="2.5"/><circle cx="12" cy="6" r="2.5"/><path d="M10.8 8.2L7.2 14.8M8.5 17h7M13.2 8.2l3.6 6.6"/>`),
  settings: icon(svgPart`<circle cx="12" cy="12" r="3"/><path d="M19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-1.8-.3 1.7 1.7 0 00-1 1.5V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-1.1-1.5 1.7 1.7 0 00-1.8.3l-.1.1a2 2 0 11-2.8-2.8l.1-.1a1.7 1.7 0 00.3-1.8 1.7 1.7 0 00-1.5-1H3a2 2 0 110-4h.1a1.7 1.7 0 001.5-1.1 1.7 1.7 0 00-.3-1.8l-.1-.1a2 2 0 112.8-2.8l.1.1a1.7 1.7 0 001.8.3H9a1.7 1.7 0 001-1.5V3a2 2 0 114 0v.1a1.7 1.7 0 001 1.5 1.7 1.7 0 001.8-.3l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 00-.3 1.8V9a1.7 1.7 0 001.5 1H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z"/>`),
  plus: icon(svgPart`<path d="M12 5v14M5 12h14"/>`),
  search: icon(svgPart`<circle cx="11" cy="11" r="7"/><path d="M21 21l-4.3-4.3"/>`),
  pin: icon(svgPart`<path d="M12 17v5M5 17h14l-2-6V4H7v7z"/>`),
  edit: icon(svgPart`<path d="M12 20h9M16.5 3.5a2.1 2.1 0 013 3L7 19l-4 1 1-4z"/>`),
  trash: icon(svgPart`<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"/>`),
  refresh: icon(svgPart`<path d="M21 12a9 9 0 11-3-6.7L21 8M21 3v5h-5"/>`),
  moon: icon(svgPart`<path d="M21 12.8A9 9 0 1111.2 3a7 7 0 009.8 9.8z"/>`),
  logout: icon(svgPart`<path d="M9 21H5a2 2 0 01-2-2V5a2 2 0 012-2h4M16 17l5-5-5-5M21 12H9"/>`),
  drag: icon(svgPart`<path d="M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01"/>`),
  file: icon(svgPart`<path d="M14 2H6a2 2 0 00-2 2v16a2 2 0 002 2h12a2 2 0 002-2V8z"/><path d="M14 2v6h6"/>`),
  lock: icon(svgPart`<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 018 0v4"/>`),
  code: icon(svgPart`<path d="M16 18l6-6-6-6M8 6l-6 6 6 6"/>`),
  menu: icon(svgPart`<path d="M3 6h18M3 12h18M3 18h18"/>`),
  copy: icon(svgPart`<rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15H4a2 2 0 01-2-2V4a2 2 0 012-2h9a2 2 0 012 2v1"/>`),
  none: nothing,
};
