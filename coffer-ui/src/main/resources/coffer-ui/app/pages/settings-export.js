// Settings → Export collections: pick collections and take their configuration as JSON (copy, or download as
// pb_schema.json), in the form Import collections (here or in PocketBase) reads.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, download, errorText, stylesheet } from '../ui.js';
import { codeBlock } from './code-block.js';

stylesheet(import.meta.url, 'sync.css');

/**
 * A collection as exported: as the API returns it, without its created/updated dates and its OAuth2 providers
 * (they hold client ids and secrets of this installation), as PocketBase's export does.
 */
export function exportable(collection) {
  const c = structuredClone(collection);
  delete c.created;
  delete c.updated;
  if (c.oauth2) delete c.oauth2.providers;
  return c;
}

/** Auth collections first, then base, then view; by name within each, system ones (_name) last. */
export function sortByType(collections) {
  const rank = { auth: 0, base: 1 };
  const byName = (a, b) => {
    const ua = a.name.startsWith('_');
    const ub = b.name.startsWith('_');
    if (ua !== ub) return ua ? 1 : -1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
  return [...collections].sort((a, b) => (rank[a.type] ?? 2) - (rank[b.type] ?? 2) || byName(a, b));
}

class SettingsExport extends LightElement {
  static properties = {
    collections: { state: true },
    selected: { state: true },
    loading: { state: true },
    error: { state: true },
  };

  constructor() {
    super();
    this.collections = [];
    this.selected = new Set();
    this.loading = true;
    this.error = '';
    this.lastIndex = -1;
  }

  connectedCallback() {
    super.connectedCallback();
    this.load();
  }

  async load() {
    this.loading = true;
    this.error = '';
    try {
      const all = await api.collections().all();
      this.collections = sortByType(all.map(exportable));
      this.selected = new Set(this.collections.map((c) => c.id));
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.loading = false;
    }
  }

  get json() {
    return JSON.stringify(this.collections.filter((c) => this.selected.has(c.id)), null, 2);
  }

  toggleAll(on) {
    this.selected = on ? new Set(this.collections.map((c) => c.id)) : new Set();
  }

  /** Toggles one collection; with Shift held, every collection between the last clicked one and this one. */
  toggle(e, index) {
    const on = e.target.checked;
    const next = new Set(this.selected);
    const from = e.shiftKey && this.lastIndex >= 0 ? Math.min(this.lastIndex, index) : index;
    const to = e.shiftKey && this.lastIndex >= 0 ? Math.max(this.lastIndex, index) : index;
    for (let i = from; i <= to; i++) {
      if (on) next.add(this.collections[i].id);
      else next.delete(this.collections[i].id);
    }
    this.lastIndex = index;
    this.selected = next;
  }

  render() {
    const total = this.collections.length;
    const count = this.selected.size;
    const all = total > 0 && count === total;
    return html`<header class="content-header"><h1>Export collections</h1></header>
      <div class="content-body sync-page">
        <p class="sync-intro">The configuration of your collections (fields, rules, indexes, options) as JSON, to import in another
          Coffer or PocketBase with <a href="#/settings/import">Import collections</a>. Records are not included.
          OAuth2 provider credentials are left out.</p>
        ${this.error ? html`<div class="sync-alert sync-alert-danger" role="alert"><p>Could not load the collections: ${this.error}</p>
          <p><button type="button" class="btn btn-secondary btn-sm" @click=${() => this.load()}>Try again</button></p></div>` : nothing}
        ${this.loading ? html`<div class="sync-loading" role="status">Loading collections…</div>` : !this.error ? html`
          <div class="export-layout">
            <div class="export-list" role="group" aria-label="Collections to export">
              <label class="check export-all"><input type="checkbox" .checked=${all} .indeterminate=${count > 0 && !all}
                @change=${(e) => this.toggleAll(e.target.checked)}><span class="grow">Select all</span>
                <span class="export-count">${count}/${total}</span></label>
              ${this.collections.map((c, i) => html`<label class="check" title=${c.name}>
                <input type="checkbox" .checked=${this.selected.has(c.id)} @click=${(e) => this.toggle(e, i)}>
                <span class="grow">${c.name}</span>
                ${c.system ? html`<span class="badge">system</span>` : nothing}
                ${c.type !== 'base' ? html`<span class="badge ${c.type === 'auth' ? 'badge-primary' : ''}">${c.type}</span>` : nothing}
              </label>`)}
            </div>
            <div class="export-preview">
              ${count ? codeBlock(this.json, { label: 'the exported JSON', caption: `pb_schema.json · ${count} collection${count === 1 ? '' : 's'}` })
                : html`<div class="empty code-block">Select the collections to export.</div>`}
            </div>
          </div>
          <div class="sync-actions">
            <span class="grow hint">Tip: Shift+click selects a range.</span>
            <button type="button" class="btn" ?disabled=${!count} @click=${() => download('pb_schema.json', this.json)}>Download as JSON</button>
          </div>` : nothing}
      </div>`;
  }
}
customElements.define('c-settings-export', SettingsExport);
