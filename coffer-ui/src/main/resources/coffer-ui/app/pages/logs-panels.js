// The side panels of the logs page: a log's details (every field, copy buttons, JSON download) and the logs
// settings (c-logs-settings: retention, minimum level, data size, IP and auth id logging).
import { html, nothing } from 'lit';
import { panel, formatDate, download, confirmDialog, copyText } from '../ui.js';
import { SettingsForm } from './settings-form.js';
import { ICONS, levelClass, levelLabel } from './logs-shared.js';

const FIRST_KEYS = ['execTime', 'type', 'auth', 'authId', 'status', 'method', 'url', 'referer', 'remoteIP', 'userIP',
  'userAgent', 'error', 'details'];

/** The details panel of the log host.active (closed with host.closeLog()). */
export function logDetail(host) {
  const log = host.active;
  const data = log.data || {};
  const keys = [...new Set([...FIRST_KEYS.filter((k) => k in data), ...Object.keys(data)])];
  const row = (name, value, copy, cls = '') => html`<tr>
    <th scope="row">${name}</th>
    <td class=${cls}>${value}</td>
    <td class="col-copy"><button type="button" class="btn-icon" aria-label="Copy ${name}" title="Copy"
      @click=${() => copyText(copy, `Copied ${name}.`)}>${ICONS.copy}</button></td>
  </tr>`;
  const value = (k, v) => {
    if (v === null || v === undefined || v === '') return html`<span class="hint">N/A</span>`;
    if (typeof v === 'object') {
      if (!Object.keys(v).length) return html`<span class="hint">${Array.isArray(v) ? '[]' : '{}'}</span>`;
      return html`<pre class="code json ${k === 'details' ? 'details' : ''}">${JSON.stringify(v, null, 2)}</pre>`;
    }
    if (k === 'error') return html`<span class="log-error">${v}</span>`;
    if (k === 'execTime') return `${v} ms`;
    if (k === 'status') return html`<span class="badge ${v >= 500 ? 'badge-danger' : v >= 400 ? 'badge-warn' : 'badge-success'}">${v}</span>`;
    return String(v);
  };
  const copyValue = (v) => (typeof v === 'object' && v !== null ? JSON.stringify(v, null, 2) : String(v ?? ''));
  const json = JSON.stringify(log, null, 2);
  return panel({
    heading: 'Log details',
    wide: true,
    onClose: () => host.closeLog(),
    body: log.loading ? html`<p class="hint" role="status">Loading…</p>` : html`<table class="log-detail">
      <tbody>
        ${row('id', html`<span class="mono">${log.id}</span>`, log.id)}
        ${row('level', html`<span class="level ${levelClass(log.level)}">${levelLabel(log.level)}</span> <span class="hint">(${log.level})</span>`, String(log.level))}
        ${row('created', html`${formatDate(log.created)} <span class="hint mono">${log.created}</span>`, log.created)}
        ${row('message', log.message, log.message, 'wrap')}
        ${keys.map((k) => row(`data.${k}`, value(k, data[k]), copyValue(data[k]), 'wrap'))}
      </tbody>
    </table>`,
    footer: html`
      <button type="button" class="btn btn-secondary" @click=${() => host.closeLog()}>Close</button>
      <span class="grow"></span>
      <button type="button" class="btn btn-secondary" ?disabled=${log.loading} @click=${() => copyText(json, 'Copied the log as JSON.')}>${ICONS.copy} Copy JSON</button>
      <button type="button" class="btn" ?disabled=${log.loading}
        @click=${() => download(`log_${String(log.created).replace(/[-:. Z]/g, '')}.json`, json)}>${ICONS.download} Download JSON</button>`,
  });
}

/** The logs settings panel: retention, minimum level, data size, IP and auth id logging. */
class LogsSettings extends SettingsForm {
  constructor() {
    super();
    this.savedMessage = 'Logs settings saved.';
  }

  pick(s) {
    return { logs: { ...s.logs } };
  }

  afterSave() {
    this.dispatchEvent(new CustomEvent('saved'));
  }

  async close() {
    if (this.saving) return;
    if (this.dirty && !(await confirmDialog('Discard the unsaved changes to the logs settings?', { confirmText: 'Discard' }))) return;
    this.dispatchEvent(new CustomEvent('close'));
  }

  render() {
    const l = this.form?.logs;
    return panel({
      heading: 'Logs settings',
      onClose: () => this.close(),
      onSave: () => this.save(),
      body: this.loading ? html`<p class="hint" role="status">Loading…</p>`
        : this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : html`
        <form id="logs-settings-form" novalidate @submit=${(e) => { e.preventDefault(); this.save(); }}>
          ${this.number('logs.maxDays', 'Keep logs for (days)', { min: 0, help: '0 turns logging off and deletes every stored log.' })}
          ${l.maxDays === 0 && this.original.logs.maxDays !== 0 ? html`<p class="warning-box">Saving deletes all logs and stops logging.</p>` : nothing}
          ${this.number('logs.minLevel', 'Minimum level', { min: -100, max: 100, help: 'Logs below this level are not stored: -4 debug, 0 info, 4 warn, 8 error.' })}
          ${'maxDataSize' in l ? this.number('logs.maxDataSize', 'Max data size (bytes)', { min: 0, zeroBlank: true, placeholder: 'Default: about 16 KB', help: 'The data of larger logs is cut down.' }) : nothing}
          ${this.toggle('logs.logIP', 'Log the client IP of requests')}
          ${this.toggle('logs.logAuthId', 'Log the id of the authenticated record')}
        </form>`,
      footer: html`<button type="button" class="btn btn-secondary" @click=${() => this.close()}>Cancel</button>
        <button type="submit" form="logs-settings-form" class="btn" ?disabled=${!this.dirty || this.saving}>${this.saving ? 'Saving…' : 'Save changes'}</button>`,
    });
  }
}
customElements.define('c-logs-settings', LogsSettings);
