// Collections and their records (#/collections?collection=ID&filter=…&sort=…&page=…&record=…): the collections
// sidebar (search, pins, system collections apart), the records list of the chosen collection, the record panel,
// and the collection editor, API preview and deleted records (their own modules, loaded when asked for).
import { html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { api } from '../api.js';
import { LightElement, collectionsStore, navigate, toastError, errorText, stylesheet } from '../ui.js';
import { ricons, typeIcon, store } from '../components/record-util.js';
import '../components/record-list.js';

const stylesReady = stylesheet(import.meta.url, 'records.css');

const PINS_KEY = 'coffer_pinned_collections';

/** True when a collection keeps the history of its records (its history option; the superusers always). */
const keepsHistory = (c) => c.type !== 'view' && (!!c.history?.enabled || (c.system && c.name === '_superusers'));

/** The record panel and its widgets: loaded when first needed (or once the list has shown, when idle). */
let panelModule = null;
function loadPanel() {
  panelModule ||= import('../components/record-panel.js').catch((e) => {
    panelModule = null;
    throw e;
  });
  return panelModule;
}

/** The route of the records page with these query values (empty ones left out). */
function route(q) {
  const p = new URLSearchParams();
  for (const k of ['collection', 'filter', 'sort', 'page', 'record']) {
    const v = q[k];
    if (v === undefined || v === null || v === '' || (k === 'page' && Number(v) === 1)) continue;
    p.set(k, v);
  }
  return `/collections?${p.toString()}`;
}

class RecordsPage extends LightElement {
  static properties = {
    query: { attribute: false },
    collections: { state: true },
    loaded: { state: true },
    loadError: { state: true },
    search: { state: true },
    pins: { state: true },
    systemOpen: { state: true },
    sidebarOpen: { state: true },
    editor: { state: true },
    preview: { state: true },
    importer: { state: true },
    deletedOf: { state: true },
    record: { state: true },
    remote: { state: true },
    hideControls: { state: true },
  };

  constructor() {
    super();
    this.query = {};
    this.collections = collectionsStore.items;
    this.loaded = collectionsStore.loaded;
    this.search = '';
    this.pins = store.get(PINS_KEY, []);
    this.systemOpen = false;
    this.sidebarOpen = false;
    this.editor = null; // {collection: object or null} while the collection editor is open
    this.preview = null; // the collection whose API preview is open
    this.importer = null; // {collection: object or null} while the import wizard is open
    this.deletedOf = null; // the collection whose deleted records are listed
    this.record = null; // {id, prefill, key} while the record panel is open
    this.remote = null;
    this.hideControls = false; // the settings' meta.hideControls: no collection create/edit buttons
  }

  /** The first render waits for the page's stylesheet. */
  async scheduleUpdate() {
    await stylesReady;
    super.scheduleUpdate();
  }

  connectedCallback() {
    super.connectedCallback();
    api.send('api/settings', { query: { fields: 'meta.hideControls' } })
      .then((s) => { this.hideControls = !!s?.meta?.hideControls; }).catch(() => {});
    this.unsub = collectionsStore.subscribe((items) => {
      this.collections = items;
      this.loaded = true;
    });
    if (!collectionsStore.loaded) {
      collectionsStore.load().catch((e) => {
        this.loadError = errorText(e);
        toastError(e);
      });
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsub?.();
  }

  get current() {
    const id = this.query?.collection;
    return id ? collectionsStore.find(id) || null : null;
  }

  willUpdate(changed) {
    if ((changed.has('query') || changed.has('collections')) && this.loaded) {
      // no collection chosen: open the first one (unless the address already names one the shell has not
      // passed on yet, or the page is no longer the one shown)
      const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
      if (!this.query?.collection && path.replace(/\/$/, '') === '/collections' && !new URLSearchParams(search).get('collection')) {
        const first = this.collections.find((c) => !c.system) || this.collections[0];
        if (first) location.replace(`#${route({ collection: first.id })}`);
      }
      // a record asked for in the URL opens in the panel
      const rid = this.query?.record;
      if (rid && this.current && !this.record && rid !== this.openedFromUrl) {
        this.openedFromUrl = rid;
        this.panelReady().then((ok) => {
          if (ok && !this.record) this.record = { id: rid, prefill: null, key: Math.random() };
        });
      }
    }
    if (changed.has('query')) {
      const prev = changed.get('query');
      if (prev && prev.collection !== this.query?.collection) this.sidebarOpen = false;
    }
  }

  go(q) {
    const cur = this.query || {};
    navigate(route({ collection: cur.collection, filter: cur.filter, sort: cur.sort, page: cur.page, ...q }));
  }

  /** Puts the open record in the URL without a navigation (so a reload or a shared link opens it again). */
  markRecord(id) {
    const q = { ...(this.query || {}), record: id || undefined };
    history.replaceState(history.state, '', `#${route(q)}`);
  }

  togglePin(c) {
    const pins = this.pins.includes(c.id) ? this.pins.filter((x) => x !== c.id) : [...this.pins, c.id];
    this.pins = pins;
    store.set(PINS_KEY, pins);
  }

  // --- panels ------------------------------------------------------------------------------------

  async openRecord(r) {
    this.returnFocus = document.activeElement;
    if (!(await this.panelReady())) return;
    this.remote = null;
    this.record = { id: r.id, prefill: null, key: Math.random() };
    this.markRecord(r.id);
  }

  async newRecord(prefill = null) {
    if (!this.current || this.current.type === 'view') return;
    if (!prefill) this.returnFocus = document.activeElement;
    if (!(await this.panelReady())) return;
    this.remote = null;
    this.record = { id: '', prefill, key: Math.random() };
    this.markRecord('');
  }

  async panelReady() {
    try {
      await loadPanel();
      return true;
    } catch (e) {
      toastError(new Error(`The record form could not be loaded: ${e.message}`));
      return false;
    }
  }

  firstUpdated() {
    // the record form is not needed for the first paint of the list: fetch it when the browser is idle
    const later = window.requestIdleCallback || ((fn) => setTimeout(fn, 1500));
    later(() => loadPanel().catch(() => {}));
  }

  closeRecord() {
    this.record = null;
    this.remote = null;
    this.markRecord('');
    // back to where the panel was opened from (the row, or the button), when it is still there
    const back = this.returnFocus;
    this.returnFocus = null;
    this.updateComplete.then(() => { if (back?.isConnected) back.focus(); });
  }

  list() {
    return this.querySelector('c-record-list');
  }

  async openEditor(collection) {
    try {
      await import('./collection-editor.js');
    } catch (e) {
      toastError(new Error(`The collection editor could not be loaded: ${e.message}`));
      return;
    }
    this.editor = { collection };
  }

  async openPreview(collection) {
    try {
      await import('./api-preview.js');
    } catch (e) {
      toastError(new Error(`The API preview could not be loaded: ${e.message}`));
      return;
    }
    this.preview = collection;
  }

  async openImport(collection) {
    try {
      await import('./import-wizard.js');
    } catch (e) {
      toastError(new Error(`The import wizard could not be loaded: ${e.message}`));
      return;
    }
    this.importer = { collection };
  }

  async openDeleted(collection) {
    try {
      await import('../components/deleted-records.js');
    } catch (e) {
      toastError(new Error(`The deleted records could not be loaded: ${e.message}`));
      return;
    }
    this.deletedOf = collection;
  }

  // --- rendering ---------------------------------------------------------------------------------

  renderItem(c, active) {
    const pinned = this.pins.includes(c.id);
    return html`<li class="collection-row ${pinned ? 'pinned' : ''}">
      <a class="sidebar-item ${active ? 'active' : ''}" href="#${route({ collection: c.id })}" aria-current=${active ? 'page' : 'false'}
        title="${c.name} (${c.type})">
        <span class="type-icon type-${c.type}" aria-hidden="true">${typeIcon(c.type)}</span>
        <span class="grow">${c.name}</span>
      </a>
      <button type="button" class="btn-icon pin-btn" aria-pressed=${pinned ? 'true' : 'false'}
        aria-label="${pinned ? 'Unpin' : 'Pin'} ${c.name}" title=${pinned ? 'Unpin' : 'Pin to the top'}
        @click=${() => this.togglePin(c)}>${pinned ? ricons.pinned : ricons.pin}</button>
    </li>`;
  }

  renderSidebar(cur) {
    const term = this.search.trim().toLowerCase();
    const match = (c) => !term || c.name.toLowerCase().includes(term) || c.id.toLowerCase() === term;
    const all = this.collections.filter(match);
    const pinned = all.filter((c) => this.pins.includes(c.id));
    const normal = all.filter((c) => !c.system && !this.pins.includes(c.id));
    const system = all.filter((c) => c.system && !this.pins.includes(c.id));
    const systemOpen = this.systemOpen || (term && system.length > 0) || (cur?.system && !this.pins.includes(cur.id));
    const isActive = (c) => cur?.id === c.id;
    return html`<aside class="sidebar records-sidebar ${this.sidebarOpen ? 'open' : ''}" aria-label="Collections">
      <button type="button" class="sidebar-toggle" aria-expanded=${this.sidebarOpen ? 'true' : 'false'} aria-controls="collections-nav"
        @click=${() => { this.sidebarOpen = !this.sidebarOpen; }}>
        <span class="type-icon" aria-hidden="true">${typeIcon(cur?.type)}</span>
        <span class="grow">${cur?.name || 'Collections'}</span>
        <span class="hint">${this.sidebarOpen ? 'Hide' : 'Collections'}</span>${this.sidebarOpen ? ricons.up : ricons.down}
      </button>
      <div class="collections-nav" id="collections-nav">
        <label class="sidebar-search">${ricons.search}
          <input type="search" aria-label="Search collections" placeholder="Search collections" .value=${this.search}
            @input=${(e) => { this.search = e.target.value; }}></label>
        ${pinned.length ? html`<div class="sidebar-title">Pinned</div>
          <ul class="collection-list">${pinned.map((c) => this.renderItem(c, isActive(c)))}</ul>` : nothing}
        <div class="sidebar-title">Collections</div>
        <ul class="collection-list">${normal.map((c) => this.renderItem(c, isActive(c)))}</ul>
        ${!normal.length && this.loaded ? html`<p class="hint sidebar-empty">${term ? 'No collection matches.' : 'No collections yet.'}</p>` : nothing}
        ${system.length ? html`<button type="button" class="sidebar-title system-toggle" aria-expanded=${systemOpen ? 'true' : 'false'}
            @click=${() => { this.systemOpen = !systemOpen; }}>${systemOpen ? ricons.down : ricons.chevron} System (${system.length})</button>
          ${systemOpen ? html`<ul class="collection-list system-list">${system.map((c) => this.renderItem(c, isActive(c)))}</ul>` : nothing}` : nothing}
        ${this.hideControls ? nothing : html`<button type="button" class="btn btn-secondary new-collection" @click=${() => this.openEditor(null)}>${ricons.plus} New collection</button>
          <button type="button" class="btn btn-secondary new-collection" @click=${() => this.openImport(null)}>${ricons.upload} Import data</button>`}
      </div>
    </aside>`;
  }

  renderHeader(c) {
    return html`<header class="content-header records-header">
      <h1><span class="type-icon type-${c.type}" aria-hidden="true">${typeIcon(c.type)}</span>${c.name}</h1>
      <span class="badge ${c.type === 'auth' ? 'badge-primary' : ''}">${c.type}</span>
      ${c.system ? html`<span class="badge" title="A system collection">system</span>` : nothing}
      ${this.hideControls ? nothing : html`<button type="button" class="btn-icon" aria-label="Edit collection" title="Edit collection" @click=${() => this.openEditor(c)}>${ricons.gear}</button>`}
      <button type="button" class="btn btn-secondary btn-sm" @click=${() => this.openPreview(c)}>${ricons.code}<span>API preview</span></button>
      ${keepsHistory(c) ? html`<button type="button" class="btn btn-secondary btn-sm" title="Records deleted while the history was on"
        @click=${() => this.openDeleted(c)}>${ricons.trash}<span>Deleted records</span></button>` : nothing}
      <button type="button" class="btn-icon" aria-label="Refresh" title="Reload the records" @click=${() => this.list()?.refresh()}>${ricons.refresh}</button>
      <span class="grow"></span>
      ${c.type === 'view' ? html`<span class="hint">A view: read only</span>` : html`${this.hideControls ? nothing : html`<button type="button" class="btn btn-secondary btn-sm" @click=${() => this.openImport(c)}>${ricons.upload}<span>Import</span></button>`}
        <button type="button" class="btn" @click=${() => this.newRecord()}>${ricons.plus} New record</button>`}
    </header>`;
  }

  renderContent(cur) {
    if (!this.loaded) {
      return html`<div class="content-body">${this.loadError ? html`<p class="error">${this.loadError}</p>` : html`<div class="empty">Loading collections…</div>`}</div>`;
    }
    if (!cur) {
      if (this.query?.collection) {
        return html`<header class="content-header"><h1>Collection not found</h1></header>
          <div class="content-body"><div class="empty"><p>There is no collection “${this.query.collection}”.</p></div></div>`;
      }
      return html`<header class="content-header"><h1>Collections</h1></header>
        <div class="content-body"><div class="empty"><p>No collections yet.</p>
          ${this.hideControls ? nothing : html`<button type="button" class="btn" @click=${() => this.openEditor(null)}>${ricons.plus} New collection</button>`}</div></div>`;
    }
    const q = this.query || {};
    return html`${this.renderHeader(cur)}
      <div class="content-body records-body">
        <c-record-list .collection=${cur} .filter=${q.filter || ''} .sort=${q.sort || ''} .page=${Number(q.page) || 1}
          @query=${(e) => this.go(e.detail)}
          @open-record=${(e) => this.openRecord(e.detail)}
          @new-record=${() => this.newRecord()}
          @remote-change=${(e) => {
            if (this.record?.id && e.detail.record.id === this.record.id) this.remote = { ...e.detail };
          }}></c-record-list>
      </div>`;
  }

  renderPanels(cur) {
    const r = this.record;
    return html`
      ${r && cur ? keyed(r.key, html`<c-record-panel .collection=${cur} .recordId=${r.id} .prefill=${r.prefill} .remote=${this.remote}
        @close=${() => this.closeRecord()}
        @saved=${(e) => {
          this.list()?.saved(e.detail.record, e.detail.isNew);
          this.closeRecord();
        }}
        @deleted=${(e) => {
          this.list()?.deleted(e.detail);
          this.closeRecord();
        }}
        @restored=${(e) => this.list()?.saved(e.detail, false)}
        @duplicate=${(e) => {
          this.record = null;
          this.updateComplete.then(() => this.newRecord(e.detail));
        }}></c-record-panel>`) : nothing}
      ${this.editor ? html`<c-collection-editor .collection=${this.editor.collection}
        @saved=${(e) => {
          // a new collection (or a copy): show it; the editor closes itself when asked to (close event)
          const saved = e.detail;
          if (saved?.id && saved.id !== cur?.id) this.go({ collection: saved.id, filter: '', sort: '', page: 1 });
        }}
        @truncated=${() => this.list()?.refresh()}
        @deleted=${(e) => {
          this.editor = null;
          if (e.detail === cur?.id || e.detail === cur?.name) navigate('/collections');
        }}
        @close=${() => { this.editor = null; }}></c-collection-editor>` : nothing}
      ${this.importer ? html`<c-import-wizard .collection=${this.importer.collection}
        @imported=${(e) => {
          if (e.detail?.id === cur?.id) this.list()?.refresh();
          else if (e.detail?.id) this.go({ collection: e.detail.id, filter: '', sort: '', page: 1 });
        }}
        @close=${() => { this.importer = null; }}></c-import-wizard>` : nothing}
      ${this.deletedOf ? html`<c-deleted-records .collection=${this.deletedOf} @close=${() => { this.deletedOf = null; }}
        @restored=${() => this.list()?.refresh()}></c-deleted-records>` : nothing}
      ${this.preview ? html`<c-api-preview .collection=${this.preview} @close=${() => { this.preview = null; }}></c-api-preview>` : nothing}`;
  }

  render() {
    const cur = this.current;
    return html`<div class="page records-page">
      ${this.renderSidebar(cur)}
      <section class="content records-content" aria-label="Records">${this.renderContent(cur)}</section>
      ${this.renderPanels(cur)}
    </div>`;
  }
}
customElements.define('c-page-records', RecordsPage);
