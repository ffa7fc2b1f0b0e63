// The options of an auth collection: the login alert, identity/password auth, OTP, MFA and the token options
// (durations, and invalidating every issued token by a new secret, as PocketBase does). OAuth2 is in
// auth-options-oauth2.js and the mail templates in auth-options-mail.js, both mixed into this element.
import { html, nothing } from 'lit';
import { LightElement } from '../ui.js';
import { editorStyles, emitChange, errorAt, hasErrorAt, numberOrNull, randomSecret } from './field-settings-shared.js';
import { ruleInput } from './rules-editor.js';
import { parseIndex } from './index-editor.js';
import { ensurePath } from './auth-options-paths.js';
import { OAuth2Options, loadProviders } from './auth-options-oauth2.js';
import { MailTemplates, TEMPLATES, loadMeta } from './auth-options-mail.js';

const TOKENS = [
  { key: 'authToken', label: 'Auth' },
  { key: 'verificationToken', label: 'Email verification', notSuperusers: true },
  { key: 'passwordResetToken', label: 'Password reset' },
  { key: 'emailChangeToken', label: 'Email change', notSuperusers: true },
  { key: 'fileToken', label: 'Protected file' },
];

class AuthOptions extends MailTemplates(OAuth2Options(LightElement)) {
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
