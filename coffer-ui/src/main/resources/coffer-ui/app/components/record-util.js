// Helpers of the records page and its components: icons, how a record is named (its presentable fields), file
// tokens and thumbnails, PocketBase's date format, HTML cleaning for the rich text editor, CSV and the search
// filter built from plain words.
import { html, svg } from 'lit';
import { api } from '../api.js';
import { collectionsStore } from '../ui.js';

export { copyText } from '../ui.js';

const icon = (body) => html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/** Icons of the records page (drawn for Coffer). */
export const ricons = {
  base: icon(svg`<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M3 10h18M9 10v10"/>`),
  auth: icon(svg`<circle cx="12" cy="8" r="4"/><path d="M4 21c1-4 4.5-6 8-6s7 2 8 6"/>`),
  view: icon(svg`<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>`),
  pin: icon(svg`<path d="M12 17v5M6 17h12l-2-5V4H8v8z"/>`),
  pinned: html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="currentColor" stroke="currentColor" stroke-width="2" stroke-linejoin="round"><path d="M6 17h12l-2-5V4H8v8z"/><path d="M12 17v5" fill="none"/></svg>`,
  gear: icon(svg`<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M2 12h3M19 12h3M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1"/>`),
  code: icon(svg`<path d="M16 18l6-6-6-6M8 6l-6 6 6 6"/>`),
  refresh: icon(svg`<path d="M21 12a9 9 0 11-3-6.7L21 8M21 3v5h-5"/>`),
  upload: icon(svg`<path d="M21 15v4a2 2 0 01-2 2H5a2 2 0 01-2-2v-4M17 8l-5-5-5 5M12 3v12"/>`),
  plus: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  more: icon(svg`<circle cx="5" cy="12" r="1"/><circle cx="12" cy="12" r="1"/><circle cx="19" cy="12" r="1"/>`),
  columns: icon(svg`<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M9 4v16M15 4v16"/>`),
  download: icon(svg`<path d="M12 3v12M7 10l5 5 5-5M4 21h16"/>`),
  upload: icon(svg`<path d="M12 21V9M7 14l5-5 5 5M4 3h16"/>`),
  trash: icon(svg`<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"/>`),
  close: icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`),
  copy: icon(svg`<rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15H4a2 2 0 01-2-2V4a2 2 0 012-2h9a2 2 0 012 2v1"/>`),
  file: icon(svg`<path d="M14 2H6a2 2 0 00-2 2v16a2 2 0 002 2h12a2 2 0 002-2V8z"/><path d="M14 2v6h6"/>`),
  lock: icon(svg`<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 018 0v4"/>`),
  link: icon(svg`<path d="M10 13a5 5 0 007.5.5l3-3a5 5 0 00-7-7l-1.7 1.7"/><path d="M14 11a5 5 0 00-7.5-.5l-3 3a5 5 0 007 7l1.7-1.7"/>`),
  unlink: icon(svg`<path d="M10 13a5 5 0 007.5.5l1-1M14 11a5 5 0 00-7.5-.5l-1 1M4 4l16 16"/>`),
  left: icon(svg`<path d="M15 18l-6-6 6-6"/>`),
  right: icon(svg`<path d="M9 18l6-6-6-6"/>`),
  first: icon(svg`<path d="M11 18l-6-6 6-6M18 18l-6-6 6-6"/>`),
  last: icon(svg`<path d="M13 18l6-6-6-6M6 18l6-6-6-6"/>`),
  up: icon(svg`<path d="M6 15l6-6 6 6"/>`),
  down: icon(svg`<path d="M6 9l6 6 6-6"/>`),
  sortAsc: icon(svg`<path d="M12 19V5M6 11l6-6 6 6"/>`),
  sortDesc: icon(svg`<path d="M12 5v14M6 13l6 6 6-6"/>`),
  drag: icon(svg`<path d="M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01"/>`),
  eye: icon(svg`<path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>`),
  eyeOff: icon(svg`<path d="M3 3l18 18M10.6 5.1A10 10 0 0112 5c6.5 0 10 7 10 7a17 17 0 01-3.2 4.1M6.6 6.6C3.8 8.4 2 12 2 12s3.5 7 10 7a9.7 9.7 0 005.4-1.6M9.9 9.9a3 3 0 004.2 4.2"/>`),
  key: icon(svg`<circle cx="7.5" cy="15.5" r="4.5"/><path d="M10.7 12.3L21 2M16 7l3 3M18 5l2 2"/>`),
  search: icon(svg`<circle cx="11" cy="11" r="7"/><path d="M21 21l-4.3-4.3"/>`),
  chevron: icon(svg`<path d="M9 18l6-6-6-6"/>`),
  map: icon(svg`<path d="M12 22s7-6.2 7-12a7 7 0 10-14 0c0 5.8 7 12 7 12z"/><circle cx="12" cy="10" r="2.5"/>`),
  check: icon(svg`<path d="M5 12l5 5 9-10"/>`),
};

/** The icon of a collection type. */
export function typeIcon(type) {
  return ricons[type] || ricons.base;
}

/** Field names PocketBase's dashboard falls back to for naming a record when no field is presentable. */
export const FALLBACK_PRESENTABLE = ['title', 'name', 'slug', 'email', 'username', 'nickname', 'displayName', 'label',
  'subject', 'topic', 'message', 'heading', 'headline', 'header', 'caption', 'key', 'identifier'];

/** The names of the fields that name a record of the collection: its presentable ones, else a usual name, else id. */
export function presentableFields(collection) {
  if (!collection) return ['id'];
  const fields = collection.fields || [];
  const named = fields.filter((f) => f.presentable && !f.hidden && f.type !== 'password').map((f) => f.name);
  if (named.length) return named;
  for (const n of FALLBACK_PRESENTABLE) {
    if (fields.some((f) => f.name === n && !f.hidden)) return [n];
  }
  return ['id'];
}

/** A short text naming a record (its presentable values, or its id). */
export function recordLabel(record, collectionOrFields) {
  if (!record) return '';
  const names = Array.isArray(collectionOrFields) && collectionOrFields.length
    ? collectionOrFields
    : presentableFields(typeof collectionOrFields === 'object' && !Array.isArray(collectionOrFields)
      ? collectionOrFields : collectionsStore.find(record.collectionId || record.collectionName));
  const parts = [];
  for (const n of names) {
    const v = record[n];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) continue;
    if (typeof v === 'object') parts.push(Array.isArray(v) ? v.join(', ') : JSON.stringify(v));
    else parts.push(htmlToText(String(v)));
  }
  return parts.length ? parts.join(' · ') : record.id;
}

// --- files ---------------------------------------------------------------------------------------

const IMAGE_EXT = /\.(png|jpe?g|gif|webp|avif|bmp|svg|ico)$/i;
const THUMB_EXT = /\.(png|jpe?g|gif|webp)$/i;

export function isImage(name) {
  return IMAGE_EXT.test(name || '');
}

let fileToken = { value: '', until: 0, pending: null };

/** A file token for protected files (asked once and reused for two minutes). */
export async function getFileToken() {
  if (fileToken.value && Date.now() < fileToken.until) return fileToken.value;
  if (!fileToken.pending) {
    fileToken.pending = api.send('api/files/token', { method: 'POST' }).then((res) => {
      fileToken = { value: res.token, until: Date.now() + 120_000, pending: null };
      return res.token;
    }).catch((e) => {
      fileToken.pending = null;
      throw e;
    });
  }
  return fileToken.pending;
}

/** The URL of a record's file, its thumbnail when thumb is set and the file is an image that has thumbnails. */
export function fileLink(record, name, { thumb, token } = {}) {
  return api.fileUrl(record, name, { thumb: thumb && THUMB_EXT.test(name) ? thumb : undefined, token: token || undefined });
}

/** A file name without the random suffix PocketBase adds ("photo_a1b2c3d4e5.png" → "photo.png"). */
export function shortFileName(name) {
  return String(name || '').replace(/_[a-z0-9]{10}(\.[^.]+)?$/i, '$1');
}

export function formatBytes(n) {
  if (!n && n !== 0) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

// --- dates ----------------------------------------------------------------------------------------

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** A Date as PocketBase stores dates: "YYYY-MM-DD HH:MM:SS.sssZ" (UTC). */
export function toPbDate(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`;
}

/** A PocketBase date string as a Date (or null). */
export function parsePbDate(value) {
  if (!value) return null;
  const d = new Date(String(value).replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

// --- text and HTML ----------------------------------------------------------------------------------

/** The text of an HTML fragment (parsed inertly: nothing in it runs or loads). */
export function htmlToText(value) {
  const s = String(value ?? '');
  if (!/[<&]/.test(s)) return s;
  const doc = new DOMParser().parseFromString(s, 'text/html');
  return (doc.body.textContent || '').replace(/\s+/g, ' ').trim();
}

const ALLOWED_TAGS = new Set(['P', 'BR', 'B', 'STRONG', 'I', 'EM', 'U', 'S', 'A', 'UL', 'OL', 'LI', 'H1', 'H2', 'H3', 'H4',
  'BLOCKQUOTE', 'PRE', 'CODE', 'SPAN', 'DIV', 'IMG', 'HR', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SUB', 'SUP', 'FIGURE', 'FIGCAPTION']);
const ALLOWED_ATTRS = new Set(['href', 'title', 'src', 'alt', 'target', 'rel', 'colspan', 'rowspan']);

/** Cleans HTML for the rich text editor: known tags and harmless attributes only, no script URLs. */
export function sanitizeHtml(value) {
  const doc = new DOMParser().parseFromString(String(value ?? ''), 'text/html');
  const walk = (node) => {
    for (const child of [...node.children]) {
      if (!ALLOWED_TAGS.has(child.tagName)) {
        if (['SCRIPT', 'STYLE', 'IFRAME', 'OBJECT', 'EMBED', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'MATH'].includes(child.tagName)) {
          child.remove();
        } else {
          walk(child);
          child.replaceWith(...child.childNodes);
        }
        continue;
      }
      for (const attr of [...child.attributes]) {
        const n = attr.name.toLowerCase();
        if (!ALLOWED_ATTRS.has(n) || ((n === 'href' || n === 'src') && /^\s*(javascript|vbscript|data):/i.test(attr.value) && !(n === 'src' && /^\s*data:image\//i.test(attr.value)))) {
          child.removeAttribute(attr.name);
        }
      }
      walk(child);
    }
  };
  walk(doc.body);
  return doc.body.innerHTML;
}

/** Plain words typed in the filter bar become a search over the collection's visible fields, as PocketBase does. */
export function searchFilter(text, collection) {
  const term = String(text || '').trim();
  if (!term) return '';
  if (/[=~<>]/.test(term)) return term;
  const fields = (collection?.fields || [])
    .filter((f) => !f.hidden && ['text', 'editor', 'email', 'url', 'select', 'relation', 'file', 'json', 'number', 'date', 'autodate'].includes(f.type))
    .map((f) => f.name);
  if (!fields.length) return term;
  const plain = Number.isNaN(Number(term)) && term !== 'true' && term !== 'false' ? term.replace(/^["'`]|["'`]$/g, '') : term;
  const quoted = `"${plain.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return fields.map((f) => `${f} ?~ ${quoted}`).join(' || ');
}

// --- export ----------------------------------------------------------------------------------------

/** Records without their expand, ready to export. */
export function plainRecords(records) {
  return records.map((r) => {
    const copy = { ...r };
    delete copy.expand;
    return copy;
  });
}

/** Records as CSV (RFC 4180; lists and objects as JSON). */
export function toCsv(records, columns) {
  const cell = (v) => {
    let s;
    if (v === null || v === undefined) s = '';
    else if (typeof v === 'object') s = JSON.stringify(v);
    else s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map(cell).join(',')];
  for (const r of records) lines.push(columns.map((c) => cell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

// --- misc -----------------------------------------------------------------------------------------


/** Reads and writes JSON in localStorage, ignoring quota and parse errors. */
export const store = {
  get(key, fallback) {
    try {
      const v = JSON.parse(localStorage.getItem(key) ?? 'null');
      return v ?? fallback;
    } catch {
      return fallback;
    }
  },
  set(key, value) {
    try {
      localStorage.setItem(key, JSON.stringify(value));
    } catch {
      // full or disabled storage: the preference is not kept
    }
  },
};
