// The options of an auth collection: the login alert, identity/password auth, OAuth2 (providers from
// GET /api/collections/meta/oauth2-providers with their settings and the field mapping), OTP, MFA, the mail
// templates (with a preview in a sandboxed frame and a test mail) and the token options (durations, and
// invalidating every issued token by a new secret, as PocketBase does).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, toast, toastError } from '../ui.js';
import {
  clone, editorStyles, emitChange, errorAt, hasErrorAt, numberOrNull, openDialog, randomSecret, splitList, ceIcons,
} from './field-settings-shared.js';
import { ruleInput } from './rules-editor.js';
import { parseIndex } from './index-editor.js';

let providersPromise = null;
/** The OAuth2 providers the server knows ([{name, displayName, logo}]), loaded once. */
function loadProviders() {
  providersPromise ||= api.send('api/collections/meta/oauth2-providers').catch((e) => {
    providersPromise = null;
    throw e;
  });
  return providersPromise;
}

let settingsPromise = null;
/** The app name and URL for the template previews (loaded once; falls back to this page's origin). */
function loadMeta() {
  settingsPromise ||= api.send('api/settings', { query: { fields: 'meta' } })
    .then((s) => s?.meta || {}).catch(() => ({}));
  return settingsPromise;
}

const TEMPLATES = [
  { key: 'verificationTemplate', title: 'Verification', test: 'verification', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{TOKEN}'] },
  { key: 'resetPasswordTemplate', title: 'Password reset', test: 'password-reset', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{TOKEN}'] },
  { key: 'confirmEmailChangeTemplate', title: 'Confirm email change', test: 'email-change', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{TOKEN}'] },
  { key: 'otp.emailTemplate', title: 'OTP', test: 'otp', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{OTP}', '{OTP_ID}'] },
  { key: 'authAlert.emailTemplate', title: 'Login alert', test: 'login-alert', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{ALERT_INFO}'] },
];

const TOKENS = [
  { key: 'authToken', label: 'Auth' },
  { key: 'verificationToken', label: 'Email verification', notSuperusers: true },
  { key: 'passwordResetToken', label: 'Password reset' },
  { key: 'emailChangeToken', label: 'Email change', notSuperusers: true },
  { key: 'fileToken', label: 'Protected file' },
];

const MAPPABLE = ['text', 'editor', 'url', 'email', 'json'];
const NOT_MAPPABLE = ['id', 'email', 'emailVisibility', 'verified', 'tokenKey', 'password'];

const MS_EMAIL_CLAIMS = [
  { value: '', label: 'Graph API "mail" field (default)' },
  { value: 'email', label: '"email" id_token claim' },
  { value: 'email_and_xms_edov', label: '"email" + "xms_edov" id_token claims' },
  { value: 'verified_primary_email', label: '"verified_primary_email" id_token claim' },
  { value: 'any_verified', label: 'Either "verified_primary_email" or "email" + "xms_edov"' },
];

const LARK_SITES = [
  { value: 'feishu.cn', label: 'Feishu (China)' },
  { value: 'larksuite.com', label: 'Lark (International)' },
];

/** Which endpoint settings a provider has: null, or {required, title}. */
function endpointsOf(name) {
  if (/^oidc\d*$/.test(name)) return { required: true, title: 'Endpoints', userInfoOptional: true };
  if (name === 'mailcow') return { required: true, title: 'Endpoints' };
  if (name === 'gitlab' || name === 'gitea') return { required: false, title: 'Self-hosted endpoints (optional)' };
  if (name === 'microsoft') return { required: false, title: 'Endpoints (tenant)', noUserInfo: true };
  return null;
}

function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function ensurePath(obj, path, fallback) {
  const keys = path.split('.');
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!o[keys[i]] || typeof o[keys[i]] !== 'object') o[keys[i]] = {};
    o = o[keys[i]];
  }
  const last = keys[keys.length - 1];
  if (!o[last] || typeof o[last] !== 'object') o[last] = clone(fallback);
  return o[last];
}

function logoUrl(p) {
  return p?.logo ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(p.logo)}` : '';
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

class AuthOptions extends LightElement {
  static properties = {
    collection: { attribute: false },
    original: { attribute: false },
    collections: { attribute: false },
    errors: { attribute: false },
    rev: { type: Number },
    providers: { state: true },
    meta: { state: true },
  };

  constructor() {
    super();
    this.providers = [];
    this.meta = {};
    this.opened = new Set();
    this.previews = new Set();
    this.testEmail = '';
  }

  connectedCallback() {
    super.connectedCallback();
    editorStyles();
    loadProviders().then((p) => { this.providers = p || []; }).catch(() => {});
    loadMeta().then((m) => { this.meta = m; });
  }

  get isSuperusers() {
    return (this.original?.name || this.collection?.name) === '_superusers' && !!this.original?.system;
  }

  changed(...clear) {
    this.requestUpdate();
    emitChange(this, ...clear);
  }

  /** A <details> section whose open state survives re-renders; open when it holds an error. */
  section(id, summary, body, { errorPath, badge } = {}) {
    const hasErr = errorPath ? (Array.isArray(errorPath) ? errorPath : [errorPath]).some((p) => hasErrorAt(this.errors, p)) : false;
    return html`<details class="ce-accordion" data-section=${id} .open=${this.opened.has(id) || hasErr}
      @toggle=${(e) => { if (e.target.open) this.opened.add(id); else this.opened.delete(id); }}>
      <summary><span class="ce-acc-title">${summary}</span>
        ${badge === undefined ? nothing : html`<span class="badge ${badge ? 'badge-success' : ''}">${badge ? 'Enabled' : 'Disabled'}</span>`}
        ${hasErr ? html`<span class="badge badge-danger">Has errors</span>` : nothing}
      </summary>
      <div class="ce-acc-body">${body}</div>
    </details>`;
  }

  numberInput(obj, key, label, path, { min = 1 } = {}) {
    const err = errorAt(this.errors, path);
    return html`<label class="field ${err ? 'invalid' : ''}"><span>${label}</span>
      <input aria-label=${label} type="number" min=${min} step="1" .value=${obj[key] ?? ''}
        @input=${(e) => { obj[key] = numberOrNull(e.target.value) ?? 0; this.changed(path); }}>
      ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}</label>`;
  }

  // --- identity/password -------------------------------------------------------------------------

  identityOptions() {
    const c = this.collection;
    const out = ['email'];
    for (const idx of c.indexes || []) {
      const p = parseIndex(idx);
      if (!p.unique || p.columns.length !== 1 || p.columns[0].name === 'email') continue;
      const f = (c.fields || []).find((x) => !x.hidden && !x['@toDelete'] && x.name.toLowerCase() === p.columns[0].name.toLowerCase());
      if (f && !out.includes(f.name)) out.push(f.name);
    }
    return out;
  }

  passwordAuth() {
    const cfg = ensurePath(this.collection, 'passwordAuth', { enabled: true, identityFields: ['email'] });
    const ids = cfg.identityFields || [];
    const opts = [...new Set([...this.identityOptions(), ...ids])];
    const err = errorAt(this.errors, 'passwordAuth.identityFields');
    return this.section('password', 'Identity/Password', html`
      <label class="check"><input type="checkbox" .checked=${!!cfg.enabled}
        @change=${(e) => { cfg.enabled = e.target.checked; this.changed('passwordAuth'); }}> Enable</label>
      <div class="field"><span class="field-label">Unique identity fields</span>
        <div class="ce-checks" role="group" aria-label="Unique identity fields">
          ${opts.map((n) => html`<label class="check"><input type="checkbox" .checked=${ids.includes(n)}
            @change=${(e) => {
              cfg.identityFields = e.target.checked ? [...ids, n] : ids.filter((x) => x !== n);
              this.changed('passwordAuth');
            }}> ${n}</label>`)}
        </div>
        <small class="field-help">Other fields appear here once they have a unique single-column index (Fields tab).</small>
        ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}
      </div>`, { errorPath: 'passwordAuth', badge: !!cfg.enabled });
  }

  // --- OAuth2 ------------------------------------------------------------------------------------

  oauth2() {
    const cfg = ensurePath(this.collection, 'oauth2', { enabled: false, mappedFields: {}, providers: [] });
    cfg.providers ||= [];
    cfg.mappedFields ||= { id: '', name: '', username: '', avatarURL: '' };
    const fields = (this.collection.fields || []).filter((f) => !f['@toDelete'] && !NOT_MAPPABLE.includes(f.name));
    const regular = fields.filter((f) => MAPPABLE.includes(f.type)).map((f) => f.name);
    const withFiles = fields.filter((f) => f.type === 'file' || MAPPABLE.includes(f.type)).map((f) => f.name);
    const mapSelect = (key, label, names) => html`<label class="field"><span>${label}</span>
      <select @change=${(e) => { cfg.mappedFields[key] = e.target.value; this.changed('oauth2'); }}>
        <option value="" ?selected=${!cfg.mappedFields[key]}>None</option>
        ${names.map((n) => html`<option value=${n} ?selected=${cfg.mappedFields[key] === n}>${n}</option>`)}
      </select></label>`;
    return this.section('oauth2', 'OAuth2', html`
      <label class="check"><input type="checkbox" .checked=${!!cfg.enabled}
        @change=${(e) => { cfg.enabled = e.target.checked; this.changed('oauth2.enabled'); }}> Enable</label>
      ${errorAt(this.errors, 'oauth2.enabled') ? html`<small class="field-error" role="alert">${errorAt(this.errors, 'oauth2.enabled')}</small>` : nothing}
      <div class="ce-providers">
        ${cfg.providers.map((p, i) => {
          const info = this.providers.find((x) => x.name === p.name) || {};
          const hasErr = hasErrorAt(this.errors, `oauth2.providers.${i}`);
          return html`<div class="ce-provider ${hasErr ? 'ce-has-error' : ''}" data-provider=${p.name}>
            ${logoUrl(info) ? html`<img src=${logoUrl(info)} alt="" width="24" height="24">` : html`<span class="ce-logo-fallback">${(p.name || '?')[0].toUpperCase()}</span>`}
            <span class="grow"><strong>${p.displayName || info.displayName || p.name}</strong> <span class="hint">${p.name}</span>
              ${hasErr ? html`<br><small class="field-error" role="alert">${Object.values(getPath(this.errors, `oauth2.providers.${i}`) || {}).map((x) => x?.message).filter(Boolean).join(' ') || 'Invalid settings.'}</small>` : nothing}</span>
            <button type="button" class="btn btn-secondary btn-sm" aria-label="Settings of ${p.name}" @click=${() => this.editProvider(i)}>${ceIcons.settings} Settings</button>
            <button type="button" class="btn-icon" aria-label="Remove ${p.name}" title="Remove" @click=${() => this.removeProvider(i)}>${ceIcons.trash}</button>
          </div>`;
        })}
        <button type="button" class="btn btn-secondary ce-add-provider" @click=${() => this.addProvider()}>${ceIcons.plus} Add provider</button>
      </div>
      <details class="ce-subsection"><summary>Optional fields mapping of new users</summary>
        <p class="hint">On the first OAuth2 login, fill these fields of the new record from the provider's data.</p>
        <div class="ce-grid">
          ${mapSelect('name', 'OAuth2 full name', regular)}
          ${mapSelect('avatarURL', 'OAuth2 avatar', withFiles)}
          ${mapSelect('id', 'OAuth2 id', regular)}
          ${mapSelect('username', 'OAuth2 username', regular)}
        </div>
      </details>`, { errorPath: 'oauth2', badge: !!cfg.enabled });
  }

  async addProvider() {
    let all;
    try {
      all = await loadProviders();
    } catch (e) {
      toastError(e);
      return;
    }
    const cfg = this.collection.oauth2;
    const taken = new Set(cfg.providers.map((p) => p.name));
    let search = '';
    const picked = await openDialog({
      label: 'Add OAuth2 provider',
      wide: true,
      content: (ctx) => {
        const q = search.toLowerCase();
        const list = all.filter((p) => !taken.has(p.name) && (!q || p.name.includes(q) || (p.displayName || '').toLowerCase().includes(q)));
        return html`<h2>Add OAuth2 provider</h2>
          <label class="field"><span>Search</span><input type="search" autofocus .value=${search}
            @input=${(e) => { search = e.target.value; ctx.update(); }}></label>
          <div class="ce-provider-grid">
            ${list.map((p) => html`<button type="button" class="ce-provider-option" @click=${() => ctx.close(p)}>
              ${logoUrl(p) ? html`<img src=${logoUrl(p)} alt="" width="28" height="28">` : html`<span class="ce-logo-fallback">${p.name[0].toUpperCase()}</span>`}
              <span><strong>${p.displayName}</strong><br><span class="hint">${p.name}</span></span></button>`)}
            ${list.length ? nothing : html`<p class="hint">No provider matches.</p>`}
          </div>
          <div class="actions"><button type="button" class="btn btn-secondary" @click=${() => ctx.close()}>Cancel</button></div>`;
      },
    });
    if (!picked) return;
    const config = await this.providerDialog({ name: picked.name }, true);
    if (!config) return;
    if (!cfg.providers.length) cfg.enabled = true;
    cfg.providers = [...cfg.providers, config];
    this.changed('oauth2');
  }

  async editProvider(i) {
    const cfg = this.collection.oauth2;
    const config = await this.providerDialog(cfg.providers[i], false, i);
    if (!config) return;
    cfg.providers = cfg.providers.map((p, j) => (j === i ? config : p));
    this.changed(`oauth2.providers.${i}`);
  }

  async removeProvider(i) {
    const cfg = this.collection.oauth2;
    cfg.providers = cfg.providers.filter((_, j) => j !== i);
    if (!cfg.providers.length) cfg.enabled = false;
    this.changed('oauth2.providers');
  }

  /** The settings dialog of one provider; resolves to the new config or undefined. */
  async providerDialog(start, isNew, index = -1) {
    const info = (await loadProviders().catch(() => [])).find((p) => p.name === start.name) || { name: start.name, displayName: start.name };
    const c = clone(start);
    c.extra ||= {};
    if (/^oidc\d*$/.test(c.name)) {
      if (c.displayName === undefined || c.displayName === '') c.displayName = c.displayName || 'OIDC';
      if (c.pkce === undefined || c.pkce === null) c.pkce = true;
    }
    if (c.name === 'lark' && !c.authURL) this.larkSite(c, LARK_SITES[0].value);
    const ep = endpointsOf(c.name);
    const errs = index >= 0 ? getPath(this.errors, `oauth2.providers.${index}`) || {} : {};
    const err = (k) => (errs[k]?.message ? html`<small class="field-error" role="alert">${errs[k].message}</small>` : nothing);
    let apple = null; // the Apple secret generator form, when open
    // an OIDC provider saved with endpoints but no user info URL reads the user from the ID token
    let userInfoFrom = !isNew && /^oidc\d*$/.test(c.name) && c.authURL && !c.userInfoURL ? 'token' : 'url';
    const input = (ctx, key, label, { type = 'text', required = false, placeholder = '', obj = c } = {}) => html`<label class="field">
      <span class=${required ? 'required' : ''}>${label}</span>
      <input aria-label=${label} type=${type} ?required=${required} autocomplete="off" spellcheck="false" placeholder=${placeholder} .value=${obj[key] ?? ''}
        @input=${(e) => { obj[key] = e.target.value.trim(); }}>${obj === c ? err(key) : nothing}</label>`;
    const result = await openDialog({
      label: `${info.displayName || c.name} settings`,
      wide: true,
      content: (ctx) => html`<form class="ce-provider-form" @submit=${(e) => {
          e.preventDefault();
          const out = clone(c);
          if (!out.clientSecret) delete out.clientSecret; // kept by the server when left out
          if (userInfoFrom === 'token' && /^oidc\d*$/.test(out.name)) out.userInfoURL = '';
          ctx.close(out);
        }}>
        <h2>${logoUrl(info) ? html`<img src=${logoUrl(info)} alt="" width="24" height="24">` : nothing}
          ${c.displayName || info.displayName || c.name} <span class="hint">(${c.name})</span></h2>
        ${input(ctx, 'clientId', 'Client ID', { required: true })}
        ${input(ctx, 'clientSecret', 'Client secret', {
          type: 'password', required: isNew && !apple,
          placeholder: isNew ? '' : 'Stored; leave empty to keep it',
        })}
        ${c.name === 'apple' ? html`<div class="ce-apple">
          ${apple ? html`<fieldset class="ce-fieldset"><legend>Generate the client secret</legend>
            ${input(ctx, 'clientId', 'Client ID (Services ID)', { obj: apple })}
            ${input(ctx, 'teamId', 'Team ID', { obj: apple })}
            ${input(ctx, 'keyId', 'Key ID', { obj: apple })}
            <label class="field"><span>Duration (seconds, max ~6 months)</span><input type="number" min="1" .value=${String(apple.duration)}
              @input=${(e) => { apple.duration = Number(e.target.value) || 0; }}></label>
            <label class="field"><span>Private key</span><textarea class="code" rows="4" spellcheck="false"
              placeholder="-----BEGIN PRIVATE KEY-----" .value=${apple.privateKey}
              @input=${(e) => { apple.privateKey = e.target.value; }}></textarea></label>
            ${apple.error ? html`<p class="error" role="alert">${apple.error}</p>` : nothing}
            <button type="button" class="btn btn-secondary btn-sm" @click=${async () => {
              try {
                const res = await api.send('api/settings/apple/generate-client-secret', {
                  method: 'POST', body: { clientId: apple.clientId, teamId: apple.teamId, keyId: apple.keyId, privateKey: apple.privateKey, duration: apple.duration },
                });
                c.clientSecret = res.secret;
                apple = null;
                toast('Client secret generated.');
              } catch (e2) {
                apple.error = Object.entries(e2.data || {}).map(([k, v]) => `${k}: ${v.message}`).join(' ') || e2.message;
              }
              ctx.update();
            }}>Generate and use</button></fieldset>`
            : html`<button type="button" class="btn btn-secondary btn-sm" @click=${() => {
              apple = { clientId: c.clientId || '', teamId: '', keyId: '', privateKey: '', duration: 15777000 };
              ctx.update();
            }}>Generate the secret from a private key</button>`}
        </div>` : nothing}
        ${/^oidc\d*$/.test(c.name) ? input(ctx, 'displayName', 'Display name', { required: true }) : nothing}
        ${c.name === 'lark' ? html`<label class="field"><span>Site</span>
          <select @change=${(e) => { this.larkSite(c, e.target.value); ctx.update(); }}>
            ${LARK_SITES.map((s) => html`<option value=${s.value} ?selected=${(c.authURL || '').includes(s.value)}>${s.label}</option>`)}
          </select></label>` : nothing}
        ${ep ? html`<fieldset class="ce-fieldset"><legend>${ep.title}</legend>
          ${input(ctx, 'authURL', 'Auth URL', { type: 'url', required: ep.required })}
          ${input(ctx, 'tokenURL', 'Token URL', { type: 'url', required: ep.required })}
          ${ep.noUserInfo ? nothing : ep.userInfoOptional ? html`
            <label class="field"><span>Fetch user info from</span>
              <select @change=${(e) => { userInfoFrom = e.target.value; ctx.update(); }}>
                <option value="url" ?selected=${userInfoFrom === 'url'}>User info URL</option>
                <option value="token" ?selected=${userInfoFrom === 'token'}>ID token</option>
              </select></label>
            ${userInfoFrom === 'url' ? input(ctx, 'userInfoURL', 'User info URL', { type: 'url', required: true }) : html`
              ${input(ctx, 'jwksURL', 'JWKS verification URL', { type: 'url', obj: c.extra })}
              <label class="field"><span>Issuers</span><input .value=${(c.extra.issuers || []).join(', ')} placeholder="Comma separated"
                @change=${(e) => { c.extra.issuers = splitList(e.target.value); }}></label>`}`
            : input(ctx, 'userInfoURL', 'User info URL', { type: 'url', required: ep.required })}
        </fieldset>` : nothing}
        ${c.name === 'microsoft' ? html`<label class="field"><span>Extract email from</span>
          <select @change=${(e) => { c.extra.idTokenEmailClaim = e.target.value; }}>
            ${MS_EMAIL_CLAIMS.map((o) => html`<option value=${o.value} ?selected=${(c.extra.idTokenEmailClaim || '') === o.value}>${o.label}</option>`)}
          </select></label>` : nothing}
        ${/^oidc\d*$/.test(c.name) ? html`<label class="check"><input type="checkbox" .checked=${!!c.pkce}
          @change=${(e) => { c.pkce = e.target.checked; }}> Support PKCE</label>` : nothing}
        <div class="actions">
          <button type="button" class="btn btn-secondary" @click=${() => ctx.close()}>Cancel</button>
          <button class="btn">${isNew ? 'Add provider' : 'Set provider'}</button>
        </div>
      </form>`,
    });
    if (result && !Object.keys(result.extra || {}).length) result.extra = {};
    return result;
  }

  larkSite(c, site) {
    c.authURL = `https://accounts.${site}/open-apis/authen/v1/authorize`;
    c.tokenURL = `https://open.${site}/open-apis/authen/v2/oauth/token`;
    c.userInfoURL = `https://open.${site}/open-apis/authen/v1/user_info`;
  }

  // --- OTP and MFA -------------------------------------------------------------------------------

  otp() {
    const cfg = ensurePath(this.collection, 'otp', { enabled: false, duration: 180, length: 8 });
    const mfa = ensurePath(this.collection, 'mfa', { enabled: false, duration: 600, rule: '' });
    return this.section('otp', 'One-time password (OTP)', html`
      <label class="check"><input type="checkbox" .checked=${!!cfg.enabled}
        @change=${(e) => {
          cfg.enabled = e.target.checked;
          if (this.isSuperusers) mfa.enabled = cfg.enabled;
          this.changed('otp');
        }}> Enable</label>
      ${this.isSuperusers ? html`<p class="hint">Superusers use OTP only as the second factor of MFA (turned on together).</p>` : nothing}
      <div class="ce-grid">
        ${this.numberInput(cfg, 'duration', 'Duration (in seconds)', 'otp.duration')}
        ${this.numberInput(cfg, 'length', 'Generated password length', 'otp.length')}
      </div>`, { errorPath: ['otp.enabled', 'otp.duration', 'otp.length'], badge: !!cfg.enabled });
  }

  mfa() {
    const cfg = ensurePath(this.collection, 'mfa', { enabled: false, duration: 600, rule: '' });
    const ruleErr = errorAt(this.errors, 'mfa.rule');
    return this.section('mfa', 'Multi-factor authentication (MFA)', html`
      <p class="hint">With MFA a login needs two different auth methods (e.g. password, then OTP), so at least two must be enabled.</p>
      <label class="check"><input type="checkbox" .checked=${!!cfg.enabled}
        @change=${(e) => { cfg.enabled = e.target.checked; this.changed('mfa'); }}> Enable</label>
      ${errorAt(this.errors, 'mfa.enabled') ? html`<small class="field-error" role="alert">${errorAt(this.errors, 'mfa.enabled')}</small>` : nothing}
      ${this.numberInput(cfg, 'duration', 'Max duration between 2 authentications (in seconds)', 'mfa.duration')}
      <div class="field ${ruleErr ? 'invalid' : ''}"><span class="field-label">MFA rule</span>
        ${ruleInput({
          value: cfg.rule ?? '', label: 'MFA rule', collection: this.collection, collections: this.collections, invalid: !!ruleErr,
          placeholder: 'Empty: MFA for everyone', onInput: (t) => { cfg.rule = t; this.changed('mfa.rule'); },
        })}
        <small class="field-help">Optional: MFA only for the accounts that match, e.g. <code>email != ''</code>.</small>
        ${ruleErr ? html`<small class="field-error" role="alert">${ruleErr}</small>` : nothing}
      </div>`, { errorPath: 'mfa', badge: !!cfg.enabled });
  }

  // --- mail templates ----------------------------------------------------------------------------

  sampleValue(name) {
    const f = (this.collection.fields || []).find((x) => x.name === name);
    if (name === 'id') return 'a1b2c3d4e5f6g7h';
    if (name === 'email') return 'test@example.com';
    if (!f) return `{RECORD:${name}}`;
    switch (f.type) {
      case 'bool': return 'true';
      case 'number': return '42';
      case 'date': case 'autodate': return '2024-01-01 10:00:00.000Z';
      case 'email': return 'test@example.com';
      case 'url': return 'https://example.com';
      default: return `Sample ${name}`;
    }
  }

  /** The template text with PocketBase's placeholders replaced by sample values. */
  fill(text, { escape = false } = {}) {
    const appName = this.meta.appName || 'Acme';
    const appUrl = this.meta.appURL || location.origin;
    const len = Number(this.collection.otp?.length) || 8;
    const map = {
      APP_NAME: appName,
      APP_URL: appUrl,
      TOKEN: 'eyJhbGciOiJIUzI1NiJ9.sample.token',
      OTP: '1234567890123456789'.slice(0, Math.max(1, Math.min(len, 19))),
      OTP_ID: 'otp1a2b3c4d5e6f',
      ALERT_INFO: 'Chrome on Linux, 203.0.113.7, 2024-01-01 10:00 UTC',
    };
    const esc = (v) => (escape ? escapeHtml(v) : v);
    return String(text || '')
      .replace(/\{RECORD:(\w+)\}/g, (_, n) => esc(this.sampleValue(n)))
      .replace(/\{(APP_NAME|APP_URL|TOKEN|OTP_ID|OTP|ALERT_INFO)\}/g, (_, k) => esc(map[k]));
  }

  template(t) {
    const cfg = ensurePath(this.collection, t.key, { subject: '', body: '' });
    const subjErr = errorAt(this.errors, `${t.key}.subject`);
    const bodyErr = errorAt(this.errors, `${t.key}.body`);
    const previewing = this.previews.has(t.key);
    const doc = `<!doctype html><html><head><meta charset="utf-8"><style>body{font:14px/1.5 system-ui,sans-serif;color:#222;background:#fff;margin:16px}
      .btn{display:inline-block;padding:8px 14px;background:#3b5bdb;color:#fff;border-radius:6px;text-decoration:none}</style></head>
      <body>${this.fill(cfg.body)}</body></html>`;
    const placeholders = html`<small class="field-help">Placeholders: ${t.placeholders.map((p) => html`<code>${p}</code> `)}</small>`;
    return this.section(`tpl-${t.key}`, `${t.title} email template`, html`
      <label class="field ${subjErr ? 'invalid' : ''}"><span>Subject</span>
        <input aria-label="Subject" .value=${cfg.subject || ''} spellcheck="false" @input=${(e) => { cfg.subject = e.target.value; this.changed(t.key); }}>
        ${subjErr ? html`<small class="field-error" role="alert">${subjErr}</small>` : nothing}</label>
      <label class="field ${bodyErr ? 'invalid' : ''}"><span>Body (HTML)</span>
        <textarea aria-label="Body (HTML)" class="code ce-sql" rows="8" spellcheck="false" .value=${cfg.body || ''}
          @input=${(e) => { cfg.body = e.target.value; this.changed(t.key); }}></textarea>
        ${bodyErr ? html`<small class="field-error" role="alert">${bodyErr}</small>` : nothing}
        ${placeholders}</label>
      <div class="row ce-template-actions">
        <button type="button" class="btn btn-secondary btn-sm" aria-expanded=${previewing ? 'true' : 'false'}
          @click=${() => { if (previewing) this.previews.delete(t.key); else this.previews.add(t.key); this.requestUpdate(); }}>
          ${previewing ? 'Hide preview' : 'Preview'}</button>
        ${this.original?.id ? html`<button type="button" class="btn btn-secondary btn-sm" @click=${() => this.sendTest(t)}>Send test email</button>` : nothing}
      </div>
      ${previewing ? html`<div class="ce-mail-preview">
        <div class="ce-mail-subject"><span class="hint">Subject:</span> ${this.fill(cfg.subject)}</div>
        <iframe sandbox="" title="Preview of the ${t.title} email" .srcdoc=${doc}></iframe>
      </div>` : nothing}`, { errorPath: t.key });
  }

  async sendTest(t) {
    let email = this.testEmail || api.superuser?.email || '';
    let error = '';
    let busy = false;
    await openDialog({
      label: 'Send test email',
      content: (ctx) => html`<form @submit=${async (e) => {
          e.preventDefault();
          busy = true;
          error = '';
          ctx.update();
          try {
            await api.send('api/settings/test/email', { method: 'POST', body: { email, template: t.test, collection: this.original.name } });
            this.testEmail = email;
            toast(`Test email sent to ${email}.`);
            ctx.close(true);
            return;
          } catch (err) {
            error = err.data?.email?.message || err.message;
          }
          busy = false;
          ctx.update();
        }}>
        <h2>Send a test ${t.title.toLowerCase()} email</h2>
        <p class="hint">Uses the saved template of this collection and the mail settings.</p>
        <label class="field"><span>To email address</span><input type="email" required autofocus .value=${email}
          @input=${(e) => { email = e.target.value; }}></label>
        ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
        <div class="actions"><button type="button" class="btn btn-secondary" @click=${() => ctx.close()}>Cancel</button>
          <button class="btn" ?disabled=${busy}>Send</button></div>
      </form>`,
    });
  }

  // --- tokens ------------------------------------------------------------------------------------

  tokens() {
    const list = TOKENS.filter((t) => !(this.isSuperusers && t.notSuperusers));
    return this.section('tokens', 'Token options (duration, invalidate)', html`
      <div class="ce-grid">
        ${list.map((t) => {
          const cfg = ensurePath(this.collection, t.key, { duration: 0 });
          const err = errorAt(this.errors, `${t.key}.duration`) || errorAt(this.errors, `${t.key}.secret`);
          return html`<div class="ce-token" data-token=${t.key}>
            <label class="field ${err ? 'invalid' : ''}"><span>${t.label} token duration (in seconds)</span>
              <input aria-label="${t.label} token duration (in seconds)" type="number" min="1" step="1" .value=${cfg.duration ?? ''}
                @input=${(e) => { cfg.duration = numberOrNull(e.target.value) ?? 0; this.changed(t.key); }}>
              ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}</label>
            <label class="check"><input type="checkbox" .checked=${!!cfg.secret}
              @change=${(e) => {
                if (e.target.checked) cfg.secret = randomSecret(50);
                else delete cfg.secret;
                this.changed(t.key);
              }}> Invalidate all previously issued ${t.label.toLowerCase()} tokens</label>
          </div>`;
        })}
      </div>
      <p class="hint">Invalidating sets a new signing secret on save: every token issued before stops working
        (for auth tokens: everyone is signed out).</p>`, { errorPath: TOKENS.map((t) => t.key) });
  }

  render() {
    const c = this.collection;
    if (!c || c.type !== 'auth') return nothing;
    const alert = ensurePath(c, 'authAlert', { enabled: true, emailTemplate: { subject: '', body: '' } });
    return html`<div class="ce-auth-options">
      <div class="ce-auth-head">
        <h3>Auth methods</h3>
        <label class="check"><input type="checkbox" .checked=${!!alert.enabled}
          @change=${(e) => { alert.enabled = e.target.checked; this.changed('authAlert'); }}> Send an email alert for new logins</label>
      </div>
      ${this.passwordAuth()}
      ${this.isSuperusers ? nothing : this.oauth2()}
      ${this.otp()}
      ${this.mfa()}
      <h3>Mail templates</h3>
      ${TEMPLATES.map((t) => this.template(t))}
      <h3>Other</h3>
      ${this.tokens()}
    </div>`;
  }
}
customElements.define('c-auth-options', AuthOptions);
