// Settings › Files storage: the local disk or an S3 compatible storage for uploaded files.
import { html, nothing } from 'lit';
import { SettingsForm, s3Fields } from './settings-form.js';

class StorageSettings extends SettingsForm {
  static secrets = ['s3.secret'];

  constructor() {
    super();
    this.savedMessage = 'Files storage settings saved.';
    this.s3Tests = {};
  }

  pick(s) {
    return { s3: { ...s.s3 } };
  }

  renderForm() {
    const from = this.original.s3.enabled ? 'the S3 storage' : 'the local file system';
    const to = this.form.s3.enabled ? 'the S3 storage' : 'the local file system';
    return this.formTemplate(html`
      <p class="hint">Uploaded files are kept on the server's disk (in <code>pb_data/storage</code>) unless you choose an
        S3 compatible storage (AWS S3, MinIO, Cloudflare R2, Backblaze B2, Wasabi…). The local disk is faster and simpler
        to back up; S3 helps when disk space is short.</p>
      ${s3Fields(this, 's3', {
        toggleLabel: 'Use S3 storage',
        filesystem: 'storage',
        before: this.original.s3.enabled !== this.form.s3.enabled ? html`<p class="warning-box" role="note">
          Existing files are not moved: after saving, files already uploaded stay in ${from} and the app will look for
          them in ${to}. Copy them over yourself (with rclone or s5cmd, say) before switching.</p>` : nothing,
      })}
    `);
  }

  render() {
    return this.page('Files storage');
  }
}
customElements.define('c-settings-storage', StorageSettings);
