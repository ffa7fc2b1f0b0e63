// Logs: requests per hour (an SVG chart of /api/logs/stats), the list with a filter, a log's details and the
// logs settings. The filter and the open log are kept in the route's query (#/logs?filter=…&logId=…).
import { html, svg, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, panel, toast, errorText, formatDate, stylesheet, download, confirmDialog } from '../ui.js';
import { SettingsForm, copyText } from './settings.js';

stylesheet(import.meta.url, 'logs.css');

const PER_PAGE = 50;
const HOUR = 3600 * 1000;
const SUPERUSERS_KEY = 'coffer_logs_superusers';
const LEVELS = { [-4]: 'DEBUG', 0: 'INFO', 4: 'WARN', 8: 'ERROR' };
const FIRST_KEYS = ['execTime', 'type', 'auth', 'authId', 'status', 'method', 'url', 'referer', 'remoteIP', 'userIP',
  'userAgent', 'error', 'details'];
const QUICK = [
  { label: 'Errors', filter: 'level >= 8' },
  { label: 'Warnings and errors', filter: 'level >= 4' },
  { label: 'Failed requests (4xx, 5xx)', filter: 'data.status >= 400' },
  { label: 'Server errors (5xx)', filter: 'data.status >= 500' },
  { label: 'Slow requests (over 1 s)', filter: 'data.execTime > 1000' },
];

const icon = (content) => html`<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none"
  stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${content}</svg>`;
const ICONS = {
  gear: icon(svg`<circle cx="12" cy="12" r="3"/><path d="M19.4 15a1.7 1.7 0 00.3 1.8l.1.1a2 2 0 11-2.8 2.8l-.1-.1a1.7 1.7 0 00-1.8-.3 1.7 1.7 0 00-1 1.5V21a2 2 0 11-4 0v-.1a1.7 1.7 0 00-1.1-1.5 1.7 1.7 0 00-1.8.3l-.1.1a2 2 0 11-2.8-2.8l.1-.1a1.7 1.7 0 00.3-1.8 1.7 1.7 0 00-1.5-1H3a2 2 0 110-4h.1a1.7 1.7 0 001.5-1.1 1.7 1.7 0 00-.3-1.8l-.1-.1a2 2 0 112.8-2.8l.1.1a1.7 1.7 0 001.8.3H9a1.7 1.7 0 001-1.5V3a2 2 0 114 0v.1a1.7 1.7 0 001 1.5 1.7 1.7 0 001.8-.3l.1-.1a2 2 0 112.8 2.8l-.1.1a1.7 1.7 0 00-.3 1.8V9a1.7 1.7 0 001.5 1H21a2 2 0 110 4h-.1a1.7 1.7 0 00-1.5 1z"/>`),
  refresh: icon(svg`<path d="M21 12a9 9 0 11-3-6.7L21 8M21 3v5h-5"/>`),
  search: icon(svg`<circle cx="11" cy="11" r="7"/><path d="M21 21l-4.3-4.3"/>`),
  copy: icon(svg`<rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15H4a2 2 0 01-2-2V4a2 2 0 012-2h9a2 2 0 012 2v1"/>`),
  download: icon(svg`<path d="M12 3v12M7 10l5 5 5-5M5 21h14"/>`),
  x: icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`),
  sortDown: icon(svg`<path d="M12 5v14M6 13l6 6 6-6"/>`),
  sortUp: icon(svg`<path d="M12 19V5M6 11l6-6 6 6"/>`),
};

export function levelLabel(level) {
  return LEVELS[level] || `LEVEL ${level}`;
}

function levelClass(level) {
  if (level >= 8) return 'level-error';
  if (level >= 4) return 'level-warn';
  if (level >= 0) return 'level-info';
  return 'level-debug';
}

/** A Date as the API writes datetimes: "2024-01-02 03:04:05.678Z". */
function apiDate(ms) {
  return new Date(ms).toISOString().replace('T', ' ');
}

function parseDate(value) {
  return new Date(String(value).replace(' ', 'T')).getTime();
}

/** A search term becomes a filter over level, message and data; a filter expression is kept as it is. */
export function normalizeFilter(term) {
  const t = (term || '').trim();
  if (!t) return '';
  if (/[=~<>]/.test(t)) return t;
  const v = t.replace(/^["'`]|["'`]$/g, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return `level ~ "${v}" || message ~ "${v}" || data ~ "${v}"`;
}

function niceStep(raw) {
  if (raw <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const n = raw / p;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * p;
}

const hourText = (ms) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const dayText = (ms) => new Date(ms).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

function formatMs(v) {
  if (typeof v !== 'number') return '';
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v < 10 ? v.toFixed(2) : Math.round(v)} ms`;
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

  // --- chart -------------------------------------------------------------------------------------

  chartData() {
    const counts = new Map();
    for (const s of this.stats) counts.set(parseDate(s.date), s.total);
    const nowHour = Math.floor(Date.now() / HOUR) * HOUR;
    const keys = [...counts.keys()];
    const last = Math.max(nowHour, ...keys);
    const first = Math.min(last - 23 * HOUR, ...keys);
    const hours = [];
    for (let t = first; t <= last; t += HOUR) hours.push({ t, total: counts.get(t) || 0 });
    return hours;
  }

  renderChart() {
    const phone = this.chartWidth < 560;
    const W = Math.max(this.chartWidth, 240);
    const H = phone ? 120 : 160;
    const pad = { l: 40, r: 8, t: 10, b: 24 };
    const pw = W - pad.l - pad.r;
    const ph = H - pad.t - pad.b;
    const hours = this.chartData();
    const max = Math.max(0, ...hours.map((h) => h.total));
    const step = niceStep(Math.max(1, max) / 3);
    const top = Math.max(step, Math.ceil(max / step) * step);
    const ticksY = [];
    for (let v = 0; v <= top; v += step) ticksY.push(v);
    const bw = pw / hours.length;
    const y = (v) => pad.t + ph - (v / top) * ph;
    const every = [1, 2, 3, 6, 12, 24, 48, 72, 168].find((k) => k * bw >= (phone ? 56 : 64)) || 168;
    const ticksX = hours.map((h, i) => ({ ...h, i })).filter((h) => {
      const d = new Date(h.t);
      return every < 24 ? d.getHours() % every === 0 && d.getMinutes() === 0 : d.getHours() === 0 && Math.round((h.t - hours[0].t) / HOUR / 24) % (every / 24) === 0;
    });
    const busiest = hours.reduce((a, b) => (b.total > a.total ? b : a), hours[0]);
    const hover = this.hover != null ? hours[this.hover] : null;
    const tipLeft = hover ? Math.min(Math.max(pad.l + (this.hover + 0.5) * bw, 90), W - 90) : 0;
    return html`<figure class="logs-chart ${this.statsLoading ? 'loading' : ''}" aria-label="Logs per hour">
      <svg width=${W} height=${H} viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="logs-chart-summary"
        @mouseleave=${() => { this.hover = null; }}>
        ${ticksY.map((v) => svg`<g class="tick-y"><line x1=${pad.l} x2=${W - pad.r} y1=${y(v)} y2=${y(v)}></line>
          <text x=${pad.l - 6} y=${y(v) + 4} text-anchor="end">${v}</text></g>`)}
        ${ticksX.map((h) => {
          const x = pad.l + h.i * bw;
          const midnight = new Date(h.t).getHours() === 0;
          return svg`<g class="tick-x"><line x1=${x} x2=${x} y1=${pad.t + ph} y2=${pad.t + ph + 4}></line>
            <text x=${x} y=${H - 6} text-anchor=${x > W - pad.r - 34 ? 'end' : 'middle'} class=${midnight ? 'day' : ''}>${midnight ? dayText(h.t) : hourText(h.t)}</text></g>`;
        })}
        <line class="axis" x1=${pad.l} x2=${W - pad.r} y1=${pad.t + ph} y2=${pad.t + ph}></line>
        ${hours.map((h, i) => {
          const x = pad.l + i * bw;
          const bh = ph - (y(h.total) - pad.t);
          const label = `${dayText(h.t)} ${hourText(h.t)}–${hourText(h.t + HOUR)}: ${h.total} ${h.total === 1 ? 'log' : 'logs'}`;
          return svg`<g class="bar-slot ${this.zoom === h.t ? 'zoomed' : ''} ${this.hover === i ? 'hovered' : ''}" data-hour=${apiDate(h.t)}
            @mouseenter=${() => { this.hover = i; }} @click=${() => h.total && this.setZoom(h.t)}>
            <rect class="hit" x=${x} y=${pad.t} width=${bw} height=${ph}><title>${label}</title></rect>
            ${h.total ? svg`<rect class="bar" x=${x + Math.min(1, bw * 0.1)} y=${y(h.total)} width=${Math.max(1, bw - Math.min(2, bw * 0.2))} height=${Math.max(1, bh)}></rect>` : nothing}
          </g>`;
        })}
        ${!hours.some((h) => h.total) && !this.statsLoading ? svg`<text class="no-data" x=${pad.l + pw / 2} y=${pad.t + ph / 2} text-anchor="middle">No logs in this period</text>` : nothing}
      </svg>
      ${hover ? html`<div class="chart-tip" style="left:${tipLeft}px" aria-hidden="true">
        <strong>${hover.total} ${hover.total === 1 ? 'log' : 'logs'}</strong>
        <span>${dayText(hover.t)}, ${hourText(hover.t)}–${hourText(hover.t + HOUR)}</span>
        ${hover.total ? html`<span class="hint">${this.zoom === hover.t ? 'Click to show all hours' : 'Click to list this hour'}</span>` : nothing}
      </div>` : nothing}
      <figcaption id="logs-chart-summary" class="sr-only">Logs per hour from ${dayText(hours[0].t)} ${hourText(hours[0].t)} to now:
        ${this.total} in total${busiest?.total ? `, at most ${busiest.total} in the hour from ${hourText(busiest.t)} on ${dayText(busiest.t)}` : ''}.</figcaption>
    </figure>`;
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
        ${this.renderChart()}
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
      ${this.active ? this.renderDetail() : nothing}
      ${this.settingsOpen ? html`<c-logs-settings @close=${() => { this.settingsOpen = false; }}
        @saved=${() => { this.settingsOpen = false; this.refresh(); }}></c-logs-settings>` : nothing}
    </div>`;
  }

  // --- detail ------------------------------------------------------------------------------------

  renderDetail() {
    const log = this.active;
    const data = log.data || {};
    const keys = [...new Set([...FIRST_KEYS.filter((k) => k in data), ...Object.keys(data)])];
    const row = (name, value, copy, cls = '') => html`<tr>
      <th scope="row">${name}</th>
      <td class=${cls}>${value}</td>
      <td class="col-copy"><button type="button" class="btn-icon" aria-label="Copy ${name}" title="Copy"
        @click=${() => copyText(copy, `Copied ${name}.`)}>${ICONS.copy}</button></td>
    </tr>`;
    const value = (k, v) => {
      if (v === null || v === undefined || v === '') return html`<span class="hint">N/A</span>`;
      if (typeof v === 'object') {
        if (!Object.keys(v).length) return html`<span class="hint">${Array.isArray(v) ? '[]' : '{}'}</span>`;
        return html`<pre class="code json ${k === 'details' ? 'details' : ''}">${JSON.stringify(v, null, 2)}</pre>`;
      }
      if (k === 'error') return html`<span class="log-error">${v}</span>`;
      if (k === 'execTime') return `${v} ms`;
      if (k === 'status') return html`<span class="badge ${v >= 500 ? 'badge-danger' : v >= 400 ? 'badge-warn' : 'badge-success'}">${v}</span>`;
      return String(v);
    };
    const copyValue = (v) => (typeof v === 'object' && v !== null ? JSON.stringify(v, null, 2) : String(v ?? ''));
    const json = JSON.stringify(log, null, 2);
    return panel({
      heading: 'Log details',
      wide: true,
      onClose: () => this.closeLog(),
      body: log.loading ? html`<p class="hint" role="status">Loading…</p>` : html`<table class="log-detail">
        <tbody>
          ${row('id', html`<span class="mono">${log.id}</span>`, log.id)}
          ${row('level', html`<span class="level ${levelClass(log.level)}">${levelLabel(log.level)}</span> <span class="hint">(${log.level})</span>`, String(log.level))}
          ${row('created', html`${formatDate(log.created)} <span class="hint mono">${log.created}</span>`, log.created)}
          ${row('message', log.message, log.message, 'wrap')}
          ${keys.map((k) => row(`data.${k}`, value(k, data[k]), copyValue(data[k]), 'wrap'))}
        </tbody>
      </table>`,
      footer: html`
        <button type="button" class="btn btn-secondary" @click=${() => this.closeLog()}>Close</button>
        <span class="grow"></span>
        <button type="button" class="btn btn-secondary" ?disabled=${log.loading} @click=${() => copyText(json, 'Copied the log as JSON.')}>${ICONS.copy} Copy JSON</button>
        <button type="button" class="btn" ?disabled=${log.loading}
          @click=${() => download(`log_${String(log.created).replace(/[-:. Z]/g, '')}.json`, json)}>${ICONS.download} Download JSON</button>`,
    });
  }
}
customElements.define('c-page-logs', LogsPage);

/** The logs settings panel: retention, minimum level, data size, IP and auth id logging. */
class LogsSettings extends SettingsForm {
  constructor() {
    super();
    this.savedMessage = 'Logs settings saved.';
  }

  pick(s) {
    return { logs: { ...s.logs } };
  }

  afterSave() {
    this.dispatchEvent(new CustomEvent('saved'));
  }

  async close() {
    if (this.saving) return;
    if (this.dirty && !(await confirmDialog('Discard the unsaved changes to the logs settings?', { confirmText: 'Discard' }))) return;
    this.dispatchEvent(new CustomEvent('close'));
  }

  render() {
    const l = this.form?.logs;
    return panel({
      heading: 'Logs settings',
      onClose: () => this.close(),
      onSave: () => this.save(),
      body: this.loading ? html`<p class="hint" role="status">Loading…</p>`
        : this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : html`
        <form id="logs-settings-form" novalidate @submit=${(e) => { e.preventDefault(); this.save(); }}>
          ${this.number('logs.maxDays', 'Keep logs for (days)', { min: 0, help: '0 turns logging off and deletes every stored log.' })}
          ${l.maxDays === 0 && this.original.logs.maxDays !== 0 ? html`<p class="warning-box">Saving deletes all logs and stops logging.</p>` : nothing}
          ${this.number('logs.minLevel', 'Minimum level', { min: -100, max: 100, help: 'Logs below this level are not stored: -4 debug, 0 info, 4 warn, 8 error.' })}
          ${'maxDataSize' in l ? this.number('logs.maxDataSize', 'Max data size (bytes)', { min: 0, zeroBlank: true, placeholder: 'Default: about 16 KB', help: 'The data of larger logs is cut down.' }) : nothing}
          ${this.toggle('logs.logIP', 'Log the client IP of requests')}
          ${this.toggle('logs.logAuthId', 'Log the id of the authenticated record')}
        </form>`,
      footer: html`<button type="button" class="btn btn-secondary" @click=${() => this.close()}>Cancel</button>
        <button type="submit" form="logs-settings-form" class="btn" ?disabled=${!this.dirty || this.saving}>${this.saving ? 'Saving…' : 'Save changes'}</button>`,
    });
  }
}
customElements.define('c-logs-settings', LogsSettings);
