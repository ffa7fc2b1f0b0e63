// The mail templates of an auth collection's options: subject and HTML body of each template, a preview with
// sample values in a sandboxed frame, and a test mail through POST /api/settings/test/email. MailTemplates is
// mixed into the auth options element (auth-options.js), whose collection, original, errors, meta, previews,
// testEmail, section() and changed() it uses.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { toast } from '../ui.js';
import { errorAt, openDialog } from './field-settings-shared.js';
import { ensurePath } from './auth-options-paths.js';

let settingsPromise = null;
/** The app name and URL for the template previews (loaded once; falls back to this page's origin). */
export function loadMeta() {
  settingsPromise ||= api.send('api/settings', { query: { fields: 'meta' } })
    .then((s) => s?.meta || {}).catch(() => ({}));
  return settingsPromise;
}

export const TEMPLATES = [
  { key: 'verificationTemplate', title: 'Verification', test: 'verification', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{TOKEN}'] },
  { key: 'resetPasswordTemplate', title: 'Password reset', test: 'password-reset', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{TOKEN}'] },
  { key: 'confirmEmailChangeTemplate', title: 'Confirm email change', test: 'email-change', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{TOKEN}'] },
  { key: 'otp.emailTemplate', title: 'OTP', test: 'otp', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{OTP}', '{OTP_ID}'] },
  { key: 'authAlert.emailTemplate', title: 'Login alert', test: 'login-alert', placeholders: ['{APP_NAME}', '{APP_URL}', '{RECORD:*}', '{ALERT_INFO}'] },
];

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

/** The mail templates section (a mixin: Base is the auth options element's base class). */
export const MailTemplates = (Base) => class extends Base {
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
};
