// Settings › Superusers: the _superusers records; create one, change an email or password, delete (not yourself).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, panel, toast, toastError, errorText, confirmDialog, formatDate, debounce } from '../ui.js';
import { settingsIcons } from './settings-shared.js';

const PER_PAGE = 50;
const records = () => api.records('_superusers');

class SuperusersSettings extends LightElement {
  static properties = {
    query: {},
    items: { state: true },
    loading: { state: true },
    error: { state: true },
    search: { state: true },
    hasMore: { state: true },
    total: { state: true },
    editing: { state: true }, // null, {} for a new superuser, or the record
  };

  constructor() {
    super();
    this.items = [];
    this.loading = true;
    this.error = '';
    this.search = '';
    this.page = 1;
    this.hasMore = false;
    this.total = 0;
    this.editing = null;
    this.searchLater = debounce(() => this.load(), 250);
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load(more = false) {
    this.ctrl?.abort();
    this.ctrl = new AbortController();
    this.loading = true;
    this.error = '';
    const page = more ? this.page + 1 : 1;
    const term = this.search.trim().replace(/["\\]/g, '');
    try {
      const res = await records().list(page, PER_PAGE, { sort: 'created', filter: term ? `email ~ "${term}"` : '' }, this.ctrl.signal);
      this.page = page;
      this.items = more ? [...this.items, ...res.items] : res.items;
      this.total = res.totalItems;
      this.hasMore = res.page < res.totalPages;
      this.loading = false;
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.error = errorText(e);
      this.loading = false;
    }
  }

  async deleteSuperuser(rec) {
    const ok = await confirmDialog(`Delete the superuser ${rec.email}? They will no longer be able to log in.`, { confirmText: 'Delete' });
    if (!ok) return;
    try {
      await records().delete(rec.id);
      toast(`Deleted ${rec.email}.`);
      this.load();
    } catch (e) {
      toastError(e);
    }
  }

  render() {
    const me = api.superuser?.id;
    return html`<header class="content-header">
        <h1><span class="breadcrumb">Settings /</span> Superusers</h1>
        <span class="grow"></span>
        <button type="button" class="btn-icon" aria-label="Reload the superusers" title="Reload" @click=${() => this.load()}>${settingsIcons.refresh}</button>
        <button type="button" class="btn" @click=${() => { this.editing = {}; }}>${settingsIcons.plus} New superuser</button>
      </header>
      <div class="content-body settings-body">
        <p class="hint">Superusers manage everything: collections, records, settings, backups and logs. They are the records of
          the <code>_superusers</code> system collection.</p>
        <div class="list-toolbar">
          <label class="search-input">${settingsIcons.search}<input type="search" aria-label="Search superusers by email" placeholder="Search by email"
            .value=${this.search} @input=${(e) => { this.search = e.target.value; this.searchLater(); }}></label>
          <span class="hint">${this.loading ? 'Loading…' : `${this.total} ${this.total === 1 ? 'superuser' : 'superusers'}`}</span>
        </div>
        ${this.error ? html`<div class="error-box" role="alert"><p>${this.error}</p>
          <button type="button" class="btn btn-secondary" @click=${() => this.load()}>Try again</button></div>` : nothing}
        <div class="table-wrap">
          <table class="superusers-table">
            <thead><tr><th>Email</th><th>Created</th><th class="col-actions"><span class="sr-only">Actions</span></th></tr></thead>
            <tbody>
              ${!this.loading && !this.error && !this.items.length ? html`<tr><td colspan="3" class="empty">No superusers match.</td></tr>` : nothing}
              ${this.items.map((r) => html`<tr>
                <td class="email-cell">${r.email}${r.id === me ? html` <span class="badge badge-primary">you</span>` : nothing}</td>
                <td title=${r.created}>${formatDate(r.created)}</td>
                <td class="col-actions">
                  <button type="button" class="btn-icon" aria-label="Edit ${r.email}" title="Change email or password" @click=${() => { this.editing = r; }}>${settingsIcons.edit}</button>
                  <button type="button" class="btn-icon danger" aria-label="Delete ${r.email}" ?disabled=${r.id === me}
                    title=${r.id === me ? 'You cannot delete yourself' : 'Delete'} @click=${() => this.deleteSuperuser(r)}>${settingsIcons.trash}</button>
                </td>
              </tr>`)}
            </tbody>
          </table>
        </div>
        ${this.hasMore ? html`<div class="pager"><button type="button" class="btn btn-secondary" ?disabled=${this.loading} @click=${() => this.load(true)}>Load more</button></div>` : nothing}
      </div>
      ${this.editing ? html`<c-superuser-form .record=${this.editing} @close=${() => { this.editing = null; }}
        @saved=${() => { this.editing = null; this.load(); }}></c-superuser-form>` : nothing}`;
  }
}
customElements.define('c-settings-superusers', SuperusersSettings);

/** The panel that creates a superuser, or changes one's email or password. */
class SuperuserForm extends LightElement {
  static properties = {
    record: {},
    email: { state: true },
    password: { state: true },
    passwordConfirm: { state: true },
    changePassword: { state: true },
    errors: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  constructor() {
    super();
    this.errors = {};
    this.error = '';
    this.password = '';
    this.passwordConfirm = '';
  }

  willUpdate(changed) {
    if (changed.has('record')) {
      this.email = this.record?.email || '';
      this.changePassword = !this.record?.id;
    }
  }

  firstUpdated() {
    this.querySelector('input[name="email"]')?.focus();
  }

  get isNew() {
    return !this.record?.id;
  }

  get dirty() {
    return this.email !== (this.record?.email || '') || !!this.password || !!this.passwordConfirm;
  }

  async close() {
    if (this.busy) return;
    if (this.dirty && !(await confirmDialog('Discard the changes to this superuser?', { confirmText: 'Discard' }))) return;
    this.dispatchEvent(new CustomEvent('close'));
  }

  async submit() {
    if (this.busy) return;
    this.busy = true;
    this.errors = {};
    this.error = '';
    const body = {};
    if (this.isNew || this.email !== this.record.email) body.email = this.email.trim();
    if (this.changePassword) {
      body.password = this.password;
      body.passwordConfirm = this.passwordConfirm;
    }
    try {
      if (this.isNew) {
        await records().create(body);
        toast(`Created the superuser ${body.email}.`);
      } else if (Object.keys(body).length) {
        const mine = this.record.id === api.superuser?.id;
        const saved = await records().update(this.record.id, body);
        if (mine && body.password) {
          // a new password ends the sessions of that superuser: log in again with it
          const res = await api.authWithPassword(saved.email, body.password).catch(() => null);
          if (!res?.token) {
            toast('Your password was changed. Log in again.', 'info');
            api.logout();
            return;
          }
        } else if (mine) {
          await api.authRefresh().catch(() => {});
        }
        toast(`Saved ${saved.email}.`);
      }
      this.password = '';
      this.passwordConfirm = '';
      this.email = this.record?.email || '';
      this.dispatchEvent(new CustomEvent('saved'));
    } catch (e) {
      this.errors = e.data || {};
      this.error = Object.keys(this.errors).length ? '' : errorText(e);
    } finally {
      this.busy = false;
    }
  }

  render() {
    const err = (k) => (this.errors[k] ? html`<small class="field-error">${this.errors[k].message}</small>` : nothing);
    const inv = (k) => (this.errors[k] ? 'invalid' : '');
    return panel({
      heading: this.isNew ? 'New superuser' : `Edit ${this.record.email}`,
      onClose: () => this.close(),
      onSave: () => this.submit(),
      body: html`<form id="superuser-form" novalidate @submit=${(e) => { e.preventDefault(); this.submit(); }}>
        <label class="field ${inv('email')}"><span class="required">Email</span>
          <input type="email" name="email" autocomplete="off" .value=${this.email} @input=${(e) => { this.email = e.target.value; }}>${err('email')}</label>
        ${this.isNew ? nothing : html`<label class="check"><input type="checkbox" .checked=${this.changePassword}
          @change=${(e) => { this.changePassword = e.target.checked; }}><span>Change password</span></label>`}
        ${this.changePassword ? html`
          <div class="field ${inv('password')}"><label class="field-label required" for="superuser-password">Password</label>
            <input type="password" id="superuser-password" name="password" autocomplete="new-password" .value=${this.password}
              aria-describedby="superuser-password-help" @input=${(e) => { this.password = e.target.value; }}>${err('password')}
            <small class="field-help" id="superuser-password-help">At least 8 characters.</small></div>
          <label class="field ${inv('passwordConfirm')}"><span class="required">Password confirm</span>
            <input type="password" name="passwordConfirm" autocomplete="new-password" .value=${this.passwordConfirm}
              @input=${(e) => { this.passwordConfirm = e.target.value; }}>${err('passwordConfirm')}</label>
          ${!this.isNew && this.record.id === api.superuser?.id ? html`<p class="hint">Changing your own password ends your other sessions; this one logs in again with the new password.</p>` : nothing}` : nothing}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </form>`,
      footer: html`<button type="button" class="btn btn-secondary" @click=${() => this.close()}>Cancel</button>
        <button type="submit" form="superuser-form" class="btn" ?disabled=${this.busy}>${this.busy ? 'Saving…' : this.isNew ? 'Create superuser' : 'Save changes'}</button>`,
    });
  }
}
customElements.define('c-superuser-form', SuperuserForm);
