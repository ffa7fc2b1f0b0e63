// The records of one collection: the filter bar, the column chooser, the table (sortable headers, compact
// cells, row selection), paging (40 a page; the total is counted apart, cheaply), bulk delete, export and live
// updates over the realtime API.
//
// <c-record-list .collection=${col} .filter=${text} .sort=${'-created'} .page=${1}
//   @query=${(e) => e.detail /* {filter?, sort?, page?} the user asked for */}
//   @open-record=${(e) => e.detail /* record */} @new-record=${...}
//   @remote-change=${(e) => e.detail /* {action, record} from the realtime API */}>
// Methods: saved(record, isNew) and deleted(id) after the record panel changed something.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, confirmDialog, toast, toastError, errorText, download, collectionsStore } from '../ui.js';
import { renderCell, sortable } from './record-cells.js';
import { ricons, searchFilter, presentableFields, getFileToken, plainRecords, toCsv, store } from './record-util.js';
import './filter-input.js';
import './record-menu.js';

export const PER_PAGE = 40;
const DEFAULT_COLUMNS = 7;

class RecordList extends LightElement {
  static properties = {
    collection: { attribute: false },
    filter: {},
    sort: {},
    page: { type: Number },
    records: { state: true },
    loading: { state: true },
    error: { state: true },
    total: { state: true },
    selected: { state: true },
    newCount: { state: true },
    prefs: { state: true },
    token: { state: true },
    draft: { state: true },
  };

  constructor() {
    super();
    this.records = [];
    this.selected = new Map();
    this.total = null;
    this.newCount = 0;
    this.newIds = new Set();
    this.gone = new Set(); // ids already taken off the list
    this.prefs = {};
    this.filter = '';
    this.sort = '';
    this.page = 1;
  }

  connectedCallback() {
    super.connectedCallback();
    this.subscribe();
    // back on the page after a while elsewhere: what changed meanwhile came by no realtime event
    if (this.loadKey && this.collection) this.refresh();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribedTo = '';
    this.abort?.abort();
  }

  get readOnly() {
    return this.collection?.type === 'view';
  }

  /** The fields that can be columns (no passwords or token keys). */
  get fields() {
    const c = this.collection;
    return (c?.fields || []).filter((f) => f.type !== 'password' && !(c.type === 'auth' && f.name === 'tokenKey'));
  }

  /** The columns shown: the saved choice, else id, the presentable fields and the first few others. */
  get columns() {
    const fields = this.fields;
    const pres = new Set(presentableFields(this.collection));
    const defaults = new Set(['id', ...pres]);
    for (const f of fields) {
      if (defaults.size >= DEFAULT_COLUMNS) break;
      if (!f.hidden) defaults.add(f.name);
    }
    return fields.filter((f) => (f.name in this.prefs ? this.prefs[f.name] : defaults.has(f.name)));
  }

  get isDefaultView() {
    return (this.page || 1) === 1 && !this.sort && !this.filter;
  }

  willUpdate(changed) {
    const c = this.collection;
    if (!c) return;
    const colKey = c.id;
    if (colKey !== this.colKey) {
      this.colKey = colKey;
      this.prefs = store.get(`coffer_columns_${c.id}`, {});
      this.selected = new Map();
      this.records = [];
      this.total = null;
      this.draft = this.filter || '';
      this.resetNew();
    }
    if (changed.has('filter')) this.draft = this.filter || '';
    const countKey = `${c.id}|${c.updated}|${this.filter || ''}`;
    if (countKey !== this.countKey) {
      this.countKey = countKey;
      if (changed.has('filter') && changed.get('filter') !== undefined) this.selected = new Map();
      this.count();
    }
    const loadKey = `${countKey}|${this.sort || ''}|${this.page || 1}|${this.expand() || ''}`;
    if (loadKey !== this.loadKey) {
      this.loadKey = loadKey;
      this.load();
    }
    if (this.isConnected) this.subscribe();
  }

  resetNew() {
    this.newCount = 0;
    this.newIds = new Set();
  }

  /** The filter sent to the API (plain words search the text-like fields). */
  apiFilter() {
    return searchFilter(this.filter, this.collection);
  }

  apiSort() {
    if (!this.sort) return this.readOnly ? undefined : '-@rowid';
    // a relation column sorts by the related records' presentable fields, as it shows them
    const m = this.sort.match(/^([+-]?)(\w+)$/);
    const f = m && this.fields.find((x) => x.name === m[2]);
    if (f?.type === 'relation') {
      const names = presentableFields(collectionsStore.find(f.collectionId)).filter((n) => n !== 'id');
      if (names.length) return names.map((n) => `${m[1]}${f.name}.${n}`).join(',');
    }
    return this.sort;
  }

  expand() {
    return this.columns.filter((f) => f.type === 'relation').map((f) => f.name).join(',') || undefined;
  }

  async load() {
    const c = this.collection;
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    this.loading = true;
    this.error = '';
    try {
      if (this.columns.some((f) => f.type === 'file' && f.protected)) {
        this.token = await getFileToken().catch(() => '');
      }
      const res = await api.records(c.id).list(this.page || 1, PER_PAGE, {
        skipTotal: 1, sort: this.apiSort(), filter: this.apiFilter(), expand: this.expand(),
      }, signal);
      this.records = res.items;
      if (this.isDefaultView) this.resetNew();
      // keep the selected records' objects fresh
      for (const r of res.items) if (this.selected.has(r.id)) this.selected.set(r.id, r);
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.records = [];
      this.error = errorText(e);
    } finally {
      if (!signal.aborted) this.loading = false;
    }
  }

  /** Counts the records matching the filter (one id asked for: cheap even for large collections). */
  async count() {
    const c = this.collection;
    const key = this.countKey;
    this.total = null;
    try {
      const res = await api.records(c.id).list(1, 1, { fields: 'id', filter: this.apiFilter() });
      if (key === this.countKey) this.total = res.totalItems;
    } catch (e) {
      if (key === this.countKey) this.total = null;
    }
  }

  refresh() {
    this.resetNew();
    this.count();
    this.load();
  }

  // --- realtime ----------------------------------------------------------------------------------

  subscribe() {
    const c = this.collection;
    const topic = c ? `${c.name}/*` : '';
    if (topic === this.subscribedTo) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.subscribedTo = topic;
    if (!topic) return;
    this.unsubscribe = api.realtime.subscribe(topic, (e) => this.onRealtime(e));
  }

  async withExpand(record) {
    const exp = this.expand();
    if (!exp) return record;
    try {
      return await api.records(this.collection.id).getOne(record.id, { expand: exp });
    } catch {
      return record;
    }
  }

  async onRealtime(e) {
    const { action, record } = e || {};
    if (!record?.id || !this.collection) return;
    if (record.collectionId && record.collectionId !== this.collection.id) return;
    this.dispatchEvent(new CustomEvent('remote-change', { detail: { action, record } }));
    if (action === 'create') await this.added(record, false);
    else if (action === 'update') await this.changed(record);
    else if (action === 'delete') this.removed(record.id);
  }

  async added(record, own) {
    const present = this.records.some((r) => r.id === record.id);
    if (present) {
      await this.changed(record);
      return;
    }
    if (this.isDefaultView) {
      const full = record.expand ? record : await this.withExpand(record);
      if (this.records.some((r) => r.id === full.id)) return;
      this.records = [full, ...this.records].slice(0, PER_PAGE);
      if (this.total !== null) this.total += 1;
      this.newIds.delete(record.id);
      return;
    }
    if (own) {
      if (this.newIds.delete(record.id)) this.newCount = Math.max(0, this.newCount - 1);
      this.refresh();
      return;
    }
    if (!this.newIds.has(record.id)) {
      this.newIds.add(record.id);
      this.newCount += 1;
      if (this.total !== null && !this.filter) this.total += 1;
    }
  }

  async changed(record) {
    const i = this.records.findIndex((r) => r.id === record.id);
    if (i < 0) return;
    const old = this.records[i];
    let next = record;
    if (!record.expand) {
      const rel = this.columns.filter((f) => f.type === 'relation');
      const same = rel.every((f) => JSON.stringify(old[f.name]) === JSON.stringify(record[f.name]));
      next = same ? { ...record, expand: old.expand } : await this.withExpand(record);
    }
    const j = this.records.findIndex((r) => r.id === record.id);
    if (j < 0) return;
    const list = [...this.records];
    list[j] = next;
    this.records = list;
    if (this.selected.has(record.id)) {
      this.selected.set(record.id, next);
      this.selected = new Map(this.selected);
    }
  }

  removed(id) {
    // once per record: a delete made here comes back over the realtime API too
    if (this.gone.has(id)) return;
    this.gone.add(id);
    if (this.gone.size > 1000) this.gone = new Set([...this.gone].slice(-500));
    const present = this.records.some((r) => r.id === id);
    if (present) {
      const full = this.records.length === PER_PAGE;
      this.records = this.records.filter((r) => r.id !== id);
      // a full page lost a row: fill it again from the next one (quietly, once the removals settle)
      if (full && !this.bulk) {
        clearTimeout(this.refillTimer);
        this.refillTimer = setTimeout(() => this.load(), 300);
      }
    }
    if (this.selected.delete(id)) this.selected = new Map(this.selected);
    if (this.newIds.delete(id)) this.newCount = Math.max(0, this.newCount - 1);
    if (this.total !== null && (present || !this.filter)) this.total = Math.max(0, this.total - 1);
  }

  /** After the record panel saved a record. */
  saved(record, isNew) {
    if (isNew) this.added(record, true);
    else this.changed(record);
  }

  /** After the record panel deleted a record. */
  deleted(id) {
    this.removed(id);
  }

  // --- user actions ------------------------------------------------------------------------------

  ask(detail) {
    this.dispatchEvent(new CustomEvent('query', { detail }));
  }

  sortBy(f) {
    const next = this.sort === `-${f.name}` ? f.name : `-${f.name}`;
    this.ask({ sort: next, page: 1 });
  }

  toggleColumn(name, on) {
    this.prefs = { ...this.prefs, [name]: on };
    store.set(`coffer_columns_${this.collection.id}`, this.prefs);
  }

  resetColumns() {
    this.prefs = {};
    store.set(`coffer_columns_${this.collection.id}`, {});
  }

  toggleRow(r, on) {
    const m = new Map(this.selected);
    if (on) m.set(r.id, r);
    else m.delete(r.id);
    this.selected = m;
  }

  toggleAll(on) {
    const m = new Map(this.selected);
    for (const r of this.records) {
      if (on) m.set(r.id, r);
      else m.delete(r.id);
    }
    this.selected = m;
  }

  async deleteSelected() {
    const ids = [...this.selected.keys()];
    if (!ids.length) return;
    const n = ids.length;
    if (!(await confirmDialog(`Delete ${n} selected record${n === 1 ? '' : 's'} of ${this.collection.name}? This can't be undone.`, { confirmText: `Delete ${n}` }))) return;
    let done = 0;
    const failed = [];
    this.bulk = true;
    for (let i = 0; i < ids.length; i += 10) {
      const chunk = ids.slice(i, i + 10);
      const results = await Promise.allSettled(chunk.map((id) => api.records(this.collection.id).delete(id)));
      results.forEach((r, j) => {
        if (r.status === 'fulfilled') {
          done++;
          this.removed(chunk[j]);
        } else {
          failed.push(r.reason);
        }
      });
    }
    this.bulk = false;
    if (done) toast(`Deleted ${done} record${done === 1 ? '' : 's'}.`);
    if (failed.length) toastError(failed[0]);
    if (!this.records.length && (this.page || 1) > 1) this.ask({ page: this.page - 1 });
    else this.refresh();
  }

  exportRecords(kind) {
    const c = this.collection;
    const sel = this.selected.size > 0;
    const list = plainRecords(sel ? [...this.selected.values()] : this.records);
    if (!list.length) {
      toast('There are no records to export.', 'info');
      return;
    }
    const what = sel ? `${list.length}_selected` : `page${this.page || 1}`;
    if (kind === 'csv') {
      const cols = ['collectionId', 'collectionName', ...this.fields.map((f) => f.name)];
      download(`${c.name}_${what}.csv`, toCsv(list, [...new Set(cols)]), 'text/csv');
    } else {
      download(`${c.name}_${what}.json`, JSON.stringify(list, null, 2), 'application/json');
    }
  }

  // --- rendering ---------------------------------------------------------------------------------

  renderToolbar() {
    const c = this.collection;
    const total = this.total;
    return html`<div class="records-toolbar">
      <c-filter-input class="records-filter" label="Filter records" .collection=${c} .collections=${collectionsStore.items}
        placeholder="Search or filter, e.g. title ~ 'abc' && created > @todayStart" .value=${this.draft || ''}
        @input=${(e) => { this.draft = e.detail; }}
        @change=${(e) => {
          // Enter (or clearing) applies the filter; leaving the input keeps the text for later
          if (e.reason !== 'blur' && (e.detail || '') !== (this.filter || '')) this.ask({ filter: e.detail, page: 1 });
        }}></c-filter-input>
      <div class="records-toolbar-actions">
        <span class="records-count" aria-live="polite">${total === null ? '…' : total.toLocaleString()} record${total === 1 ? '' : 's'}${this.filter ? ' matching' : ''}</span>
        <c-record-menu label="Columns" text="Columns" .icon=${ricons.columns} .content=${() => html`
          <div class="columns-menu" role="group" aria-label="Columns">
            ${this.fields.map((f) => {
              const on = this.columns.includes(f);
              return html`<label class="check menu-check"><input type="checkbox" .checked=${on}
                @change=${(e) => this.toggleColumn(f.name, e.target.checked)}><span>${f.name}</span><span class="hint">${f.type}</span></label>`;
            })}
            <button type="button" class="btn btn-link btn-sm" @click=${() => this.resetColumns()}>Default columns</button>
          </div>`}></c-record-menu>
        <c-record-menu label="Export" text="Export" .icon=${ricons.download} .content=${() => html`
          <div role="menu" aria-label="Export">
            <button type="button" role="menuitem" @click=${() => this.exportRecords('json')}>Export ${this.selected.size ? `${this.selected.size} selected` : 'this page'} as JSON</button>
            <button type="button" role="menuitem" @click=${() => this.exportRecords('csv')}>Export ${this.selected.size ? `${this.selected.size} selected` : 'this page'} as CSV</button>
          </div>`}></c-record-menu>
      </div>
    </div>`;
  }

  renderBulk() {
    const n = this.selected.size;
    if (!n) return nothing;
    return html`<div class="bulk-bar" role="region" aria-label="Selected records">
      <strong>${n} selected</strong>
      <button type="button" class="btn btn-link btn-sm" @click=${() => { this.selected = new Map(); }}>Clear selection</button>
      <span class="grow"></span>
      ${this.readOnly ? nothing : html`<button type="button" class="btn btn-danger btn-sm" @click=${() => this.deleteSelected()}>${ricons.trash} Delete selected</button>`}
    </div>`;
  }

  renderHead(cols) {
    const allOn = this.records.length > 0 && this.records.every((r) => this.selected.has(r.id));
    const someOn = this.records.some((r) => this.selected.has(r.id));
    return html`<thead><tr>
      <th class="col-check"><input type="checkbox" aria-label="Select all records of this page" .checked=${allOn}
        .indeterminate=${someOn && !allOn} ?disabled=${!this.records.length} @change=${(e) => this.toggleAll(e.target.checked)}></th>
      ${cols.map((f) => {
        const dir = this.sort === f.name ? 'ascending' : this.sort === `-${f.name}` ? 'descending' : '';
        return html`<th class="col-${f.type}" aria-sort=${dir || 'none'}>
          ${sortable(f) ? html`<button type="button" title="Sort by ${f.name}" @click=${() => this.sortBy(f)}>${f.name}${dir === 'ascending'
            ? ricons.sortAsc : dir === 'descending' ? ricons.sortDesc : nothing}</button>` : f.name}</th>`;
      })}
    </tr></thead>`;
  }

  renderRow(r, cols) {
    const on = this.selected.has(r.id);
    const open = () => this.dispatchEvent(new CustomEvent('open-record', { detail: r }));
    return html`<tr class="clickable ${on ? 'selected' : ''}" tabindex="0" data-id=${r.id} aria-selected=${on ? 'true' : 'false'}
      @click=${open} @keydown=${(e) => {
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter') open();
        else if (e.key === ' ') {
          e.preventDefault();
          this.toggleRow(r, !on);
        }
      }}>
      <td class="col-check" @click=${(e) => e.stopPropagation()}><input type="checkbox" aria-label="Select record ${r.id}" .checked=${on}
        @change=${(e) => this.toggleRow(r, e.target.checked)}></td>
      ${cols.map((f) => html`<td class="col-${f.type}">${renderCell(f, r, { token: this.token })}</td>`)}
    </tr>`;
  }

  renderPager() {
    const page = this.page || 1;
    const total = this.total;
    const pages = total === null ? null : Math.max(1, Math.ceil(total / PER_PAGE));
    const hasNext = pages === null ? this.records.length === PER_PAGE : page < pages;
    const from = this.records.length ? (page - 1) * PER_PAGE + 1 : 0;
    const to = (page - 1) * PER_PAGE + this.records.length;
    if (page === 1 && !hasNext) return nothing;
    return html`<nav class="pager records-pager" aria-label="Pages">
      <button type="button" class="btn-icon" aria-label="First page" ?disabled=${page <= 1} @click=${() => this.ask({ page: 1 })}>${ricons.first}</button>
      <button type="button" class="btn-icon" aria-label="Previous page" ?disabled=${page <= 1} @click=${() => this.ask({ page: page - 1 })}>${ricons.left}</button>
      <span>Page
        <input class="page-input" type="number" min="1" max=${pages ?? nothing} aria-label="Page number" .value=${String(page)}
          @change=${(e) => {
            const p = Math.max(1, Math.min(pages || 1e9, Number(e.target.value) || 1));
            this.ask({ page: p });
          }}>
        ${pages ? html`of ${pages}` : nothing}</span>
      <button type="button" class="btn-icon" aria-label="Next page" ?disabled=${!hasNext} @click=${() => this.ask({ page: page + 1 })}>${ricons.right}</button>
      ${pages ? html`<button type="button" class="btn-icon" aria-label="Last page" ?disabled=${page >= pages} @click=${() => this.ask({ page: pages })}>${ricons.last}</button>` : nothing}
      <span class="hint">${from}–${to}${total !== null ? ` of ${total.toLocaleString()}` : ''}</span>
    </nav>`;
  }

  renderEmpty() {
    if (this.filter) {
      return html`<div class="empty"><p>No records match the filter.</p>
        <button type="button" class="btn btn-secondary" @click=${() => this.ask({ filter: '', page: 1 })}>Clear the filter</button></div>`;
    }
    if ((this.page || 1) > 1) {
      return html`<div class="empty"><p>This page is empty.</p>
        <button type="button" class="btn btn-secondary" @click=${() => this.ask({ page: 1 })}>Go to the first page</button></div>`;
    }
    return html`<div class="empty"><p>${this.readOnly ? 'The view has no records.' : 'No records yet.'}</p>
      ${this.readOnly ? nothing : html`<button type="button" class="btn" @click=${() => this.dispatchEvent(new CustomEvent('new-record'))}>${ricons.plus} New record</button>`}</div>`;
  }

  render() {
    const c = this.collection;
    if (!c) return nothing;
    const cols = this.columns;
    return html`
      ${this.renderToolbar()}
      ${this.newCount ? html`<div class="notice live-notice" role="status">${this.newCount} new record${this.newCount === 1 ? '' : 's'}
        <button type="button" class="btn btn-link btn-sm" @click=${() => this.refresh()}>Refresh</button></div>` : nothing}
      ${this.renderBulk()}
      ${this.error ? html`<div class="notice notice-danger" role="alert">${this.error}
        <button type="button" class="btn btn-link btn-sm" @click=${() => this.refresh()}>Retry</button></div>` : nothing}
      <div class="table-wrap records-table ${this.loading ? 'is-loading' : ''}" aria-busy=${this.loading ? 'true' : 'false'}>
        <table>
          ${this.renderHead(cols)}
          <tbody>
            ${this.records.map((r) => this.renderRow(r, cols))}
          </tbody>
        </table>
        ${this.loading && !this.records.length ? html`<div class="empty loading-rows">Loading records…</div>` : nothing}
        ${!this.loading && !this.error && !this.records.length ? this.renderEmpty() : nothing}
      </div>
      ${this.renderPager()}`;
  }
}
customElements.define('c-record-list', RecordList);
