// The query of a view collection: a SQL editor with a live preview (POST /api/collections/meta/dry-run-view,
// debounced) of the fields the view will have, their types, and its first rows, or the error.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement } from '../ui.js';
import { editorStyles, emitChange, errorAt } from './field-settings-shared.js';
import { typeInfo } from './field-settings.js';

class ViewQuery extends LightElement {
  static properties = {
    collection: { attribute: false },
    errors: { attribute: false },
    rev: { type: Number },
    busy: { state: true },
    result: { state: true },
    error: { state: true },
  };

  constructor() {
    super();
    this.busy = false;
    this.result = null;
    this.error = '';
    this.lastQuery = undefined;
  }

  connectedCallback() {
    super.connectedCallback();
    editorStyles();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.abort?.abort();
  }

  willUpdate() {
    const q = this.collection?.viewQuery || '';
    if (q !== this.lastQuery) {
      const first = this.lastQuery === undefined;
      this.lastQuery = q;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.dryRun(q), first ? 0 : 350);
    }
  }

  async dryRun(query) {
    this.abort?.abort();
    if (!query.trim()) {
      this.result = null;
      this.error = '';
      this.busy = false;
      return;
    }
    const ctrl = new AbortController();
    this.abort = ctrl;
    this.busy = true;
    try {
      const res = await api.send('api/collections/meta/dry-run-view', { method: 'POST', body: { query }, signal: ctrl.signal });
      if (ctrl.signal.aborted) return;
      this.result = res;
      this.error = '';
    } catch (e) {
      if (e.name === 'AbortError') return;
      this.result = null;
      this.error = e.message || 'Invalid query.';
    } finally {
      if (this.abort === ctrl) this.busy = false;
    }
  }

  render() {
    const c = this.collection;
    if (!c) return nothing;
    const serverErr = errorAt(this.errors, 'viewQuery');
    const fields = this.result?.fields || [];
    const rows = this.result?.sample || [];
    const cell = (v) => {
      if (v === null || v === undefined) return html`<span class="hint">null</span>`;
      const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
      return s.length > 80 ? `${s.slice(0, 80)}…` : s;
    };
    return html`<div class="ce-view-query">
      <label class="field ${serverErr || this.error ? 'invalid' : ''}"><span>Select query</span>
        <textarea aria-label="Select query" class="code ce-sql ce-query" rows="9" spellcheck="false" .value=${c.viewQuery || ''}
          placeholder="e.g. SELECT id, title, (SELECT COUNT(*) FROM comments WHERE post = posts.id) AS comments FROM posts"
          @input=${(e) => { c.viewQuery = e.target.value; this.requestUpdate(); emitChange(this, 'viewQuery', 'fields'); }}></textarea>
        ${serverErr ? html`<small class="field-error" role="alert">${serverErr}</small>` : nothing}
      </label>
      <details class="ce-caveats"><summary>Query caveats</summary>
        <ul>
          <li>Wildcard columns (<code>*</code>) are not supported.</li>
          <li>The query must return a unique <code>id</code> column; without one use <code>(ROW_NUMBER() OVER()) AS id</code>.</li>
          <li>Expressions need an alias that is a valid field name, e.g. <code>MAX(balance) AS maxBalance</code>.</li>
          <li>Expressions with spaces need parentheses, e.g. <code>(MAX(balance) + 1) AS maxBalance</code>.</li>
          <li>A UNION must be wrapped in a subquery.</li>
        </ul>
      </details>
      <section class="ce-preview" aria-label="Query preview" aria-live="polite" aria-busy=${this.busy ? 'true' : 'false'}>
        <h3>Preview ${this.busy ? html`<span class="hint">(running…)</span>` : nothing}</h3>
        ${this.error ? html`<p class="error ce-query-error" role="alert">${this.error}</p>`
          : !this.result ? html`<p class="hint">Write a SELECT query to see the fields and the first rows of the view.</p>`
          : html`
            <div class="chips ce-view-fields" aria-label="Fields of the view">
              ${fields.map((f) => html`<span class="chip" title=${f.type}>${typeInfo(f.type).icon} ${f.name} <span class="hint">${f.type}</span></span>`)}
            </div>
            ${rows.length ? html`<div class="table-wrap ce-sample"><table>
              <thead><tr>${fields.map((f) => html`<th scope="col">${f.name}</th>`)}</tr></thead>
              <tbody>${rows.map((r) => html`<tr>${fields.map((f) => html`<td>${cell(r[f.name])}</td>`)}</tr>`)}</tbody>
            </table></div>` : html`<p class="hint">The query returns no rows yet.</p>`}`}
      </section>
    </div>`;
  }
}
customElements.define('c-view-query', ViewQuery);
