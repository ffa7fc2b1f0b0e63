// The API preview of a collection: a wide side panel listing the collection's endpoints (list, view, create,
// update, delete, realtime, batch and, for auth collections, the auth endpoints), each with its method and URL on
// this server, who may call it (from the live rules), its query and body parameters (from the live fields),
// example answers and SDK snippets (JavaScript, Dart, curl). Everything is derived from the collection as the
// API returns it: nothing is written per collection.
//
// <c-api-preview .collection=${c}> renders the panel; it fires "close" (bubbles) when the user closes it.
// This module is the element (the panel, the endpoint navigation, the rendering of a doc); the docs themselves
// come from api-preview-endpoints.js and the api-preview-*.js modules it uses.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, panel, collectionsStore, stylesheet } from '../ui.js';
import { codeTabs, copyButton } from './code-block.js';
import { endpoints } from './api-preview-endpoints.js';
import { baseUrl, literal } from './api-preview-snippets.js';

// the preview's own styles and those of its code blocks (code-block.js links sync.css; the same href gives the same
// promise): the first render waits for both, so the panel never shows unstyled
const stylesReady = Promise.all([stylesheet(import.meta.url, 'api-preview.css'), stylesheet(import.meta.url, 'sync.css')]);

const SDK_KEY = 'coffer_api_preview_sdk';
const SDKS = [
  { key: 'js', label: 'JavaScript', lang: 'JavaScript SDK' },
  { key: 'dart', label: 'Dart', lang: 'Dart SDK' },
  { key: 'curl', label: 'curl', lang: 'curl' },
];

class ApiPreview extends LightElement {
  static properties = {
    collection: { attribute: false },
    live: { state: true },
    active: { state: true },
    sdk: { state: true },
    responseTabs: { state: true },
    batch: { state: true },
    authMethods: { state: true },
    loadError: { state: true },
  };

  constructor() {
    super();
    this.collection = null;
    this.live = null;
    this.active = 'list';
    this.sdk = localStorage.getItem(SDK_KEY) || 'js';
    this.responseTabs = {};
    this.batch = null;
    this.authMethods = null;
    this.loadError = '';
  }

  /** The first render waits for the stylesheets. */
  async scheduleUpdate() {
    await stylesReady;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    api.send('api/settings').then((s) => { this.batch = s?.batch || null; }).catch(() => {});
    this.unsub = collectionsStore.subscribe(() => this.requestUpdate());
    if (!collectionsStore.loaded) collectionsStore.load().catch(() => {});
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsub?.();
  }

  willUpdate(changed) {
    if (changed.has('collection')) {
      const prev = changed.get('collection');
      if (!prev || !this.collection || prev.id !== this.collection.id) {
        this.live = null;
        this.authMethods = null;
        this.responseTabs = {};
        this.active = 'list';
      }
      this.refresh();
    }
  }

  /** Reads the collection again, so the preview shows the rules and fields as they are now. */
  async refresh() {
    const c = this.collection;
    if (!c?.id) return;
    try {
      const fresh = await api.collections().getOne(c.id);
      if (this.collection?.id === fresh.id) {
        this.live = fresh;
        this.loadError = '';
      }
    } catch (e) {
      if (e.name !== 'AbortError') this.loadError = e.message;
    }
    if (this.current()?.type === 'auth') {
      api.send(`api/collections/${encodeURIComponent(this.current().name)}/auth-methods`, { token: '' })
        .then((m) => { this.authMethods = m; })
        .catch(() => { this.authMethods = null; });
    }
  }

  current() {
    return this.live || this.collection;
  }

  close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }

  select(key) {
    this.active = key;
    this.updateComplete.then(() => {
      const content = this.querySelector('.ap-content');
      if (content) content.scrollTop = 0;
      this.querySelector('.ap-nav [aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    });
  }

  navKeydown(e, list) {
    const keys = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    let i = list.findIndex((x) => x.key === this.active);
    if (e.key in keys) i = (i + keys[e.key] + list.length) % list.length;
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = list.length - 1;
    else return;
    e.preventDefault();
    this.select(list[i].key);
    this.updateComplete.then(() => this.querySelector('.ap-nav [aria-selected="true"]')?.focus());
  }

  setSdk(key) {
    this.sdk = key;
    localStorage.setItem(SDK_KEY, key);
  }

  render() {
    const c = this.current();
    if (!c) return nothing;
    const list = endpoints(c, { batch: this.batch, authMethods: this.authMethods });
    const item = list.find((x) => x.key === this.active) || list[0];
    const doc = item.doc();
    const groups = [...new Set(list.map((x) => x.group))];
    const body = html`<div class="ap-layout">
      <nav class="ap-nav" aria-label="Endpoints">
        <div role="tablist" aria-orientation="vertical" aria-label="Endpoints of ${c.name}" class="ap-tablist"
          @keydown=${(e) => this.navKeydown(e, list)}>
          ${groups.map((g) => html`
            ${groups.length > 1 ? html`<div class="ap-group" role="presentation">${g}</div>` : nothing}
            ${list.filter((x) => x.group === g).map((x) => html`<button type="button" role="tab" id="ap-tab-${x.key}"
              class="ap-tab ${x.off ? 'is-off' : ''}" aria-selected=${x === item ? 'true' : 'false'} aria-controls="ap-panel"
              tabindex=${x === item ? '0' : '-1'} title=${x.off ? 'Turned off' : ''} aria-description=${x.off ? 'Turned off' : nothing}
              @click=${() => this.select(x.key)}>${x.title}${x.off ? html`<span class="ap-off" aria-hidden="true">off</span>` : nothing}</button>`)}`)}
        </div>
      </nav>
      <div class="ap-content" id="ap-panel" role="tabpanel" aria-labelledby="ap-tab-${item.key}" tabindex="-1">
        <div class="ap-title"><h3>${item.title}</h3><span class="badge">${c.type}</span><span class="ap-collection">${c.name}</span></div>
        ${this.loadError ? html`<p class="error" role="alert">Could not read the collection again (${this.loadError}); showing it as it was.</p>` : nothing}
        ${item.off ? html`<div class="ap-alert ap-alert-warning" role="note">${item.offNote}</div>` : nothing}
        ${doc.warning && doc.warning !== nothing ? html`<div class="ap-alert ap-alert-warning" role="note">${doc.warning}</div>` : nothing}
        <p class="ap-desc">${doc.description}</p>
        ${doc.extra || nothing}
        <div class="ap-endpoints">${doc.parts.map((p) => this.endpoint(p))}</div>
        <h4 class="ap-h">SDK examples</h4>
        ${codeTabs({
          name: 'SDK examples',
          tabs: SDKS.map((s) => ({ key: s.key, label: s.label, code: doc.snippets[s.key], copyLabel: `${s.label} example` })),
          active: this.sdk,
          onSelect: (k) => this.setSdk(k),
        })}
        <p class="ap-sdk-links hint">The official SDKs: <a href="https://github.com/pocketbase/js-sdk" target="_blank" rel="noopener noreferrer">JavaScript</a>
          (<code>npm install pocketbase</code>) and <a href="https://github.com/pocketbase/dart-sdk" target="_blank" rel="noopener noreferrer">Dart</a>
          (<code>dart pub add pocketbase</code>).</p>
        ${doc.parts.map((p, i) => this.details(item.key, p, i, doc.parts.length > 1))}
      </div>
    </div>`;
    return panel({
      heading: html`API preview <span class="ap-heading-name">${c.name}</span>`,
      label: `API preview of ${c.name}`,
      wide: true,
      body,
      onClose: () => this.close(),
    });
  }

  endpoint(p) {
    const url = baseUrl() + p.path;
    return html`<div class="ap-endpoint">
      ${p.heading ? html`<div class="ap-endpoint-heading">${p.heading}</div>` : nothing}
      <div class="ap-request">
        <span class="ap-method ap-method-${p.method.toLowerCase()}">${p.method}</span>
        <code class="ap-url">${url}</code>
        ${copyButton(url, `Copy the URL of ${p.heading || p.method}`)}
      </div>
      ${p.access.map((a) => html`<div class="ap-access">
        <span class="ap-access-label">${a.topic ? html`Events of <code>${a.topic}</code>:` : 'Who can call it:'}</span>
        <span class="badge badge-${a.tone}">${a.label}</span>
        ${a.rule ? html`<code class="ap-rule">${a.rule}</code>` : nothing}
        ${a.note ? html`<span class="ap-access-note">${a.note}</span>` : nothing}
      </div>`)}
    </div>`;
  }

  details(key, p, i, many) {
    const tabKey = `${key}:${i}`;
    const responses = p.responses || [];
    const activeResp = this.responseTabs[tabKey] || String(responses[0]?.label || responses[0]?.status);
    return html`<section class="ap-part">
      ${many ? html`<h4 class="ap-h ap-part-h">${p.heading} <code>${p.method} ${p.path}</code></h4>` : nothing}
      ${p.body?.length ? html`<h4 class="ap-h">Body parameters</h4>${this.paramsTable(p.body, true)}` : nothing}
      ${p.query?.length ? html`<h4 class="ap-h">Query parameters</h4>${this.paramsTable(p.query, false)}` : nothing}
      ${responses.length ? html`<h4 class="ap-h">Example responses</h4>
        ${codeTabs({
          name: many ? `Responses of ${p.heading}` : 'Responses',
          tabs: responses.map((r) => ({
            key: String(r.label || r.status),
            label: String(r.label || r.status),
            code: r.text ?? (r.body === null ? '(no content)' : literal(r.body, 'json')),
            copyLabel: `response ${r.label || r.status}`,
            note: r.note || '',
            status: r.status,
          })),
          active: activeResp,
          onSelect: (k) => { this.responseTabs = { ...this.responseTabs, [tabKey]: k }; },
          tabClass: (t) => (t.status >= 400 ? 'is-error' : 'is-ok'),
        })}` : nothing}
    </section>`;
  }

  paramsTable(rows, isBody) {
    return html`<div class="table-wrap ap-table-wrap"><table class="ap-params ${isBody ? 'ap-body-params' : 'ap-query-params'}">
      <thead><tr><th scope="col">${isBody ? 'Body parameter' : 'Query parameter'}</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
      <tbody>${rows.map((r) => (r.group
        ? html`<tr class="ap-group-row"><th colspan="3" scope="colgroup">${r.group}</th></tr>`
        : html`<tr>
          <td class="ap-param-name"><code>${r.name}</code>${isBody ? html`<span class="ap-req ${r.required ? 'is-required' : ''}">${r.required ? 'Required' : 'Optional'}</span>` : nothing}</td>
          <td class="ap-param-type"><span class="chip">${r.type}</span>${r.fieldType ? html`<span class="ap-field-type">${r.fieldType}</span>` : nothing}</td>
          <td class="ap-param-desc">${r.desc || (r.notes || []).map((n) => html`<span class="ap-note">${n}</span> `)}</td>
        </tr>`))}</tbody>
    </table></div>`;
  }
}
customElements.define('c-api-preview', ApiPreview);
