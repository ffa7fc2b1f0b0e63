// The record panel: a side panel with the form of one record, generated from the collection's ui-schema (one
// widget element per field), for creating, editing, duplicating, deleting and (auth records) impersonating; with a
// History tab (record-history.js) when the collection keeps the history of its records.
//
// <c-record-panel .collection=${col} .recordId=${id or ''} .prefill=${values for a new record or null}
//   .remote=${{action, record} when the record changed elsewhere}
//   @saved=${(e) => e.detail /* {record, isNew} */} @deleted=${(e) => e.detail /* id */}
//   @restored=${(e) => e.detail /* the record after a restore of an earlier version (the panel stays open) */}
//   @duplicate=${(e) => e.detail /* the values of a new record */} @close=${...}>
import { html, nothing } from 'lit';
import { unsafeStatic, html as shtml } from 'lit/static-html.js';
import { api } from '../api.js';
import { LightElement, panel, confirmDialog, toast, toastError, errorText, formatDate, stylesheet } from '../ui.js';
import { loadSchema, relationNames } from './record-schema.js';
import { modelOf } from './widget-base.js';
import { ricons, copyText, plainRecords } from './record-util.js';
import './record-menu.js';
import './widget-inputs.js';
import './widget-richtext.js';
import './widget-file.js';
import './widget-relation.js';
import './record-impersonate.js';
import './record-history.js';

const stylesReady = stylesheet(import.meta.url, '../pages/records.css');

const WIDGETS = new Set(['id', 'text', 'textarea', 'richtext', 'number', 'slider', 'toggle', 'email', 'url', 'datetime',
  'autodate', 'select', 'multiselect', 'relation', 'file', 'json', 'password', 'geopoint']);

const clone = (v) => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

/** A copy of form values (file values hold File objects, which are kept as they are). */
function copyValue(v) {
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' && !(x instanceof Blob) ? { ...x } : x));
  if (v && typeof v === 'object') return { ...v };
  return v;
}

class RecordPanel extends LightElement {
  static properties = {
    collection: { attribute: false },
    recordId: { attribute: false },
    prefill: { attribute: false },
    remote: { attribute: false },
    schema: { state: true },
    record: { state: true },
    values: { state: true },
    errors: { state: true },
    loading: { state: true },
    saving: { state: true },
    failure: { state: true },
    impersonating: { state: true },
    view: { state: true },
  };

  constructor() {
    super();
    this.values = {};
    this.initial = {};
    this.errors = {};
    this.tried = false;
    this.view = 'form'; // or 'history'
  }

  async scheduleUpdate() {
    await stylesReady;
    super.scheduleUpdate();
  }

  get isNew() {
    return !this.recordId;
  }

  get readOnly() {
    return this.collection?.type === 'view';
  }

  /** True when the record's changes are kept: the collection's history option, and always for superusers. */
  get hasHistory() {
    const c = this.collection;
    return !this.isNew && c?.type !== 'view' && (!!c?.history?.enabled || (c?.system && c?.name === '_superusers'));
  }

  /** After a restore: the record's new values in the form, and the list told. */
  async restored(e) {
    e.stopPropagation();
    await this.load();
    this.dispatchEvent(new CustomEvent('restored', { detail: e.detail }));
  }

  renderTabs() {
    if (!this.hasHistory || !this.record) return nothing;
    const tab = (id, label) => html`<button type="button" class="tab" role="tab" id="rp-tab-${id}" aria-controls="rp-panel-${id}"
      aria-selected=${this.view === id ? 'true' : 'false'} tabindex=${this.view === id ? '0' : '-1'}
      @click=${() => { this.view = id; }}>${label}</button>`;
    return html`<div class="tabs record-tabs" role="tablist" aria-label="Record"
      @keydown=${(e) => {
        if (!['ArrowLeft', 'ArrowRight'].includes(e.key)) return;
        this.view = this.view === 'form' ? 'history' : 'form';
        this.updateComplete.then(() => this.querySelector(`#rp-tab-${this.view}`)?.focus());
      }}>${tab('form', 'Record')}${tab('history', 'History')}</div>`;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  willUpdate(changed) {
    if (changed.has('remote') && this.remote && this.record && changed.get('remote') !== undefined) {
      // changed elsewhere: take the new values when nothing was edited here
      if (this.remote.action === 'update' && !this.dirty()) this.load();
    }
  }

  /** Loads the schema and the record; a record already shown is replaced without the "Loading…" in between. */
  async load() {
    this.loading = !(this.record && this.schema);
    this.failure = '';
    try {
      this.schema = await loadSchema(this.collection);
      let record = null;
      if (this.recordId) {
        const expand = relationNames(this.schema).join(',');
        record = await api.records(this.collection.id).getOne(this.recordId, { expand });
      }
      this.record = record;
      this.reset(record || this.prefill || null);
    } catch (e) {
      this.failure = errorText(e);
    } finally {
      this.loading = false;
    }
    // into the panel: a new record's first field, else the panel's close button
    await this.updateComplete;
    if (this.contains(document.activeElement)) return;
    const first = this.isNew
      ? this.querySelector('.record-form .widget:not(.widget-id) :is(input:not([type=file]):not([type=hidden]), textarea, [contenteditable=true], button)')
      : null;
    (first || this.querySelector('.panel-header .btn-icon'))?.focus();
  }

  /** Fills the form from a record (or the prefill of a new one). */
  reset(source) {
    const values = {};
    for (const f of this.schema.fields) {
      values[f.name] = modelOf(f).init(f, source);
    }
    this.values = values;
    this.initial = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, copyValue(v)]));
    this.errors = {};
    this.tried = false;
  }

  ctx() {
    return { isNew: this.isNew, record: this.record };
  }

  editable(f) {
    return !f.readOnly && f.widget !== 'autodate' && !(f.createOnly && !this.isNew);
  }

  dirty() {
    if (!this.schema) return false;
    return this.schema.fields.some((f) => this.editable(f) && modelOf(f).changed(f, this.values[f.name], this.initial[f.name]));
  }

  check() {
    const errors = {};
    for (const f of this.schema.fields) {
      if (!this.editable(f)) continue;
      Object.assign(errors, modelOf(f).validate(f, this.values[f.name], this.ctx()));
    }
    return errors;
  }

  onChange(e) {
    const { name, value } = e.detail;
    this.values = { ...this.values, [name]: value };
    const f = this.schema.fields.find((x) => x.name === name);
    // a field's message goes once it is edited; after a save attempt it is checked again as you type
    const errors = { ...this.errors };
    delete errors[name];
    delete errors[`${name}Confirm`];
    if (this.tried && f) Object.assign(errors, modelOf(f).validate(f, value, this.ctx()));
    this.errors = errors;
  }

  async requestClose() {
    if (this.saving) return;
    if (this.dirty() && !(await confirmDialog('You have unsaved changes. Close the form and drop them?', { confirmText: 'Drop changes' }))) return;
    this.dispatchEvent(new CustomEvent('close'));
  }

  body() {
    const body = {};
    for (const f of this.schema.fields) {
      if (!this.editable(f)) continue;
      const m = modelOf(f);
      const v = this.values[f.name];
      if (!this.isNew && !m.changed(f, v, this.initial[f.name])) continue;
      Object.assign(body, m.body(f, v, this.ctx()));
    }
    return body;
  }

  async save() {
    if (this.saving || this.loading || this.readOnly || !this.schema) return;
    this.tried = true;
    const errors = this.check();
    this.errors = errors;
    if (Object.keys(errors).length) {
      this.failure = '';
      await this.updateComplete;
      this.focusFirstError();
      return;
    }
    if (!this.isNew && !this.dirty()) {
      this.dispatchEvent(new CustomEvent('close'));
      return;
    }
    this.saving = true;
    this.failure = '';
    const rec = api.records(this.collection.id);
    const query = { expand: relationNames(this.schema).join(',') || undefined };
    try {
      const body = this.body();
      const saved = this.isNew ? await rec.create(body, query) : await rec.update(this.recordId, body, query);
      if (!this.isNew && body.password && this.collection.name === '_superusers' && saved.id === api.superuser?.id) {
        // a new password of the superuser logged in here ends its sessions: log in again with it
        await api.authWithPassword(saved.email, body.password).catch(() => {});
      }
      toast(this.isNew ? 'The record was created.' : 'The record was saved.');
      this.initial = this.values; // nothing left unsaved
      this.dispatchEvent(new CustomEvent('saved', { detail: { record: saved, isNew: this.isNew } }));
    } catch (e) {
      this.showServerError(e);
    } finally {
      this.saving = false;
    }
  }

  showServerError(e) {
    const data = e.data || {};
    const errors = {};
    const names = new Set(this.schema.fields.map((f) => f.name));
    const unplaced = [];
    for (const [k, v] of Object.entries(data)) {
      const base = k.replace(/[+-]$/, '').replace(/^[+-]/, '');
      const msg = v?.message || (typeof v === 'string' ? v : 'Invalid value.');
      if (names.has(base) || (base.endsWith('Confirm') && names.has(base.slice(0, -7)))) errors[base] = msg;
      else unplaced.push(`${k}: ${msg}`);
    }
    this.errors = errors;
    this.failure = unplaced.length || !Object.keys(errors).length ? [errorText(e), ...unplaced].filter(Boolean).join(' ') : '';
    if (Object.keys(errors).length) this.updateComplete.then(() => this.focusFirstError());
  }

  focusFirstError() {
    const el = this.querySelector('.field.invalid');
    if (!el) return;
    el.scrollIntoView({ block: 'center', behavior: 'instant' });
    el.querySelector('input:not([type=file]):not(.sr-only), textarea, select, [contenteditable=true], button')?.focus();
  }

  async deleteRecord() {
    if (!(await confirmDialog(`Delete this record of ${this.collection.name}? This can't be undone.`, { confirmText: 'Delete' }))) return;
    try {
      await api.records(this.collection.id).delete(this.recordId);
      toast('The record was deleted.');
      this.initial = this.values;
      this.dispatchEvent(new CustomEvent('deleted', { detail: this.recordId }));
    } catch (e) {
      toastError(e);
    }
  }

  duplicate() {
    const data = {};
    for (const f of this.schema.fields) {
      if (['id', 'autodate', 'file', 'password'].includes(f.widget) || f.readOnly) continue;
      const m = modelOf(f);
      // the current values (edits included), read back into record shape
      try {
        const body = m.body(f, this.values[f.name], { isNew: true, record: null });
        if (f.name in body) data[f.name] = body[f.name];
      } catch {
        // a value that can't be read (invalid JSON) is left out
      }
    }
    data.expand = clone(this.record?.expand || {});
    this.dispatchEvent(new CustomEvent('duplicate', { detail: data }));
  }

  async copyJson() {
    const [plain] = plainRecords([this.record]);
    if (await copyText(JSON.stringify(plain, null, 2))) toast('Copied the record as JSON.');
    else toast('The browser refused to copy.', 'error');
  }

  async authAction(path, what) {
    try {
      await api.send(`api/collections/${encodeURIComponent(this.collection.id)}/${path}`, { method: 'POST', body: { email: this.record.email } });
      toast(`Sent ${what} to ${this.record.email}.`);
    } catch (e) {
      toastError(e);
    }
  }

  /** The fields in form order: an auth record's account fields come first (after the id), as in PocketBase. */
  formFields() {
    const fields = this.schema.fields;
    if (this.collection.type !== 'auth') return fields;
    const first = ['id', 'email', 'emailVisibility', 'verified', 'password'];
    const head = first.map((n) => fields.find((f) => f.name === n && f.system)).filter(Boolean);
    return [...head, ...fields.filter((f) => !head.includes(f))];
  }

  renderWidget(f) {
    if (f.widget === 'autodate') return nothing;
    const tag = unsafeStatic(`c-widget-${WIDGETS.has(f.widget) ? f.widget : 'text'}`);
    return shtml`<${tag} .field=${f} .value=${this.values[f.name]} .errors=${this.errors}
      .record=${this.record || (f.widget === 'relation' ? this.prefill : null)}
      .collection=${this.collection} .isNew=${this.isNew}></${tag}>`;
  }

  renderMeta() {
    const autodates = this.schema.fields.filter((f) => f.widget === 'autodate');
    if (this.isNew || !this.record || !autodates.length) return nothing;
    return html`<dl class="record-meta">
      ${autodates.map((f) => html`<div><dt>${f.name}</dt><dd title=${this.record[f.name] || ''}>${this.record[f.name] ? formatDate(this.record[f.name]) : '–'}</dd></div>`)}
    </dl>`;
  }

  renderRemote() {
    const r = this.remote;
    if (!r || this.isNew) return nothing;
    if (r.action === 'delete') {
      return html`<div class="notice notice-danger" role="status">This record was deleted elsewhere. Saving it will fail; copy what you need.</div>`;
    }
    if (r.action === 'update' && this.dirty()) {
      return html`<div class="notice" role="status">This record was changed elsewhere while you were editing.
        <button type="button" class="btn btn-link btn-sm" @click=${async () => {
          if (await confirmDialog('Load the saved version and drop your edits?', { confirmText: 'Load it' })) this.load();
        }}>Load the saved version</button></div>`;
    }
    return nothing;
  }

  renderMenu() {
    if (this.isNew || !this.record) return nothing;
    const auth = this.collection.type === 'auth';
    const view = this.readOnly;
    return html`<c-record-menu label="More actions" up .icon=${ricons.more} btnclass="btn btn-secondary" .content=${() => html`
      <div role="menu" aria-label="Record actions">
        ${view ? nothing : html`<button type="button" role="menuitem" @click=${() => this.duplicate()}>${ricons.copy} Duplicate</button>`}
        <button type="button" role="menuitem" @click=${() => this.copyJson()}>${ricons.code} Copy JSON</button>
        ${auth ? html`
          <button type="button" role="menuitem" @click=${() => { this.impersonating = true; }}>${ricons.key} Impersonate</button>
          ${this.record.email && this.collection.name !== '_superusers' ? html`
            ${!this.record.verified ? html`<button type="button" role="menuitem" @click=${() => this.authAction('request-verification', 'a verification email')}>Send verification email</button>` : nothing}
            <button type="button" role="menuitem" @click=${() => this.authAction('request-password-reset', 'a password reset email')}>Send password reset email</button>` : nothing}` : nothing}
        ${view ? nothing : html`<button type="button" role="menuitem" class="danger" @click=${() => this.deleteRecord()}>${ricons.trash} Delete</button>`}
      </div>`}></c-record-menu>`;
  }

  render() {
    if (!this.collection) return nothing;
    const name = this.collection.name;
    let heading;
    if (this.readOnly) heading = `View ${name} record`;
    else heading = this.isNew ? `New ${name} record` : `Edit ${name} record`;
    const ready = this.schema && !this.loading;
    const body = html`
      ${this.renderRemote()}
      ${this.loading ? html`<div class="empty">Loading…</div>` : nothing}
      ${!this.loading && this.failure && !this.schema ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
      ${ready ? this.renderTabs() : nothing}
      ${ready && this.view === 'history' && this.hasHistory ? html`<div role="tabpanel" id="rp-panel-history" aria-labelledby="rp-tab-history">
        <c-record-history .collection=${this.collection} .recordId=${this.recordId} .record=${this.record} .dirty=${this.dirty()}
          @restored=${(e) => this.restored(e)}></c-record-history></div>` : nothing}
      ${ready ? html`<form class="record-form" novalidate ?hidden=${this.view === 'history' && this.hasHistory}
        role=${this.hasHistory ? 'tabpanel' : nothing} id="rp-panel-form" aria-labelledby=${this.hasHistory ? 'rp-tab-form' : nothing}
        @submit=${(e) => { e.preventDefault(); this.save(); }}
        @widget-change=${(e) => this.onChange(e)}>
        ${this.renderMeta()}
        ${this.formFields().map((f) => this.renderWidget(f))}
        ${this.failure ? html`<p class="error" role="alert">${this.failure}</p>` : nothing}
        <button type="submit" hidden tabindex="-1">Save</button>
      </form>` : nothing}
      ${this.impersonating ? html`<c-record-impersonate .collection=${this.collection} .record=${this.record}
        @close=${() => { this.impersonating = false; }}></c-record-impersonate>` : nothing}`;
    const footer = html`
      ${this.renderMenu()}
      <span class="grow"></span>
      <button type="button" class="btn btn-secondary" @click=${() => this.requestClose()}>${this.readOnly ? 'Close' : 'Cancel'}</button>
      ${this.readOnly ? nothing : html`<button type="button" class="btn" ?disabled=${!ready || this.saving}
        @click=${() => this.save()}>${this.saving ? 'Saving…' : (this.isNew ? 'Create' : 'Save changes')}</button>`}`;
    return panel({
      heading: html`${heading}${!this.isNew && this.recordId ? html` <span class="mono hint record-id">${this.recordId}</span>` : nothing}`,
      label: heading,
      body,
      footer,
      wide: true,
      onClose: () => this.requestClose(),
      onSave: () => this.save(),
    });
  }
}
customElements.define('c-record-panel', RecordPanel);
