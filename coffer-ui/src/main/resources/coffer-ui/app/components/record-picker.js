// The relation picker: a modal listing the records of a collection, with a search over their presentable
// fields, paging, and picking one or several (up to a maximum).
//
// <c-record-picker .collectionId=${id} .displayFields=${['name']} .selected=${ids} .max=${n}
//   @pick=${(e) => e.detail /* {ids, records: Map id → record} */} @close=${...}>
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, collectionsStore, errorText, debounce, uid } from '../ui.js';
import { presentableFields, recordLabel, ricons } from './record-util.js';

const PER_PAGE = 20;

const quote = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

class RecordPicker extends LightElement {
  static properties = {
    collectionId: { attribute: false },
    displayFields: { attribute: false },
    selected: { attribute: false },
    max: { type: Number },
    items: { state: true },
    page: { state: true },
    total: { state: true },
    loading: { state: true },
    error: { state: true },
    search: { state: true },
    picked: { state: true },
  };

  constructor() {
    super();
    this.items = [];
    this.page = 1;
    this.total = 0;
    this.search = '';
    this.picked = [];
    this.known = new Map();
    this.max = 1;
    this.headingId = uid('picker');
    this.reload = debounce(() => this.load(1), 250);
  }

  get collection() {
    return collectionsStore.find(this.collectionId);
  }

  get fields() {
    return this.displayFields?.length ? this.displayFields : presentableFields(this.collection);
  }

  connectedCallback() {
    super.connectedCallback();
    this.picked = [...(this.selected || [])];
    this.load(1);
  }

  firstUpdated() {
    const d = this.querySelector('dialog');
    d.showModal();
    this.querySelector('input[type=search]')?.focus();
  }

  filter() {
    const term = this.search.trim();
    if (!term) return '';
    const names = [...new Set(['id', ...this.fields])];
    return names.map((n) => `${n} ~ ${quote(term)}`).join(' || ');
  }

  async load(page) {
    this.loading = true;
    this.error = '';
    this.abort?.abort();
    this.abort = new AbortController();
    const { signal } = this.abort;
    const rec = api.records(this.collectionId);
    const filter = this.filter();
    const type = this.collection?.type;
    try {
      const [list, count] = await Promise.all([
        rec.list(page, PER_PAGE, { filter, sort: type === 'view' ? undefined : '-@rowid', skipTotal: 1 }, signal),
        rec.list(1, 1, { filter, fields: 'id' }, signal),
      ]);
      this.items = list.items;
      for (const r of list.items) this.known.set(r.id, r);
      this.page = page;
      this.total = count.totalItems;
    } catch (e) {
      if (e.name !== 'AbortError') this.error = errorText(e);
    } finally {
      if (!signal.aborted) this.loading = false;
    }
  }

  toggle(id) {
    if (this.max <= 1) {
      this.picked = this.picked[0] === id ? [] : [id];
      return;
    }
    this.picked = this.picked.includes(id) ? this.picked.filter((x) => x !== id) : [...this.picked, id];
  }

  close() {
    this.querySelector('dialog')?.close();
  }

  done() {
    this.chosen = true;
    this.dispatchEvent(new CustomEvent('pick', { detail: { ids: [...this.picked], records: this.known } }));
    this.close();
  }

  render() {
    const col = this.collection;
    const pages = Math.max(1, Math.ceil(this.total / PER_PAGE));
    const multi = this.max > 1;
    const full = multi && this.picked.length >= this.max;
    return html`<dialog class="picker-dialog" aria-labelledby=${this.headingId}
      @close=${() => this.dispatchEvent(new CustomEvent('close'))}
      @click=${(e) => { if (e.target.tagName === 'DIALOG') this.close(); }}>
      <div class="picker">
        <header class="picker-header">
          <h2 id=${this.headingId}>Select ${multi ? `up to ${this.max} records` : 'a record'} of ${col?.name || this.collectionId}</h2>
          <button type="button" class="btn-icon" aria-label="Close" @click=${() => this.close()}>${ricons.close}</button>
        </header>
        <div class="picker-search">
          ${ricons.search}
          <input type="search" aria-label="Search records" placeholder="Search by ${['id', ...this.fields].filter((v, i, a) => a.indexOf(v) === i).join(', ')}…"
            .value=${this.search} @input=${(e) => { this.search = e.target.value; this.reload(); }}
            @keydown=${(e) => { if (e.key === 'Enter') { e.preventDefault(); this.load(1); } }}>
        </div>
        <div class="picker-list" role=${multi ? 'group' : 'radiogroup'} aria-label="Records" aria-busy=${this.loading ? 'true' : 'false'}>
          ${this.error ? html`<p class="error">${this.error}</p>` : nothing}
          ${!this.loading && !this.items.length && !this.error ? html`<div class="empty">${this.search ? 'No records match.' : 'The collection has no records.'}</div>` : nothing}
          ${this.items.map((r) => {
            const on = this.picked.includes(r.id);
            return html`<label class="picker-item ${on ? 'on' : ''}">
              <input type=${multi ? 'checkbox' : 'radio'} name="pick" .checked=${on} ?disabled=${full && !on}
                @change=${() => this.toggle(r.id)}>
              <span class="picker-label">${recordLabel(r, this.fields)}</span>
              <span class="mono hint">${r.id}</span>
            </label>`;
          })}
          ${this.loading && !this.items.length ? html`<div class="empty">Loading…</div>` : nothing}
        </div>
        <div class="pager picker-pager">
          <button type="button" class="btn-icon" aria-label="Previous page" ?disabled=${this.page <= 1 || this.loading} @click=${() => this.load(this.page - 1)}>${ricons.left}</button>
          <span>Page ${this.page} of ${pages} · ${this.total} record${this.total === 1 ? '' : 's'}</span>
          <button type="button" class="btn-icon" aria-label="Next page" ?disabled=${this.page >= pages || this.loading} @click=${() => this.load(this.page + 1)}>${ricons.right}</button>
        </div>
        <footer class="picker-footer">
          <span class="grow hint">${this.picked.length} selected${multi ? ` (max ${this.max})` : ''}</span>
          <button type="button" class="btn btn-secondary" @click=${() => this.close()}>Cancel</button>
          <button type="button" class="btn" @click=${() => this.done()}>Set selection</button>
        </footer>
      </div>
    </dialog>`;
  }
}
customElements.define('c-record-picker', RecordPicker);
