// How the records table shows a value of each field type, compactly: dates short (UTC in the title), bools and
// selects as badges, relations by their related records' presentable fields, files as thumbnails.
import { html, nothing } from 'lit';
import { formatDate, collectionsStore } from '../ui.js';
import { toArray } from './widget-base.js';
import { ricons, htmlToText, isImage, fileLink, recordLabel, presentableFields, shortFileName } from './record-util.js';

const MAX_ITEMS = 3;

const empty = html`<span class="cell-empty">–</span>`;

function more(n) {
  return n > 0 ? html`<span class="chip chip-more">+${n}</span>` : nothing;
}

function truncate(s, n = 120) {
  const t = String(s);
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

/** The cell content of a field of a record. ctx: {token} (a file token for protected files). */
export function renderCell(field, record, ctx = {}) {
  const v = record[field.name];
  switch (field.type) {
    case 'text':
      if (field.primaryKey) return html`<span class="mono cell-id">${v}</span>`;
      return v === '' || v === undefined || v === null ? empty : html`<span class="cell-text">${truncate(v)}</span>`;
    case 'editor': {
      const text = htmlToText(v || '');
      return text ? html`<span class="cell-text">${truncate(text)}</span>` : empty;
    }
    case 'number':
      return v === null || v === undefined ? empty : html`<span class="cell-number">${v}</span>`;
    case 'bool':
      return html`<span class="badge ${v ? 'badge-success' : ''}">${v ? 'true' : 'false'}</span>`;
    case 'email':
      return v ? html`<span class="cell-text">${v}</span>` : empty;
    case 'url':
      return v ? html`<span class="cell-text" title=${v}>${truncate(v, 60)}</span>` : empty;
    case 'date':
    case 'autodate':
      return v ? html`<span class="cell-date" title="${v} (UTC)">${formatDate(v)}</span>` : empty;
    case 'select': {
      const list = toArray(v);
      if (!list.length) return empty;
      return html`<span class="chips cell-chips">${list.slice(0, MAX_ITEMS).map((x) => html`<span class="chip">${x}</span>`)}${more(list.length - MAX_ITEMS)}</span>`;
    }
    case 'json': {
      if (v === null || v === undefined) return empty;
      return html`<span class="mono cell-json">${truncate(JSON.stringify(v), 80)}</span>`;
    }
    case 'geoPoint':
      if (!v || (!v.lat && !v.lon)) return empty;
      return html`<span class="mono cell-geo" title="longitude ${v.lon}, latitude ${v.lat}">${ricons.map}${Number(v.lat).toFixed(4)}, ${Number(v.lon).toFixed(4)}</span>`;
    case 'password':
      return html`<span class="cell-empty">••••••</span>`;
    case 'file': {
      const list = toArray(v);
      if (!list.length) return empty;
      const prot = field.protected;
      return html`<span class="cell-files">${list.slice(0, MAX_ITEMS).map((name) => (isImage(name) && (!prot || ctx.token)
        ? html`<img class="thumb" src=${fileLink(record, name, { thumb: '100x100', token: ctx.token })} alt=${name} title=${name} loading="lazy" width="28" height="28">`
        : html`<span class="chip file-chip" title=${name}>${ricons.file}${truncate(shortFileName(name), 24)}</span>`))}${more(list.length - MAX_ITEMS)}</span>`;
    }
    case 'relation': {
      const ids = toArray(v);
      if (!ids.length) return empty;
      const exp = record.expand?.[field.name];
      const byId = new Map(toArray(exp).map((r) => [r.id, r]));
      const target = collectionsStore.find(field.collectionId);
      const names = presentableFields(target);
      return html`<span class="chips cell-chips">${ids.slice(0, MAX_ITEMS).map((id) => {
        const r = byId.get(id);
        return html`<span class="chip rel-chip" title=${id}>${r ? truncate(recordLabel(r, names), 40) : id}</span>`;
      })}${more(ids.length - MAX_ITEMS)}</span>`;
    }
    default:
      if (v === null || v === undefined || v === '') return empty;
      return html`<span class="cell-text">${truncate(typeof v === 'object' ? JSON.stringify(v) : v)}</span>`;
  }
}

/** Whether the API can sort by a field. */
export function sortable(field) {
  return !['password', 'geoPoint', 'file', 'json'].includes(field.type);
}
