// A record's history (the record panel's History tab): its changes newest first (GET …/records/{id}/history), each
// with the action, version, who, when, from where and the changed fields, more on demand, and a Restore button that
// writes that version back (POST …/records/{id}/restore, itself a new version).
//
// <c-record-history .collection=${col} .recordId=${id} .record=${the record as loaded}
//   .dirty=${true when the form has unsaved edits} @restored=${(e) => e.detail /* the record as restored */}>
// The list loads again whenever .record changes: the owner loads the record again after a restore (and after a
// change made elsewhere), and the new version then shows.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, confirmDialog, toast, errorText } from '../ui.js';
import { ricons } from './record-util.js';
import { historyStyles, timeTag, actorTag, actionBadge, changesView, clientLine } from './history-view.js';

const PER_PAGE = 20;

class RecordHistory extends LightElement {
  static properties = {
    collection: { attribute: false },
    recordId: { attribute: false },
    record: { attribute: false },
    dirty: { attribute: false },
    items: { state: true },
    total: { state: true },
    page: { state: true },
    totalPages: { state: true },
    loading: { state: true },
    error: { state: true },
    restoring: { state: true },
  };

  constructor() {
    super();
    this.items = [];
    this.total = 0;
    this.page = 0;
    this.totalPages = 0;
    this.loading = false;
    this.error = '';
    this.restoring = 0;
  }

  async scheduleUpdate() {
    await historyStyles;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    this.reload();
  }

  willUpdate(changed) {
    if (changed.has('record') && changed.get('record') !== undefined) this.reload();
  }

  get base() {
    return `api/collections/${encodeURIComponent(this.collection.id)}/records/${encodeURIComponent(this.recordId)}`;
  }

  /** Loads the newest entries again (after a change of the record). */
  reload() {
    return this.load(1);
  }

  async load(page) {
    this.loading = true;
    this.error = '';
    try {
      const res = await api.send(`${this.base}/history`, { query: { page, perPage: PER_PAGE } });
      this.items = page === 1 ? res.items : [...this.items, ...res.items];
      this.page = res.page;
      this.total = res.totalItems;
      this.totalPages = res.totalPages;
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  async restore(entry) {
    const extra = this.dirty ? ' Your unsaved edits in the form are dropped.' : '';
    const ok = await confirmDialog(`Restore version ${entry.version} of this record? Its values are written back as a new version;`
      + ` files, passwords and dates set automatically keep their current values.${extra}`, { confirmText: 'Restore', danger: false });
    if (!ok) return;
    this.restoring = entry.version;
    try {
      const record = await api.send(`${this.base}/restore`, { method: 'POST', body: { version: entry.version } });
      toast(`Version ${entry.version} was restored.`);
      this.dispatchEvent(new CustomEvent('restored', { bubbles: true, detail: record }));
    } catch (e) {
      const fields = Object.entries(e.data || {}).map(([k, v]) => `${k}: ${v?.message || v}`);
      toast([errorText(e), ...fields].filter(Boolean).join(' '), 'error');
    } finally {
      this.restoring = 0;
    }
  }

  renderEntry(entry, current) {
    const restorable = !current && entry.action !== 'delete';
    return html`<li class="hv-entry hv-entry-${entry.action}" data-version=${entry.version}>
      <span class="hv-dot" aria-hidden="true"></span>
      <div class="hv-card">
        <div class="hv-head">
          ${actionBadge(entry.action)}
          <strong class="hv-version">Version ${entry.version}</strong>
          ${current ? html`<span class="badge">current</span>` : nothing}
          <span class="hv-by">by ${actorTag(entry.actor, api.superuser)}</span>
          <span class="grow"></span>
          ${timeTag(entry.created)}
        </div>
        ${clientLine(entry)}
        ${changesView(entry.changes, entry.action)}
        ${restorable ? html`<div class="hv-actions">
          <button type="button" class="btn btn-secondary btn-sm" ?disabled=${!!this.restoring}
            aria-label="Restore version ${entry.version}" @click=${() => this.restore(entry)}>
            ${this.restoring === entry.version ? 'Restoring…' : 'Restore this version'}</button>
        </div>` : nothing}
      </div>
    </li>`;
  }

  render() {
    if (!this.collection || !this.recordId) return nothing;
    const more = this.page < this.totalPages;
    return html`<section class="record-history" aria-label="Record history">
      <div class="hv-toolbar">
        <span class="hint">${this.loading && !this.items.length ? 'Loading the history…'
          : html`<strong>${this.total}</strong> ${this.total === 1 ? 'change' : 'changes'}, newest first`}</span>
        <span class="grow"></span>
        <button type="button" class="btn-icon" aria-label="Reload the history" title="Reload the history" ?disabled=${this.loading}
          @click=${() => this.reload()}>${ricons.refresh}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${!this.loading && !this.error && !this.items.length ? html`<div class="empty">No changes recorded yet: the history starts
        with the first change after it was turned on.</div>` : nothing}
      <ol class="hv-timeline">${this.items.map((e, i) => this.renderEntry(e, i === 0))}</ol>
      ${more ? html`<button type="button" class="btn btn-secondary btn-sm hv-load-more" ?disabled=${this.loading}
        @click=${() => this.load(this.page + 1)}>${this.loading ? 'Loading…' : `Load older changes (${this.total - this.items.length} more)`}</button>` : nothing}
    </section>`;
  }
}
customElements.define('c-record-history', RecordHistory);
