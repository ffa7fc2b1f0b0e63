// Settings › Application: name and URL, accent colour, hidden controls, the batch API, rate limits, trusted
// proxy headers and the superuser IP allow-list.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { confirmDialog, collectionsStore } from '../ui.js';
import { SettingsForm } from './settings-form.js';
import { hasErrors, settingsIcons } from './settings-shared.js';

const AUDIENCES = [
  { value: '', label: 'Everyone' },
  { value: '@guest', label: 'Guests only' },
  { value: '@auth', label: 'Authenticated only' },
];

const TAG_ACTIONS = ['list', 'view', 'create', 'update', 'delete', 'file', 'listAuthMethods', 'authRefresh', 'auth',
  'authWithPassword', 'authWithOAuth2', 'authWithOTP', 'requestOTP', 'requestPasswordReset', 'confirmPasswordReset',
  'requestVerification', 'confirmVerification', 'requestEmailChange', 'confirmEmailChange'];

const PROXY_HEADERS = ['X-Forwarded-For', 'X-Real-IP', 'CF-Connecting-IP', 'Fly-Client-IP'];

/** Rule priority as the rate limiter matches them: tags before paths, exact before wildcard/prefix. */
function rulePriority(label) {
  const isTag = label.includes(':') || !label.includes('/');
  if (isTag) return label.startsWith('*') ? 1005 : 1010;
  let p = 0;
  if (label.includes(' /')) p += 10;
  if (!label.endsWith('/')) p += 5;
  return p;
}

function sortRules(rules) {
  return [...(rules || [])].sort((a, b) => {
    const d = rulePriority(b.label || '') - rulePriority(a.label || '');
    if (d) return d;
    const prefixes = (a.label || '').endsWith('/') && (b.label || '').endsWith('/');
    return prefixes ? (b.label || '').length - (a.label || '').length : 0;
  });
}

class ApplicationSettings extends SettingsForm {
  static properties = { ...SettingsForm.properties, health: { state: true } };

  constructor() {
    super();
    this.savedMessage = 'Application settings saved.';
    this.open = new Set();
    this.health = null;
  }

  connectedCallback() {
    super.connectedCallback();
    api.send('api/health').then((h) => { this.health = h?.data || {}; }).catch(() => {});
    if (!collectionsStore.loaded) collectionsStore.load().then(() => this.requestUpdate()).catch(() => {});
  }

  pick(s) {
    return {
      meta: {
        appName: s.meta?.appName ?? '',
        appURL: s.meta?.appURL ?? '',
        hideControls: !!s.meta?.hideControls,
        ...(s.meta && 'accentColor' in s.meta ? { accentColor: s.meta.accentColor || '' } : {}),
      },
      batch: { ...s.batch },
      rateLimits: { enabled: false, excludedIPs: [], ...s.rateLimits, rules: sortRules(s.rateLimits?.rules) },
      trustedProxy: { headers: [], useLeftmostIP: false, ...s.trustedProxy },
      ...('superuserIPs' in s ? { superuserIPs: s.superuserIPs || [] } : {}),
    };
  }

  payload() {
    const body = super.payload();
    body.rateLimits.rules = sortRules(body.rateLimits.rules);
    return body;
  }

  async beforeSave() {
    const ips = this.form.superuserIPs || [];
    if (!ips.length || JSON.stringify(ips) === JSON.stringify(this.original.superuserIPs || [])) return true;
    const mine = this.health?.realIP;
    const warn = mine && !ips.some((ip) => ip === mine || ip.includes('/'))
      ? ` Your IP (${mine}) is not in the list: you will be locked out of the dashboard.` : '';
    return confirmDialog(`Only these IPs will be able to use superuser accounts: ${ips.join(', ')}.${warn}`
      + ' To undo a lockout, clear the list with the coffer command line.', { confirmText: 'Save the allow-list', danger: !!warn });
  }

  async afterSave() {
    // a new allow-list may have locked this superuser out: check the session still works
    if ((this.settings.superuserIPs || []).length) {
      await api.authRefresh().catch(() => {});
    }
  }

  section(id, title, badge, body, help = nothing) {
    const errored = hasErrors(this.errors, id);
    const open = this.open.has(id) || errored;
    return html`<details class="accordion ${errored ? 'has-errors' : ''}" .open=${open}
      @toggle=${(e) => { if (e.target.open) this.open.add(id); else this.open.delete(id); }}>
      <summary><span class="accordion-title">${title}</span>
        ${errored ? html`<span class="badge badge-danger">Has errors</span>` : nothing}
        <span class="badge ${badge ? 'badge-success' : ''}">${badge ? 'Enabled' : 'Disabled'}</span></summary>
      <div class="accordion-body">${help}${body}</div>
    </details>`;
  }

  tagSuggestions() {
    const tags = [];
    for (const c of collectionsStore.items) {
      if (c.system) continue;
      for (const a of TAG_ACTIONS) {
        if (c.type === 'view' && ['create', 'update', 'delete'].includes(a)) continue;
        if (c.type !== 'auth' && /auth|OTP|Password|Verification|EmailChange/.test(a)) continue;
        tags.push(`${c.name}:${a}`);
      }
    }
    return [...tags, ...TAG_ACTIONS.map((a) => `*:${a}`), '/api/', 'POST /api/', '/api/batch'];
  }

  addRule() {
    const rules = [...(this.form.rateLimits.rules || []), { label: '', maxRequests: 300, duration: 10, audience: '' }];
    this.set('rateLimits.rules', rules);
    if (rules.length === 1) this.set('rateLimits.enabled', true);
    this.updateComplete.then(() => {
      const inputs = this.querySelectorAll('.rule-row input[name$=".label"]');
      inputs[inputs.length - 1]?.focus();
    });
  }

  removeRule(i) {
    const rules = this.form.rateLimits.rules.filter((_, j) => j !== i);
    // errors are per index: drop them, they no longer match the rows
    if (this.errors.rateLimits?.rules) {
      const rateLimits = { ...this.errors.rateLimits };
      delete rateLimits.rules;
      this.errors = { ...this.errors, rateLimits };
    }
    this.set('rateLimits.rules', rules);
    if (!rules.length) this.set('rateLimits.enabled', false);
  }

  rateLimits() {
    const rules = this.form.rateLimits.rules || [];
    return html`
      ${this.toggle('rateLimits.enabled', 'Enable rate limiting', { help: 'Superusers are never rate limited.' })}
      <datalist id="rate-limit-tags">${this.tagSuggestions().map((t) => html`<option value=${t}></option>`)}</datalist>
      <div class="rules" role="group" aria-label="Rate limit rules">
        ${rules.length ? html`<div class="rule-row rule-head" aria-hidden="true">
          <span>Label (tag or path)</span><span>Max requests</span><span>Interval (seconds)</span><span>Audience</span><span></span></div>` : nothing}
        ${rules.map((r, i) => html`<div class="rule-row">
          ${this.text(`rateLimits.rules.${i}.label`, `Rule ${i + 1} label`, { placeholder: 'users:create or /api/', list: 'rate-limit-tags', cls: 'rule-label' })}
          ${this.number(`rateLimits.rules.${i}.maxRequests`, `Rule ${i + 1} max requests`, { min: 1 })}
          ${this.number(`rateLimits.rules.${i}.duration`, `Rule ${i + 1} interval in seconds`, { min: 1 })}
          ${this.select(`rateLimits.rules.${i}.audience`, `Rule ${i + 1} audience`, AUDIENCES)}
          <button type="button" class="btn-icon" aria-label="Remove rule ${i + 1}" title="Remove rule" @click=${() => this.removeRule(i)}>${settingsIcons.trash}</button>
        </div>`)}
        ${rules.length ? nothing : html`<p class="hint">No rules.</p>`}
      </div>
      <button type="button" class="btn btn-secondary btn-sm" @click=${() => this.addRule()}>${settingsIcons.plus} Add rule</button>
      <details class="help-details">
        <summary>How rules match</summary>
        <ul class="hint">
          <li><code>collection:action</code> targets one action of a collection, e.g. <code>posts:create</code>; <code>*:create</code> targets it in every collection; <code>*:auth</code> every auth method.</li>
          <li><code>/api/path</code> matches that exact path, <code>/api/prefix/</code> (ending with a slash) every path under it; both can start with a method, e.g. <code>POST /api/</code>.</li>
          <li>The first match wins: exact tags, then wildcard tags, then paths with a method, exact paths before prefixes, longer prefixes first.</li>
          <li>Each client may send at most <em>max requests</em> per <em>interval</em>; the audience limits a rule to guests or to authenticated clients.</li>
        </ul>
      </details>
      ${this.list('rateLimits.excludedIPs', 'Excluded IPs and subnets', { placeholder: '127.0.0.1, 10.0.0.0/8', help: 'Comma separated IPs or CIDR subnets that are never rate limited.' })}`;
  }

  trustedProxy() {
    const headers = this.form.trustedProxy.headers || [];
    const detected = this.health?.possibleProxyHeader;
    const suggestions = [...new Set([detected, ...PROXY_HEADERS].filter(Boolean))].filter((h) => !headers.includes(h));
    return html`
      <p class="hint">Behind a proxy (NGINX, Caddy, Cloudflare, Fly…) every request seems to come from the proxy's IP.
        List the headers the proxy sets with the client's IP so rate limits and logs see the real one. Only trust headers
        your proxy always sets, and make sure the server can only be reached through it.</p>
      <div class="info-box">
        <div>Your IP as the server sees it: <strong>${this.health ? this.health.realIP || 'unknown' : '…'}</strong></div>
        <div>Detected proxy header: <strong>${this.health ? detected || 'none' : '…'}</strong></div>
      </div>
      ${this.list('trustedProxy.headers', 'Trusted proxy headers', { placeholder: 'Leave empty when not behind a proxy' })}
      ${suggestions.length ? html`<div class="suggest-chips"><span class="hint">Add:</span>
        ${suggestions.map((h) => html`<button type="button" class="chip chip-btn" @click=${() => this.addToList('trustedProxy.headers', h)}>${h}${h === detected ? ' (detected)' : ''}</button>`)}</div>` : nothing}
      ${this.select('trustedProxy.useLeftmostIP', 'IP to use from the header', [
        { value: false, label: 'The rightmost IP (the one the last proxy added; safer)' },
        { value: true, label: 'The leftmost IP (the original client, if every proxy is trusted)' },
      ])}`;
  }

  superuserIPs() {
    const mine = this.health?.realIP;
    const ips = this.form.superuserIPs || [];
    return html`
      <p class="hint">When set, superusers can only log in and use their tokens from these IPs or subnets, even with a
        stolen token. Make sure your own IP is in the list.</p>
      ${this.list('superuserIPs', 'Allowed superuser IPs and subnets', { placeholder: 'Leave empty for no restriction' })}
      ${mine && !ips.includes(mine) ? html`<div class="suggest-chips"><span class="hint">Add:</span>
        <button type="button" class="chip chip-btn" @click=${() => this.addToList('superuserIPs', mine)}>${mine} (you)</button></div>` : nothing}`;
  }

  renderForm() {
    const f = this.form;
    return this.formTemplate(html`
      <div class="grid-2">
        ${this.text('meta.appName', 'Application name', { required: true, help: 'Used in emails and in the names of backups.' })}
        ${this.text('meta.appURL', 'Application URL', { required: true, placeholder: 'https://example.com', help: 'The public URL of the app, used in the links of emails.' })}
      </div>
      ${'accentColor' in f.meta ? html`<label class="field color-field">
        <span>Accent color</span>
        <span class="row-inline">
          <input type="color" aria-label="Accent color picker" .value=${/^#[0-9a-f]{6}$/i.test(f.meta.accentColor) ? f.meta.accentColor : '#000000'}
            @input=${(e) => this.set('meta.accentColor', e.target.value)}>
          <input type="text" name="meta.accentColor" aria-label="Accent color" .value=${f.meta.accentColor} placeholder="#1055c9"
            @input=${(e) => this.set('meta.accentColor', e.target.value)}>
        </span>
        ${this.err('meta.accentColor') ? html`<small class="field-error">${this.err('meta.accentColor')}</small>` : nothing}
        <small class="field-help">PocketBase's dashboard uses it for its buttons and links; Coffer's dashboard keeps its own colours.</small>
      </label>` : nothing}
      ${this.toggle('meta.hideControls', 'Hide collection create and edit controls', {
        help: 'Guards production data from accidental changes: the dashboard hides the buttons that create or change collections.',
      })}

      <div class="accordions">
        ${this.section('batch', 'Batch API', f.batch.enabled, html`
          ${this.toggle('batch.enabled', 'Enable the batch API (POST /api/batch)')}
          <div class="grid-3">
            ${this.number('batch.maxRequests', 'Max requests in a batch', { min: 1, required: f.batch.enabled })}
            ${this.number('batch.timeout', 'Max processing time (seconds)', { min: 1, required: f.batch.enabled })}
            ${this.number('batch.maxBodySize', 'Max body size (bytes)', { min: 0, zeroBlank: true, placeholder: 'Default: 128 MB' })}
          </div>`, html`<p class="hint">Lets clients create, update and delete records of several collections in one transaction.</p>`)}
        ${this.section('rateLimits', 'Rate limiting', f.rateLimits.enabled, this.rateLimits())}
        ${this.section('trustedProxy', 'Trusted proxy', (f.trustedProxy.headers || []).length > 0, this.trustedProxy())}
        ${'superuserIPs' in f ? this.section('superuserIPs', 'Superuser IP allow-list', (f.superuserIPs || []).length > 0, this.superuserIPs()) : nothing}
      </div>`);
  }

  render() {
    return this.page('Application');
  }
}
customElements.define('c-settings-application', ApplicationSettings);
