// Metrics (#/metrics): this instance's live numbers from GET /api/metrics, polled every few seconds and computed in
// the browser: requests per second, latency (p50/p95 from the request histogram), the share of failed requests,
// realtime clients, queued jobs when the job queue reports them, and a few numbers of the JVM and the database, each
// with a sparkline of the last minutes.
import { html, svg, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, errorText, stylesheet } from '../ui.js';
import { parse, summarize } from './metrics-model.js';

const POLL_MS = 3000;
/** Scrapes kept: the sparklines' span (40 × 3 s = 2 minutes). */
const KEEP = 40;
/** How far back the headline numbers look, in scrapes (10 × 3 s = 30 s). */
const WINDOW = 10;

const styles = stylesheet(import.meta.url, 'metrics.css');

const fixed = (v, digits) => (v == null ? '—' : v.toFixed(digits));
const ms = (seconds) => (seconds == null ? '—' : seconds < 0.01 ? `${(seconds * 1000).toFixed(2)} ms`
  : seconds < 1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(2)} s`);
const percent = (v) => (v == null ? '—' : `${(v * 100).toFixed(v && v < 0.1 ? 1 : 0)}%`);
const bytes = (v) => (v == null ? '—' : v < 1024 ? `${v} B` : v < 1 << 20 ? `${(v / 1024).toFixed(1)} KiB`
  : `${(v / (1 << 20)).toFixed(1)} MiB`);
const count = (v) => (v == null ? '—' : String(Math.round(v)));

/** A sparkline of values (nulls leave gaps) as an SVG polyline scaled to its own maximum. */
function sparkline(values) {
  const W = 160;
  const H = 36;
  const max = Math.max(0, ...values.filter((v) => v != null));
  const x = (i) => (i / (KEEP - 1)) * W;
  const y = (v) => H - 2 - (max ? (v / max) * (H - 4) : 0);
  const offset = KEEP - values.length;
  const points = values.map((v, i) => (v == null ? null : `${x(i + offset).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean);
  // the newest value at the right edge; the span fills from the right as scrapes come in
  return html`<svg class="spark" width=${W} height=${H} viewBox="0 0 ${W} ${H}" preserveAspectRatio="none" aria-hidden="true">
    ${svg`<line class="baseline" x1="0" x2=${W} y1=${H - 1} y2=${H - 1}></line>`}
    ${points.length > 1 ? svg`<polyline points=${points.join(' ')}></polyline>` : nothing}</svg>`;
}

class MetricsPage extends LightElement {
  static properties = {
    history: { state: true },
    error: { state: true },
    loading: { state: true },
  };

  constructor() {
    super();
    this.history = [];
    this.error = '';
    this.loading = true;
  }

  async scheduleUpdate() {
    await styles;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    this.poll();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = null;
  }

  async poll() {
    clearTimeout(this.timer);
    try {
      const text = await api.send('api/metrics', { headers: { Accept: 'text/plain' } });
      const samples = parse(text);
      const at = performance.now();
      const prev = this.history[this.history.length - 1];
      const step = summarize(samples, prev?.samples, prev ? (at - prev.at) / 1000 : 0);
      this.history = [...this.history, { at, samples, step }].slice(-KEEP);
      this.error = '';
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
      if (this.isConnected) this.timer = setTimeout(() => this.poll(), POLL_MS);
    }
  }

  /** The headline numbers: over the last WINDOW scrapes (or what there is). */
  get headline() {
    const h = this.history;
    if (!h.length) return null;
    const last = h[h.length - 1];
    const from = h[Math.max(0, h.length - 1 - WINDOW)];
    return summarize(last.samples, from === last ? null : from.samples, (last.at - from.at) / 1000);
  }

  tile(name, label, value, series, note) {
    return html`<section class="metric-tile" data-metric=${name} aria-label=${label}>
      <h2>${label}</h2>
      <p class="metric-value">${value}</p>
      ${series ? sparkline(series) : nothing}
      ${note ? html`<p class="hint">${note}</p>` : nothing}
    </section>`;
  }

  render() {
    const s = this.headline;
    const series = (key) => this.history.map((h) => h.step[key]);
    return html`<div class="page-single metrics-page">
      <header class="content-header">
        <h1>Metrics</h1>
        <span class="grow"></span>
        <span class="hint metrics-poll" aria-live="polite">${this.loading ? 'Loading…' : `every ${POLL_MS / 1000} s`}</span>
      </header>
      <div class="content-body">
        <p class="hint metrics-intro">This instance, from <code>GET /api/metrics</code> (Prometheus' text format), over the last
          ${(WINDOW * POLL_MS) / 1000} seconds. Requests exclude this page's polling and realtime streams. Prometheus can scrape
          the same endpoint with a superuser token, the <code>metrics.token</code> setting or from <code>metrics.allowedIPs</code>.</p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${s ? html`<div class="metric-grid">
          ${this.tile('rps', 'Requests / s', fixed(s.rps, 1), series('rps'))}
          ${this.tile('p50', 'Latency p50', ms(s.p50), series('p50'))}
          ${this.tile('p95', 'Latency p95', ms(s.p95), series('p95'))}
          ${this.tile('errors', 'Failed requests', percent(s.errorRate), series('errorRate'), 'status 400 or more')}
          ${this.tile('realtime', 'Realtime clients', count(s.realtimeClients), series('realtimeClients'))}
          ${s.jobsQueued != null ? this.tile('jobs', 'Jobs queued', count(s.jobsQueued), series('jobsQueued')) : nothing}
        </div>
        <dl class="metric-facts">
          <div><dt>Heap used</dt><dd data-metric="heap">${bytes(s.heapUsed)}</dd></div>
          <div><dt>Threads</dt><dd data-metric="threads">${count(s.threads)}</dd></div>
          <div><dt>DB connections in use</dt><dd data-metric="db-active">${count(s.dbActive)}</dd></div>
          <div><dt>DB work waiting</dt><dd data-metric="db-pending">${count(s.dbPending)}</dd></div>
          ${s.walBytes != null ? html`<div><dt>Write-ahead logs</dt><dd data-metric="wal">${bytes(s.walBytes)}</dd></div>` : nothing}
          <div><dt>Logs dropped</dt><dd data-metric="logs-dropped">${count(s.logsDropped)}</dd></div>
        </dl>` : nothing}
      </div>
    </div>`;
  }
}
customElements.define('c-page-metrics', MetricsPage);
