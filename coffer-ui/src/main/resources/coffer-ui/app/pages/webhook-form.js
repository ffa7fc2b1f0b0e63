// The create/edit panel of a webhook (a record of _webhooks): name, url, the event patterns as chips, the filter,
// headers as name/value rows, enabled, and (when editing) the signing secret with Copy and Rotate. Saves through
// the records API; the API's validation errors (400, data.url …) show beside their fields. Fires "saved" with the
// saved record and "close" when done.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { api } from '../api.js';
import { LightElement, collectionsStore, confirmDialog, copyText, errorText, panel, toast, toastError } from '../ui.js';
import { ricons } from '../components/record-util.js';

export const WEBHOOKS = '_webhooks';
const FIELDS = ['name', 'url', 'events', 'filter', 'headers'];
const EVENT = /^(\*|(\*|\w+)\.(\*|create|update|delete|auth))$/;

/** A new signing secret: "whsec_" and the base64 of 32 random bytes from the browser's CSPRNG. */
export function newSecret() {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** The secret of a webhook with Copy and, when onRotate is given, "Rotate secret". */
export function secretView(secret, { onRotate, rotating = false, shown = false, onToggle } = {}) {
  return html`<div class="input-group wh-secret">
    <input class="mono" aria-label="Signing secret" readonly .value=${shown ? secret || '' : (secret ? `whsec_${'•'.repeat(24)}` : '')}>
    <button type="button" class="btn-icon" aria-label=${shown ? 'Hide the secret' : 'Show the secret'} title=${shown ? 'Hide' : 'Show'}
      @click=${() => onToggle?.()}>${shown ? ricons.eyeOff : ricons.eye}</button>
    <button type="button" class="btn-icon" aria-label="Copy the secret" title="Copy" ?disabled=${!secret}
      @click=${() => copyText(secret, 'The secret was copied.')}>${ricons.copy}</button>
    ${onRotate ? html`<button type="button" class="btn btn-secondary btn-sm" ?disabled=${rotating} @click=${() => onRotate()}>
      ${rotating ? 'Rotating…' : 'Rotate secret'}</button>` : nothing}
  </div>`;
}

/**
 * Replaces a webhook's secret with a new one made in the browser (after a confirmation); the server keeps the old
 * one signing beside it for 24 hours. Resolves to the updated record, or null when not confirmed or failed.
 */
export async function rotateSecret(record) {
  const ok = await confirmDialog('Make a new signing secret? Deliveries are signed with both the new and the old secret for '
    + '24 hours, so receivers can switch over.', { confirmText: 'Rotate secret', danger: false });
  if (!ok) return null;
  try {
    const saved = await api.records(WEBHOOKS).update(record.id, { secret: newSecret() });
    toast('A new secret was saved; the old one keeps signing for 24 hours.');
    return saved;
  } catch (e) {
    toastError(e);
    return null;
  }
}

function draftOf(r) {
  const headers = r?.headers && typeof r.headers === 'object' ? Object.entries(r.headers).map(([k, v]) => [k, String(v)]) : [];
  return {
    name: r?.name || '',
    url: r?.url || '',
    events: Array.isArray(r?.events) ? [...r.events] : [],
    filter: r?.filter || '',
    headers,
    enabled: r ? !!r.enabled : true,
  };
}

class WebhookForm extends LightElement {
  static properties = {
    record: { attribute: false },
    draft: { state: true },
    eventText: { state: true },
    errors: { state: true },
    saving: { state: true },
    rotating: { state: true },
    showSecret: { state: true },
  };

  constructor() {
    super();
    this.record = null;
    this.draft = draftOf(null);
    this.eventText = '';
    this.errors = {};
    this.saving = false;
    this.rotating = false;
    this.showSecret = false;
  }

  willUpdate(changed) {
    if (changed.has('record') && changed.get('record')?.id !== this.record?.id) {
      this.draft = draftOf(this.record);
      this.initial = JSON.stringify(this.draft);
      this.errors = {};
      this.eventText = '';
    }
  }

  get dirty() {
    return JSON.stringify(this.draft) !== this.initial || !!this.eventText.trim();
  }

  set(key, value) {
    this.draft = { ...this.draft, [key]: value };
    if (this.errors[key]) this.errors = { ...this.errors, [key]: undefined };
  }

  /** Adds the typed patterns (split at commas and spaces); false when one is not a pattern. */
  addEvents(text = this.eventText) {
    const parts = text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    const bad = parts.filter((p) => !EVENT.test(p));
    const good = parts.filter((p) => EVENT.test(p) && !this.draft.events.includes(p));
    if (good.length) this.set('events', [...this.draft.events, ...good]);
    this.eventText = bad.join(', ');
    if (bad.length) {
      this.errors = { ...this.errors, events: { message: `Not an event pattern: ${bad.join(', ')} (use COLLECTION.ACTION, * for any).` } };
      return false;
    }
    return true;
  }

  onEventKey(e) {
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      this.addEvents();
    } else if (e.key === 'Backspace' && !e.target.value && this.draft.events.length) {
      this.set('events', this.draft.events.slice(0, -1));
    }
  }

  setHeader(i, col, value) {
    const headers = this.draft.headers.map((h, j) => (j === i ? (col === 0 ? [value, h[1]] : [h[0], value]) : h));
    this.set('headers', headers);
  }

  async close() {
    if (this.dirty && !(await confirmDialog('Discard the unsaved changes of this webhook?', { confirmText: 'Discard' }))) return;
    this.dispatchEvent(new CustomEvent('close'));
  }

  async save() {
    if (this.saving) return;
    if (this.eventText.trim() && !this.addEvents()) return;
    const d = this.draft;
    const headers = {};
    for (const [k, v] of d.headers) if (k.trim()) headers[k.trim()] = v;
    const body = { name: d.name.trim(), url: d.url.trim(), events: d.events, filter: d.filter.trim(), headers, enabled: d.enabled };
    this.saving = true;
    this.errors = {};
    try {
      const rec = this.record?.id
        ? await api.records(WEBHOOKS).update(this.record.id, body)
        : await api.records(WEBHOOKS).create(body);
      this.initial = JSON.stringify(this.draft);
      toast(this.record?.id ? 'The webhook was saved.' : 'The webhook was created.');
      this.dispatchEvent(new CustomEvent('saved', { detail: rec }));
    } catch (e) {
      if (e.status !== 400) {
        toastError(e);
        return;
      }
      // each field's error beside it; the message (and errors of fields not in the form) above the form
      const data = e.data || {};
      const other = Object.entries(data).filter(([k]) => !FIELDS.includes(k)).map(([k, v]) => `${k}: ${v?.message || v?.code}`);
      this.errors = { ...data, _: other.length || !Object.keys(data).length ? { message: [errorText(e), ...other].join(' ') } : undefined };
    } finally {
      this.saving = false;
    }
  }

  async rotate() {
    this.rotating = true;
    const saved = await rotateSecret(this.record);
    this.rotating = false;
    if (saved) {
      this.record = { ...this.record, secret: saved.secret, previousSecrets: saved.previousSecrets };
      this.showSecret = true;
      this.dispatchEvent(new CustomEvent('rotated', { detail: saved }));
    }
  }

  fieldError(name) {
    const e = this.errors?.[name];
    return e ? html`<small class="field-error" id="wh-err-${name}">${e.message || e.code}</small>` : nothing;
  }

  renderEvents() {
    const d = this.draft;
    const names = collectionsStore.items.filter((c) => !c.system || c.type === 'auth').map((c) => c.name);
    const suggestions = ['*', ...names.flatMap((n) => [`${n}.*`, `${n}.create`, `${n}.update`, `${n}.delete`]), '*.create', '*.auth'];
    return html`<div class="field ${this.errors.events ? 'invalid' : ''}">
      <label class="field-label required" for="wh-events">Events</label>
      <div class="wh-events ${this.errors.events ? 'invalid' : ''}" @click=${(e) => { if (e.target === e.currentTarget) this.querySelector('#wh-events')?.focus(); }}>
        ${d.events.map((ev) => html`<span class="chip wh-event">${ev}<button type="button" class="wh-chip-x" aria-label="Remove event ${ev}"
          @click=${() => this.set('events', d.events.filter((x) => x !== ev))}>×</button></span>`)}
        <input id="wh-events" list="wh-event-list" autocomplete="off" spellcheck="false" placeholder=${d.events.length ? 'add…' : 'posts.create, users.*'}
          aria-describedby="wh-events-help ${this.errors.events ? 'wh-err-events' : ''}" .value=${live(this.eventText)}
          @input=${(e) => { this.eventText = e.target.value; }} @keydown=${(e) => this.onEventKey(e)}
          @change=${() => { if (this.eventText.trim()) this.addEvents(); }}>
        <datalist id="wh-event-list">${suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>
      </div>
      <small class="field-help" id="wh-events-help"><code>COLLECTION.ACTION</code> with the action <code>create</code>, <code>update</code>,
        <code>delete</code> or <code>auth</code> (sign-ins); <code>*</code> matches any: <code>posts.*</code>, <code>*.auth</code>, <code>*</code>.
        Enter or a comma adds one.</small>
      ${this.fieldError('events')}
    </div>`;
  }

  renderHeaders() {
    const rows = this.draft.headers;
    return html`<fieldset class="field wh-headers ${this.errors.headers ? 'invalid' : ''}">
      <legend class="field-label">Headers</legend>
      ${rows.map(([k, v], i) => html`<div class="wh-header-row">
        <input aria-label="Header ${i + 1} name" placeholder="Authorization" class="mono" .value=${live(k)} @input=${(e) => this.setHeader(i, 0, e.target.value)}>
        <input aria-label="Header ${i + 1} value" placeholder="Bearer …" class="mono" .value=${live(v)} @input=${(e) => this.setHeader(i, 1, e.target.value)}>
        <button type="button" class="btn-icon" aria-label="Remove header ${i + 1}" title="Remove"
          @click=${() => this.set('headers', rows.filter((_, j) => j !== i))}>${ricons.close}</button>
      </div>`)}
      <button type="button" class="btn btn-secondary btn-sm wh-add-header" @click=${() => this.set('headers', [...rows, ['', '']])}>${ricons.plus} Add header</button>
      <small class="field-help">Sent with every delivery (the <code>webhook-*</code> signature headers and <code>Content-Type</code> are set by Coffer).</small>
      ${this.fieldError('headers')}
    </fieldset>`;
  }

  renderBody() {
    const d = this.draft;
    const text = (name, labelText, { required = false, mono = false, placeholder = '', type = 'text', help = '' } = {}) => html`
      <div class="field ${this.errors[name] ? 'invalid' : ''}">
        <label class="field-label ${required ? 'required' : ''}" for="wh-${name}">${labelText}</label>
        <input id="wh-${name}" type=${type} class=${mono ? 'mono' : ''} placeholder=${placeholder} .value=${live(d[name])}
          aria-invalid=${this.errors[name] ? 'true' : 'false'} aria-describedby=${this.errors[name] ? `wh-err-${name}` : nothing}
          @input=${(e) => this.set(name, e.target.value)}>
        ${help ? html`<small class="field-help">${help}</small>` : nothing}
        ${this.fieldError(name)}
      </div>`;
    return html`<form class="wh-form" novalidate @submit=${(e) => { e.preventDefault(); this.save(); }}>
      ${this.errors._ ? html`<p class="error wh-form-error" role="alert">${this.errors._.message}</p>` : nothing}
      ${text('name', 'Name', { placeholder: 'Orders to the shop' })}
      ${text('url', 'URL', { required: true, mono: true, type: 'url', placeholder: 'https://example.com/hooks/coffer' })}
      ${this.renderEvents()}
      ${text('filter', 'Filter', { mono: true, placeholder: 'status = "published"',
        help: html`Only records that match this filter (the API rules' language, on the record's fields) are sent. Empty: every matching event.` })}
      ${this.renderHeaders()}
      <label class="switch wh-enabled">
        <input type="checkbox" .checked=${live(d.enabled)} @change=${(e) => this.set('enabled', e.target.checked)}>
        <span class="switch-track" aria-hidden="true"></span><span>Enabled</span>
      </label>
      <div class="field wh-secret-field">
        <span class="field-label">Signing secret</span>
        ${this.record?.id ? html`${secretView(this.record.secret, { onRotate: () => this.rotate(), rotating: this.rotating,
          shown: this.showSecret, onToggle: () => { this.showSecret = !this.showSecret; } })}
          <small class="field-help">Receivers check the <code>webhook-signature</code> header with it (Standard Webhooks).</small>`
        : html`<small class="field-help">Made when the webhook is created; you can copy it afterwards.</small>`}
      </div>
      <button type="submit" hidden></button>
    </form>`;
  }

  render() {
    const editing = !!this.record?.id;
    return panel({
      heading: editing ? `Edit webhook ${this.record.name || ''}`.trim() : 'New webhook',
      label: editing ? 'Edit webhook' : 'New webhook',
      body: this.renderBody(),
      footer: html`<button type="button" class="btn btn-secondary" @click=${() => this.close()}>Cancel</button>
        <button type="button" class="btn" ?disabled=${this.saving} @click=${() => this.save()}>${this.saving ? 'Saving…' : editing ? 'Save changes' : 'Create'}</button>`,
      onClose: () => this.close(),
      onSave: () => this.save(),
    });
  }
}
customElements.define('c-webhook-form', WebhookForm);
