// The OAuth2 part of an auth collection's options: the providers (from GET /api/collections/meta/oauth2-providers)
// with their settings dialog (client id and secret, endpoints, the Apple secret generator, per-provider extras)
// and the mapping of the provider's user data to the fields of new records. OAuth2Options is mixed into the
// auth options element (auth-options.js), whose collection, errors, providers, section() and changed() it uses.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { toast, toastError } from '../ui.js';
import { clone, errorAt, hasErrorAt, openDialog, splitList, ceIcons } from './field-settings-shared.js';
import { ensurePath, getPath } from './auth-options-paths.js';

let providersPromise = null;
/** The OAuth2 providers the server knows ([{name, displayName, logo}]), loaded once. */
export function loadProviders() {
  providersPromise ||= api.send('api/collections/meta/oauth2-providers').catch((e) => {
    providersPromise = null;
    throw e;
  });
  return providersPromise;
}

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

function logoUrl(p) {
  return p?.logo ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(p.logo)}` : '';
}

/** The OAuth2 section of the auth options (a mixin: Base is the auth options element's base class). */
export const OAuth2Options = (Base) => class extends Base {
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
};
