// Audit (#/audit?kind=collections|settings|superusers): the changes Coffer always keeps, from GET /api/audit,
// newest first: collection (schema) changes, settings saves and superuser changes, each with its time, who made it,
// the action, what it changed and, unfolded, the changed keys as old → new.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, collectionsStore, errorText, navigate } from '../ui.js';
import { historyStyles, timeTag, actorTag, actionBadge, changesView, clientLine } from '../components/history-view.js';
import { ricons } from '../components/record-util.js';

const PER_PAGE = 30;
const KINDS = [
  { id: '', label: 'All' },
  { id: 'collections', label: 'Collections' },
  { id: 'settings', label: 'Settings' },
  { id: 'superusers', label: 'Superusers' },
];

/** The value of a key before or after the change (the new one, else the old one). */
const latest = (changes, key) => changes?.[key]?.new ?? changes?.[key]?.old;

class AuditPage extends LightElement {
  static properties = {
    query: { attribute: false },
    items: { state: true },
    page: { state: true },
    totalPages: { state: true },
    total: { state: true },
    loading: { state: true },
    error: { state: true },
    open: { state: true },
  };

  constructor() {
    super();
    this.query = {};
    this.items = [];
    this.page = 0;
    this.totalPages = 0;
    this.total = 0;
    this.error = '';
    this.open = new Set();
    this.loadedKind = undefined;
  }

  async scheduleUpdate() {
    await historyStyles;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    if (!collectionsStore.loaded) collectionsStore.load().then(() => this.requestUpdate()).catch(() => {});
    // the shell keeps the page between visits: show what changed meanwhile
    if (this.loadedKind !== undefined) this.load(1);
  }

  get kind() {
    return KINDS.some((k) => k.id === this.query?.kind) ? this.query.kind : '';
  }

  willUpdate(changed) {
    if (changed.has('query') && this.kind !== this.loadedKind) this.load(1);
  }

  async load(page) {
    const kind = this.kind;
    this.loadedKind = kind;
    this.loading = true;
    this.error = '';
    try {
      const res = await api.send('api/audit', { query: { kind, page, perPage: PER_PAGE } });
      if (kind !== this.kind) return;
      this.items = page === 1 ? res.items : [...this.items, ...res.items];
      if (page === 1) this.open = new Set();
      this.page = res.page;
      this.totalPages = res.totalPages;
      this.total = res.totalItems;
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  toggle(entry) {
    const open = new Set(this.open);
    if (open.has(entry.id)) open.delete(entry.id);
    else open.add(entry.id);
    this.open = open;
  }

  /** What an entry changed: a collection (by name), the settings, or a superuser (by email). */
  what(entry) {
    if (entry.collectionId === '_collections') {
      const current = collectionsStore.find(entry.recordId);
      const name = latest(entry.changes, 'name') || current?.name || entry.recordId;
      return html`<span class="hint">collection</span> ${current && entry.action !== 'delete'
        ? html`<a href="#/collections?collection=${encodeURIComponent(current.id)}">${name}</a>` : html`<strong>${name}</strong>`}`;
    }
    if (entry.collectionId === '_params') return html`<a href="#/settings">settings</a>`;
    const email = latest(entry.changes, 'email');
    return html`<span class="hint">superuser</span> ${entry.action === 'delete' ? html`<strong>${email || entry.recordId}</strong>`
      : html`<a href="#/collections?collection=_superusers&record=${encodeURIComponent(entry.recordId)}" title=${entry.recordId}>${email || entry.recordId}</a>`}`;
  }

  renderRow(entry) {
    const open = this.open.has(entry.id);
    const count = Object.keys(entry.changes || {}).length;
    return html`<tr class="audit-row ${open ? 'open' : ''}" data-entry=${entry.id}>
        <td class="audit-time">${timeTag(entry.created)}</td>
        <td>${actionBadge(entry.action)}</td>
        <td class="audit-what">${this.what(entry)}</td>
        <td class="audit-actor">${actorTag(entry.actor, api.superuser)}</td>
        <td class="audit-toggle"><button type="button" class="btn btn-secondary btn-sm" aria-expanded=${open ? 'true' : 'false'}
          aria-controls="audit-detail-${entry.id}" @click=${() => this.toggle(entry)}>${open ? ricons.up : ricons.down}
          ${count} ${count === 1 ? 'change' : 'changes'}</button></td>
      </tr>
      ${open ? html`<tr class="audit-detail" id="audit-detail-${entry.id}"><td colspan="5">
        ${clientLine(entry)}${changesView(entry.changes, entry.action)}</td></tr>` : nothing}`;
  }

  render() {
    const kind = this.kind;
    return html`<div class="page-single audit-page">
      <header class="content-header">
        <h1>Audit</h1>
        <span class="grow"></span>
        <button type="button" class="btn-icon" aria-label="Refresh" title="Refresh" ?disabled=${this.loading}
          @click=${() => this.load(1)}>${ricons.refresh}</button>
      </header>
      <div class="content-body audit-body">
        <p class="hint audit-intro">Every change of a collection's schema, of the settings and of a superuser, newest first. Records of
          collections that keep history have their own History tab.</p>
        <div class="tabs audit-kinds" role="tablist" aria-label="Kind of change">
          ${KINDS.map((k) => html`<button type="button" class="tab" role="tab" aria-selected=${kind === k.id ? 'true' : 'false'}
            aria-controls="audit-list" @click=${() => navigate(k.id ? `/audit?kind=${k.id}` : '/audit')}>${k.label}</button>`)}
        </div>
        <div id="audit-list" role="tabpanel" aria-label="${KINDS.find((k) => k.id === kind).label} changes">
          <p class="audit-summary hint" aria-live="polite">${this.loading && !this.items.length ? 'Loading…'
            : html`<strong>${this.total}</strong> ${this.total === 1 ? 'entry' : 'entries'}`}</p>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          ${this.items.length ? html`<div class="table-wrap"><table class="audit-table">
            <thead><tr><th scope="col">Time</th><th scope="col">Action</th><th scope="col">What</th><th scope="col">By</th>
              <th scope="col"><span class="sr-only">Changes</span></th></tr></thead>
            <tbody>${this.items.map((e) => this.renderRow(e))}</tbody>
          </table></div>` : !this.loading && !this.error ? html`<div class="empty">Nothing recorded yet.</div>` : nothing}
          ${this.page < this.totalPages ? html`<button type="button" class="btn btn-secondary btn-sm hv-load-more" ?disabled=${this.loading}
            @click=${() => this.load(this.page + 1)}>${this.loading ? 'Loading…' : `Load more (${this.total - this.items.length} more)`}</button>` : nothing}
        </div>
      </div>
    </div>`;
  }
}
customElements.define('c-page-audit', AuditPage);
