// Settings › Crons: the registered cron jobs, each with "Run now".
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, toast, toastError, errorText } from '../ui.js';
import { settingsIcons } from './settings-shared.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MACROS = {
  '@yearly': 'once a year (Jan 1, 00:00)',
  '@annually': 'once a year (Jan 1, 00:00)',
  '@monthly': 'on the first day of every month at 00:00',
  '@weekly': 'every Sunday at 00:00',
  '@daily': 'every day at 00:00',
  '@midnight': 'every day at 00:00',
  '@hourly': 'every hour',
};

const two = (n) => String(n).padStart(2, '0');

/** A short description of the common cron expressions (UTC), or '' when it is not one of them. */
export function describeCron(expr) {
  const e = (expr || '').trim();
  if (MACROS[e]) return MACROS[e];
  const parts = e.split(/\s+/);
  if (parts.length !== 5) return '';
  const [min, hour, dom, mon, dow] = parts;
  const num = (s) => /^\d+$/.test(s);
  const step = (s) => s.match(/^\*\/(\d+)$/)?.[1];
  if (mon !== '*') return '';
  if (min === '*' && hour === '*' && dom === '*' && dow === '*') return 'every minute';
  if (step(min) && hour === '*' && dom === '*' && dow === '*') return `every ${step(min)} minutes`;
  if (num(min) && hour === '*' && dom === '*' && dow === '*') return min === '0' ? 'every hour' : `every hour at minute ${min}`;
  if (num(min) && step(hour) && dom === '*' && dow === '*') return `every ${step(hour)} hours at minute ${min}`;
  if (num(min) && num(hour)) {
    const at = `at ${two(hour)}:${two(min)}`;
    if (dom === '*' && dow === '*') return `every day ${at}`;
    if (dom === '*' && /^[0-6](,[0-6])*$/.test(dow)) return `every ${dow.split(',').map((d) => DAYS[d]).join(' and ')} ${at}`;
    if (num(dom) && dow === '*') return `on day ${dom} of every month ${at}`;
  }
  return '';
}

class CronsSettings extends LightElement {
  static properties = {
    query: {},
    crons: { state: true },
    loading: { state: true },
    error: { state: true },
    running: { state: true },
  };

  constructor() {
    super();
    this.crons = [];
    this.loading = true;
    this.error = '';
    this.running = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    this.loading = true;
    this.error = '';
    try {
      this.crons = await api.send('api/crons');
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  async run(id) {
    this.running = { ...this.running, [id]: true };
    try {
      await api.send(`api/crons/${encodeURIComponent(id)}`, { method: 'POST' });
      toast(`Started "${id}".`);
    } catch (e) {
      toastError(e);
    } finally {
      this.running = { ...this.running, [id]: false };
    }
  }

  render() {
    return html`<header class="content-header">
        <h1><span class="breadcrumb">Settings /</span> Crons</h1>
        <span class="grow"></span>
        <button type="button" class="btn-icon" aria-label="Reload the cron jobs" title="Reload" @click=${() => this.load()}>${settingsIcons.refresh}</button>
      </header>
      <div class="content-body settings-body">
        <p class="hint">The cron jobs registered by the application and by Coffer itself (ids starting with <code>__pb</code>),
          with their schedules in UTC. Jobs are registered in code; "Run now" starts one at once, in the background.</p>
        ${this.error ? html`<div class="error-box" role="alert"><p>${this.error}</p>
          <button type="button" class="btn btn-secondary" @click=${() => this.load()}>Try again</button></div>` : nothing}
        <div class="table-wrap">
          <table class="crons-table">
            <thead><tr><th>Job id</th><th>Schedule</th><th class="col-actions"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              ${this.loading && !this.crons.length ? html`<tr><td colspan="3" class="empty" role="status">Loading…</td></tr>` : nothing}
              ${!this.loading && !this.error && !this.crons.length ? html`<tr><td colspan="3" class="empty">No cron jobs are registered.</td></tr>` : nothing}
              ${this.crons.map((c) => {
                const about = describeCron(c.expression);
                return html`<tr>
                  <td class="mono cron-id">${c.id}</td>
                  <td><code>${c.expression}</code>${about ? html` <span class="hint">${about}</span>` : nothing}</td>
                  <td class="col-actions"><button type="button" class="btn btn-secondary btn-sm" ?disabled=${this.running[c.id]}
                    aria-label="Run ${c.id} now" @click=${() => this.run(c.id)}>${this.running[c.id] ? 'Starting…' : 'Run now'}</button></td>
                </tr>`;
              })}
            </tbody>
          </table>
        </div>
      </div>`;
  }
}
customElements.define('c-settings-crons', CronsSettings);
