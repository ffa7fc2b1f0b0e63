// The public pages app users land on from Coffer's emails and the OAuth2 redirect (PocketBase's default email
// templates link here): confirm a verification, reset a password, confirm an email change, and the OAuth2
// success and failure pages. The token names its collection (claim collectionId).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, errorText } from '../ui.js';

/** The claims of a JWT, or {} when it can't be read. */
function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

function collectionPath(token, action) {
  const c = claims(token).collectionId || '';
  return `api/collections/${encodeURIComponent(c)}/${action}`;
}

const closeHint = html`<p class="hint">You can close this window and go back to the app.</p>`;

class ConfirmVerificationPage extends LightElement {
  static properties = { params: {}, state: { state: true }, error: { state: true } };

  connectedCallback() {
    super.connectedCallback();
    this.state = 'pending';
    api.send(collectionPath(this.params.token, 'confirm-verification'), {
      method: 'POST', body: { token: this.params.token }, token: '',
    }).then(() => { this.state = 'done'; }).catch((err) => {
      this.state = 'failed';
      this.error = errorText(err);
    });
  }

  render() {
    return html`<div class="card auth-card" role="status">
      ${this.state === 'pending' ? html`<h1>Verifying your email address…</h1>` : nothing}
      ${this.state === 'done' ? html`<h1>Successfully verified email address.</h1>${closeHint}` : nothing}
      ${this.state === 'failed' ? html`<h1>Invalid or expired verification token.</h1>
        <p class="error">${this.error}</p>${closeHint}` : nothing}
    </div>`;
  }
}
customElements.define('c-page-confirm-verification', ConfirmVerificationPage);

class AppPasswordResetPage extends LightElement {
  static properties = { params: {}, busy: { state: true }, done: { state: true }, errors: { state: true }, error: { state: true } };

  constructor() {
    super();
    this.errors = {};
  }

  async submit(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    this.busy = true;
    this.errors = {};
    this.error = '';
    try {
      await api.send(collectionPath(this.params.token, 'confirm-password-reset'), {
        method: 'POST', token: '',
        body: { token: this.params.token, password: form.get('password'), passwordConfirm: form.get('passwordConfirm') },
      });
      this.done = true;
    } catch (err) {
      this.errors = err.data || {};
      this.error = this.errors.token ? 'Invalid or expired password reset token.' : (Object.keys(this.errors).length ? '' : errorText(err));
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (this.done) {
      return html`<div class="card auth-card" role="status"><h1>Successfully changed the password.</h1>
        <p class="hint">You can now sign in with your new password.</p>${closeHint}</div>`;
    }
    const err = (name) => (this.errors[name] ? html`<small class="field-error">${this.errors[name].message}</small>` : nothing);
    const email = claims(this.params.token).email;
    return html`<form class="card auth-card" @submit=${this.submit}>
      <h1>Reset your password</h1>
      ${email ? html`<p class="hint">for ${email}</p>` : nothing}
      <label class="field"><span>New password</span>
        <input name="password" type="password" required autocomplete="new-password" autofocus>${err('password')}</label>
      <label class="field"><span>New password confirm</span>
        <input name="passwordConfirm" type="password" required autocomplete="new-password">${err('passwordConfirm')}</label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="btn btn-block" ?disabled=${this.busy}>Set new password</button>
    </form>`;
  }
}
customElements.define('c-page-app-password-reset', AppPasswordResetPage);

class ConfirmEmailChangePage extends LightElement {
  static properties = { params: {}, busy: { state: true }, done: { state: true }, errors: { state: true }, error: { state: true } };

  constructor() {
    super();
    this.errors = {};
  }

  async submit(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    this.busy = true;
    this.errors = {};
    this.error = '';
    try {
      await api.send(collectionPath(this.params.token, 'confirm-email-change'), {
        method: 'POST', token: '', body: { token: this.params.token, password: form.get('password') },
      });
      this.done = true;
    } catch (err) {
      this.errors = err.data || {};
      this.error = this.errors.token ? 'Invalid or expired email change token.' : (Object.keys(this.errors).length ? '' : errorText(err));
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (this.done) {
      return html`<div class="card auth-card" role="status"><h1>Successfully changed the email address.</h1>
        <p class="hint">You can now sign in with your new email address.</p>${closeHint}</div>`;
    }
    const err = (name) => (this.errors[name] ? html`<small class="field-error">${this.errors[name].message}</small>` : nothing);
    const newEmail = claims(this.params.token).newEmail;
    return html`<form class="card auth-card" @submit=${this.submit}>
      <h1>Confirm your new email address</h1>
      ${newEmail ? html`<p class="hint">Type your password to change your email address to ${newEmail}.</p>` : nothing}
      <label class="field"><span>Password</span>
        <input name="password" type="password" required autocomplete="current-password" autofocus>${err('password')}</label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="btn btn-block" ?disabled=${this.busy}>Confirm new email</button>
    </form>`;
  }
}
customElements.define('c-page-confirm-email-change', ConfirmEmailChangePage);

class OAuth2ResultPage extends LightElement {
  static properties = { success: { type: Boolean } };

  constructor() {
    super();
    this.success = false;
  }

  connectedCallback() {
    super.connectedCallback();
    // the app that opened this popup has its answer through the realtime connection: close when allowed
    if (this.success && window.opener) setTimeout(() => window.close(), 300);
  }

  render() {
    return html`<div class="card auth-card" role="status">
      ${this.success
        ? html`<h1>Auth completed.</h1>${closeHint}`
        : html`<h1>Auth failed.</h1><p class="hint">You can close this window and go back to the app to try again.</p>`}
    </div>`;
  }
}
customElements.define('c-page-oauth2-failure', OAuth2ResultPage);
customElements.define('c-page-oauth2-success', class extends OAuth2ResultPage {
  constructor() {
    super();
    this.success = true;
  }
});
