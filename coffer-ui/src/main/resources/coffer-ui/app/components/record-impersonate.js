// Impersonating an auth record: a modal asking for the token's duration, then showing the token (not
// refreshable) with a copy button. POST /api/collections/{collection}/impersonate/{id}.
//
// <c-record-impersonate .collection=${col} .record=${rec} @close=${...}>
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, errorText, toast, uid } from '../ui.js';
import { ricons, copyText, recordLabel } from './record-util.js';

class RecordImpersonate extends LightElement {
  static properties = {
    collection: { attribute: false },
    record: { attribute: false },
    token: { state: true },
    busy: { state: true },
    error: { state: true },
  };

  constructor() {
    super();
    this.headingId = uid('imp');
    this.token = '';
  }

  firstUpdated() {
    this.querySelector('dialog').showModal();
    this.querySelector('input')?.focus();
  }

  async submit(e) {
    e.preventDefault();
    const duration = Number(new FormData(e.target).get('duration')) || 0;
    this.busy = true;
    this.error = '';
    try {
      const res = await api.send(`api/collections/${encodeURIComponent(this.collection.id)}/impersonate/${encodeURIComponent(this.record.id)}`, {
        method: 'POST', body: { duration },
      });
      this.token = res.token;
    } catch (err) {
      this.error = err.data?.duration?.message || errorText(err);
    } finally {
      this.busy = false;
    }
  }

  close() {
    this.querySelector('dialog')?.close();
  }

  render() {
    const tokenDuration = this.collection?.authToken?.duration;
    return html`<dialog class="modal-dialog" aria-labelledby=${this.headingId} @close=${() => this.dispatchEvent(new CustomEvent('close'))}>
      <h2 id=${this.headingId}>Impersonate ${recordLabel(this.record, this.collection)}</h2>
      ${this.token ? html`
        <p class="hint">An auth token of this ${this.collection.name} record. It can't be refreshed; anyone holding it acts as this record until it expires.</p>
        <label class="field"><span>Token</span>
          <textarea class="code token-box" readonly rows="4" .value=${this.token}></textarea></label>
        <div class="actions">
          <button type="button" class="btn btn-secondary" @click=${async () => {
            if (await copyText(this.token)) toast('Copied the token.');
            else toast('The browser refused to copy.', 'error');
          }}>${ricons.copy} Copy token</button>
          <button type="button" class="btn" @click=${() => this.close()}>Close</button>
        </div>` : html`
        <form @submit=${(e) => this.submit(e)}>
          <p class="hint">Get an auth token of this record, to call the API as it (for example to check a rule).</p>
          <label class="field"><span>Token duration in seconds</span>
            <input name="duration" type="number" min="0" step="1" value="0" aria-describedby="${this.headingId}-help"></label>
          <small class="field-help" id="${this.headingId}-help">0 uses the collection's auth token duration${tokenDuration ? ` (${tokenDuration} s)` : ''}.</small>
          ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
          <div class="actions">
            <button type="button" class="btn btn-secondary" @click=${() => this.close()}>Cancel</button>
            <button class="btn" ?disabled=${this.busy}>Generate token</button>
          </div>
        </form>`}
    </dialog>`;
  }
}
customElements.define('c-record-impersonate', RecordImpersonate);
