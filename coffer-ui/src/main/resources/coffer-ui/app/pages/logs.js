// Logs: requests per hour (an SVG chart of /api/logs/stats, logs-chart.js), the list with a filter, a log's
// details and the logs settings (logs-panels.js). The filter and the open log are kept in the route's query
// (#/logs?filter=…&logId=…).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, toast, errorText, formatDate, stylesheet } from '../ui.js';
import { HOUR, ICONS, apiDate, dayText, hourText, levelClass, levelLabel, formatMs } from './logs-shared.js';
import { renderChart } from './logs-chart.js';
import { logDetail } from './logs-panels.js';

stylesheet(import.meta.url, 'logs.css');

const PER_PAGE = 50;
const SUPERUSERS_KEY = 'coffer_logs_superusers';
const QUICK = [
  { label: 'Errors', filter: 'level >= 8' },
  { label: 'Warnings and errors', filter: 'level >= 4' },
  { label: 'Failed requests (4xx, 5xx)', filter: 'data.status >= 400' },
  { label: 'Server errors (5xx)', filter: 'data.status >= 500' },
  { label: 'Slow requests (over 1 s)', filter: 'data.execTime > 1000' },
];

/** A search term becomes a filter over level, message and data; a filter expression is kept as it is. */
export function normalizeFilter(term) {
  const t = (term || '').trim();
  if (!t) return '';
  if (/[=~<>]/.test(t)) return t;
  const v = t.replace(/^["'`]|["'`]$/g, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `level ~ "${v}" || message ~ "${v}" || data ~ "${v}"`;
}

class LogsPage extends LightElement {
  static properties = {
    query: {},
    draft: { state: true },
    filter: { state: true },
    filterError: { state: true },
    includeSuperusers: { state: true },
    sortAsc: { state: true },
    zoom: { state: true },
    stats: { state: true },
    statsLoading: { state: true },
    items: { state: true },
    listLoading: { state: true },
    hasMore: { state: true },
    active: { state: true },
    settingsOpen: { state: true },
    chartWidth: { state: true },
    hover: { state: true },
  };

  constructor() {
    super();
    this.query = {};
    this.filter = '';
    this.draft = '';
    this.filterError = '';
    this.includeSuperusers = localStorage.getItem(SUPERUSERS_KEY) === '1';
    this.sortAsc = false;
    this.zoom = null;
    this.stats = [];
    this.statsLoading = false;
    this.items = [];
    this.listLoading = false;
    this.hasMore = false;
    this.page = 1;
    this.active = null;
    this.settingsOpen = false;
    this.chartWidth = 800;
    this.hover = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.resizer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0].contentRect.width);
      if (w > 0 && Math.abs(w - this.chartWidth) > 2) this.chartWidth = w;
    });
    this.updateComplete.then(() => {
      const el = this.querySelector('.logs-chart');
      if (el) this.resizer.observe(el);
    });
    if (this.loadedOnce) this.refresh();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.listCtrl?.abort();
    this.statsCtrl?.abort();
  }

  willUpdate(changed) {
    if (changed.has('query')) {
      const q = this.query || {};
      const filter = q.filter || '';
      if (filter !== this.filter || !this.loadedOnce) {
        this.filter = filter;
        this.draft = filter;
        this.zoom = null;
        this.loadedOnce = true;
        this.refresh();
      }
      if (q.logId && q.logId !== this.active?.id) this.openLog(q.logId);
      if (!q.logId && this.active) this.active = null;
    }
  }

  /** Keeps the filter and the open log in the address without a new history entry. */
  syncUrl() {
    const params = new URLSearchParams();
    if (this.filter) params.set('filter', this.filter);
    if (this.active?.id) params.set('logId', this.active.id);
    const hash = `#/logs${params.toString() ? `?${params}` : ''}`;
    if (location.hash !== hash) history.replaceState(history.state, '', hash);
  }

  buildFilter({ zoom = true } = {}) {
    const parts = [];
    if (!this.includeSuperusers) parts.push('data.auth != "_superusers"');
    const f = normalizeFilter(this.filter);
    if (f) parts.push(f);
    if (zoom && this.zoom != null) parts.push(`created >= "${apiDate(this.zoom)}" && created < "${apiDate(this.zoom + HOUR)}"`);
    return parts.map((p) => `(${p})`).join(' && ');
  }

  refresh() {
    this.loadStats();
    this.loadList();
  }

  applyFilter(value) {
    this.filter = (value ?? this.draft).trim();
    this.draft = this.filter;
    this.zoom = null;
    this.syncUrl();
    this.refresh();
  }

  async loadStats() {
    this.statsCtrl?.abort();
    const ctrl = new AbortController();
    this.statsCtrl = ctrl;
    this.statsLoading = true;
    try {
      this.stats = await api.send('api/logs/stats', { query: { filter: this.buildFilter({ zoom: false }) }, signal: ctrl.signal });
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.stats = [];
    } finally {
      if (this.statsCtrl === ctrl) this.statsLoading = false;
    }
  }

  async loadList(more = false) {
    this.listCtrl?.abort();
    const ctrl = new AbortController();
    this.listCtrl = ctrl;
    this.listLoading = true;
    const page = more ? this.page + 1 : 1;
    let filter = this.buildFilter();
    // newer logs written while paging would shift the pages: page on from the newest log of the first page
    if (more && !this.sortAsc && this.newest) filter = [filter, `created <= "${this.newest}"`].filter(Boolean).map((p) => `(${p})`).join(' && ');
    try {
      const res = await api.send('api/logs', {
        query: { page, perPage: PER_PAGE, filter, sort: this.sortAsc ? 'created,@rowid' : '-created,-@rowid', skipTotal: 1 },
        signal: ctrl.signal,
      });
      this.page = page;
      this.items = more ? [...this.items, ...res.items] : res.items;
      if (!more) this.newest = res.items[0]?.created || '';
      this.hasMore = res.items.length >= PER_PAGE;
      this.filterError = '';
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e.status === 400 && !more) {
        this.items = [];
        this.hasMore = false;
        this.filterError = `The filter is not valid: ${e.message}`;
      } else {
        toast(errorText(e), 'error');
      }
    } finally {
      if (this.listCtrl === ctrl) this.listLoading = false;
    }
  }

  async openLog(idOrLog) {
    if (typeof idOrLog === 'object') {
      this.active = idOrLog;
      this.syncUrl();
      this.focusPanel();
      return;
    }
    this.active = { id: idOrLog, loading: true };
    this.focusPanel();
    try {
      this.active = await api.send(`api/logs/${encodeURIComponent(idOrLog)}`);
    } catch (e) {
      this.active = null;
      toast(e.status === 404 ? 'That log no longer exists.' : errorText(e), 'error');
    }
    this.syncUrl();
  }

  /** Moves the focus into the details panel (its close button), so Esc and Tab work from there. */
  focusPanel() {
    this.updateComplete.then(() => this.querySelector('.panel .panel-header .btn-icon')?.focus());
  }

  closeLog() {
    const id = this.active?.id;
    this.active = null;
    this.syncUrl();
    this.updateComplete.then(() => this.querySelector(`tr[data-id="${id}"]`)?.focus());
  }

  setIncludeSuperusers(on) {
    this.includeSuperusers = on;
    localStorage.setItem(SUPERUSERS_KEY, on ? '1' : '0');
    this.refresh();
  }

  setZoom(ms) {
    this.zoom = this.zoom === ms ? null : ms;
    this.loadList();
  }

  get total() {
    return this.stats.reduce((n, s) => n + s.total, 0);
  }

  // --- list --------------------------------------------------------------------------------------

  renderRow(log) {
    const d = log.data || {};
    const isRequest = d.type === 'request';
    const extra = isRequest ? [] : Object.keys(d).filter((k) => !['error', 'details', '__pb_truncated__'].includes(k)).slice(0, 4);
    const status = Number(d.status);
    return html`<tr class="clickable ${this.active?.id === log.id ? 'selected' : ''}" tabindex="0" data-id=${log.id}
      @click=${() => this.openLog(log)}
      @keydown=${(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.openLog(log); } }}>
      <td class="col-time" title=${log.created}>${formatDate(log.created)}</td>
      <td class="col-level"><span class="level ${levelClass(log.level)}">${levelLabel(log.level)}</span></td>
      <td class="col-message">
        <div class="msg">${isRequest && d.method ? html`<span class="method">${d.method}</span> <span class="url">${d.url ?? log.message}</span>` : log.message}</div>
        ${d.error ? html`<div class="log-error">${typeof d.error === 'string' ? d.error : JSON.stringify(d.error)}</div>` : nothing}
        ${extra.length ? html`<div class="log-meta">${extra.map((k) => html`<span class="chip">${k}: ${this.short(d[k])}</span>`)}</div>` : nothing}
      </td>
      <td class="col-status">${isRequest ? html`<span class="badge ${status >= 500 ? 'badge-danger' : status >= 400 ? 'badge-warn' : 'badge-success'}">${d.status}</span>` : nothing}</td>
      <td class="col-exec">${isRequest ? formatMs(d.execTime) : nothing}</td>
      <td class="col-auth">${d.auth ? html`<span class="chip">${d.auth}</span>` : isRequest ? html`<span class="hint">guest</span>` : nothing}</td>
      <td class="col-ip mono">${d.userIP || ''}</td>
    </tr>`;
  }

  short(v) {
    const s = typeof v === 'string' ? v : JSON.stringify(v);
    return s && s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }

  renderList() {
    return html`<div class="table-wrap logs-table-wrap">
      <table class="logs-table" aria-busy=${this.listLoading ? 'true' : 'false'}>
        <thead><tr>
          <th class="col-time"><button type="button" @click=${() => { this.sortAsc = !this.sortAsc; this.loadList(); }}
            aria-label="Time, ${this.sortAsc ? 'oldest first' : 'newest first'}: change the order">Time ${this.sortAsc ? ICONS.sortUp : ICONS.sortDown}</button></th>
          <th class="col-level">Level</th>
          <th class="col-message">Message</th>
          <th class="col-status">Status</th>
          <th class="col-exec">Duration</th>
          <th class="col-auth">Auth</th>
          <th class="col-ip">IP</th>
        </tr></thead>
        <tbody>
          ${this.items.map((log) => this.renderRow(log))}
          ${!this.items.length ? html`<tr><td colspan="7" class="empty">${this.listLoading ? html`<span role="status">Loading logs…</span>`
            : this.filterError ? 'No logs: fix the filter.' : html`No logs found.
            ${this.filter || this.zoom != null ? html`<button type="button" class="btn btn-secondary btn-sm" @click=${() => this.applyFilter('')}>Clear the filter</button>` : nothing}`}</td></tr>` : nothing}
        </tbody>
      </table>
    </div>
    ${this.hasMore ? html`<div class="pager"><button type="button" class="btn btn-secondary" ?disabled=${this.listLoading}
      @click=${() => this.loadList(true)}>${this.listLoading ? 'Loading…' : this.sortAsc ? 'Load newer' : 'Load older'}</button></div>` : nothing}`;
  }

  render() {
    return html`<div class="page-single logs-page">
      <header class="content-header">
        <h1>Logs</h1>
        <span class="grow"></span>
        <button type="button" class="btn-icon" aria-label="Logs settings" title="Logs settings" @click=${() => { this.settingsOpen = true; }}>${ICONS.gear}</button>
        <button type="button" class="btn-icon ${this.listLoading || this.statsLoading ? 'spinning' : ''}" aria-label="Refresh" title="Refresh" @click=${() => this.refresh()}>${ICONS.refresh}</button>
      </header>
      <div class="content-body logs-body">
        ${renderChart(this)}
        <form class="logs-filter" role="search" @submit=${(e) => { e.preventDefault(); this.applyFilter(); }}>
          <div class="filter-input ${this.filterError ? 'invalid' : ''}">
            ${ICONS.search}
            <input type="text" name="filter" aria-label="Filter logs" autocomplete="off" spellcheck="false"
              placeholder='Search or filter, e.g. data.status >= 400 && data.url ~ "/api/"'
              .value=${this.draft} @input=${(e) => { this.draft = e.target.value; }}
              @keydown=${(e) => { if (e.key === 'Escape' && this.draft) { e.stopPropagation(); this.draft = ''; this.applyFilter(''); } }}>
            ${this.draft || this.filter ? html`<button type="button" class="btn-icon" aria-label="Clear the filter" @click=${() => this.applyFilter('')}>${ICONS.x}</button>` : nothing}
            <button type="submit" class="btn btn-sm" ?hidden=${this.draft.trim() === this.filter}>Apply</button>
          </div>
          ${this.filterError ? html`<p class="field-error" role="alert">${this.filterError}</p>` : nothing}
          <div class="filter-row">
            <div class="quick-filters" role="group" aria-label="Quick filters">
              ${QUICK.map((q) => html`<button type="button" class="chip chip-btn ${this.filter === q.filter ? 'active' : ''}"
                aria-pressed=${this.filter === q.filter ? 'true' : 'false'} title=${q.filter}
                @click=${() => this.applyFilter(this.filter === q.filter ? '' : q.filter)}>${q.label}</button>`)}
            </div>
            <label class="check switch small"><input type="checkbox" role="switch" .checked=${this.includeSuperusers}
              @change=${(e) => this.setIncludeSuperusers(e.target.checked)}><span>Include superuser requests</span></label>
          </div>
          <p class="hint filter-help">Fields: <code>level</code>, <code>message</code>, <code>created</code>, <code>data.url</code>,
            <code>data.method</code>, <code>data.status</code>, <code>data.execTime</code>, <code>data.auth</code>, <code>data.userIP</code>,
            <code>data.error</code>… Levels: -4 debug, 0 info, 4 warn, 8 error.</p>
        </form>
        <div class="logs-summary">
          <span>${this.statsLoading && !this.stats.length ? 'Counting…' : html`<strong>${this.total}</strong> ${this.total === 1 ? 'log' : 'logs'}${this.filter ? ' match' : ''}`}</span>
          ${this.zoom != null ? html`<span class="chip zoom-chip">Only ${dayText(this.zoom)}, ${hourText(this.zoom)}–${hourText(this.zoom + HOUR)}
            <button type="button" class="btn-icon" aria-label="Show all hours" @click=${() => this.setZoom(this.zoom)}>${ICONS.x}</button></span>` : nothing}
          <button type="button" class="btn btn-secondary btn-sm sort-toggle" @click=${() => { this.sortAsc = !this.sortAsc; this.loadList(); }}>
            ${this.sortAsc ? ICONS.sortUp : ICONS.sortDown} ${this.sortAsc ? 'Oldest first' : 'Newest first'}</button>
        </div>
        ${this.renderList()}
      </div>
      ${this.active ? logDetail(this) : nothing}
      ${this.settingsOpen ? html`<c-logs-settings @close=${() => { this.settingsOpen = false; }}
        @saved=${() => { this.settingsOpen = false; this.refresh(); }}></c-logs-settings>` : nothing}
    </div>`;
  }
}
customElements.define('c-page-logs', LogsPage);
