// Settings › Mail: the sender, the SMTP server, and a test email of any auth template.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, panel, toast, errorText, collectionsStore } from '../ui.js';
import { SettingsForm } from './settings-form.js';

const TEMPLATES = [
  { value: 'verification', label: 'Verification' },
  { value: 'password-reset', label: 'Password reset' },
  { value: 'email-change', label: 'Confirm email change' },
  { value: 'otp', label: 'One-time password (OTP)' },
  { value: 'login-alert', label: 'Login alert' },
];

const LAST_EMAIL_KEY = 'coffer_last_test_email';

class MailSettings extends SettingsForm {
  static properties = { ...SettingsForm.properties, testing: { state: true }, moreOptions: { state: true } };

  static secrets = ['smtp.password'];

  constructor() {
    super();
    this.savedMessage = 'Mail settings saved.';
    this.testing = false;
    this.moreOptions = false;
  }

  pick(s) {
    return {
      meta: { senderName: s.meta?.senderName ?? '', senderAddress: s.meta?.senderAddress ?? '' },
      smtp: { ...s.smtp },
    };
  }

  renderForm() {
    const smtp = this.form.smtp;
    return html`${this.formTemplate(html`
      <p class="hint">The sender of every email the app sends (verification, password reset, OTP, alerts…).</p>
      <div class="grid-2">
        ${this.text('meta.senderName', 'Sender name', { required: true, placeholder: 'Support' })}
        ${this.text('meta.senderAddress', 'Sender address', { type: 'email', required: true, placeholder: 'support@example.com' })}
      </div>
      ${this.toggle('smtp.enabled', 'Use an SMTP mail server', {
        help: 'Without SMTP the server hands emails to the machine\'s sendmail program, if it has one. SMTP delivers more reliably.',
      })}
      ${smtp.enabled ? html`
        <div class="grid-smtp">
          ${this.text('smtp.host', 'SMTP server host', { required: true, placeholder: 'smtp.example.com' })}
          ${this.number('smtp.port', 'Port', { min: 1, max: 65535, required: true, placeholder: '587' })}
          ${this.text('smtp.username', 'Username', { autocomplete: 'off' })}
          ${this.secret('smtp.password', 'Password')}
        </div>
        <button type="button" class="btn btn-link more-toggle" aria-expanded=${this.moreOptions ? 'true' : 'false'}
          @click=${() => { this.moreOptions = !this.moreOptions; }}>${this.moreOptions ? 'Hide more options' : 'Show more options'}</button>
        ${this.moreOptions || this.err('smtp.tls') || this.err('smtp.authMethod') || this.err('smtp.localName') ? html`
          <div class="grid-3">
            ${this.select('smtp.tls', 'TLS encryption', [
              { value: false, label: 'Auto (STARTTLS when offered)' },
              { value: true, label: 'Always (implicit TLS, port 465)' },
            ])}
            ${this.select('smtp.authMethod', 'AUTH method', [
              { value: '', label: 'Default (PLAIN)' },
              { value: 'PLAIN', label: 'PLAIN' },
              { value: 'LOGIN', label: 'LOGIN' },
            ])}
            ${this.text('smtp.localName', 'EHLO/HELO domain', { placeholder: 'Default: localhost' })}
          </div>` : nothing}` : nothing}
    `, {
      extraActions: html`<button type="button" class="btn btn-secondary" @click=${() => { this.testing = true; }}>Send test email</button>`,
    })}
    ${this.testing ? html`<c-mail-test .unsaved=${this.dirty} @close=${() => { this.testing = false; }}></c-mail-test>` : nothing}`;
  }

  render() {
    return this.page('Mail settings');
  }
}
customElements.define('c-settings-mail', MailSettings);

/** The "Send test email" panel. */
class MailTest extends LightElement {
  static properties = {
    unsaved: {},
    template: { state: true },
    collection: { state: true },
    email: { state: true },
    sending: { state: true },
    error: { state: true },
    errors: { state: true },
    collections: { state: true },
  };

  constructor() {
    super();
    this.template = TEMPLATES[0].value;
    this.email = localStorage.getItem(LAST_EMAIL_KEY) || api.superuser?.email || '';
    this.collection = '';
    this.error = '';
    this.errors = {};
    this.collections = collectionsStore.items;
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsub = collectionsStore.subscribe((items) => { this.collections = items; });
    collectionsStore.load().catch(() => {});
    this.updateComplete.then(() => this.querySelector('input[name="email"]')?.focus());
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsub?.();
    this.ctrl?.abort();
  }

  get authCollections() {
    return this.collections.filter((c) => c.type === 'auth')
      .sort((a, b) => (a.name === 'users' ? -1 : b.name === 'users' ? 1 : a.name.localeCompare(b.name)));
  }

  close() {
    this.dispatchEvent(new CustomEvent('close'));
  }

  async send() {
    if (this.sending) return;
    const collection = this.collection || this.authCollections[0]?.name || '';
    this.sending = true;
    this.error = '';
    this.errors = {};
    this.ctrl = new AbortController();
    const timer = setTimeout(() => this.ctrl.abort(), 15000);
    try {
      await api.send('api/settings/test/email', {
        method: 'POST', signal: this.ctrl.signal, body: { email: this.email.trim(), template: this.template, collection },
      });
      if (this.email !== api.superuser?.email) localStorage.setItem(LAST_EMAIL_KEY, this.email);
      toast(`Test email sent to ${this.email}.`);
      this.close();
    } catch (e) {
      if (e.name === 'AbortError') {
        this.error = 'Sending timed out after 15 seconds. Check the SMTP host and port.';
      } else {
        this.errors = e.data || {};
        this.error = errorText(e);
      }
    } finally {
      clearTimeout(timer);
      this.sending = false;
    }
  }

  render() {
    const err = (k) => (this.errors[k] ? html`<small class="field-error">${this.errors[k].message}</small>` : nothing);
    const auth = this.authCollections;
    return panel({
      heading: 'Send test email',
      onClose: () => this.close(),
      onSave: () => this.send(),
      body: html`<form id="mail-test-form" class="mail-test" novalidate @submit=${(e) => { e.preventDefault(); this.send(); }}>
        ${this.unsaved ? html`<p class="warning-box">The mail settings have unsaved changes: the test uses the saved ones.</p>` : nothing}
        <fieldset class="field template-choice">
          <legend class="field-label">Template</legend>
          ${TEMPLATES.map((t) => html`<label class="check"><input type="radio" name="template" .value=${t.value}
            .checked=${this.template === t.value} @change=${() => { this.template = t.value; }}><span>${t.label}</span></label>`)}
          ${err('template')}
        </fieldset>
        <div class="field ${this.errors.collection ? 'invalid' : ''}"><label class="field-label" for="mail-test-collection">Auth collection</label>
          <select id="mail-test-collection" name="collection" aria-describedby="mail-test-collection-help" @change=${(e) => { this.collection = e.target.value; }}>
            ${auth.map((c) => html`<option .value=${c.name} ?selected=${(this.collection || auth[0]?.name) === c.name}>${c.name}</option>`)}
          </select>${err('collection')}
          <small class="field-help" id="mail-test-collection-help">The email uses this collection's template.</small></div>
        <label class="field ${this.errors.email ? 'invalid' : ''}"><span class="field-label required">To email address</span>
          <input type="email" name="email" required .value=${this.email} @input=${(e) => { this.email = e.target.value; }}>${err('email')}</label>
        ${this.error ? html`<div class="error-box" role="alert"><strong>The test email was not sent.</strong>
          <pre class="raw-error">${this.error}</pre></div>` : nothing}
      </form>`,
      footer: html`<button type="button" class="btn btn-secondary" @click=${() => this.close()}>Cancel</button>
        <button type="submit" form="mail-test-form" class="btn" ?disabled=${this.sending || !this.email || !auth.length}>${this.sending ? 'Sending…' : 'Send'}</button>`,
    });
  }
}
customElements.define('c-mail-test', MailTest);
