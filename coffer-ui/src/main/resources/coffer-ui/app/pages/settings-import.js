// Settings → Import collections: paste (or load, or drop) a collections JSON as Export collections gives it,
// see what would change against the current collections (added, deleted, changed collections; their added,
// removed and changed fields, rules, indexes and options, side by side), then import it with
// PUT /api/collections/import. The diff follows the server's rules: collections match by id (or by name when
// the import has no id), fields by id (or by name and type); with "Merge" off (deleteMissing) the collections and
// fields missing from the import are deleted, system ones never.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, collectionsStore, confirmDialog, errorText, stylesheet, toast } from '../ui.js';

stylesheet(import.meta.url, 'sync.css');

const DRAFT_KEY = 'coffer_import_draft';
const TYPES = ['base', 'auth', 'view'];
const SKIP_PROPS = new Set(['id', 'fields', 'created', 'updated']);

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** True when applying b on top of a changes nothing (keys missing from b keep a's values, as the server does). */
function sameOnTop(a, b) {
  if (b === undefined) return true;
  if (isObject(a) && isObject(b)) return Object.keys(b).every((k) => sameOnTop(a[k], b[k]));
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Parses and checks the pasted text: {collections} or {error}. */
export function parseImport(text) {
  if (!text.trim()) return { collections: null };
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `Invalid JSON: ${e.message}` };
  }
  if (!Array.isArray(data)) {
    return { error: 'The JSON must be an array of collections (as Export collections gives it), not a single value or object.' };
  }
  if (!data.length) return { error: 'The array has no collections.' };
  const problems = [];
  data.forEach((c, i) => {
    const label = `Collection ${i + 1}${isObject(c) && typeof c.name === 'string' && c.name ? ` (${c.name})` : ''}`;
    if (!isObject(c)) {
      problems.push(`${label}: not an object.`);
      return;
    }
    if (typeof c.name !== 'string' || !c.name.trim()) problems.push(`${label}: it has no name.`);
    if (c.type !== undefined && !TYPES.includes(c.type)) problems.push(`${label}: unknown type "${c.type}" (base, auth or view).`);
    if (c.id !== undefined && typeof c.id !== 'string') problems.push(`${label}: its id must be a string.`);
    if (c.fields !== undefined) {
      if (!Array.isArray(c.fields)) {
        problems.push(`${label}: "fields" must be an array.`);
      } else {
        c.fields.forEach((f, j) => {
          if (!isObject(f) || typeof f.name !== 'string' || !f.name) problems.push(`${label}: field ${j + 1} has no name.`);
          else if (typeof f.type !== 'string' || !f.type) problems.push(`${label}: field "${f.name}" has no type.`);
        });
      }
    }
    if (c.indexes !== undefined && !Array.isArray(c.indexes)) problems.push(`${label}: "indexes" must be an array.`);
  });
  if (problems.length) return { error: 'This is not a valid collections configuration:', problems };
  // as PocketBase: drop the dates, and keep the last of collections (and fields) sharing an id
  const byId = new Map();
  const out = [];
  for (const raw of data) {
    const c = { ...raw };
    delete c.created;
    delete c.updated;
    if (Array.isArray(c.fields)) {
      const fields = new Map();
      c.fields.forEach((f, i) => fields.set(f.id ? `id:${f.id}` : `i:${i}`, f));
      c.fields = [...fields.values()];
    }
    if (c.id) {
      if (byId.has(c.id)) out[byId.get(c.id)] = c;
      else {
        byId.set(c.id, out.length);
        out.push(c);
      }
    } else {
      out.push(c);
    }
  }
  return { collections: out };
}

/** The existing collection an imported one updates, as the server finds it (id, else name; names case-insensitive). */
function findExisting(old, c) {
  const ident = c.id || c.name;
  return old.find((o) => o.id === ident) || old.find((o) => o.name.toLowerCase() === String(ident).toLowerCase());
}

function diffFields(oldFields, newFields, deleteMissing) {
  const olds = Array.isArray(oldFields) ? oldFields : [];
  const news = Array.isArray(newFields) ? newFields : (deleteMissing ? [] : null);
  if (!news) return { added: [], removed: [], changed: [], same: olds.length };
  const pairs = new Map(); // new field -> old field
  const used = new Set();
  for (const f of news) {
    const o = f.id && olds.find((x) => x.id === f.id);
    if (o) {
      pairs.set(f, o);
      used.add(o);
    }
  }
  for (const f of news) {
    if (pairs.has(f)) continue;
    const o = olds.find((x) => !used.has(x) && x.name === f.name && x.type === f.type);
    if (o) {
      pairs.set(f, o);
      used.add(o);
    }
  }
  const added = news.filter((f) => !pairs.has(f));
  const removed = deleteMissing ? olds.filter((o) => !used.has(o) && !o.system) : [];
  const changed = [];
  let same = 0;
  for (const [f, o] of pairs) {
    const props = Object.keys(f).filter((k) => k !== 'id' && !sameOnTop(o[k], f[k]))
      .map((k) => ({ key: k, old: o[k], new: f[k] }));
    if (props.length) changed.push({ old: o, new: f, props });
    else same++;
  }
  return { added, removed, changed, same };
}

/** What importing these collections would do to the current ones. */
export function diffImport(old, incoming, deleteMissing) {
  const added = [];
  const changed = [];
  const unchanged = [];
  const idClashes = [];
  const matched = new Set();
  for (const c of incoming) {
    const o = findExisting(old, c);
    if (!o) {
      added.push(c);
      const sameName = old.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
      if (sameName) idClashes.push({ old: sameName, new: c });
      continue;
    }
    matched.add(o);
    const props = Object.keys(c).filter((k) => !SKIP_PROPS.has(k) && !sameOnTop(o[k], c[k]))
      .map((k) => ({ key: k, old: o[k], new: c[k] }));
    const fields = diffFields(o.fields, c.fields, deleteMissing);
    if (props.length || fields.added.length || fields.removed.length || fields.changed.length) {
      changed.push({ old: o, new: c, props, fields });
    } else {
      unchanged.push(c);
    }
  }
  // a collection whose imported id differs from the existing one of the same name is deleted (merge off) first
  const deleted = deleteMissing ? old.filter((o) => !matched.has(o) && !o.system) : [];
  return { added, deleted, changed, unchanged, idClashes };
}

/** Replaces the ids of imported collections (and their fields) that exist here under another id by the existing ones. */
function useExistingIds(old, incoming) {
  const out = structuredClone(incoming);
  const replaced = new Map();
  for (const c of out) {
    const o = old.find((x) => x.name.toLowerCase() === c.name.toLowerCase());
    if (!o || o.id === c.id) continue;
    if (c.id) replaced.set(c.id, o.id);
    const originalId = c.id;
    c.id = o.id;
    for (const f of c.fields || []) {
      const of = (o.fields || []).find((x) => x.name === f.name && x.type === f.type);
      if (of) f.id = of.id;
    }
    if (originalId && Array.isArray(c.indexes)) {
      c.indexes = c.indexes.map((ix) => ix.replace(/(create\s+(?:unique\s+)?index\s+(?:if\s+not\s+exists\s+)?)(\S+)/i,
        (m, head, name) => head + name.split(originalId).join(o.id)));
    }
  }
  for (const c of out) {
    for (const f of c.fields || []) {
      if (f.collectionId && replaced.has(f.collectionId)) f.collectionId = replaced.get(f.collectionId);
    }
  }
  return out;
}

/** The lines of an API error's data: "path: message" for every nested {code, message}. */
function errorLines(data, path = []) {
  const out = [];
  if (!isObject(data)) return out;
  if (typeof data.message === 'string' && typeof data.code === 'string') {
    out.push(`${path.join('.') || 'error'}: ${data.message}`);
    return out;
  }
  for (const [k, v] of Object.entries(data)) out.push(...errorLines(v, [...path, k]));
  return out;
}

/** A value in the diff table: null and empty rules spelled out, objects as JSON. */
function show(v, key = '') {
  if (v === undefined) return html`<span class="hint">—</span>`;
  if (/Rule$/.test(key)) {
    if (v === null) return html`<pre>null</pre><span class="hint">superusers only</span>`;
    if (v === '') return html`<pre>""</pre><span class="hint">anyone</span>`;
  }
  if (typeof v === 'string') return html`<pre>${v}</pre>`;
  return html`<pre>${JSON.stringify(v, null, 2)}</pre>`;
}

function fieldSummary(f) {
  return html`<span class="chip" title=${f.type}><strong>${f.name}</strong>&nbsp;<span class="hint">${f.type}</span></span>`;
}

class SettingsImport extends LightElement {
  static properties = {
    raw: { state: true },
    merge: { state: true },
    old: { state: true },
    loading: { state: true },
    loadError: { state: true },
    importing: { state: true },
    serverError: { state: true },
    readingFile: { state: true },
  };

  constructor() {
    super();
    this.raw = sessionStorage.getItem(DRAFT_KEY) || '';
    this.merge = false;
    this.old = [];
    this.loading = true;
    this.loadError = '';
    this.importing = false;
    this.serverError = null;
    this.readingFile = false;
  }

  connectedCallback() {
    super.connectedCallback();
    this.loadOld();
  }

  async loadOld() {
    this.loading = true;
    this.loadError = '';
    try {
      // compared as they are (an import without oauth2.providers keeps the existing providers)
      this.old = (await api.collections().all()).map((c) => {
        const copy = { ...c };
        delete copy.created;
        delete copy.updated;
        return copy;
      });
    } catch (e) {
      this.loadError = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  setRaw(text) {
    this.raw = text;
    this.serverError = null;
    if (text) sessionStorage.setItem(DRAFT_KEY, text);
    else sessionStorage.removeItem(DRAFT_KEY);
  }

  willUpdate(changed) {
    if (changed.has('raw') || changed.has('old') || changed.has('merge')) {
      this.parsed = parseImport(this.raw);
      this.diff = this.parsed.collections ? diffImport(this.old, this.parsed.collections, !this.merge) : null;
    }
  }

  async readFile(file) {
    if (!file) return;
    this.readingFile = true;
    try {
      const text = await file.text();
      this.setRaw(text);
      if (!parseImport(text).collections) toast(`${file.name} is not a valid collections configuration.`, 'error');
    } catch (e) {
      toast(`Could not read ${file.name}: ${errorText(e)}`, 'error');
    } finally {
      this.readingFile = false;
    }
  }

  onDrop(e) {
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    this.readFile(file);
  }

  async clear() {
    if (this.raw.trim() && !(await confirmDialog('Clear the pasted configuration?', { confirmText: 'Clear' }))) return;
    this.setRaw('');
  }

  replaceIds() {
    const fixed = useExistingIds(this.old, this.parsed.collections);
    this.setRaw(JSON.stringify(fixed, null, 2));
    toast('The ids of the existing collections and fields were put in the configuration.', 'info');
  }

  /** The deletions the import would do, one line each, for the confirmation. */
  losses() {
    const out = [];
    for (const c of this.diff.deleted) out.push(`collection "${c.name}" and all its records`);
    for (const ch of this.diff.changed) {
      for (const f of ch.fields.removed) out.push(`field "${ch.old.name}.${f.name}" and its data`);
    }
    return out;
  }

  async submit() {
    if (!this.diff || this.importing) return;
    const losses = this.losses();
    if (losses.length) {
      const ok = await confirmDialog(`Importing deletes ${losses.join(', ')}. This can't be undone. Import anyway?`,
        { confirmText: 'Delete and import' });
      if (!ok) return;
    }
    this.importing = true;
    this.serverError = null;
    try {
      await api.collections().import(this.parsed.collections, !this.merge);
      toast('The collections were imported.');
      this.setRaw('');
      await Promise.all([this.loadOld(), collectionsStore.load().catch(() => {})]);
    } catch (e) {
      this.serverError = { message: errorText(e), lines: errorLines(e.data) };
      this.updateComplete.then(() => this.querySelector('.import-error')?.scrollIntoView({ block: 'nearest' }));
    } finally {
      this.importing = false;
    }
  }

  render() {
    return html`<header class="content-header"><h1>Import collections</h1></header>
      <div class="content-body sync-page">
        <p class="sync-intro">Paste a collections configuration (from Export collections, here or in PocketBase), or load it from a
          JSON file. You'll see every change before anything is applied.</p>
        ${this.loadError ? html`<div class="sync-alert sync-alert-danger" role="alert"><p>Could not load the current collections: ${this.loadError}</p>
          <p><button type="button" class="btn btn-secondary btn-sm" @click=${() => this.loadOld()}>Try again</button></p></div>` : nothing}
        ${this.renderSource()}
        ${this.loading ? html`<div class="sync-loading" role="status">Loading the current collections…</div>` : this.renderReview()}
      </div>`;
  }

  renderSource() {
    const p = this.parsed;
    return html`<div class="import-source">
      <div class="import-file-row">
        <button type="button" class="btn btn-secondary btn-sm" ?disabled=${this.readingFile}
          @click=${() => this.querySelector('#import-file').click()}>Load from JSON file</button>
        <input id="import-file" type="file" accept=".json,application/json" hidden aria-label="JSON file to import"
          @change=${(e) => { this.readFile(e.target.files?.[0]); e.target.value = ''; }}>
        <span class="hint">or drop the file on the box below.</span>
      </div>
      <label class="field ${p.error ? 'invalid' : ''}"><span>Collections (JSON)</span>
        <textarea rows="12" spellcheck="false" autocomplete="off" autocapitalize="off" placeholder='[{"name": "posts", "type": "base", "fields": [...]}]'
          .value=${this.raw} @input=${(e) => this.setRaw(e.target.value)}
          @dragover=${(e) => { if (e.dataTransfer?.types?.includes('Files')) e.preventDefault(); }} @drop=${(e) => this.onDrop(e)}
          aria-invalid=${p.error ? 'true' : 'false'} aria-describedby="import-parse-error"></textarea>
      </label>
      <div id="import-parse-error">
        ${p.error ? html`<div class="sync-alert sync-alert-danger" role="alert"><p>${p.error}</p>
          ${p.problems ? html`<ul>${p.problems.slice(0, 12).map((x) => html`<li>${x}</li>`)}${p.problems.length > 12 ? html`<li>… and ${p.problems.length - 12} more</li>` : nothing}</ul>` : nothing}</div>` : nothing}
      </div>
    </div>`;
  }

  renderReview() {
    const d = this.diff;
    if (!d) {
      return html`<div class="sync-actions"><span class="grow"></span>
        ${this.raw ? html`<button type="button" class="btn btn-secondary" @click=${() => this.clear()}>Clear</button>` : nothing}
        <button type="button" class="btn" disabled>Import</button></div>`;
    }
    const count = d.added.length + d.deleted.length + d.changed.length;
    const losses = this.losses();
    return html`
      <label class="check import-merge"><input type="checkbox" .checked=${this.merge} @change=${(e) => { this.merge = e.target.checked; this.serverError = null; }}>
        Merge with the existing collections</label>
      <p class="field-help">${this.merge
        ? 'Collections and fields missing from the import are kept.'
        : 'Off: collections and fields missing from the import are deleted (system ones are always kept).'}</p>
      ${d.idClashes.length ? html`<div class="sync-alert sync-alert-warning" role="note">
        <p>${d.idClashes.map((x, i) => html`${i ? ', ' : ''}<strong>${x.new.name}</strong>`)} exist${d.idClashes.length === 1 ? 's' : ''} here with
          another id: the import would ${this.merge ? 'fail (the name is taken)' : 'delete the existing collection with its records and create a new one'}.</p>
        <p><button type="button" class="btn btn-secondary btn-sm" @click=${() => this.replaceIds()}>Use the existing ids</button>
          <span class="hint">(updates the pasted configuration: collection, field and relation ids)</span></p>
      </div>` : nothing}
      <h2 class="import-h">Detected changes</h2>
      ${count ? html`<ul class="import-summary" aria-label="Detected changes">
        ${d.deleted.map((c) => html`<li><span class="diff-label diff-deleted">Deleted</span><strong>${c.name}</strong><span class="hint">${c.id}</span></li>`)}
        ${d.changed.map((ch) => html`<li><span class="diff-label diff-changed">Changed</span>
          ${ch.old.name !== ch.new.name && ch.new.name ? html`<span class="strike">${ch.old.name}</span> → ` : nothing}<strong>${ch.new.name || ch.old.name}</strong>
          <span class="hint">${this.changeSummary(ch)}</span></li>`)}
        ${d.added.map((c) => html`<li><span class="diff-label diff-added">Added</span><strong>${c.name}</strong><span class="hint">${c.type || 'base'}${c.id ? ` · ${c.id}` : ''}</span></li>`)}
      </ul>` : html`<div class="sync-alert sync-alert-info" role="status"><p>The collections are already up to date: nothing to import.</p></div>`}
      ${losses.length ? html`<div class="sync-alert sync-alert-danger" role="alert"><p><strong>Data loss:</strong> importing deletes</p>
        <ul>${losses.map((x) => html`<li>${x}</li>`)}</ul>
        ${!this.merge ? html`<p>Turn on <em>Merge with the existing collections</em> to keep what is missing from the import.</p>` : nothing}</div>` : nothing}
      ${this.serverError ? html`<div class="sync-alert sync-alert-danger import-error" role="alert">
        <p><strong>The import failed: ${this.serverError.message}</strong> Nothing was changed.</p>
        ${this.serverError.lines.length ? html`<pre>${this.serverError.lines.join('\n')}</pre>` : nothing}</div>` : nothing}
      <div class="sync-actions">
        <span class="grow hint">${d.unchanged.length ? `${d.unchanged.length} collection${d.unchanged.length === 1 ? '' : 's'} unchanged.` : ''}</span>
        <button type="button" class="btn btn-secondary" @click=${() => this.clear()}>Clear</button>
        <button type="button" class="btn ${losses.length ? 'btn-danger' : ''}" ?disabled=${!count || this.importing || !!this.loadError}
          @click=${() => this.submit()}>${this.importing ? 'Importing…' : 'Import'}</button>
      </div>
      ${count ? html`<h2 class="import-h">Side-by-side diff</h2>
        ${d.changed.map((ch) => this.changedCard(ch))}
        ${d.added.map((c) => this.addedCard(c))}
        ${d.deleted.map((c) => this.deletedCard(c))}` : nothing}`;
  }

  changeSummary(ch) {
    const parts = [];
    const f = ch.fields;
    if (f.added.length) parts.push(`${f.added.length} field${f.added.length === 1 ? '' : 's'} added`);
    if (f.removed.length) parts.push(`${f.removed.length} removed`);
    if (f.changed.length) parts.push(`${f.changed.length} changed`);
    const rules = ch.props.filter((p) => /Rule$/.test(p.key)).length;
    if (rules) parts.push(`${rules} rule${rules === 1 ? '' : 's'}`);
    if (ch.props.some((p) => p.key === 'indexes')) parts.push('indexes');
    const other = ch.props.filter((p) => !/Rule$/.test(p.key) && p.key !== 'indexes').map((p) => p.key);
    if (other.length) parts.push(other.join(', '));
    return parts.join(' · ');
  }

  propRows(props) {
    return props.map((p) => (p.key === 'indexes' ? this.indexRows(p) : html`<tr>
      <th scope="row">${p.key}</th>
      <td class="diff-old">${show(p.old, p.key)}</td>
      <td class="diff-new">${show(p.new, p.key)}</td>
    </tr>`));
  }

  indexRows(p) {
    const olds = Array.isArray(p.old) ? p.old : [];
    const news = Array.isArray(p.new) ? p.new : [];
    const removed = olds.filter((x) => !news.includes(x));
    const added = news.filter((x) => !olds.includes(x));
    return html`<tr>
      <th scope="row">indexes</th>
      <td class="diff-old">${removed.length ? removed.map((x) => html`<pre>− ${x}</pre>`) : html`<span class="hint">${olds.length ? 'kept' : 'none'}</span>`}</td>
      <td class="diff-new">${added.length ? added.map((x) => html`<pre>+ ${x}</pre>`) : html`<span class="hint">${news.length ? 'no new index' : 'none'}</span>`}</td>
    </tr>`;
  }

  diffTable(rows) {
    return html`<div class="table-wrap"><table class="diff-table">
      <thead><tr><th scope="col">Property</th><th scope="col">Current</th><th scope="col">Imported</th></tr></thead>
      <tbody>${rows}</tbody></table></div>`;
  }

  changedCard(ch) {
    const f = ch.fields;
    const fieldRows = [
      ...f.removed.map((x) => html`<tr class="diff-section"><th colspan="3" scope="colgroup">field <code>${x.name}</code>
        <span class="diff-label diff-deleted">Removed</span><span class="diff-loss">its data will be deleted</span></th></tr>
        <tr><th scope="row">type</th><td class="diff-old">${show(x.type)}</td><td class="diff-none">removed</td></tr>`),
      ...f.changed.map((x) => html`<tr class="diff-section"><th colspan="3" scope="colgroup">field <code>${x.old.name}</code>${x.new.name && x.new.name !== x.old.name ? html` → <code>${x.new.name}</code>` : nothing}
        <span class="diff-label diff-changed">Changed</span></th></tr>${this.propRows(x.props)}`),
      ...f.added.map((x) => html`<tr class="diff-section"><th colspan="3" scope="colgroup">field <code>${x.name}</code>
        <span class="diff-label diff-added">Added</span></th></tr>
        <tr><th scope="row">type</th><td class="diff-none">new</td><td class="diff-new">${show(x.type)}</td></tr>
        ${Object.keys(x).filter((k) => !['id', 'name', 'type'].includes(k) && x[k] !== '' && x[k] !== false && x[k] !== null && x[k] !== 0
          && !(Array.isArray(x[k]) && !x[k].length)).map((k) => html`<tr><th scope="row">${k}</th><td class="diff-none"></td><td class="diff-new">${show(x[k], k)}</td></tr>`)}`),
    ];
    return html`<article class="diff-card" aria-label="Changes of ${ch.old.name}">
      <header><span class="diff-label diff-changed">Changed</span>
        <h3>${ch.old.name !== ch.new.name && ch.new.name ? html`<span class="strike">${ch.old.name}</span> → ` : nothing}${ch.new.name || ch.old.name}</h3>
        <span class="hint">${ch.old.type} · ${ch.old.id}</span></header>
      <div class="diff-card-body">
        ${ch.props.length || fieldRows.length ? this.diffTable([...this.propRows(ch.props), ...fieldRows]) : nothing}
        ${f.same ? html`<p class="diff-fields-same hint">${f.same} field${f.same === 1 ? '' : 's'} unchanged.</p>` : nothing}
      </div>
    </article>`;
  }

  addedCard(c) {
    const rules = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule'].filter((k) => k in c);
    return html`<article class="diff-card" aria-label="New collection ${c.name}">
      <header><span class="diff-label diff-added">Added</span><h3>${c.name}</h3><span class="hint">${c.type || 'base'}${c.id ? ` · ${c.id}` : ''}</span></header>
      <div class="diff-card-body">
        <p>Fields:</p>
        <div class="diff-field-list">${(c.fields || []).length ? c.fields.map(fieldSummary) : html`<span class="hint">only the default ones</span>`}</div>
        ${rules.length || (c.indexes || []).length || c.viewQuery ? this.diffTable([
          ...(c.viewQuery ? [html`<tr><th scope="row">viewQuery</th><td class="diff-none"></td><td class="diff-new">${show(c.viewQuery)}</td></tr>`] : []),
          ...rules.map((k) => html`<tr><th scope="row">${k}</th><td class="diff-none"></td><td class="diff-new">${show(c[k], k)}</td></tr>`),
          ...((c.indexes || []).length ? [html`<tr><th scope="row">indexes</th><td class="diff-none"></td><td class="diff-new">${c.indexes.map((x) => html`<pre>+ ${x}</pre>`)}</td></tr>`] : []),
        ]) : nothing}
      </div>
    </article>`;
  }

  deletedCard(c) {
    return html`<article class="diff-card" aria-label="Deleted collection ${c.name}">
      <header><span class="diff-label diff-deleted">Deleted</span><h3>${c.name}</h3><span class="hint">${c.type} · ${c.id}</span></header>
      <div class="diff-card-body">
        <p class="error">The collection and all its records will be deleted.</p>
        <div class="diff-field-list">${(c.fields || []).map(fieldSummary)}</div>
      </div>
    </article>`;
  }
}
customElements.define('c-settings-import', SettingsImport);
