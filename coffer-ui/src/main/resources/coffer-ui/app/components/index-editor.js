// The indexes of a collection (its `indexes`: CREATE INDEX statements): the list shown under the fields, and a
// dialog to add, change or delete one with a unique toggle, a columns picker and the raw SQL. Also the small
// SQL helpers the editor uses to keep indexes in step with renamed fields and collections.
import { html, nothing } from 'lit';
import { LightElement } from '../ui.js';
import { editorStyles, emitChange, errorAt, openDialog, randomString, ceIcons } from './field-settings-shared.js';

const QUOTES = /^["'`[]|["'`\]]$/g;

/**
 * Splits a CREATE INDEX statement into its parts:
 * {unique, optional, schemaName, indexName, tableName, columns: [{name, collate, sort}], where}.
 * Whatever does not read as an index gives empty parts.
 */
export function parseIndex(sql) {
  const out = { unique: false, optional: false, schemaName: '', indexName: '', tableName: '', columns: [], where: '' };
  const m = /^create\s+(unique\s+)?index\s+(if\s+not\s+exists\s+)?(\S+)\s+on\s+(\S+)\s*\(([\s\S]*)\)(?:\s*where\s+([\s\S]*))?$/i
    .exec(String(sql || '').trim());
  if (!m) return out;
  out.unique = !!m[1];
  out.optional = !!m[2];
  const names = m[3].split('.');
  if (names.length === 2) {
    out.schemaName = names[0].replace(QUOTES, '');
    out.indexName = names[1].replace(QUOTES, '');
  } else {
    out.indexName = m[3].replace(QUOTES, '');
  }
  out.tableName = m[4].replace(QUOTES, '');
  // split the column list on commas outside parentheses
  const parts = [];
  let depth = 0;
  let cur = '';
  for (const ch of m[5]) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  parts.push(cur);
  for (const raw of parts) {
    const c = /^([\s\S]+?)(?:\s+collate\s+(\w+))?(?:\s+(asc|desc))?$/i.exec(raw.trim());
    if (!c) continue;
    const name = c[1].trim().replace(QUOTES, '');
    if (name) out.columns.push({ name, collate: c[2] || '', sort: (c[3] || '').toUpperCase() });
  }
  out.where = (m[6] || '').trim();
  return out;
}

/** Builds the CREATE INDEX statement of parsed parts (a missing name becomes idx_<random>). */
export function buildIndex(p) {
  let sql = `CREATE ${p.unique ? 'UNIQUE ' : ''}INDEX ${p.optional ? 'IF NOT EXISTS ' : ''}`;
  if (p.schemaName) sql += `\`${p.schemaName}\`.`;
  sql += `\`${p.indexName || `idx_${randomString(10)}`}\` ON \`${p.tableName || ''}\` (`;
  const cols = p.columns.filter((c) => c?.name).map((c) => {
    let item = /[\s(]/.test(c.name) ? c.name : `\`${c.name}\``;
    if (c.collate) item += ` COLLATE ${c.collate}`;
    if (c.sort) item += ` ${c.sort}`;
    return item;
  });
  sql += cols.length > 1 ? `\n  ${cols.join(',\n  ')}\n)` : `${cols.join('')})`;
  if (p.where) sql += ` WHERE ${p.where}`;
  return sql;
}

/** The index with its table renamed (only when it reads as an index). */
export function withTable(sql, tableName) {
  const p = parseIndex(sql);
  if (!p.indexName || p.tableName === tableName) return sql;
  return buildIndex({ ...p, tableName });
}

/** The index with a column renamed (unchanged when it has no such column). */
export function withColumnRenamed(sql, oldName, newName) {
  if (!oldName || oldName === newName) return sql;
  const p = parseIndex(sql);
  let changed = false;
  for (const c of p.columns) {
    if (c.name === oldName) {
      c.name = newName;
      changed = true;
    }
  }
  return changed ? buildIndex(p) : sql;
}

/** The index with a new random name suffix (for duplicated collections). */
export function withNewName(sql, tableName) {
  const p = parseIndex(sql);
  if (!p.indexName) return sql;
  return buildIndex({ ...p, indexName: `${p.indexName}_${randomString(3)}`, tableName });
}

class IndexEditor extends LightElement {
  static properties = {
    collection: { attribute: false },
    errors: { attribute: false },
    rev: { type: Number },
  };

  connectedCallback() {
    super.connectedCallback();
    editorStyles();
  }

  get indexes() {
    return this.collection?.indexes || [];
  }

  /** Column names to offer: the fields not marked for deletion, except id. */
  columnChoices() {
    return (this.collection?.fields || []).filter((f) => !f['@toDelete'] && f.name && f.name !== 'id').map((f) => f.name);
  }

  async edit(position) {
    const isNew = position < 0;
    const table = this.collection.name || '';
    let sql = isNew ? buildIndex({ unique: false, indexName: `idx_${randomString(10)}`, tableName: table, columns: [] })
      : this.indexes[position];
    const serverError = isNew ? '' : errorAt(this.errors, ['indexes', position]);
    const choices = this.columnChoices();

    const change = (ctx, fn) => {
      const p = parseIndex(sql);
      p.tableName = p.tableName || table;
      fn(p);
      sql = buildIndex(p);
      ctx.update();
    };

    const result = await openDialog({
      label: isNew ? 'New index' : 'Edit index',
      wide: true,
      content: (ctx) => {
        const p = parseIndex(sql);
        const chosen = p.columns.map((c) => c.name.toLowerCase());
        const valid = !!p.indexName && p.columns.length > 0;
        return html`<form class="ce-index-form" @submit=${(e) => { e.preventDefault(); if (valid) ctx.close({ sql }); }}>
          <h2>${isNew ? 'New index' : 'Edit index'}</h2>
          <label class="check"><input type="checkbox" .checked=${p.unique}
            @change=${(e) => change(ctx, (x) => { x.unique = e.target.checked; })}> Unique</label>
          <label class="field"><span>Index name</span>
            <input class="mono" .value=${p.indexName} spellcheck="false"
              @change=${(e) => change(ctx, (x) => { x.indexName = e.target.value.trim(); })}></label>
          <div class="field"><span class="field-label" id="ce-index-cols">Columns</span>
            <div class="chips" role="group" aria-labelledby="ce-index-cols">
              ${choices.length ? choices.map((name) => html`<button type="button" class="chip ce-toggle-chip"
                aria-pressed=${chosen.includes(name.toLowerCase()) ? 'true' : 'false'}
                @click=${() => change(ctx, (x) => {
                  const i = x.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
                  if (i >= 0) x.columns.splice(i, 1);
                  else x.columns.push({ name, collate: '', sort: '' });
                })}>${name}</button>`) : html`<span class="hint">Add fields first.</span>`}
            </div>
          </div>
          <label class="field"><span>SQL</span>
            <textarea class="code ce-sql" rows="5" spellcheck="false" .value=${sql}
              @input=${(e) => { sql = e.target.value; ctx.update(); }}></textarea>
            ${!valid && sql.trim() ? html`<small class="field-error">Not a CREATE INDEX statement with a name and columns.</small>` : nothing}
            ${serverError ? html`<small class="field-error" role="alert">${serverError}</small>` : nothing}
          </label>
          <div class="actions">
            ${isNew ? nothing : html`<button type="button" class="btn btn-secondary ce-danger-text ce-push-left"
              @click=${() => ctx.close({ remove: true })}>${ceIcons.trash} Delete index</button>`}
            <button type="button" class="btn btn-secondary" @click=${() => ctx.close()}>Cancel</button>
            <button class="btn" ?disabled=${!valid}>${isNew ? 'Add index' : 'Set index'}</button>
          </div>
        </form>`;
      },
    });
    if (!result) return;
    const list = [...this.indexes];
    if (result.remove) list.splice(position, 1);
    else if (isNew) list.push(result.sql);
    else list[position] = result.sql;
    this.collection.indexes = list;
    emitChange(this, 'indexes');
  }

  render() {
    const list = this.indexes;
    return html`<section class="ce-indexes" aria-label="Indexes">
      <h3>Unique constraints and indexes (${list.length})</h3>
      <div class="chips">
        ${list.map((sql, i) => {
          const p = parseIndex(sql);
          const err = errorAt(this.errors, ['indexes', i]);
          const cols = p.columns.map((c) => c.name).join(', ') || sql;
          return html`<button type="button" class="chip ce-index-chip ${err ? 'ce-chip-error' : ''}"
            title=${err || sql} aria-label="Edit index ${p.indexName || i + 1}${err ? ` (error: ${err})` : ''}"
            @click=${() => this.edit(i)}>${p.unique ? html`<strong>Unique:</strong>` : nothing} ${cols}</button>`;
        })}
        <button type="button" class="chip ce-index-chip ce-add-chip" @click=${() => this.edit(-1)}>${ceIcons.plus} New index</button>
      </div>
      ${[errorAt(this.errors, 'indexes'), ...list.map((_, i) => errorAt(this.errors, ['indexes', i]))].filter(Boolean)
        .map((m) => html`<small class="field-error" role="alert">${m}</small>`)}
    </section>`;
  }
}
customElements.define('c-index-editor', IndexEditor);
