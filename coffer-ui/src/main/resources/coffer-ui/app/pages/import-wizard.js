// The import wizard: a wide side panel that loads a CSV, JSON or NDJSON file into a collection.
//   1. pick a file: its first MiB goes to POST /api/collections/meta/infer, which proposes a collection;
//   2. review: the columns with their proposed field names, types, required flags and profiles (empty values,
//      distinct values, ranges, samples), the unique indexes suggested; import into a new collection (its name
//      editable) or into an existing one (columns matched to fields by name);
//   3. import: the collection is created if new, then every row is sent as a record create (a few at a time),
//      with a progress bar and the rows refused with their reasons (downloadable as NDJSON).
//
// <c-import-wizard .collection=${c}> (c: the collection to import into, or null for a new one) fires "close"
// and, after an import, "imported" with the collection.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, panel, collectionsStore, errorText, toast, download, stylesheet } from '../ui.js';
import { formatOf, readRows, convertValue, cleanName } from '../components/sample-rows.js';

const stylesReady = stylesheet(import.meta.url, 'import-wizard.css');
const SAMPLE_BYTES = 1 << 20;
const IN_FLIGHT = 4;
const TYPES = ['text', 'number', 'bool', 'date', 'email', 'url', 'select', 'json'];

class ImportWizard extends LightElement {
  static properties = {
    collection: { attribute: false },
    step: { state: true },
    busy: { state: true },
    error: { state: true },
    inference: { state: true },
    columns: { state: true },
    target: { state: true },
    name: { state: true },
    existing: { state: true },
    indexes: { state: true },
    progress: { state: true },
    rejected: { state: true },
  };

  constructor() {
    super();
    this.collection = null;
    this.step = 'pick';
    this.busy = false;
    this.error = '';
    this.rejected = [];
    this.progress = { done: 0, total: 0, imported: 0 };
  }

  async scheduleUpdate() {
    await stylesReady;
    super.scheduleUpdate();
  }

  close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
  }

  /** Step 1: sends the file's first MiB to the server, which proposes a collection. */
  async pick(file) {
    if (!file) return;
    this.file = file;
    this.error = '';
    this.busy = true;
    try {
      const form = new FormData();
      const partial = file.size > SAMPLE_BYTES;
      form.append('file', partial ? file.slice(0, SAMPLE_BYTES) : file, file.name);
      if (partial) form.append('partial', 'true');
      const inf = await api.send('api/collections/meta/infer', { method: 'POST', body: form });
      const fields = inf.collection.fields;
      this.inference = inf;
      this.columns = inf.columns.map((c) => ({ ...c, include: true,
        required: !!fields.find((f) => f.name === c.field)?.required }));
      this.indexes = inf.collection.indexes.map((sql) => ({ sql, on: true }));
      this.name = inf.collection.name;
      this.target = this.collection ? 'existing' : 'new';
      this.existing = this.collection?.id || '';
      this.step = 'review';
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.busy = false;
    }
  }

  edit(i, change) {
    // PocketBase's required number refuses 0 and its required bool refuses false: a new number or bool isn't required
    if (change.type === 'number' || change.type === 'bool') change.required = false;
    this.columns = this.columns.map((c, k) => (k === i ? { ...c, ...change } : c));
  }

  /** The collection to create: the proposal with the edits (names, types, required, columns and indexes left out). */
  proposal() {
    const proposed = this.inference.collection;
    const fields = [];
    for (const c of this.columns) {
      if (!c.include) continue;
      const original = proposed.fields.find((f) => f.name === c.field);
      const field = original && original.type === c.type ? { ...original } : { type: c.type };
      if (c.type === 'select' && !field.values) {
        field.values = c.profile.samples.map(String);
        field.maxSelect = 1;
      }
      fields.push({ ...field, name: field.primaryKey ? 'id' : c.name ?? c.field, required: field.primaryKey || c.required });
    }
    fields.push(...proposed.fields.filter((f) => f.type === 'autodate' && !fields.some((x) => x.name === f.name)));
    const renamed = Object.fromEntries(this.columns.map((c) => [c.field, c.include ? (c.name ?? c.field) : null]));
    const indexes = this.indexes.filter((x) => x.on).map((x) => {
      const m = x.sql.match(/\(`(.+)`\)$/);
      const to = m && renamed[m[1]];
      return to ? `CREATE UNIQUE INDEX \`idx_${this.name}_${to}\` ON \`${this.name}\` (\`${to}\`)` : null;
    }).filter(Boolean);
    return { name: this.name, type: 'base', fields, indexes };
  }

  /** Step 3: creates the collection when new, then sends every row as a record create. */
  async run() {
    this.error = '';
    this.busy = true;
    let target;
    try {
      target = this.target === 'new' ? await api.collections().create(this.proposal())
        : collectionsStore.find(this.existing);
      if (!target) throw new Error('Choose the collection to import into.');
    } catch (e) {
      this.error = errorText(e);
      const data = e.data && Object.keys(e.data).length ? ` ${JSON.stringify(e.data)}` : '';
      this.error += data;
      this.busy = false;
      return;
    }
    this.target_ = target;
    this.step = 'run';
    let parsed;
    try {
      const text = await this.file.text();
      parsed = readRows(text, formatOf(this.file.name, text));
    } catch (e) {
      this.error = errorText(e);
      this.busy = false;
      return;
    }
    const fieldOf = this.fieldMap(target, parsed.columns);
    this.progress = { done: 0, total: parsed.rows.length, imported: 0 };
    this.rejected = [];
    let next = 0;
    const worker = async () => {
      while (next < parsed.rows.length) {
        const row = parsed.rows[next++];
        await this.importRow(target, row, fieldOf);
        this.progress = { ...this.progress, done: this.progress.done + 1 };
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    this.busy = false;
    this.step = 'done';
    collectionsStore.load().catch(() => {});
    this.dispatchEvent(new CustomEvent('imported', { bubbles: true, detail: target }));
  }

  /** Column name → field of the target: the edited mapping for a new collection, else by (cleaned) name. */
  fieldMap(target, columns) {
    const byName = (n) => target.fields.find((f) => f.name.toLowerCase() === n.toLowerCase());
    const map = {};
    for (const col of columns) {
      const edited = this.target === 'new' ? this.columns.find((c) => c.column === col) : null;
      const name = edited ? (edited.include ? (edited.field === 'id' ? 'id' : edited.name ?? edited.field) : null) : col;
      const f = name && (byName(name) || byName(cleanName(name)));
      if (f && f.type !== 'autodate') map[col] = f;
    }
    return map;
  }

  async importRow(target, row, fieldOf) {
    const errors = {};
    const body = {};
    if (row.problem) errors._row = row.problem;
    for (const [col, raw] of Object.entries(row.values)) {
      const f = fieldOf[col];
      if (!f) continue;
      const v = convertValue(f, raw);
      if (v && typeof v === 'object' && 'error' in v && !Array.isArray(v)) errors[f.name] = v.error;
      else if (v !== undefined) body[f.name] = v;
    }
    if (!Object.keys(errors).length) {
      try {
        await api.send(`api/collections/${encodeURIComponent(target.id)}/records`, { method: 'POST', body, query: { fields: 'id' } });
        this.progress = { ...this.progress, imported: this.progress.imported + 1 };
        return;
      } catch (e) {
        const data = e.data || {};
        if (Object.keys(data).length) {
          for (const [k, v] of Object.entries(data)) errors[k] = v?.message || String(v);
        } else errors._row = errorText(e);
      }
    }
    this.rejected = [...this.rejected, { row: row.n, errors, values: row.values }];
  }

  // --- rendering ---------------------------------------------------------------------------------

  renderPick() {
    return html`<p>Pick a CSV (with a header row), JSON (an array of objects) or NDJSON file. Its first rows are
        examined to propose a collection: you can review it before anything is created.</p>
      <label class="field import-file"><span>File</span>
        <input type="file" accept=".csv,.tsv,.json,.ndjson,.jsonl,text/csv,application/json" ?disabled=${this.busy}
          @change=${(e) => this.pick(e.target.files[0])}></label>
      ${this.busy ? html`<p class="hint">Examining the file…</p>` : nothing}`;
  }

  renderProfile(p) {
    const parts = [`${p.empty} empty`, `${p.distinct} distinct`];
    if (p.min !== undefined && p.min !== null) parts.push(`${p.min} – ${p.max}`);
    else if (p.maxLength !== undefined) parts.push(`length ${p.minLength}–${p.maxLength}`);
    return html`<span class="hint">${parts.join(' · ')}</span>
      <div class="import-samples">${p.samples.map((s) => html`<span class="chip" title=${String(typeof s === 'object' ? JSON.stringify(s) : s)}>${typeof s === 'object' ? JSON.stringify(s) : String(s)}</span>`)}</div>`;
  }

  renderReview() {
    const inf = this.inference;
    const usable = collectionsStore.items.filter((c) => !c.system && c.type !== 'view');
    return html`<p class="hint">${inf.format.toUpperCase()} · ${inf.rowsExamined} rows examined${inf.truncated ? ` (the first ${inf.rowsExamined})` : ''}</p>
      ${inf.notes.map((n) => html`<p class="hint import-note">${n}</p>`)}
      <div class="row import-target">
        <label class="check"><input type="radio" name="target" .checked=${this.target === 'new'} @change=${() => { this.target = 'new'; }}> New collection</label>
        <label class="check"><input type="radio" name="target" .checked=${this.target === 'existing'} @change=${() => { this.target = 'existing'; }}> Existing collection</label>
      </div>
      ${this.target === 'new'
        ? html`<label class="field"><span>Collection name</span><input .value=${this.name} @input=${(e) => { this.name = e.target.value; }}></label>`
        : html`<label class="field"><span>Collection</span><select aria-label="Collection to import into" @change=${(e) => { this.existing = e.target.value; }}>
            <option value="">Choose…</option>
            ${usable.map((c) => html`<option value=${c.id} ?selected=${c.id === this.existing}>${c.name}</option>`)}</select>
            <span class="field-help">Columns fill the fields of the same name; others are left out.</span></label>`}
      <div class="table-wrap import-columns"><table>
        <thead><tr>${this.target === 'new' ? html`<th>Import</th>` : nothing}<th>Column</th><th>Field</th><th>Type</th><th>Required</th><th>Profile</th></tr></thead>
        <tbody>${this.columns.map((c, i) => html`<tr class=${c.include ? '' : 'excluded'}>
          ${this.target === 'new' ? html`<td><input type="checkbox" aria-label="Import ${c.column}" .checked=${c.include} @change=${(e) => this.edit(i, { include: e.target.checked })}></td>` : nothing}
          <td title=${c.column}>${c.column}</td>
          <td>${this.target === 'new' && c.field !== 'id'
            ? html`<input class="import-name" aria-label="Field name of ${c.column}" .value=${c.name ?? c.field} @input=${(e) => this.edit(i, { name: e.target.value })}>`
            : html`<code>${c.field === 'id' ? 'id (record id)' : c.field}</code>`}</td>
          <td>${this.target === 'new' && c.field !== 'id'
            ? html`<select aria-label="Type of ${c.column}" @change=${(e) => this.edit(i, { type: e.target.value })}>
                ${TYPES.map((t) => html`<option ?selected=${t === c.type}>${t}</option>`)}</select>`
            : html`<span class="badge">${c.type}</span>`}</td>
          <td><input type="checkbox" aria-label="${c.column} is required" .checked=${c.required} ?disabled=${this.target !== 'new' || c.field === 'id'}
            @change=${(e) => this.edit(i, { required: e.target.checked })}></td>
          <td class="import-profile">${this.renderProfile(c.profile)}</td></tr>`)}</tbody></table></div>
      ${this.target === 'new' && this.indexes.length ? html`<div class="field"><span>Unique indexes (every value seen is distinct)</span>
        ${this.indexes.map((x, i) => html`<label class="check"><input type="checkbox" .checked=${x.on}
          @change=${(e) => { this.indexes = this.indexes.map((y, k) => (k === i ? { ...y, on: e.target.checked } : y)); }}>
          <code>${x.sql}</code></label>`)}</div>` : nothing}`;
  }

  renderRun() {
    const p = this.progress;
    const pct = p.total ? Math.round((100 * p.done) / p.total) : 0;
    return html`<p>${this.step === 'done' ? 'Done:' : 'Importing into'} <strong>${this.target_?.name}</strong></p>
      <progress class="import-progress" max=${p.total || 1} .value=${p.done} aria-label="Import progress"></progress>
      <p class="import-counts">${p.done} / ${p.total} rows (${pct}%) · ${p.imported} imported · ${this.rejected.length} rejected</p>
      ${this.rejected.length ? html`<h3>Rejected rows</h3>
        <div class="table-wrap import-rejected"><table><thead><tr><th>Row</th><th>Reasons</th></tr></thead>
          <tbody>${this.rejected.slice(0, 200).map((r) => html`<tr><td>${r.row}</td>
            <td>${Object.entries(r.errors).map(([k, v]) => html`<div><code>${k}</code> ${v}</div>`)}</td></tr>`)}</tbody></table></div>
        ${this.rejected.length > 200 ? html`<p class="hint">The first 200 are shown; the report has them all.</p>` : nothing}` : nothing}`;
  }

  renderFooter() {
    if (this.step === 'review') {
      return html`<button type="button" class="btn btn-secondary" @click=${() => { this.step = 'pick'; }}>Back</button>
        <button type="button" class="btn" ?disabled=${this.busy} @click=${() => this.run()}>
          ${this.target === 'new' ? 'Create collection and import' : 'Import'}</button>`;
    }
    if (this.step === 'done') {
      return html`${this.rejected.length ? html`<button type="button" class="btn btn-secondary" @click=${() => download(
          `${this.file.name}.rejected.ndjson`, this.rejected.map((r) => JSON.stringify(r)).join('\n') + '\n', 'application/x-ndjson')}>Download rejected rows</button>` : nothing}
        <button type="button" class="btn" @click=${() => { toast('Import finished.'); this.close(); }}>Close</button>`;
    }
    return nothing;
  }

  render() {
    const body = html`${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.step === 'pick' ? this.renderPick() : this.step === 'review' ? this.renderReview() : this.renderRun()}`;
    return panel({ heading: 'Import data', wide: true, body, footer: this.renderFooter(), onClose: () => this.close() });
  }
}
customElements.define('c-import-wizard', ImportWizard);
