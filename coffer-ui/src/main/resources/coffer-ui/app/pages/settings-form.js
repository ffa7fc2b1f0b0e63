// The base of the settings forms: SettingsForm (load, edit, dirty tracking, save with field errors, Ctrl+S) and
// s3Fields, the S3 configuration fields with their connection test (files storage and backups).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, toast, errorText, stylesheet, uid } from '../ui.js';
import { clone, getPath, setPath, errorAt } from './settings-shared.js';

stylesheet(import.meta.url, 'settings.css');

/**
 * The base of a settings form: loads GET /api/settings, edits the part pick() returns, tracks unsaved changes,
 * saves with PATCH /api/settings and shows the field errors of the answer on the fields. Ctrl+S saves (the form
 * carries data-save-target). Subclasses implement pick(settings) and renderForm().
 */
export class SettingsForm extends LightElement {
  static properties = {
    query: {},
    loading: { state: true },
    saving: { state: true },
    loadError: { state: true },
    errors: { state: true },
    form: { state: true },
  };

  /** Write-only paths (never returned by the API): a blank value is left out of the saved body. */
  static secrets = [];

  constructor() {
    super();
    this.loading = true;
    this.saving = false;
    this.loadError = '';
    this.errors = {};
    this.form = null;
    this.original = null;
    this.listText = {};
    this.savedMessage = 'Settings saved.';
  }

  connectedCallback() {
    super.connectedCallback();
    if (!this.form) this.load();
  }

  /** The part of the settings this form edits. */
  pick() {
    return {};
  }

  async load() {
    this.loading = true;
    this.loadError = '';
    try {
      this.init(await api.send('api/settings'));
    } catch (e) {
      this.loadError = errorText(e) || 'Could not load the settings.';
    } finally {
      this.loading = false;
    }
  }

  init(settings) {
    this.settings = settings;
    this.original = clone(this.pick(settings));
    this.form = clone(this.original);
    this.errors = {};
    this.listText = {};
  }

  get dirty() {
    return !!this.form && JSON.stringify(this.form) !== JSON.stringify(this.original);
  }

  /** Forgets the unsaved changes. */
  discard() {
    this.form = clone(this.original);
    this.errors = {};
    this.listText = {};
  }

  /** The PATCH body: the edited part, blank secrets left out (so the stored ones are kept). */
  payload() {
    const body = clone(this.form);
    for (const path of this.constructor.secrets) {
      if (!getPath(body, path)) {
        const keys = path.split('.');
        const parent = getPath(body, keys.slice(0, -1).join('.'));
        if (parent) delete parent[keys[keys.length - 1]];
      }
    }
    return body;
  }

  /** Runs before saving; return false to cancel (after asking the user, say). */
  async beforeSave() {
    return true;
  }

  async save() {
    if (this.saving || !this.form) return false;
    if (!this.dirty) {
      toast('Nothing to save.', 'info');
      return false;
    }
    if (!(await this.beforeSave())) return false;
    this.saving = true;
    try {
      const settings = await api.send('api/settings', { method: 'PATCH', body: this.payload() });
      this.init(settings);
      toast(this.savedMessage);
      this.afterSave?.(settings);
      return true;
    } catch (e) {
      this.errors = e.data || {};
      const n = Object.keys(this.errors).length;
      toast(n ? `${e.message} Check the highlighted fields.` : errorText(e), 'error');
      this.updateComplete.then(() => this.querySelector('.field.invalid input, .field.invalid select')?.focus());
      return false;
    } finally {
      this.saving = false;
    }
  }

  /** Sets a form value and clears the error shown for it. */
  set(path, value) {
    setPath(this.form, path, value);
    if (getPath(this.errors, path) !== undefined) {
      const keys = path.split('.');
      const parent = getPath(this.errors, keys.slice(0, -1).join('.'));
      if (parent) delete parent[keys[keys.length - 1]];
      this.errors = { ...this.errors };
    }
    this.requestUpdate();
  }

  get(path) {
    return getPath(this.form, path);
  }

  err(path) {
    return errorAt(this.errors, path);
  }

  // --- field templates ---------------------------------------------------------------------------

  /** The id of a field's input (unique in the page), for its label and descriptions. */
  fid(path) {
    this.idPrefix ||= uid('sf');
    return `${this.idPrefix}-${path.replace(/\./g, '-')}`;
  }

  /** A labelled field around an input, with its error and help text. */
  field(path, label, input, { help, cls = '', required } = {}) {
    const error = this.err(path);
    const id = this.fid(path);
    return html`<div class="field ${error ? 'invalid' : ''} ${cls}">
      <label class="field-label ${required ? 'required' : ''}" for=${id}>${label}</label>
      ${input}
      ${error ? html`<small class="field-error" id="${id}-error">${error}</small>` : nothing}
      ${help ? html`<small class="field-help" id="${id}-help">${help}</small>` : nothing}
    </div>`;
  }

  /** aria-describedby of a field's input. */
  described(path, help) {
    const id = this.fid(path);
    return [this.err(path) ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ') || nothing;
  }

  text(path, label, { type = 'text', placeholder = '', help, required, autocomplete = 'off', list, cls } = {}) {
    const input = html`<input type=${type} id=${this.fid(path)} name=${path} .value=${this.get(path) ?? ''} placeholder=${placeholder}
      autocomplete=${autocomplete} list=${list || nothing} aria-invalid=${this.err(path) ? 'true' : 'false'}
      aria-describedby=${this.described(path, help)}
      @input=${(e) => this.set(path, e.target.value)}>`;
    return this.field(path, label, input, { help, required, cls });
  }

  /** A write-only value: shown blank, "unchanged" unless something is typed. */
  secret(path, label, { help = 'Write-only: leave blank to keep the stored value.' } = {}) {
    const input = html`<input type="password" id=${this.fid(path)} name=${path} .value=${this.get(path) ?? ''} autocomplete="new-password"
      placeholder="Unchanged" aria-describedby=${this.described(path, help)} @input=${(e) => this.set(path, e.target.value || undefined)}>`;
    return this.field(path, label, input, { help });
  }

  /** An integer; with zeroBlank, 0 shows as blank (the placeholder says what 0 means). */
  number(path, label, { min, max, placeholder = '', help, zeroBlank, required, cls } = {}) {
    const v = this.get(path);
    const input = html`<input type="number" id=${this.fid(path)} name=${path} step="1" min=${min ?? nothing} max=${max ?? nothing}
      aria-describedby=${this.described(path, help)}
      placeholder=${placeholder} .value=${zeroBlank && !v ? '' : String(v ?? '')}
      @input=${(e) => {
        const n = parseInt(e.target.value, 10);
        this.set(path, Number.isNaN(n) ? 0 : n);
      }}>`;
    return this.field(path, label, input, { help, required, cls });
  }

  toggle(path, label, { help, onChange } = {}) {
    const error = this.err(path);
    const id = this.fid(path);
    return html`<div class="toggle-field">
      <label class="check switch"><input type="checkbox" role="switch" id=${id} name=${path} .checked=${!!this.get(path)}
        aria-describedby=${this.described(path, help)}
        @change=${(e) => {
          this.set(path, e.target.checked);
          onChange?.(e.target.checked);
        }}><span>${label}</span></label>
      ${error ? html`<small class="field-error" id="${id}-error">${error}</small>` : nothing}
      ${help ? html`<small class="field-help" id="${id}-help">${help}</small>` : nothing}
    </div>`;
  }

  /** A select over options [{value, label}] whose values may be any JSON value. */
  select(path, label, options, { help, cls } = {}) {
    const v = this.get(path);
    const input = html`<select id=${this.fid(path)} name=${path} aria-describedby=${this.described(path, help)} @change=${(e) => this.set(path, options[e.target.selectedIndex].value)}>
      ${options.map((o) => html`<option ?selected=${o.value === v}>${o.label}</option>`)}
    </select>`;
    return this.field(path, label, input, { help, cls });
  }

  /** A list of strings edited as comma separated text. */
  list(path, label, { placeholder = '', help } = {}) {
    const text = this.listText[path] ?? (this.get(path) || []).join(', ');
    const input = html`<input type="text" id=${this.fid(path)} name=${path} .value=${text} placeholder=${placeholder} autocomplete="off"
      aria-describedby=${this.described(path, help)}
      @input=${(e) => {
        this.listText[path] = e.target.value;
        this.set(path, e.target.value.split(',').map((s) => s.trim()).filter(Boolean));
      }}>`;
    return this.field(path, label, input, { help });
  }

  /** Adds a value to a list field (a suggestion chip). */
  addToList(path, value) {
    const items = [...(this.get(path) || [])];
    if (!items.includes(value)) items.push(value);
    delete this.listText[path];
    this.set(path, items);
  }

  /** The form around the fields, with Reset and Save and the Ctrl+S handler. */
  formTemplate(body, { extraActions = nothing } = {}) {
    return html`<form class="settings-form" data-save-target novalidate
      @submit=${(e) => {
        e.preventDefault();
        this.save();
      }}
      @save-request=${() => this.save()}>
      ${body}
      <div class="settings-actions">
        ${extraActions}
        <span class="grow"></span>
        ${this.dirty ? html`<span class="hint unsaved">Unsaved changes</span>` : nothing}
        <button type="button" class="btn btn-secondary" ?disabled=${!this.dirty || this.saving} @click=${() => this.discard()}>Reset</button>
        <button type="submit" class="btn" ?disabled=${!this.dirty || this.saving}>${this.saving ? 'Saving…' : 'Save changes'}</button>
      </div>
    </form>`;
  }

  /** A header with the section's title (and actions on the right). */
  header(title, actions = nothing) {
    return html`<header class="content-header">
      <h1><span class="breadcrumb">Settings /</span> ${title}</h1>
      <span class="grow"></span>
      ${actions}
    </header>`;
  }

  /** The page: header, then loading, load error or the form. */
  page(title, { actions = nothing, before = nothing } = {}) {
    let body;
    if (this.loading) body = html`<p class="hint loading-line" role="status">Loading settings…</p>`;
    else if (this.loadError) {
      body = html`<div class="error-box" role="alert"><p>${this.loadError}</p>
        <button type="button" class="btn btn-secondary" @click=${() => this.load()}>Try again</button></div>`;
    } else body = this.renderForm();
    return html`${this.header(title, actions)}<div class="content-body settings-body">${before}${body}</div>`;
  }

  render() {
    return this.page('Settings');
  }
}

/**
 * The fields of an S3 configuration at prefix ("s3" or "backups.s3") of a SettingsForm, with a toggle, and a
 * "Test connection" button that checks the saved configuration of filesystem ("storage" or "backups").
 */
export function s3Fields(host, prefix, { toggleLabel, filesystem, before = nothing }) {
  const enabled = !!host.get(`${prefix}.enabled`);
  const savedEnabled = !!getPath(host.original, `${prefix}.enabled`);
  const unchanged = JSON.stringify(getPath(host.form, prefix)) === JSON.stringify(getPath(host.original, prefix));
  const state = host.s3Tests?.[filesystem];
  const test = async () => {
    host.s3Tests = { ...host.s3Tests, [filesystem]: { busy: true } };
    host.requestUpdate();
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 30000);
    try {
      await api.send('api/settings/test/s3', { method: 'POST', body: { filesystem }, signal: ctrl.signal });
      host.s3Tests = { ...host.s3Tests, [filesystem]: { ok: true, message: 'Connected: a test file was written and deleted.' } };
    } catch (e) {
      const message = e.name === 'AbortError' ? 'The connection test timed out after 30 seconds.' : errorText(e);
      host.s3Tests = { ...host.s3Tests, [filesystem]: { ok: false, message } };
    } finally {
      clearTimeout(timer);
      host.requestUpdate();
    }
  };
  return html`<div class="s3-fields">
    ${host.toggle(`${prefix}.enabled`, toggleLabel)}
    ${before}
    ${enabled ? html`
      <div class="grid-2">
        ${host.text(`${prefix}.endpoint`, 'Endpoint', { placeholder: 'https://s3.example.com', required: true })}
        ${host.text(`${prefix}.bucket`, 'Bucket', { required: true })}
        ${host.text(`${prefix}.region`, 'Region', { placeholder: 'us-east-1', required: true })}
        ${host.text(`${prefix}.accessKey`, 'Access key', { required: true })}
        ${host.secret(`${prefix}.secret`, 'Secret')}
        <div class="field">
          <span class="field-label">Addressing</span>
          <label class="check"><input type="checkbox" name="${prefix}.forcePathStyle" .checked=${!!host.get(`${prefix}.forcePathStyle`)}
            @change=${(e) => host.set(`${prefix}.forcePathStyle`, e.target.checked)}><span>Force path-style addressing</span></label>
          <small class="field-help">https://host/BUCKET/KEY instead of https://BUCKET.host/KEY (MinIO and some other servers need it).</small>
        </div>
      </div>` : nothing}
    ${!enabled && !savedEnabled ? nothing : html`<div class="s3-test">
      <button type="button" class="btn btn-secondary" ?disabled=${!savedEnabled || !unchanged || state?.busy} @click=${test}>
        ${state?.busy ? 'Testing…' : 'Test connection'}</button>
      ${!savedEnabled ? html`<small class="hint">Save the S3 configuration to test it.</small>`
        : !unchanged ? html`<small class="hint">Save your changes first: the test uses the saved configuration.</small>`
          : nothing}
      ${state && !state.busy ? html`<p class="test-result ${state.ok ? 'ok' : 'failed'}" role=${state.ok ? 'status' : 'alert'}>
        ${state.ok ? 'S3 connection works.' : 'S3 connection failed.'} <span>${state.message}</span></p>` : nothing}
    </div>`}
  </div>`;
}
