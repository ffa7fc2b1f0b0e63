// Settings → SQL console: runs SQL on the data database with POST /api/sql (superusers), shows the rows of the
// last statement (NULL distinct from text), the affected rows and the time, keeps a history of the last queries.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, confirmDialog, download, errorText, stylesheet } from '../ui.js';

stylesheet(import.meta.url, 'sync.css');

const QUERY_KEY = 'coffer_sql_query';
const HISTORY_KEY = 'coffer_sql_history';
const HISTORY_MAX = 20;
const MAX_ROWS = 1000; // the most rows /api/sql answers (SqlApi.MAX_ROWS)
const MAX_LENGTH = 5000; // the longest query it takes
const PAGE_ROWS = 200;
// statements that write (replace( the function is a read)
const WRITE_RE = /\b(insert|update|delete|create|alter|drop|attach|detach|pragma|vacuum|reindex)\b|\breplace\b(?!\s*\()/i;

/** The statement without its comments and string literals, to tell a write from a read. */
function bare(query) {
  return query.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""');
}

export function isWrite(query) {
  return WRITE_RE.test(bare(query));
}

const normalize = (q) => q.replace(/[\s;]+/g, ' ').trim().toLowerCase();

function loadHistory() {
  try {
    const list = JSON.parse(localStorage.getItem(HISTORY_KEY) || '[]');
    return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function csvCell(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

class SettingsSql extends LightElement {
  static properties = {
    query: { state: true },
    running: { state: true },
    result: { state: true },
    error: { state: true },
    history: { state: true },
    sort: { state: true },
    showAll: { state: true },
    ranQuery: { state: true },
  };

  constructor() {
    super();
    this.query = localStorage.getItem(QUERY_KEY) || '';
    this.running = false;
    this.result = null;
    this.error = '';
    this.history = loadHistory();
    this.sort = null; // {index, asc}
    this.showAll = false;
    this.ranQuery = '';
  }

  setQuery(q) {
    this.query = q;
    localStorage.setItem(QUERY_KEY, q);
  }

  saveHistory(list) {
    this.history = list;
    localStorage.setItem(HISTORY_KEY, JSON.stringify(list));
  }

  remember(q) {
    const n = normalize(q);
    this.saveHistory([q, ...this.history.filter((x) => normalize(x) !== n)].slice(0, HISTORY_MAX));
  }

  forget(q) {
    this.saveHistory(this.history.filter((x) => x !== q));
  }

  async run(text = this.query) {
    const q = text.trim();
    if (!q) {
      this.error = 'Write a query first.';
      this.querySelector('#sql-query')?.focus();
      return;
    }
    if (q.length > MAX_LENGTH) {
      this.error = `The query is ${q.length} characters long; the server takes at most ${MAX_LENGTH}.`;
      return;
    }
    if (this.running) return;
    if (isWrite(q)) {
      const ok = await confirmDialog('This statement can change the database directly: no validation, rules or hooks run, '
        + 'and it can\'t be undone. Run it?', { confirmText: 'Run' });
      if (!ok) return;
    }
    this.running = true;
    this.error = '';
    try {
      const res = await api.send('api/sql', { method: 'POST', body: { query: q } });
      this.result = res;
      this.ranQuery = q;
      this.sort = null;
      this.showAll = false;
      this.remember(q);
    } catch (e) {
      this.result = null;
      this.error = e.data?.query?.message ? `query: ${e.data.query.message}` : errorText(e);
    } finally {
      this.running = false;
    }
  }

  rerun(q) {
    this.setQuery(q);
    this.run(q);
  }

  keydown(e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      this.run();
    }
  }

  toggleSort(index) {
    this.sort = this.sort?.index === index ? { index, asc: !this.sort.asc } : { index, asc: true };
  }

  rows() {
    const rows = this.result?.rows || [];
    if (!this.sort) return rows;
    const { index, asc } = this.sort;
    const cmp = (a, b) => {
      const x = a[index];
      const y = b[index];
      if (x === y) return 0;
      if (x === null) return -1;
      if (y === null) return 1;
      return String(x).localeCompare(String(y), undefined, { numeric: true });
    };
    return [...rows].sort((a, b) => (asc ? cmp(a, b) : cmp(b, a)));
  }

  downloadCsv() {
    const r = this.result;
    const lines = [r.columns.map((c) => csvCell(c.name)).join(','), ...this.rows().map((row) => row.map(csvCell).join(','))];
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    download(`sql_${stamp}.csv`, `${lines.join('\r\n')}\r\n`, 'text/csv');
  }

  render() {
    return html`<header class="content-header"><h1>SQL console</h1></header>
      <div class="content-body sql-layout">
        <div class="sync-alert sync-alert-warning" role="note">
          <p><strong>Queries run directly on the database.</strong> Write statements (INSERT, UPDATE, DELETE, ALTER, DROP…) change data
            at once, without the API's validation, rules, hooks or realtime events, and can't be undone: take a backup first.</p>
        </div>
        <div class="sql-grid">
          <div class="sql-main">
            <div class="sql-editor">
              <label class="field"><span>SQL query</span>
                <textarea id="sql-query" spellcheck="false" autocomplete="off" autocapitalize="off" maxlength=${MAX_LENGTH}
                  placeholder="SELECT id, email FROM users ORDER BY created DESC LIMIT 10"
                  .value=${this.query} @input=${(e) => this.setQuery(e.target.value)} @keydown=${this.keydown}
                  aria-describedby="sql-help"></textarea>
              </label>
              <div class="sql-toolbar">
                <span id="sql-help" class="grow field-help">At most ${MAX_ROWS} rows come back; values come back as text; with several
                  statements, only the last one's rows. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> runs.</span>
                <button type="button" class="btn" ?disabled=${this.running} @click=${() => this.run()}>${this.running ? 'Running…' : 'Run'}</button>
              </div>
            </div>
            <div aria-live="polite">
              ${this.error ? html`<div class="sync-alert sync-alert-danger sql-error" role="alert"><p><strong>The query failed.</strong></p><pre>${this.error}</pre></div>` : nothing}
              ${this.result && !this.error ? this.renderResult() : nothing}
            </div>
          </div>
          ${this.renderHistory()}
        </div>
      </div>`;
  }

  renderResult() {
    const r = this.result;
    const cols = r.columns || [];
    if (!cols.length) {
      return html`<div class="sync-alert sync-alert-success sql-done" role="status">
        <p><strong>Done.</strong> ${r.affectedRows} row${r.affectedRows === 1 ? '' : 's'} affected · ${r.execTime} ms</p></div>`;
    }
    const all = this.rows();
    const shown = this.showAll ? all : all.slice(0, PAGE_ROWS);
    const capped = all.length >= MAX_ROWS;
    const ariaSort = (i) => (this.sort?.index === i ? (this.sort.asc ? 'ascending' : 'descending') : 'none');
    return html`<div class="sql-status" role="status">
        <span><strong>${all.length}</strong> row${all.length === 1 ? '' : 's'}${capped ? html` (the first ${MAX_ROWS}: add a LIMIT/OFFSET to see others)` : nothing}</span>
        ${r.affectedRows ? html`<span><strong>${r.affectedRows}</strong> affected</span>` : nothing}
        <span><strong>${r.execTime}</strong> ms</span>
        <span class="grow"></span>
        ${all.length ? html`<button type="button" class="btn btn-secondary btn-sm" @click=${() => this.downloadCsv()}>Download CSV</button>` : nothing}
      </div>
      <div class="table-wrap sql-result">
        <table aria-label="Query result">
          <thead><tr>
            <th class="sql-rownum" scope="col"><span class="sr-only">Row</span>#</th>
            ${cols.map((c, i) => html`<th scope="col" aria-sort=${ariaSort(i)}>
              <button type="button" title="Sort by ${c.name}${c.type ? ` (${c.type})` : ''}" @click=${() => this.toggleSort(i)}>
                ${c.name}${c.type ? html`<span class="sql-col-type">${c.type}</span>` : nothing}
                ${this.sort?.index === i ? (this.sort.asc ? '▲' : '▼') : nothing}</button></th>`)}
          </tr></thead>
          <tbody>
            ${shown.length ? shown.map((row, n) => html`<tr>
              <td class="sql-rownum">${n + 1}</td>
              ${cols.map((_, i) => {
                const v = row[i];
                if (v === null || v === undefined) return html`<td><span class="sql-null">NULL</span></td>`;
                if (v === '') return html`<td><span class="sql-empty-str" title="empty text">''</span></td>`;
                return html`<td title=${v.length > 40 ? v.slice(0, 2000) : nothing}>${v.length > 500 ? `${v.slice(0, 500)}…` : v}</td>`;
              })}
            </tr>`) : html`<tr><td colspan=${cols.length + 1} class="empty">No rows.</td></tr>`}
          </tbody>
        </table>
      </div>
      ${all.length > shown.length ? html`<div class="sql-more"><button type="button" class="btn btn-secondary btn-sm"
        @click=${() => { this.showAll = true; }}>Show all ${all.length} rows</button></div>` : nothing}`;
  }

  renderHistory() {
    return html`<aside class="sql-history" aria-label="Query history">
      <header><h2>History</h2>
        ${this.history.length ? html`<button type="button" class="btn btn-link btn-sm" @click=${async () => {
          if (await confirmDialog('Clear the query history?', { confirmText: 'Clear' })) this.saveHistory([]);
        }}>Clear</button>` : nothing}
      </header>
      ${this.history.length ? html`<ol>${this.history.map((q) => html`<li>
        <button type="button" class="sql-history-run" title=${`Run again:\n${q.slice(0, 1000)}`} @click=${() => this.rerun(q)}><span class="sql-history-text">${q}</span></button>
        <button type="button" class="btn-icon" aria-label="Remove from history" title="Remove from history" @click=${() => this.forget(q)}>
          <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>
        </button></li>`)}</ol>`
        : html`<p class="empty">The queries you run appear here; click one to run it again.</p>`}
    </aside>`;
  }
}
customElements.define('c-settings-sql', SettingsSql);
