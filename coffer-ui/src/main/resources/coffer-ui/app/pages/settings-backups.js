// Settings › Backups: the list of backups (create, upload, download, restore, delete) and the backup settings
// (automatic backups on a cron schedule, how many to keep, S3 storage for them).
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, panel, toast, toastError, errorText, confirmDialog, formatDate } from '../ui.js';
import { SettingsForm, s3Fields } from './settings-form.js';
import { formatBytes, settingsIcons } from './settings-shared.js';
import { describeCron } from './settings-crons.js';

const PRESETS = [
  { cron: '0 0 * * *', label: 'Every day at 00:00' },
  { cron: '0 3 * * *', label: 'Every day at 03:00' },
  { cron: '0 0 * * 0', label: 'Every Sunday at 00:00' },
  { cron: '0 0 * * 1,3', label: 'Every Monday and Wednesday at 00:00' },
  { cron: '0 0 1 * *', label: 'On the first day of every month at 00:00' },
  { cron: '0 */6 * * *', label: 'Every 6 hours' },
];

const NAME_RE = /^[a-z0-9_-]+\.zip$/;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class BackupsSettings extends SettingsForm {
  static properties = {
    ...SettingsForm.properties,
    backups: { state: true },
    listLoading: { state: true },
    listError: { state: true },
    canBackup: { state: true },
    busy: { state: true }, // {key: 'download'|'delete'}
    creating: { state: true },
    restoring: { state: true }, // the key in the restore panel
    uploading: { state: true },
  };

  static secrets = ['backups.s3.secret'];

  constructor() {
    super();
    this.savedMessage = 'Backup settings saved.';
    this.s3Tests = {};
    this.backups = [];
    this.listLoading = true;
    this.listError = '';
    this.canBackup = true;
    this.busy = {};
  }

  connectedCallback() {
    super.connectedCallback();
    this.loadList();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.healthTimer);
  }

  pick(s) {
    return { backups: { cron: '', cronMaxKeep: 3, ...s.backups, s3: { ...s.backups?.s3 } } };
  }

  async loadList() {
    this.listLoading = true;
    this.listError = '';
    try {
      const [list, health] = await Promise.all([api.send('api/backups'), api.send('api/health').catch(() => null)]);
      this.backups = list.sort((a, b) => (a.modified < b.modified ? 1 : a.modified > b.modified ? -1 : 0));
      if (health?.data && 'canBackup' in health.data) this.canBackup = !!health.data.canBackup;
      if (!this.canBackup) this.watchHealth();
    } catch (e) {
      this.listError = errorText(e);
    } finally {
      this.listLoading = false;
    }
  }

  /** While a backup or restore runs, checks every few seconds until the server can take a backup again. */
  watchHealth() {
    clearTimeout(this.healthTimer);
    this.healthTimer = setTimeout(async () => {
      const h = await api.send('api/health').catch(() => null);
      if (h?.data?.canBackup) {
        this.canBackup = true;
        this.loadList();
      } else if (this.isConnected) {
        this.watchHealth();
      }
    }, 3000);
  }

  async download(key) {
    this.busy = { ...this.busy, [key]: 'download' };
    try {
      const { token } = await api.send('api/files/token', { method: 'POST' });
      const a = document.createElement('a');
      a.href = api.url(`api/backups/${encodeURIComponent(key)}`, { token });
      a.download = key;
      document.body.append(a);
      a.click();
      a.remove();
    } catch (e) {
      toastError(e);
    } finally {
      this.busy = { ...this.busy, [key]: '' };
    }
  }

  async deleteBackup(key) {
    if (!(await confirmDialog(`Delete the backup ${key}? This cannot be undone.`, { confirmText: 'Delete' }))) return;
    this.busy = { ...this.busy, [key]: 'delete' };
    try {
      await api.send(`api/backups/${encodeURIComponent(key)}`, { method: 'DELETE' });
      toast(`Deleted ${key}.`);
      this.loadList();
    } catch (e) {
      toastError(e);
    } finally {
      this.busy = { ...this.busy, [key]: '' };
    }
  }

  async upload(e) {
    const input = e.target;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    if (!/\.zip$/i.test(file.name)) {
      toast('A backup is a .zip file.', 'error');
      return;
    }
    const ok = await confirmDialog(`Upload "${file.name}" (${formatBytes(file.size)})? Uploaded backups are not checked: `
      + 'only restore backups from sources you trust.', { confirmText: 'Upload', danger: false });
    if (!ok) return;
    this.uploading = true;
    try {
      const form = new FormData();
      form.append('file', file);
      await api.send('api/backups/upload', { method: 'POST', body: form });
      toast(`Uploaded ${file.name}.`);
      this.loadList();
    } catch (err) {
      toast(err.data?.file?.message ? `${err.message} ${err.data.file.message}` : errorText(err), 'error');
    } finally {
      this.uploading = false;
    }
  }

  setAuto(on) {
    this.set('backups.cron', on ? (this.original.backups.cron || PRESETS[0].cron) : '');
    if (on && !this.form.backups.cronMaxKeep) this.set('backups.cronMaxKeep', 3);
  }

  listTemplate() {
    return html`<section class="backups-list" aria-label="Backups">
      ${this.canBackup ? nothing : html`<p class="info-box" role="status">A backup or restore is running. Creating another one is possible when it has finished.</p>`}
      ${this.listError ? html`<div class="error-box" role="alert"><p>${this.listError}</p>
        <button type="button" class="btn btn-secondary" @click=${() => this.loadList()}>Try again</button></div>` : nothing}
      <div class="table-wrap">
        <table class="backups-table">
          <thead><tr><th>Name</th><th>Size</th><th>Date</th><th class="col-actions"><span class="sr-only">Actions</span></th></tr></thead>
          <tbody>
            ${this.listLoading && !this.backups.length ? html`<tr><td colspan="4" class="empty" role="status">Loading…</td></tr>` : nothing}
            ${!this.listLoading && !this.listError && !this.backups.length ? html`<tr><td colspan="4" class="empty">No backups yet.</td></tr>` : nothing}
            ${this.backups.map((b) => html`<tr class=${this.listLoading ? 'faded' : ''}>
              <td class="mono" title=${b.key}><span class="backup-name">${settingsIcons.file}<span>${b.key}</span></span></td>
              <td>${formatBytes(b.size)}</td>
              <td title=${b.modified}>${formatDate(b.modified)}</td>
              <td class="col-actions">
                <button type="button" class="btn-icon" aria-label="Download ${b.key}" title="Download" ?disabled=${!!this.busy[b.key]}
                  @click=${() => this.download(b.key)}>${settingsIcons.download}</button>
                <button type="button" class="btn-icon" aria-label="Restore ${b.key}" title="Restore" ?disabled=${!!this.busy[b.key] || !this.canBackup}
                  @click=${() => { this.restoring = b.key; }}>${settingsIcons.restore}</button>
                <button type="button" class="btn-icon danger" aria-label="Delete ${b.key}" title="Delete" ?disabled=${!!this.busy[b.key]}
                  @click=${() => this.deleteBackup(b.key)}>${settingsIcons.trash}</button>
              </td>
            </tr>`)}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  renderForm() {
    const b = this.form.backups;
    const auto = !!b.cron;
    const about = describeCron(b.cron);
    return this.formTemplate(html`
      <h2 class="section-title">Backup settings</h2>
      <div class="toggle-field">
        <label class="check switch"><input type="checkbox" role="switch" .checked=${auto} @change=${(e) => this.setAuto(e.target.checked)}>
          <span>Automatic backups</span></label>
      </div>
      ${auto || this.err('backups.cron') ? html`<div class="grid-2">
        <div class="field ${this.err('backups.cron') ? 'invalid' : ''}">
          <label class="field-label" for="backups-cron">Cron expression (UTC)</label>
          <div class="row-inline">
            <input id="backups-cron" type="text" name="backups.cron" .value=${b.cron} placeholder="0 0 * * *" autocomplete="off"
              @input=${(e) => this.set('backups.cron', e.target.value)}>
            <select aria-label="Schedule presets" @change=${(e) => {
              if (e.target.value) this.set('backups.cron', e.target.value);
              e.target.value = '';
            }}>
              <option value="">Presets…</option>
              ${PRESETS.map((p) => html`<option value=${p.cron}>${p.label}</option>`)}
            </select>
          </div>
          ${this.err('backups.cron') ? html`<small class="field-error">${this.err('backups.cron')}</small>` : nothing}
          <small class="field-help">${about ? html`Runs ${about} (UTC). ` : nothing}Minute, hour, day of month, month, day of week;
            lists, ranges, steps and macros such as <code>@daily</code> work.</small>
        </div>
        ${this.number('backups.cronMaxKeep', 'Automatic backups to keep', { min: 1, help: 'The oldest automatic backups beyond this number are deleted.' })}
      </div>` : html`<p class="hint">Backups are only made when you create them here.</p>`}
      ${s3Fields(this, 'backups.s3', { toggleLabel: 'Store backups in S3 storage', filesystem: 'backups' })}
    `);
  }

  render() {
    const actions = html`
      <button type="button" class="btn-icon" aria-label="Reload the backups" title="Reload" @click=${() => this.loadList()}>${settingsIcons.refresh}</button>
      <label class="btn btn-secondary upload-btn ${this.uploading ? 'disabled' : ''}" title="Upload a backup .zip">
        <input type="file" accept=".zip,application/zip" class="sr-only" aria-label="Upload backup" ?disabled=${this.uploading}
          @change=${(e) => this.upload(e)}>${settingsIcons.upload}<span>${this.uploading ? 'Uploading…' : 'Upload'}</span></label>
      <button type="button" class="btn" ?disabled=${!this.canBackup} @click=${() => { this.creating = true; }}>${settingsIcons.plus} Create backup</button>`;
    return html`${this.page('Backups', {
      actions,
      before: html`<p class="hint">A backup is a zip of the data directory: the database with every collection, record,
        setting and superuser, and the uploaded files when they are stored locally (files in S3 storage are not included).</p>
        ${this.listTemplate()}`,
    })}
    ${this.creating ? html`<c-backup-create @close=${() => { this.creating = false; }}
      @created=${() => { this.creating = false; this.loadList(); }}></c-backup-create>` : nothing}
    ${this.restoring ? html`<c-backup-restore .key=${this.restoring} @close=${() => { this.restoring = null; }}></c-backup-restore>` : nothing}`;
  }
}
customElements.define('c-settings-backups', BackupsSettings);

/** The "Create backup" panel: an optional name. */
class BackupCreate extends LightElement {
  static properties = { name: { state: true }, busy: { state: true }, error: { state: true } };

  constructor() {
    super();
    this.name = '';
    this.error = '';
  }

  firstUpdated() {
    this.querySelector('input')?.focus();
  }

  async submit() {
    if (this.busy) return;
    const name = this.name.trim();
    if (name && !NAME_RE.test(name)) {
      this.error = 'Use lower case letters, digits, "_" and "-", ending with ".zip".';
      return;
    }
    this.busy = true;
    this.error = '';
    try {
      await api.send('api/backups', { method: 'POST', body: name ? { name } : {} });
      toast(name ? `Created the backup ${name}.` : 'Created a new backup.');
      this.dispatchEvent(new CustomEvent('created'));
    } catch (e) {
      this.error = e.data?.name?.message || errorText(e);
    } finally {
      this.busy = false;
    }
  }

  async close() {
    if (this.busy) return;
    this.dispatchEvent(new CustomEvent('close'));
  }

  render() {
    return panel({
      heading: 'Create backup',
      onClose: () => this.close(),
      onSave: () => this.submit(),
      body: html`<form id="backup-create-form" novalidate @submit=${(e) => { e.preventDefault(); this.submit(); }}>
        <div class="field ${this.error ? 'invalid' : ''}"><label class="field-label" for="backup-name">Backup name</label>
          <input type="text" id="backup-name" name="name" placeholder="Leave empty for an automatic name" autocomplete="off" .value=${this.name}
            aria-describedby="backup-name-help" @input=${(e) => { this.name = e.target.value; this.error = ''; }}>
          ${this.error ? html`<small class="field-error" role="alert">${this.error}</small>` : nothing}
          <small class="field-help" id="backup-name-help">Optional, e.g. <code>before_migration.zip</code>: lower case letters, digits, "_" and "-", ending with ".zip".</small></div>
        <p class="hint">The app keeps serving requests during the backup, a little slower. Large data directories take a while.</p>
      </form>`,
      footer: html`<button type="button" class="btn btn-secondary" ?disabled=${this.busy} @click=${() => this.close()}>Cancel</button>
        <button type="submit" form="backup-create-form" class="btn" ?disabled=${this.busy}>${this.busy ? 'Creating backup…' : 'Start backup'}</button>`,
    });
  }
}
customElements.define('c-backup-create', BackupCreate);

/** The "Restore backup" panel: the name typed as a confirmation, then the wait for the server. */
class BackupRestore extends LightElement {
  static properties = { key: {}, typed: { state: true }, state: { state: true }, error: { state: true } };

  constructor() {
    super();
    this.typed = '';
    this.state = ''; // '', 'sending', 'waiting'
    this.error = '';
  }

  firstUpdated() {
    this.querySelector('input')?.focus();
  }

  async submit() {
    if (this.state || this.typed !== this.key) return;
    this.state = 'sending';
    this.error = '';
    try {
      await api.send(`api/backups/${encodeURIComponent(this.key)}/restore`, { method: 'POST' });
    } catch (e) {
      this.state = '';
      this.error = errorText(e);
      return;
    }
    this.state = 'waiting';
    // the server replaces its data and restarts: wait until it answers and is done, then start afresh
    await sleep(1500);
    const until = Date.now() + 90000;
    while (Date.now() < until) {
      const h = await api.send('api/health', { token: '' }).catch(() => null);
      if (h && h.code === 200) {
        const mine = await api.send('api/health').catch(() => null);
        if (!mine?.data || mine.data.canBackup !== false) {
          location.reload();
          return;
        }
      }
      await sleep(1000);
    }
    this.state = '';
    this.error = 'The server did not come back within 90 seconds. Check its log, then reload this page.';
  }

  close() {
    if (this.state) return;
    this.dispatchEvent(new CustomEvent('close'));
  }

  render() {
    const waiting = this.state === 'waiting';
    return panel({
      heading: 'Restore backup',
      onClose: () => this.close(),
      onSave: () => this.submit(),
      body: html`<form id="backup-restore-form" novalidate @submit=${(e) => { e.preventDefault(); this.submit(); }}>
        ${waiting ? html`<p class="info-box" role="status">Restoring ${this.key}… the server is replacing its data and restarting.
          This page reloads when it is back.</p>` : html`
          <div class="warning-box" role="note">
            <p><strong>Everything is replaced</strong> by the content of <code>${this.key}</code>: collections, records,
              settings, superusers and local files. Changes made since that backup are lost.</p>
            <p>The current data is kept aside until the restore succeeds; an invalid backup is rolled back. Restore only
              backups you trust. You may have to log in again afterwards.</p>
          </div>
          <label class="field"><span>Type <code class="select-all">${this.key}</code> to confirm</span>
            <input type="text" name="confirm" autocomplete="off" spellcheck="false" aria-label="Backup name to confirm"
              .value=${this.typed} @input=${(e) => { this.typed = e.target.value; }}></label>`}
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      </form>`,
      footer: html`<button type="button" class="btn btn-secondary" ?disabled=${!!this.state} @click=${() => this.close()}>Cancel</button>
        <button type="submit" form="backup-restore-form" class="btn btn-danger" ?disabled=${this.typed !== this.key || !!this.state}>
          ${this.state ? 'Restoring…' : 'Restore backup'}</button>`,
    });
  }
}
customElements.define('c-backup-restore', BackupRestore);
