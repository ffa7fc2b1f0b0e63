// The delivery log of one webhook: its _webhookDeliveries records, newest first (time, event, try, HTTP status,
// result, duration, next try); a row unfolds to the request body sent and the response excerpt; "Redeliver" sends a
// row's body again (same message id). Reloads every few seconds while shown (deliveries arrive from the queue),
// replacing the rows only when they changed.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, errorText, toast, toastError } from '../ui.js';
import { timeTag } from '../components/history-view.js';
import { clockTag } from './jobs-shared.js';
import { ricons } from '../components/record-util.js';

const DELIVERIES = '_webhookDeliveries';
const PER_PAGE = 20;
const REFRESH_MS = 3000;

/** "posts.create" with a line break allowed after the dot (narrow windows). */
function eventName(event) {
  const dot = String(event || '').indexOf('.');
  return dot < 0 ? event : html`${event.slice(0, dot + 1)}<wbr>${event.slice(dot + 1)}`;
}

function bodyText(value) {
  if (value === null || value === undefined || value === '') return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

class WebhookDeliveries extends LightElement {
  static properties = {
    webhookId: { attribute: false },
    items: { state: true },
    total: { state: true },
    limit: { state: true },
    loading: { state: true },
    error: { state: true },
    open: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.webhookId = '';
    this.items = null;
    this.total = 0;
    this.limit = PER_PAGE;
    this.error = '';
    this.open = new Set();
    this.busy = {};
    this.seq = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    this.timer = setInterval(() => {
      if (!document.hidden && this.webhookId) this.load({ quiet: true });
    }, REFRESH_MS);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  willUpdate(changed) {
    if (changed.has('webhookId')) {
      this.items = null;
      this.open = new Set();
      this.limit = PER_PAGE;
      if (this.webhookId) this.load();
    }
  }

  /** Reloads the newest deliveries now (after a test event or a redelivery, say). */
  refresh() {
    return this.load({ quiet: true });
  }

  async load({ quiet = false } = {}) {
    const id = this.webhookId;
    const seq = ++this.seq;
    if (!quiet) {
      this.loading = true;
      this.error = '';
    }
    try {
      const res = await api.records(DELIVERIES).list(1, this.limit, {
        filter: `webhook = "${id.replace(/["\\]/g, '')}"`, sort: '-created,-attempt',
      });
      if (seq !== this.seq || id !== this.webhookId) return;
      if (JSON.stringify(res.items) !== JSON.stringify(this.items)) {
        // a new try may have changed the webhook too (failing since, disabled): tell the page
        if (this.items) this.dispatchEvent(new CustomEvent('deliveries-changed', { bubbles: true }));
        this.items = res.items;
      }
      this.total = res.totalItems;
      this.error = '';
    } catch (e) {
      if (seq !== this.seq) return;
      if (!quiet || !this.items) this.error = errorText(e);
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }

  toggle(d) {
    const open = new Set(this.open);
    if (open.has(d.id)) open.delete(d.id);
    else open.add(d.id);
    this.open = open;
  }

  async redeliver(d) {
    this.busy = { ...this.busy, [d.id]: true };
    try {
      const res = await api.send(`api/webhooks/deliveries/${encodeURIComponent(d.id)}/redeliver`, { method: 'POST' });
      toast(`Queued again as ${res.messageId}.`);
      setTimeout(() => this.refresh(), 600);
    } catch (e) {
      toastError(e);
    } finally {
      this.busy = { ...this.busy, [d.id]: false };
    }
  }

  status(d) {
    if (d.success) return html`<span class="badge badge-success wh-result">Delivered</span>`;
    return html`<span class="badge badge-danger wh-result" title=${d.error || ''}>Failed</span>`;
  }

  renderRow(d) {
    const open = this.open.has(d.id);
    return html`<tr class="clickable wh-delivery ${open ? 'open' : ''}" data-delivery=${d.id} data-event=${d.event}
        @click=${(e) => { if (!e.target.closest('button')) this.toggle(d); }}>
        <td>${timeTag(d.created)}</td>
        <td class="mono wh-delivery-event">${eventName(d.event)}</td>
        <td class="num">${d.attempt}</td>
        <td class="num wh-status">${d.status ? d.status : html`<span class="hint" title=${d.error || ''}>network</span>`}</td>
        <td>${this.status(d)}</td>
        <td class="num">${Math.round(d.duration || 0)} ms</td>
        <td class="wh-next">${clockTag(d.nextAttempt)}</td>
        <td class="col-actions">
          <button type="button" class="btn btn-secondary btn-sm" ?disabled=${this.busy[d.id]} aria-label="Redeliver ${d.messageId} (try ${d.attempt})"
            @click=${() => this.redeliver(d)}>Redeliver</button>
          <button type="button" class="btn-icon" aria-expanded=${open ? 'true' : 'false'} aria-controls="wh-delivery-${d.id}"
            aria-label="${open ? 'Hide' : 'Show'} delivery ${d.messageId} try ${d.attempt}" @click=${() => this.toggle(d)}>${open ? ricons.up : ricons.down}</button>
        </td>
      </tr>
      ${open ? html`<tr class="wh-delivery-detail" id="wh-delivery-${d.id}"><td colspan="8">
        <dl class="job-facts">
          <dt>Message id</dt><dd class="mono">${d.messageId}</dd>
          <dt>URL</dt><dd class="mono">${d.url}</dd>
          ${d.error ? html`<dt>Error</dt><dd class="job-error-full">${d.error}</dd>` : nothing}
        </dl>
        <div class="wh-bodies">
          <div><div class="job-detail-label">Request body</div><pre class="code job-json wh-request">${bodyText(d.request)}</pre></div>
          <div><div class="job-detail-label">Response (first 2 KiB)</div>
            ${d.response ? html`<pre class="code job-json wh-response">${d.response}</pre>` : html`<p class="hint">Empty.</p>`}</div>
        </div>
      </td></tr>` : nothing}`;
  }

  render() {
    const items = this.items || [];
    return html`<section class="wh-log" aria-label="Deliveries">
      <div class="wh-log-head">
        <h3>Deliveries</h3>
        <span class="hint" aria-live="polite">${this.items ? `${this.total} ${this.total === 1 ? 'try' : 'tries'}, newest first` : 'Loading…'}</span>
        <span class="grow"></span>
        <button type="button" class="btn-icon" aria-label="Reload the deliveries" title="Reload" @click=${() => this.load()}>${ricons.refresh}</button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${items.length ? html`<div class="table-wrap"><table class="wh-deliveries">
        <thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Try</th><th scope="col">Status</th>
          <th scope="col">Result</th><th scope="col">Duration</th><th scope="col">Next try</th>
          <th scope="col" class="col-actions"><span class="sr-only">Actions</span></th></tr></thead>
        <tbody>${items.map((d) => this.renderRow(d))}</tbody>
      </table></div>` : this.items && !this.error ? html`<div class="empty jobs-empty">No deliveries yet. Changes that match the
        events are sent within seconds; "Send test event" sends one now.</div>` : nothing}
      ${this.items && this.total > items.length ? html`<button type="button" class="btn btn-secondary btn-sm wh-more" @click=${() => {
        this.limit += PER_PAGE;
        this.load();
      }}>Show more (${this.total - items.length} more)</button>` : nothing}
    </section>`;
  }
}
customElements.define('c-webhook-deliveries', WebhookDeliveries);
