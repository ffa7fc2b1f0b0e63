// The pieces that show record history and audit entries (a record's History tab, the deleted records, the Audit
// page): the time (relative, the exact time on hover), who made the change, the action, and the changed fields as
// old → new, long values cut short with a button that shows them whole, {"changed": true} (secrets) as "changed".
import { html, nothing } from 'lit';
import { LightElement, formatDate, stylesheet } from '../ui.js';

/** The history pages' stylesheet (resolves once loaded; a page can wait for it before its first render). */
export const historyStyles = stylesheet(new URL('../pages/audit.js', import.meta.url).href, 'history.css');

const UNITS = [['year', 31536000], ['month', 2592000], ['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60]];
const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** The Date of an API time ("2024-01-02 03:04:05.678Z"), or null. */
export function parseTime(value) {
  const d = new Date(String(value || '').replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "just now", "5 minutes ago", "yesterday", … */
export function relativeTime(value, now = Date.now()) {
  const d = parseTime(value);
  if (!d) return String(value || '');
  const s = (d.getTime() - now) / 1000;
  if (Math.abs(s) < 45) return 'just now';
  for (const [unit, secs] of UNITS) {
    if (Math.abs(s) >= secs * 0.95) return rtf.format(Math.round(s / secs), unit);
  }
  return rtf.format(Math.round(s / 60), 'minute');
}

/** A <time>: relative, with the local date and time (and the stored UTC value) as its title. */
export function timeTag(value) {
  return html`<time class="hv-time" datetime=${String(value || '').replace(' ', 'T')}
    title="${formatDate(value)} (${value} UTC)">${relativeTime(value)}</time>`;
}

const ACTIONS = { create: ['Created', 'badge-success'], update: ['Updated', 'badge-primary'], delete: ['Deleted', 'badge-danger'] };

/** The action as a coloured badge. */
export function actionBadge(action) {
  const [label, cls] = ACTIONS[action] || [action, ''];
  return html`<span class="badge hv-action ${cls}">${label}</span>`;
}

/**
 * Who made a change: "users/ID" and "_superusers/ID" link to that record (the logged-in superuser is "you"),
 * "guest" and "system" are plain words.
 */
export function actorTag(actor, me = null) {
  const a = String(actor || '');
  const slash = a.indexOf('/');
  if (slash <= 0) return html`<span class="hv-actor">${a === 'system' ? 'System' : a === 'guest' ? 'Guest' : a || 'Unknown'}</span>`;
  const collection = a.slice(0, slash);
  const id = a.slice(slash + 1);
  const you = me && collection === '_superusers' && id === me.id;
  const href = `#/collections?collection=${encodeURIComponent(collection)}&record=${encodeURIComponent(id)}`;
  return html`<a class="hv-actor" href=${href} title=${a}>${you ? `you (${me.email})` : html`<span class="hv-actor-col">${collection}/</span><span class="mono">${id}</span>`}</a>`;
}

const isEmpty = (v) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);
const isPlainList = (v) => Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');

/** One value of a change: empty, a list of chips, or text (JSON for objects) cut at `limit` characters. */
class HistoryValue extends LightElement {
  static properties = { value: { attribute: false }, limit: { type: Number }, open: { state: true } };

  constructor() {
    super();
    this.limit = 80;
    this.open = false;
  }

  toggle() {
    return html`<button type="button" class="btn-link hv-more" aria-expanded=${this.open ? 'true' : 'false'}
      @click=${() => { this.open = !this.open; }}>${this.open ? 'less' : 'more'}</button>`;
  }

  render() {
    const v = this.value;
    if (isEmpty(v)) return html`<span class="hv-empty">empty</span>`;
    if (isPlainList(v)) {
      const shown = this.open ? v : v.slice(0, 6);
      return html`<span class="hv-list">${shown.map((x) => html`<span class="chip">${String(x)}</span>`)}${v.length > 6 ? this.toggle() : nothing}</span>`;
    }
    if (typeof v === 'object') {
      const text = JSON.stringify(v);
      if (text.length <= this.limit) return html`<code class="hv-json">${text}</code>`;
      return this.open
        ? html`<pre class="hv-json hv-full">${JSON.stringify(v, null, 2)}</pre>${this.toggle()}`
        : html`<code class="hv-json">${text.slice(0, this.limit)}…</code>${this.toggle()}`;
    }
    const text = String(v);
    if (text.length <= this.limit) return html`<span class="hv-text">${text}</span>`;
    return this.open
      ? html`<span class="hv-text hv-full">${text}</span>${this.toggle()}`
      : html`<span class="hv-text">${text.slice(0, this.limit)}…</span>${this.toggle()}`;
  }
}
customElements.define('c-history-value', HistoryValue);

const value = (v) => html`<c-history-value .value=${v}></c-history-value>`;

/** A value marked as removed (del) or added (ins); an empty one stays plain. */
const marked = (tag, v) => {
  if (isEmpty(v)) return html`<span class="hv-empty">empty</span>`;
  return tag === 'del' ? html`<del class="hv-old">${value(v)}</del>` : html`<ins class="hv-new">${value(v)}</ins>`;
};

const short = (v) => {
  const text = v === undefined ? 'unset' : JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
};

/** The keys of two objects whose values differ, as "key old → new". */
function keyChanges(before, after) {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => html`<span class="hv-key">${k} <code>${short(before[k])}</code> → <code>${short(after[k])}</code></span>`);
}

/** For lists of named objects (a collection's fields): which were added and removed, and what changed in the others. */
function namedListSummary(old, now) {
  const named = (v) => Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && typeof x.name === 'string');
  if (!(named(old) || named(now)) || !(Array.isArray(old) || old == null) || !(Array.isArray(now) || now == null)) return nothing;
  const key = (x) => x.id || x.name;
  const before = new Map((old || []).map((x) => [key(x), x]));
  const after = new Map((now || []).map((x) => [key(x), x]));
  const added = [...after.keys()].filter((k) => !before.has(k)).map((k) => after.get(k).name);
  const removed = [...before.keys()].filter((k) => !after.has(k)).map((k) => before.get(k).name);
  const changed = [...after.keys()].filter((k) => before.has(k) && JSON.stringify(before.get(k)) !== JSON.stringify(after.get(k)));
  if (!added.length && !removed.length && !changed.length) return nothing;
  const names = (list) => list.map((n) => html`<code>${n}</code> `);
  return html`<ul class="hv-summary">
    ${added.length ? html`<li class="hv-add">added ${names(added)}</li>` : nothing}
    ${removed.length ? html`<li class="hv-del">removed ${names(removed)}</li>` : nothing}
    ${changed.map((k) => html`<li>changed <code>${after.get(k).name}</code>: ${keyChanges(before.get(k), after.get(k))}</li>`)}
  </ul>`;
}

/**
 * The changed fields of an entry: a create shows the new values, a delete the last ones, an update old → new.
 * changes: {field: {old, new}} or {field: {changed: true}}.
 */
export function changesView(changes, action) {
  const rows = Object.entries(changes || {});
  if (!rows.length) return html`<p class="hint hv-none">No field changes recorded.</p>`;
  return html`<dl class="hv-diff">${rows.map(([field, ch]) => html`
    <div class="hv-row" data-field=${field}>
      <dt class="mono">${field}</dt>
      <dd>${ch && ch.changed === true && !('old' in ch) ? html`<span class="badge hv-changed">changed</span>`
        : action === 'create' ? marked('ins', ch?.new)
        : action === 'delete' ? html`<span class="hv-last">${value(ch?.old)}</span>`
        : html`${namedListSummary(ch?.old, ch?.new)}<span class="hv-change">${marked('del', ch?.old)}
            <span class="hv-arrow" aria-hidden="true">→</span><span class="sr-only">changed to</span>${marked('ins', ch?.new)}</span>`}</dd>
    </div>`)}</dl>`;
}

/** The client of a change (superusers see it): IP and user agent. */
export function clientLine(entry) {
  if (!entry.ip && !entry.userAgent) return nothing;
  return html`<span class="hv-client" title=${entry.userAgent || ''}>${entry.ip ? html`<span class="mono">${entry.ip}</span>` : nothing}${entry.ip && entry.userAgent ? ' · ' : ''}${entry.userAgent || ''}</span>`;
}
