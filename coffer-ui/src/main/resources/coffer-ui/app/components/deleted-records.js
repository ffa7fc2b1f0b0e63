// The deleted records of a collection that keeps history: a side panel listing its delete entries
// (GET /api/collections/{c}/history?action=delete, superusers only), newest first, each with the record's last
// values, and a Restore button that creates the record again with its id (POST …/records/{id}/restore with {}).
// A record that exists again (restored, or created with the same id) is marked as such.
//
// <c-deleted-records .collection=${col} @restored=${(e) => e.detail /* the restored record */} @close=${...}>
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, panel, confirmDialog, toast, errorText } from '../ui.js';
import { historyStyles, timeTag, actorTag, changesView, clientLine } from './history-view.js';

const PER_PAGE = 20;

/** Ids that can go into a filter string as they are (the default id pattern and most custom ones). */
const SAFE_ID = /^[\w-]+$/;

class DeletedRecords extends LightElement {
  static properties = {
    collection: { attribute: false },
    items: { state: true },
    existing: { state: true },
    page: { state: true },
    totalPages: { state: true },
    total: { state: true },
    loading: { state: true },
    error: { state: true },
    restoring: { state: true },
  };

  constructor() {
    super();
    this.items = [];
    this.existing = new Set();
    this.page = 0;
    this.totalPages = 0;
    this.total = 0;
    this.error = '';
    this.restoring = '';
  }

  async scheduleUpdate() {
    await historyStyles;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    this.load(1);
  }

  async load(page) {
    this.loading = true;
    this.error = '';
    try {
      const res = await api.send(`api/collections/${encodeURIComponent(this.collection.id)}/history`,
        { query: { action: 'delete', page, perPage: PER_PAGE } });
      this.items = page === 1 ? res.items : [...this.items, ...res.items];
      this.page = res.page;
      this.totalPages = res.totalPages;
      this.total = res.totalItems;
      await this.checkExisting(res.items.map((e) => e.recordId));
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  /** Which of these records exist again (one list request per page of entries). */
  async checkExisting(ids) {
    const safe = [...new Set(ids)].filter((id) => SAFE_ID.test(id));
    if (!safe.length) return;
    const res = await api.records(this.collection.id).list(1, safe.length,
      { filter: safe.map((id) => `id="${id}"`).join('||'), fields: 'id', skipTotal: 1 });
    const existing = new Set(this.existing);
    for (const id of safe) existing.delete(id);
    for (const r of res.items) existing.add(r.id);
    this.existing = existing;
  }

  async restore(entry) {
    if (!(await confirmDialog(`Restore the deleted record ${entry.recordId}? It is created again with its id and its last values`
      + `${this.collection.type === 'auth' ? ' (and a random password, to be reset)' : ''}.`, { confirmText: 'Restore', danger: false }))) return;
    this.restoring = entry.recordId;
    try {
      const record = await api.send(`api/collections/${encodeURIComponent(this.collection.id)}/records/${encodeURIComponent(entry.recordId)}/restore`,
        { method: 'POST', body: {} });
      toast(`The record ${record.id} was restored.`);
      this.existing = new Set([...this.existing, record.id]);
      this.dispatchEvent(new CustomEvent('restored', { detail: record }));
    } catch (e) {
      const fields = Object.entries(e.data || {}).map(([k, v]) => `${k}: ${v?.message || v}`);
      toast([errorText(e), ...fields].filter(Boolean).join(' '), 'error');
    } finally {
      this.restoring = '';
    }
  }

  renderEntry(entry, newest) {
    const exists = this.existing.has(entry.recordId);
    return html`<li class="hv-entry hv-entry-delete dr-entry" data-record=${entry.recordId}>
      <div class="hv-card">
        <div class="hv-head">
          <strong class="mono dr-id">${entry.recordId}</strong>
          ${exists ? html`<span class="badge badge-success">exists again</span>` : nothing}
          <span class="hv-by">deleted by ${actorTag(entry.actor, api.superuser)}</span>
          <span class="grow"></span>
          ${timeTag(entry.created)}
        </div>
        ${clientLine(entry)}
        <details class="dr-values">
          <summary>Last values (${Object.keys(entry.changes || {}).length} fields)</summary>
          ${changesView(entry.changes, 'delete')}
        </details>
        <div class="hv-actions">
          ${exists
            ? html`<a class="btn btn-secondary btn-sm" href="#/collections?collection=${encodeURIComponent(this.collection.id)}&record=${encodeURIComponent(entry.recordId)}"
                @click=${() => this.dispatchEvent(new CustomEvent('close'))}>Open the record</a>`
            : newest ? html`<button type="button" class="btn btn-sm" ?disabled=${!!this.restoring} aria-label="Restore record ${entry.recordId}"
                @click=${() => this.restore(entry)}>${this.restoring === entry.recordId ? 'Restoring…' : 'Restore'}</button>`
              : html`<span class="hint">Deleted again later: restore it from the newest entry.</span>`}
        </div>
      </div>
    </li>`;
  }

  render() {
    if (!this.collection) return nothing;
    const seen = new Set();
    const body = html`
      <p class="hint">Records deleted from ${this.collection.name} while its history was on, newest first.</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.loading && !this.items.length ? html`<div class="empty">Loading…</div>` : nothing}
      ${!this.loading && !this.error && !this.items.length ? html`<div class="empty">No deleted records.</div>` : nothing}
      <ol class="hv-timeline dr-list">${this.items.map((e) => {
        const newest = !seen.has(e.recordId);
        seen.add(e.recordId);
        return this.renderEntry(e, newest);
      })}</ol>
      ${this.page < this.totalPages ? html`<button type="button" class="btn btn-secondary btn-sm hv-load-more" ?disabled=${this.loading}
        @click=${() => this.load(this.page + 1)}>${this.loading ? 'Loading…' : `Load more (${this.total - this.items.length} more)`}</button>` : nothing}`;
    return panel({
      heading: `Deleted records of ${this.collection.name}`,
      body,
      onClose: () => this.dispatchEvent(new CustomEvent('close')),
    });
  }
}
customElements.define('c-deleted-records', DeletedRecords);
