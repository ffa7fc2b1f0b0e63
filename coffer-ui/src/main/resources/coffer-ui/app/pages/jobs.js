// Jobs (#/jobs?state=…&type=…&page=…): the durable job queue for superusers. The counts per state (GET
// /api/jobs/stats) are the tabs; the jobs of the chosen state and type (GET /api/jobs), newest first, with paging; a
// row unfolds to its payload; Retry (done, dead, cancelled), Cancel (pending), and Purge of the done, dead or
// cancelled jobs. While the page is open (and the tab visible) it reloads every few seconds, replacing only what
// changed, so the open rows and the scroll position stay.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, confirmDialog, errorText, navigate, stylesheet, toast, toastError } from '../ui.js';
import { timeTag } from '../components/history-view.js';
import { ricons } from '../components/record-util.js';
import { clockTag } from './jobs-shared.js';

const stylesReady = stylesheet(import.meta.url, 'jobs.css');

const PER_PAGE = 30;
const REFRESH_MS = 3000;
const STATES = ['pending', 'running', 'done', 'dead', 'cancelled'];
const PURGEABLE = new Set(['done', 'dead', 'cancelled']);
const RETRYABLE = new Set(['done', 'dead', 'cancelled']);
const STATE_BADGE = { pending: 'badge-primary', running: 'badge-running', done: 'badge-success', dead: 'badge-danger', cancelled: '' };

const label = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The payload as indented JSON; string values that hold JSON (a webhook's body) are shown parsed below it. */
function payloadView(payload) {
  const nested = [];
  if (payload && typeof payload === 'object') {
    for (const [k, v] of Object.entries(payload)) {
      if (typeof v !== 'string' || !/^\s*[[{]/.test(v)) continue;
      try {
        nested.push([k, JSON.parse(v)]);
      } catch { /* not JSON: shown as the string it is */ }
    }
  }
  return html`<pre class="code job-json">${JSON.stringify(payload, null, 2)}</pre>
    ${nested.map(([k, v]) => html`<div class="job-detail-label">payload.${k}, parsed</div>
      <pre class="code job-json">${JSON.stringify(v, null, 2)}</pre>`)}`;
}

class JobsPage extends LightElement {
  static properties = {
    query: { attribute: false },
    stats: { state: true },
    list: { state: true },
    loading: { state: true },
    error: { state: true },
    open: { state: true },
    busy: { state: true },
    auto: { state: true },
  };

  constructor() {
    super();
    this.query = {};
    this.stats = null;
    this.list = null;
    this.loading = false;
    this.error = '';
    this.open = new Set();
    this.busy = {};
    this.auto = true;
    this.seq = 0;
  }

  async scheduleUpdate() {
    await stylesReady;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (this.auto && !document.hidden) this.load({ quiet: true });
    }, REFRESH_MS);
    // the shell keeps the element between visits: show what changed meanwhile
    if (this.loadedKey !== undefined) this.load();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  get state() {
    return STATES.includes(this.query?.state) ? this.query.state : '';
  }

  get type() {
    return this.query?.type || '';
  }

  get page() {
    return Math.max(1, parseInt(this.query?.page, 10) || 1);
  }

  get key() {
    return `${this.state}|${this.type}|${this.page}`;
  }

  willUpdate(changed) {
    if (changed.has('query') && this.key !== this.loadedKey) {
      if (this.loadedKey?.split('|').slice(0, 2).join('|') !== this.key.split('|').slice(0, 2).join('|')) this.open = new Set();
      this.load();
    }
  }

  /** Changes the state, type or page in the address (the route change loads the list). */
  go({ state = this.state, type = this.type, page = 1 } = {}) {
    const q = new URLSearchParams();
    if (state) q.set('state', state);
    if (type) q.set('type', type);
    if (page > 1) q.set('page', String(page));
    navigate(`/jobs${q.toString() ? `?${q}` : ''}`);
  }

  /** Loads the counts and the list; a quiet load (the timer) shows no spinner and keeps what is shown on errors. */
  async load({ quiet = false } = {}) {
    const key = this.key;
    this.loadedKey = key;
    const seq = ++this.seq;
    if (!quiet) {
      this.loading = true;
      this.error = '';
    }
    try {
      const [stats, list] = await Promise.all([
        api.send('api/jobs/stats'),
        api.send('api/jobs', { query: { state: this.state, type: this.type, page: this.page, perPage: PER_PAGE } }),
      ]);
      if (seq !== this.seq) return; // a newer load started meanwhile
      // replace only what changed, so a quiet reload does not re-render the table
      if (JSON.stringify(stats) !== JSON.stringify(this.stats)) this.stats = stats;
      if (JSON.stringify(list) !== JSON.stringify(this.list)) this.list = list;
      this.error = '';
    } catch (e) {
      if (seq !== this.seq) return;
      if (!quiet || !this.list) this.error = errorText(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  toggle(job) {
    const open = new Set(this.open);
    if (open.has(job.id)) open.delete(job.id);
    else open.add(job.id);
    this.open = open;
  }

  async act(job, action) {
    this.busy = { ...this.busy, [job.id]: action };
    try {
      await api.send(`api/jobs/${encodeURIComponent(job.id)}/${action}`, { method: 'POST' });
      toast(action === 'retry' ? 'The job will run again.' : 'The job was cancelled.');
      await this.load({ quiet: true });
    } catch (e) {
      toastError(e);
    } finally {
      const { [job.id]: _, ...rest } = this.busy;
      this.busy = rest;
    }
  }

  async togglePause() {
    const action = this.stats?.paused ? 'resume' : 'pause';
    try {
      await api.send(`api/jobs/${action}`, { method: 'POST' });
      toast(action === 'pause' ? 'Paused: this instance takes no new jobs (running ones finish).' : 'Resumed.');
      await this.load({ quiet: true });
    } catch (e) {
      toastError(e);
    }
  }

  async purge() {
    const state = this.state;
    const n = this.stats?.counts?.[state] ?? 0;
    const ok = await confirmDialog(`Delete all ${n} ${state} ${n === 1 ? 'job' : 'jobs'}? This can't be undone.`, { confirmText: 'Purge' });
    if (!ok) return;
    try {
      const res = await api.send('api/jobs', { method: 'DELETE', query: { state } });
      toast(`Deleted ${res.deleted} ${state} ${res.deleted === 1 ? 'job' : 'jobs'}.`);
      this.open = new Set();
      if (this.page > 1) this.go({ page: 1 });
      else await this.load();
    } catch (e) {
      toastError(e);
    }
  }

  renderTabs() {
    const counts = this.stats?.counts || {};
    const total = STATES.reduce((sum, s) => sum + (counts[s] || 0), 0);
    const tab = (id, text, count) => html`<button type="button" class="tab job-tab" role="tab" data-state=${id || 'all'}
      aria-selected=${this.state === id ? 'true' : 'false'} aria-controls="jobs-list" @click=${() => this.go({ state: id })}>
      ${text} <span class="job-count ${id && count ? `job-count-${id}` : ''}">${this.stats ? count : '…'}</span></button>`;
    return html`<div class="tabs job-tabs" role="tablist" aria-label="Job state">
      ${tab('', 'All', total)}${STATES.map((s) => tab(s, label(s), counts[s] || 0))}
    </div>`;
  }

  renderRow(job) {
    const open = this.open.has(job.id);
    const busy = this.busy[job.id];
    return html`<tr class="clickable job-row ${open ? 'open' : ''}" data-job=${job.id} @click=${(e) => {
        if (!e.target.closest('button')) this.toggle(job);
      }}>
        <td class="mono job-type">${job.type}</td>
        <td><span class="badge job-state ${STATE_BADGE[job.state] || ''}">${job.state}</span></td>
        <td class="job-attempts" title="tries so far / most tries">${job.attempts}/${job.maxAttempts}</td>
        <td class="job-time">${clockTag(job.runAt)}</td>
        <td class="job-error" title=${job.lastError || ''}>${job.lastError || html`<span class="hint">—</span>`}</td>
        <td class="job-time">${timeTag(job.created)}</td>
        <td class="col-actions">
          ${RETRYABLE.has(job.state) ? html`<button type="button" class="btn btn-secondary btn-sm" ?disabled=${!!busy}
            aria-label="Retry job ${job.id}" @click=${() => this.act(job, 'retry')}>Retry</button>` : nothing}
          ${job.state === 'pending' ? html`<button type="button" class="btn btn-secondary btn-sm" ?disabled=${!!busy}
            aria-label="Cancel job ${job.id}" @click=${() => this.act(job, 'cancel')}>Cancel</button>` : nothing}
          <button type="button" class="btn-icon job-unfold" aria-expanded=${open ? 'true' : 'false'} aria-controls="job-detail-${job.id}"
            aria-label="${open ? 'Hide' : 'Show'} the payload of job ${job.id}" @click=${() => this.toggle(job)}>${open ? ricons.up : ricons.down}</button>
        </td>
      </tr>
      ${open ? html`<tr class="job-detail" id="job-detail-${job.id}"><td colspan="7">
        <dl class="job-facts">
          <dt>Id</dt><dd class="mono">${job.id}</dd>
          <dt>Updated</dt><dd>${timeTag(job.updated)}</dd>
          ${job.lastError ? html`<dt>Last error</dt><dd class="job-error-full">${job.lastError}</dd>` : nothing}
        </dl>
        <div class="job-detail-label">Payload</div>
        ${payloadView(job.payload)}
      </td></tr>` : nothing}`;
  }

  render() {
    const state = this.state;
    const list = this.list;
    const items = list?.items || [];
    const types = this.stats?.types || [];
    const purgeable = PURGEABLE.has(state) && (this.stats?.counts?.[state] || 0) > 0;
    return html`<div class="page-single jobs-page">
      <header class="content-header">
        <h1>Jobs</h1>
        <span class="grow"></span>
        ${this.stats?.paused ? html`<span class="badge jobs-paused" role="status">Paused</span>` : nothing}
        <button type="button" class="btn btn-secondary btn-sm jobs-pause" ?disabled=${!this.stats}
          title=${this.stats?.paused ? 'Let this instance take jobs again' : 'Stop this instance taking new jobs; running ones finish'}
          @click=${() => this.togglePause()}>${this.stats?.paused ? 'Resume' : 'Pause'}</button>
        <label class="check jobs-auto" title="Reload every ${REFRESH_MS / 1000} seconds">
          <input type="checkbox" .checked=${this.auto} @change=${(e) => { this.auto = e.target.checked; }}> Auto-refresh</label>
        <button type="button" class="btn-icon" aria-label="Refresh" title="Refresh" ?disabled=${this.loading}
          @click=${() => this.load()}>${ricons.refresh}</button>
      </header>
      <div class="content-body jobs-body">
        <p class="hint jobs-intro">The background jobs of the durable queue (webhook deliveries and the application's own jobs), newest
          first. A failed try is retried on its schedule; a job out of tries is <em>dead</em>.</p>
        ${this.renderTabs()}
        <div class="jobs-toolbar">
          <label class="jobs-type">Type
            <select aria-label="Job type" .value=${this.type} @change=${(e) => this.go({ type: e.target.value })}>
              <option value="" ?selected=${!this.type}>All types</option>
              ${[...new Set([...types, ...(this.type ? [this.type] : [])])].map((t) => html`<option value=${t} ?selected=${t === this.type}>${t}</option>`)}
            </select>
          </label>
          <span class="hint jobs-summary" aria-live="polite">${list ? html`<strong>${list.totalItems}</strong> ${list.totalItems === 1 ? 'job' : 'jobs'}` : 'Loading…'}</span>
          <span class="grow"></span>
          ${purgeable ? html`<button type="button" class="btn btn-secondary btn-sm jobs-purge" @click=${() => this.purge()}>
            ${ricons.trash} Purge ${state} jobs</button>` : nothing}
        </div>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div id="jobs-list" role="tabpanel" aria-label="${state ? label(state) : 'All'} jobs">
          ${items.length ? html`<div class="table-wrap"><table class="jobs-table" aria-busy=${this.loading ? 'true' : 'false'}>
            <thead><tr><th scope="col">Type</th><th scope="col">State</th><th scope="col">Tries</th><th scope="col">Run at</th>
              <th scope="col">Last error</th><th scope="col">Created</th><th scope="col" class="col-actions"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>${items.map((j) => this.renderRow(j))}</tbody>
          </table></div>` : list && !this.error ? html`<div class="empty jobs-empty">${state
            ? `No ${state} jobs${this.type ? ` of type ${this.type}` : ''}.` : 'No jobs yet.'}</div>` : nothing}
          ${list && list.totalPages > 1 ? html`<nav class="pager" aria-label="Pages">
            <button type="button" class="btn-icon" aria-label="Previous page" ?disabled=${this.page <= 1}
              @click=${() => this.go({ page: this.page - 1 })}>${ricons.left}</button>
            <span>Page ${list.page} of ${list.totalPages}</span>
            <button type="button" class="btn-icon" aria-label="Next page" ?disabled=${this.page >= list.totalPages}
              @click=${() => this.go({ page: this.page + 1 })}>${ricons.right}</button>
          </nav>` : nothing}
        </div>
      </div>
    </div>`;
  }
}
customElements.define('c-page-jobs', JobsPage);
