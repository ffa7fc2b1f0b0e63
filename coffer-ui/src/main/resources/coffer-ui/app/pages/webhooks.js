// Webhooks (#/webhooks?webhook=ID): until they are turned on (GET /api/webhooks/status), an explanation and "Turn
// on webhooks" (POST /api/webhooks/install). Then the webhooks (records of _webhooks) with their events, state
// badges and an enabled toggle; the chosen one's settings, secret (Copy, Rotate), "Send test event", Edit and
// Delete, and its delivery log (webhook-deliveries.js). Create and edit happen in a side panel (webhook-form.js).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, collectionsStore, confirmDialog, errorText, icons, navigate, stylesheet, toast, toastError } from '../ui.js';
import { timeTag, relativeTime } from '../components/history-view.js';
import { ricons } from '../components/record-util.js';
import { WEBHOOKS, rotateSecret, secretView } from './webhook-form.js';
import './webhook-deliveries.js';

const stylesReady = Promise.all([stylesheet(import.meta.url, 'jobs.css'), stylesheet(import.meta.url, 'webhooks.css'),
  stylesheet(import.meta.url, 'records.css')]);

const seconds = (s) => (s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : `${Math.round(s / 360) / 10} h`);

/** The state of a webhook as a badge: disabled (with the reason), failing since, or nothing when all is well. */
export function stateBadge(w) {
  if (!w.enabled) {
    return html`<span class="badge ${w.disabledReason ? 'badge-danger' : ''} wh-badge" title=${w.disabledReason || ''}>
      ${w.disabledReason ? `Disabled: ${w.disabledReason}` : 'Disabled'}</span>`;
  }
  if (w.failingSince) {
    return html`<span class="badge badge-running wh-badge" title="Failing since ${w.failingSince} UTC">Failing since ${relativeTime(w.failingSince)}</span>`;
  }
  return nothing;
}

class WebhooksPage extends LightElement {
  static properties = {
    query: { attribute: false },
    status: { state: true },
    hooks: { state: true },
    error: { state: true },
    installing: { state: true },
    editing: { state: true },
    toggling: { state: true },
    testing: { state: true },
    rotating: { state: true },
    showSecret: { state: true },
  };

  constructor() {
    super();
    this.query = {};
    this.status = null;
    this.hooks = null;
    this.error = '';
    this.editing = null; // null: no panel; {}: a new webhook; a record: that one
    this.toggling = {};
  }

  async scheduleUpdate() {
    await stylesReady;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    if (!collectionsStore.loaded) collectionsStore.load().then(() => this.requestUpdate()).catch(() => {});
    this.load();
  }

  get selectedId() {
    return this.query?.webhook || '';
  }

  get selected() {
    return this.hooks?.find((h) => h.id === this.selectedId) || null;
  }

  willUpdate(changed) {
    if (changed.has('query')) this.showSecret = false;
  }

  async load() {
    this.error = '';
    try {
      this.status = await api.send('api/webhooks/status');
      if (this.status.installed) await this.loadHooks();
    } catch (e) {
      this.error = errorText(e);
    }
  }

  async loadHooks() {
    const res = await api.records(WEBHOOKS).list(1, 200, { sort: 'created' });
    this.hooks = res.items;
  }

  async install() {
    this.installing = true;
    try {
      await api.send('api/webhooks/install', { method: 'POST' });
      toast('Webhooks are on.');
      collectionsStore.load().catch(() => {});
      await this.load();
    } catch (e) {
      toastError(e);
    } finally {
      this.installing = false;
    }
  }

  replace(record) {
    this.hooks = this.hooks.some((h) => h.id === record.id)
      ? this.hooks.map((h) => (h.id === record.id ? record : h)) : [...this.hooks, record];
  }

  async setEnabled(w, enabled) {
    this.toggling = { ...this.toggling, [w.id]: true };
    try {
      this.replace(await api.records(WEBHOOKS).update(w.id, { enabled }));
      toast(enabled ? `"${w.name || w.url}" is enabled.` : `"${w.name || w.url}" is disabled.`);
    } catch (e) {
      toastError(e);
      this.requestUpdate();
    } finally {
      this.toggling = { ...this.toggling, [w.id]: false };
    }
  }

  async deleteHook(w) {
    const ok = await confirmDialog(`Delete the webhook "${w.name || w.url}" and its delivery log? Deliveries still queued are dropped.`,
      { confirmText: 'Delete' });
    if (!ok) return;
    try {
      await api.records(WEBHOOKS).delete(w.id);
      this.hooks = this.hooks.filter((h) => h.id !== w.id);
      toast('The webhook was deleted.');
      navigate('/webhooks');
    } catch (e) {
      toastError(e);
    }
  }

  async sendTest(w) {
    this.testing = true;
    try {
      const res = await api.send(`api/webhooks/${encodeURIComponent(w.id)}/test`, { method: 'POST' });
      toast(`Test event queued (${res.messageId}).`);
      setTimeout(() => this.querySelector('c-webhook-deliveries')?.refresh(), 600);
    } catch (e) {
      toastError(e);
    } finally {
      this.testing = false;
    }
  }

  async rotate(w) {
    this.rotating = true;
    const saved = await rotateSecret(w);
    this.rotating = false;
    if (saved) {
      this.replace(saved);
      this.showSecret = true;
    }
  }

  onSaved(rec) {
    this.replace(rec);
    this.editing = null;
    if (rec.id !== this.selectedId) navigate(`/webhooks?webhook=${encodeURIComponent(rec.id)}`);
  }

  renderInstall() {
    const schedule = this.status?.retrySchedule || [];
    return html`<div class="card wh-install">
      <h2>Webhooks are off</h2>
      <p>A webhook sends an HTTP POST to a URL of yours when records change (<code>posts.create</code>, <code>posts.update</code>,
        <code>posts.delete</code>) or users sign in (<code>users.auth</code>), optionally only for records matching a filter.</p>
      <ul>
        <li>Deliveries are stored with the change in the same transaction and sent by the job queue: nothing is lost if the
          receiver is down or the server restarts.</li>
        <li>Each request is signed (Standard Webhooks: <code>webhook-id</code>, <code>webhook-timestamp</code>,
          <code>webhook-signature</code>).</li>
        <li>Failed deliveries are tried again${schedule.length ? html` after ${schedule.map(seconds).join(', ')}` : nothing}; a webhook
          failing for days is disabled and the superusers get a mail.</li>
      </ul>
      <p class="hint">Turning them on creates the system collections <code>_webhooks</code> and <code>_webhookDeliveries</code>.</p>
      <button type="button" class="btn" ?disabled=${this.installing} @click=${() => this.install()}>${this.installing ? 'Turning on…' : 'Turn on webhooks'}</button>
    </div>`;
  }

  renderList() {
    const hooks = this.hooks || [];
    if (!hooks.length) {
      return html`<div class="empty jobs-empty wh-empty"><p>No webhooks yet.</p>
        <button type="button" class="btn" @click=${() => { this.editing = {}; }}>${ricons.plus} New webhook</button></div>`;
    }
    return html`<div class="table-wrap"><table class="wh-table" aria-label="Webhooks">
      <thead><tr><th scope="col">Enabled</th><th scope="col">Name</th><th scope="col">URL</th><th scope="col">Events</th><th scope="col">State</th></tr></thead>
      <tbody>${hooks.map((w) => html`<tr class="clickable ${w.id === this.selectedId ? 'selected' : ''}" data-webhook=${w.id}
          aria-selected=${w.id === this.selectedId ? 'true' : 'false'}
          @click=${(e) => { if (!e.target.closest('label, a, button')) navigate(`/webhooks?webhook=${encodeURIComponent(w.id)}`); }}>
        <td class="wh-toggle"><label class="switch" title=${w.enabled ? 'Enabled' : 'Disabled'}>
          <input type="checkbox" aria-label="Enabled: ${w.name || w.url}" .checked=${!!w.enabled} ?disabled=${this.toggling[w.id]}
            @change=${(e) => this.setEnabled(w, e.target.checked)}><span class="switch-track" aria-hidden="true"></span></label></td>
        <td class="wh-name"><a href="#/webhooks?webhook=${encodeURIComponent(w.id)}">${w.name || html`<span class="hint">(no name)</span>`}</a></td>
        <td class="mono wh-url" title=${w.url}>${w.url}</td>
        <td class="wh-events-cell"><span class="chips">${(w.events || []).map((ev) => html`<span class="chip mono">${ev}</span>`)}</span></td>
        <td>${stateBadge(w)}</td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  renderDetail(w) {
    const headers = Object.entries(w.headers || {});
    return html`<section class="wh-detail" aria-label="Webhook ${w.name || w.url}">
      <div class="wh-detail-head">
        <h2>${w.name || w.url}</h2>
        ${stateBadge(w)}
        <span class="grow"></span>
        <div class="wh-actions">
          <button type="button" class="btn btn-secondary btn-sm" ?disabled=${this.testing} @click=${() => this.sendTest(w)}>Send test event</button>
          <button type="button" class="btn btn-secondary btn-sm" @click=${() => { this.editing = w; }}>${icons.edit} Edit</button>
          <button type="button" class="btn btn-secondary btn-sm wh-delete" aria-label="Delete webhook" @click=${() => this.deleteHook(w)}>${ricons.trash} Delete</button>
        </div>
      </div>
      <dl class="job-facts wh-facts">
        <dt>URL</dt><dd class="mono">${w.url}</dd>
        <dt>Events</dt><dd><span class="chips">${(w.events || []).map((ev) => html`<span class="chip mono">${ev}</span>`)}</span></dd>
        <dt>Filter</dt><dd>${w.filter ? html`<code>${w.filter}</code>` : html`<span class="hint">none: every matching event</span>`}</dd>
        <dt>Headers</dt><dd>${headers.length ? headers.map(([k, v]) => html`<div class="mono">${k}: ${v}</div>`) : html`<span class="hint">none</span>`}</dd>
        ${w.failingSince ? html`<dt>Failing since</dt><dd>${timeTag(w.failingSince)}</dd>` : nothing}
        ${w.disabledReason ? html`<dt>Disabled</dt><dd class="job-error-full">${w.disabledReason}</dd>` : nothing}
        <dt>Secret</dt><dd>${secretView(w.secret, { onRotate: () => this.rotate(w), rotating: this.rotating, shown: this.showSecret,
          onToggle: () => { this.showSecret = !this.showSecret; } })}</dd>
      </dl>
      <c-webhook-deliveries .webhookId=${w.id} @deliveries-changed=${() => this.loadHooks().catch(() => {})}></c-webhook-deliveries>
    </section>`;
  }

  render() {
    const installed = this.status?.installed;
    const selected = this.selected;
    return html`<div class="page-single webhooks-page">
      <header class="content-header">
        <h1>Webhooks</h1>
        <span class="grow"></span>
        ${installed && this.hooks?.length ? html`<button type="button" class="btn btn-sm" @click=${() => { this.editing = {}; }}>${ricons.plus} New webhook</button>` : nothing}
        <button type="button" class="btn-icon" aria-label="Refresh" title="Refresh" @click=${() => this.load()}>${ricons.refresh}</button>
      </header>
      <div class="content-body webhooks-body">
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${!this.status && !this.error ? html`<p class="hint" role="status">Loading…</p>` : nothing}
        ${this.status && !installed ? this.renderInstall() : nothing}
        ${installed ? html`
          <p class="hint wh-intro">Each webhook gets a signed POST for the events it lists; deliveries go through the job queue and
            are retried on failure. Choose one to see its deliveries.</p>
          ${this.renderList()}
          ${selected ? this.renderDetail(selected) : this.hooks?.length ? html`<p class="hint wh-choose">Choose a webhook to see its settings and deliveries.</p>` : nothing}` : nothing}
      </div>
      ${this.editing ? html`<c-webhook-form .record=${this.editing.id ? this.editing : null}
        @saved=${(e) => this.onSaved(e.detail)} @rotated=${(e) => this.replace(e.detail)}
        @close=${() => { this.editing = null; }}></c-webhook-form>` : nothing}
    </div>`;
  }
}
customElements.define('c-page-webhooks', WebhooksPage);
