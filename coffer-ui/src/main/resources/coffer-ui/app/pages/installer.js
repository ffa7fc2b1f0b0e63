// The first-run page: `coffer serve` prints /_/#/pbinstall/TOKEN when no superuser exists; TOKEN is a
// 30-minute token of a temporary installer superuser, which the server deletes once a real one is created.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, navigate, errorText, toast } from '../ui.js';

class InstallerPage extends LightElement {
  static properties = {
    params: {},
    busy: { state: true },
    errors: { state: true },
    error: { state: true },
    valid: { state: true },
  };

  constructor() {
    super();
    this.errors = {};
    this.error = '';
    this.valid = true;
  }

  connectedCallback() {
    super.connectedCallback();
    api.logout();
    this.valid = this.tokenValid();
  }

  /** The token is a JWT; an expired one can't create a superuser, so say so at once. */
  tokenValid() {
    try {
      const claims = JSON.parse(atob(this.params.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
      return !claims.exp || claims.exp * 1000 > Date.now();
    } catch {
      return false;
    }
  }

  async submit(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    const email = form.get('email');
    const password = form.get('password');
    this.busy = true;
    this.errors = {};
    this.error = '';
    try {
      await api.send('api/collections/_superusers/records', {
        method: 'POST', token: this.params.token,
        body: { email, password, passwordConfirm: form.get('passwordConfirm') },
      });
      await api.authWithPassword(email, password);
      toast('Your superuser account was created.');
      navigate('/collections');
    } catch (err) {
      this.errors = err.data || {};
      this.error = Object.keys(this.errors).length ? '' : errorText(err);
      if (err.status === 401 || err.status === 403) {
        this.valid = false;
      }
    } finally {
      this.busy = false;
    }
  }

  render() {
    if (!this.valid) {
      return html`<div class="card auth-card">
        <h1>Installer link expired</h1>
        <p class="hint">This installer link is invalid or has expired. Restart <code>coffer serve</code> for a new one,
          or create a superuser with <code>coffer superuser upsert EMAIL PASSWORD</code>.</p>
        <a class="btn btn-link" href="#/login">Go to login</a>
      </div>`;
    }
    const err = (name) => (this.errors[name] ? html`<small class="field-error">${this.errors[name].message}</small>` : nothing);
    return html`<form class="card auth-card" @submit=${this.submit}>
      <h1>Create your first superuser</h1>
      <p class="hint">This account manages everything in this Coffer: collections, records, settings and backups.</p>
      <label class="field"><span>Email</span>
        <input name="email" type="email" required autocomplete="username" autofocus>${err('email')}</label>
      <label class="field"><span>Password</span>
        <input name="password" type="password" required minlength="8" autocomplete="new-password">${err('password')}</label>
      <label class="field"><span>Password confirm</span>
        <input name="passwordConfirm" type="password" required autocomplete="new-password">${err('passwordConfirm')}</label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="btn btn-block" ?disabled=${this.busy}>Create superuser and login</button>
    </form>`;
  }
}
customElements.define('c-page-installer', InstallerPage);
