// Small helpers shared by the parts of the collection editor (fields, indexes, rules, view query, auth options):
// deep copies, random names and secrets, reading the API's nested validation errors, modal dialogs rendered
// with Lit, and the change event the parts send to the editor.
import { html, svg, render, nothing } from 'lit';
import { stylesheet } from '../ui.js';

/** Links the collection editor's stylesheet (shared by every part of the editor). */
export function editorStyles() {
  stylesheet(new URL('../pages/collection-editor.js', import.meta.url).href, 'collection-editor.css');
}

/** A deep copy of JSON data. */
export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random string of lowercase letters and digits. */
export function randomString(length = 10, alphabet = ALNUM) {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

/** A random secret for the token options (64 URL-safe characters divide 256 evenly). */
export function randomSecret(length = 50) {
  return randomString(length, '-_0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
}

/** A field or collection name as the API accepts it: spaces become underscores, other characters go. */
export function normalizeName(value) {
  return String(value ?? '').replace(/\s+/g, '_').replace(/[^\w]/g, '');
}

function nodeAt(errors, path) {
  let node = errors;
  for (const key of Array.isArray(path) ? path : String(path).split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return node;
}

/** The message of the validation error at a path of the API's error data ("fields.3.name"), or "". */
export function errorAt(errors, path) {
  const node = nodeAt(errors, path);
  if (node && typeof node === 'object' && typeof node.message === 'string') return node.message;
  return '';
}

/** True when the error data holds any error at or below a path. */
export function hasErrorAt(errors, path) {
  const node = nodeAt(errors, path);
  return !!node && typeof node === 'object' && Object.keys(node).length > 0;
}

/** Every error message at or below a path, with its sub-path ("name: Cannot be blank."). */
export function errorList(errors, path = []) {
  const out = [];
  const walk = (node, prefix) => {
    if (!node || typeof node !== 'object') return;
    if (typeof node.message === 'string' && typeof node.code === 'string') {
      out.push({ path: prefix.join('.'), message: node.message });
      return;
    }
    for (const [k, v] of Object.entries(node)) walk(v, [...prefix, k]);
  };
  walk(path.length ? nodeAt(errors, path) : errors, []);
  return out;
}

/**
 * Tells the collection editor that a part changed the collection it edits (the parts change it in place).
 * clear names error paths that the change makes stale.
 */
export function emitChange(el, ...clear) {
  el.dispatchEvent(new CustomEvent('ce-change', { bubbles: true, detail: { clear } }));
}

/**
 * Opens a modal <dialog> whose content is a Lit template: content(ctx) is rendered again on ctx.update();
 * ctx.close(value) closes it and resolves the promise with value (Esc resolves undefined).
 */
export function openDialog({ label, content, wide = false, className = '' }) {
  editorStyles();
  return new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = `confirm ce-dialog ${wide ? 'ce-dialog-wide' : ''} ${className}`;
    dialog.setAttribute('aria-label', label);
    document.body.append(dialog);
    let result;
    const ctx = {
      dialog,
      close(value) {
        result = value;
        dialog.close();
      },
      update() {
        render(content(ctx), dialog);
      },
    };
    dialog.addEventListener('close', () => {
      render(nothing, dialog);
      dialog.remove();
      resolve(result);
    });
    ctx.update();
    dialog.showModal();
    const first = dialog.querySelector('[autofocus]') || dialog.querySelector('input, textarea, select');
    first?.focus();
  });
}

/** "5242880" → "5 MB" (for hints next to byte inputs). */
export function formatBytes(n) {
  const v = Number(n);
  if (!v) return '';
  const units = ['bytes', 'KB', 'MB', 'GB'];
  let i = 0;
  let x = v;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i += 1;
  }
  return `${Math.round(x * 100) / 100} ${units[i]}`;
}

/** A number input's value: a finite number, or null when empty. */
export function numberOrNull(value) {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** "a, b,,c" → ["a", "b", "c"]. */
export function splitList(value) {
  return String(value || '').split(',').map((s) => s.trim()).filter(Boolean);
}

const icon = (body) => html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/**
 * The editor's icons, as Lit templates (ui.js's icons are single DOM nodes, so each can show only once on a page;
 * these can repeat, as they do in lists).
 */
export const ceIcons = {
  drag: icon(svg`<circle cx="9" cy="6" r="1"/><circle cx="15" cy="6" r="1"/><circle cx="9" cy="12" r="1"/><circle cx="15" cy="12" r="1"/><circle cx="9" cy="18" r="1"/><circle cx="15" cy="18" r="1"/>`),
  settings: icon(svg`<path d="M4 21v-7M4 10V3M12 21v-9M12 8V3M20 21v-5M20 12V3M1 14h6M9 8h6M17 16h6"/>`),
  lock: icon(svg`<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 018 0v4"/>`),
  plus: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  trash: icon(svg`<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"/>`),
  copy: icon(svg`<rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15H4a2 2 0 01-2-2V4a2 2 0 012-2h9a2 2 0 012 2v1"/>`),
  close: icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`),
  up: icon(svg`<path d="M12 19V5M5 12l7-7 7 7"/>`),
  down: icon(svg`<path d="M12 5v14M5 12l7 7 7-7"/>`),
  code: icon(svg`<path d="M16 18l6-6-6-6M8 6l-6 6 6 6"/>`),
  eraser: icon(svg`<path d="M20 20H9l-5-5 10-10 7 7-6 6"/><path d="M7 13l5 5"/>`),
  more: html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor"><circle cx="5" cy="12" r="2"/><circle cx="12" cy="12" r="2"/><circle cx="19" cy="12" r="2"/></svg>`,
  restore: icon(svg`<path d="M3 12a9 9 0 103-6.7L3 8M3 3v5h5"/>`),
};
