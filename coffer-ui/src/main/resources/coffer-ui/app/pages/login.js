// The public pages of superusers: login (with the second factor when MFA is on) and the password reset request
// (its mailed link opens the reset page of auth-actions.js, which serves every auth collection).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, navigate, errorText } from '../ui.js';

class LoginPage extends LightElement {
  static properties = {
    busy: { state: true },
    error: { state: true },
    mfa: { state: true }, // {mfaId, otpId, email} while the second factor is asked
  };

  constructor() {
    super();
    this.busy = false;
    this.error = '';
    this.mfa = null;
  }

  async submit(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    this.busy = true;
    this.error = '';
    try {
      if (this.mfa) {
        await api.authWithOtp(this.mfa.otpId, form.get('otp'), this.mfa.mfaId);
        this.done();
        return;
      }
      const email = form.get('email');
      const res = await api.authWithPassword(email, form.get('password'));
      if (res.mfaId) {
        const otp = await api.send('api/collections/_superusers/request-otp', { method: 'POST', body: { email }, token: '' });
        this.mfa = { mfaId: res.mfaId, otpId: otp.otpId, email };
        return;
      }
      this.done();
    } catch (err) {
      this.error = err.status === 400 && !this.mfa ? 'Invalid login credentials.' : errorText(err);
    } finally {
      this.busy = false;
    }
  }

  done() {
    this.mfa = null;
    navigate('/collections');
  }

  render() {
    return html`<form class="card auth-card" @submit=${this.submit} novalidate>
      <h1>Superuser login</h1>
      ${this.mfa ? html`
        <p class="hint">A one-time password was sent to ${this.mfa.email}. Enter it to finish signing in.</p>
        <label class="field"><span>One-time password</span>
          <input name="otp" required autocomplete="one-time-code" autofocus></label>
      ` : html`
        <label class="field"><span>Email</span>
          <input name="email" type="email" required autocomplete="username" autofocus></label>
        <label class="field"><span>Password</span>
          <input name="password" type="password" required autocomplete="current-password"></label>
      `}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button class="btn btn-block" ?disabled=${this.busy}>${this.mfa ? 'Verify' : 'Login'}</button>
      ${this.mfa
        ? html`<button type="button" class="btn btn-link" @click=${() => { this.mfa = null; }}>Back to login</button>`
        : html`<a class="btn btn-link" href="#/request-password-reset">Forgotten password?</a>`}
    </form>`;
  }
}
customElements.define('c-page-login', LoginPage);

class RequestResetPage extends LightElement {
  static properties = { sent: { state: true }, busy: { state: true }, error: { state: true } };

  async submit(e) {
    e.preventDefault();
    const email = new FormData(e.target).get('email');
    this.busy = true;
    this.error = '';
    try {
      await api.send('api/collections/_superusers/request-password-reset', { method: 'POST', body: { email }, token: '' });
      this.sent = email;
    } catch (err) {
      this.error = errorText(err);
    } finally {
      this.busy = false;
    }
  }

  render() {
    return html`<form class="card auth-card" @submit=${this.submit}>
      <h1>Forgotten superuser password</h1>
      ${this.sent ? html`<p class="hint">Check ${this.sent} for the reset link (if that superuser exists).</p>` : html`
        <p class="hint">Enter the email of your superuser account and we will send you a reset link.</p>
        <label class="field"><span>Email</span><input name="email" type="email" required autofocus></label>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <button class="btn btn-block" ?disabled=${this.busy}>Send reset link</button>`}
      <a class="btn btn-link" href="#/login">Back to login</a>
    </form>`;
  }
}
customElements.define('c-page-request-reset', RequestResetPage);
