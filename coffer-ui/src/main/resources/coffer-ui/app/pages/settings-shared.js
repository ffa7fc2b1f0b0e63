// Helpers the settings sections (and the logs page) share: a few icons besides ui.js's, JSON copy and dotted-path
// access for form values, the field errors of an ApiError, and byte sizes.
import { html, svg } from 'lit';
import { icons } from '../ui.js';

const icon = (content) => html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none"
  stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${content}</svg>`;

/** Icons the settings sections use (ui.js's where it has them). */
export const settingsIcons = {
  download: icon(svg`<path d="M12 3v12M7 10l5 5 5-5M5 21h14"/>`),
  upload: icon(svg`<path d="M12 16V4M7 9l5-5 5 5M5 21h14"/>`),
  restore: icon(svg`<path d="M3 12a9 9 0 103-6.7L3 8M3 3v5h5"/><path d="M12 8v4l3 2"/>`),
  trash: icons.trash,
  edit: icons.edit,
  file: icon(svg`<path d="M21 8v13H3V8M1 3h22v5H1zM10 12h4"/>`),
  plus: icons.plus,
  refresh: icons.refresh,
  search: icons.search,
};

/** A deep copy of JSON data. */
export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** The value at a dotted path ("meta.appName", "rateLimits.rules.0.label"). */
export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** Sets the value at a dotted path, creating objects on the way. */
export function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (o[k] == null || typeof o[k] !== 'object') o[k] = {};
    o = o[k];
  }
  o[keys[keys.length - 1]] = value;
}

/** The message of a field error at a path of an ApiError's data ({code, message} leaves), or ''. */
export function errorAt(errors, path) {
  const node = getPath(errors || {}, path);
  if (!node || typeof node !== 'object') return '';
  if (typeof node.message === 'string') return node.message;
  // a list of values with errors per entry ({"0": {code, message}})
  return Object.entries(node)
    .filter(([, v]) => v && typeof v.message === 'string')
    .map(([k, v]) => (/^\d+$/.test(k) ? `Entry ${Number(k) + 1}: ${v.message}` : v.message))
    .join(' ');
}

/** True when there is any error at or under a path. */
export function hasErrors(errors, path) {
  const node = path ? getPath(errors || {}, path) : errors;
  if (!node || typeof node !== 'object') return false;
  if (typeof node.message === 'string') return true;
  return Object.values(node).some((v) => hasErrors(v));
}

/** 1536 → "1.5 KB". */
export function formatBytes(n) {
  if (!Number.isFinite(n)) return '';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
