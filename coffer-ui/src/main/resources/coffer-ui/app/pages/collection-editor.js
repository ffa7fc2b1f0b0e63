// The collection editor: a wide side panel to create or change a collection (name, type, fields and indexes,
// API rules, the query of a view, the options of an auth collection, the record history options, events mode),
// duplicate, truncate or delete it.
//
// <c-collection-editor .collection=${c}> edits c (a collection as the API returns it); .collection = null creates
// one, of .type 'base' (default), 'auth' or 'view' (switchable in the form while new). Events (bubbling):
// `saved` (detail: the saved collection), `deleted` (detail: its id), `close` (after asking about unsaved changes;
// also fired after the Save button's save and after a delete). After a save or a delete collectionsStore reloads.
//
// The parts: collection-editor-model.js (types, tabs, scaffolds), collection-editor-save.js (save and its
// confirmation), collection-editor-menu.js (the actions menu), and the tabs' elements in ../components/.
import { html, nothing } from 'lit';
import { LightElement, collectionsStore, confirmDialog, panel, stylesheet, toastError } from '../ui.js';
import { clone, errorAt, errorList, normalizeName, hasErrorAt } from '../components/field-settings-shared.js';
import '../components/field-settings.js';
import '../components/rules-editor.js';
import '../components/view-query.js';
import '../components/auth-options.js';
import '../components/history-options.js';
import '../components/events-options.js';
import { parseIndex, withTable } from '../components/index-editor.js';
import {
  RULE_KEYS, TAB_LABELS, TABS, TYPES, loadScaffolds, tabOfError, timestampFields,
} from './collection-editor-model.js';
import { CollectionSave } from './collection-editor-save.js';
import { CollectionMenu } from './collection-editor-menu.js';

stylesheet(import.meta.url, 'collection-editor.css');

class CollectionEditor extends CollectionMenu(CollectionSave(LightElement)) {
  static properties = {
    collection: { attribute: false },
    type: {},
    draft: { state: true },
    original: { state: true },
    tab: { state: true },
    errors: { state: true },
    saving: { state: true },
    menuOpen: { state: true },
    loadError: { state: true },
    rev: { state: true },
    collections: { state: true },
  };

  constructor() {
    super();
    this.collection = null;
    this.type = 'base';
    this.draft = null;
    this.original = null;
    this.tab = '';
    this.errors = {};
    this.fieldErrors = new WeakMap();
    this.saving = false;
    this.menuOpen = false;
    this.rev = 0;
    this.collections = collectionsStore.items;
    this.initFor = undefined;
    this.onDocClick = (e) => {
      if (this.menuOpen && !e.composedPath().some((n) => n?.classList?.contains?.('ce-menu-wrap'))) this.menuOpen = false;
    };
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsub = collectionsStore.subscribe((items) => { this.collections = items; });
    if (!collectionsStore.loaded) collectionsStore.load().catch(() => {});
    document.addEventListener('click', this.onDocClick, true);
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsub?.();
    document.removeEventListener('click', this.onDocClick, true);
  }

  willUpdate(changed) {
    if (changed.has('collection') || changed.has('type')) {
      const col = this.collection || null;
      const key = col ? `id:${col.id}` : `new:${this.type || 'base'}`;
      // a new object for the collection being edited replaces the form only when it has no unsaved changes
      if (key !== this.initFor || (col && col !== this.initObject && !this.dirty)) {
        this.initFor = key;
        this.initObject = col;
        this.init(col);
      }
    }
  }

  async init(col) {
    this.errors = {};
    this.fieldErrors = new WeakMap();
    this.loadError = '';
    if (col) {
      this.setBase(clone(col));
      return;
    }
    this.draft = null;
    try {
      const scaffolds = await loadScaffolds(true);
      const type = TABS[this.type] ? this.type : 'base';
      const blank = clone(scaffolds[type]);
      if (type !== 'view') blank.fields.push(...timestampFields());
      this.setBase(blank);
    } catch (e) {
      this.loadError = e.message || 'Could not load the collection templates.';
    }
  }

  /** Starts editing c: it is both the saved state and the draft. */
  setBase(c) {
    this.original = c;
    this.draft = clone(c);
    this.fieldErrors = new WeakMap();
    if (!TABS[c.type]?.includes(this.tab)) this.tab = TABS[c.type]?.[0] || 'fields';
    this.rev += 1;
  }

  get isNew() {
    return !this.original?.id;
  }

  /** The body of the save request: fields marked for deletion left out, indexes on the current table name. */
  payload(c = this.draft) {
    const p = clone(c);
    p.fields = (p.fields || []).filter((f) => !f['@toDelete']);
    if (p.type === 'view') {
      delete p.fields;
      delete p.indexes;
    } else {
      p.indexes = (p.indexes || []).map((idx) => withTable(idx, p.name || ''));
    }
    if (!p.id) delete p.id;
    delete p.created;
    delete p.updated;
    return p;
  }

  get dirty() {
    if (!this.draft || !this.original) return false;
    return JSON.stringify(this.payload(this.draft)) !== JSON.stringify(this.payload(this.original));
  }

  touched(e) {
    e.stopPropagation();
    const clear = e.detail?.clear || [];
    let errors = this.errors;
    for (const c of clear) {
      if (!c) continue;
      if (typeof c === 'object' && c.field) {
        this.fieldErrors.delete(c.field);
        continue;
      }
      const keys = String(c).split('.');
      if (errors && hasErrorAt(errors, keys)) {
        errors = clone(errors);
        let node = errors;
        for (let i = 0; i < keys.length - 1; i++) node = node?.[keys[i]];
        if (node) delete node[keys[keys.length - 1]];
      }
    }
    this.errors = errors;
    this.rev += 1;
  }

  rename(value) {
    const name = normalizeName(value);
    this.draft.name = name;
    if (this.draft.type !== 'view') this.draft.indexes = (this.draft.indexes || []).map((idx) => withTable(idx, name));
    if (this.errors.name) {
      this.errors = { ...this.errors };
      delete this.errors.name;
    }
    this.rev += 1;
  }

  /** Switches the type of a new collection, merging the new type's scaffold as PocketBase does. */
  async switchType(type) {
    if (!this.isNew || type === this.draft.type) return;
    let scaffolds;
    try {
      scaffolds = await loadScaffolds();
    } catch (e) {
      toastError(e);
      return;
    }
    const old = this.draft;
    const oldScaffold = scaffolds[old.type] || {};
    const next = clone(scaffolds[type]);
    for (const k of ['name', ...RULE_KEYS.filter((r) => r in next)]) if (k in old) next[k] = old[k];
    if (old.viewQuery && type === 'view') next.viewQuery = old.viewQuery;
    if (type !== 'view') for (const k of ['history', 'historyRule']) if (k in old) next[k] = old[k];
    // system fields from the scaffold (keeping changed options of same-named ones), then the other fields
    const systemFields = (next.fields || []).map((f) => {
      const same = (old.fields || []).find((o) => o.system && o.name === f.name);
      return same ? Object.assign(f, same) : f;
    });
    const own = (old.fields || []).filter((f) => !f.system);
    next.fields = [...systemFields, ...own];
    // indexes: drop the old scaffold's and those on missing columns, add the new scaffold's
    const oldNames = (oldScaffold.indexes || []).map((i) => parseIndex(i).indexName.toLowerCase());
    const names = new Set(next.fields.map((f) => f.name.toLowerCase()));
    const kept = (old.indexes || []).filter((idx) => {
      const p = parseIndex(idx);
      if (oldNames.includes(p.indexName.toLowerCase())) return false;
      return p.columns.every((c) => names.has(c.name.toLowerCase()));
    });
    next.indexes = [...kept, ...(next.indexes || []).filter((i) => !kept.includes(i))].map((i) => withTable(i, next.name || ''));
    this.draft = next;
    if (!TABS[type].includes(this.tab)) this.tab = TABS[type][0];
    this.errors = {};
    this.rev += 1;
  }

  /** The tabs ('' = the header) holding errors of the last save. */
  errorTabs() {
    const out = new Set();
    for (const key of Object.keys(this.errors || {})) {
      const t = tabOfError(key, this.draft?.type);
      if (t !== null) out.add(t);
    }
    return out;
  }

  async requestClose() {
    if (this.saving) return;
    if (this.dirty && !await confirmDialog('You have unsaved changes. Discard them?', { confirmText: 'Discard' })) return;
    this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
  }

  // --- keyboard ----------------------------------------------------------------------------------

  /** Arrow keys, Home and End move between the tabs (the tablist pattern). */
  tabKeys(e, tabs) {
    const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -99, End: 99 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const i = Math.max(0, Math.min(tabs.length - 1, tabs.indexOf(this.tab) + moves[e.key]));
    this.tab = tabs[i];
    this.updateComplete.then(() => this.querySelector(`#ce-tab-${this.tab}`)?.focus());
  }


  // --- rendering ---------------------------------------------------------------------------------

  render() {
    const d = this.draft;
    const heading = this.isNew || !d ? 'New collection' : `Edit collection ${this.original.name}`;
    return panel({
      heading,
      label: heading,
      wide: true,
      onClose: () => this.requestClose(),
      onSave: () => this.save(),
      body: d ? this.renderBody(d) : html`<div class="ce-loading">${this.loadError ? html`<p class="error" role="alert">${this.loadError}</p>` : html`<p class="hint">Loading…</p>`}</div>`,
      footer: html`
        <button type="button" class="btn btn-secondary" @click=${() => this.requestClose()}>Close</button>
        <span class="grow"></span>
        ${Object.keys(this.errors || {}).length ? html`<span class="ce-footer-error" role="status">Fix the marked errors</span>` : nothing}
        <button type="button" class="btn" ?disabled=${!d || this.saving || (!this.isNew && !this.dirty)}
          title="Save and close (Ctrl+S saves and keeps the panel open)"
          @click=${() => this.save({ close: true })}>${this.saving ? 'Saving…' : this.isNew ? 'Create' : 'Save changes'}</button>`,
    });
  }

  renderBody(d) {
    const tabs = TABS[d.type] || TABS.base;
    const errTabs = this.errorTabs();
    const other = errorList(this.errors).filter((x) => tabOfError(x.path.split('.')[0], d.type) === null);
    const nameErr = errorAt(this.errors, 'name') || errorAt(this.errors, 'type');
    return html`<div class="ce" @ce-change=${(e) => this.touched(e)}>
      <div class="ce-head">
        <label class="field ce-name ${nameErr ? 'invalid' : ''}"><span>Name${d.system ? ' (system)' : ''}</span>
          <input .value=${d.name || ''} placeholder="e.g. posts" spellcheck="false" autocomplete="off" required
            ?disabled=${!this.isNew && d.system} ?autofocus=${this.isNew}
            @input=${(e) => { this.rename(e.target.value); if (e.target.value !== this.draft.name) e.target.value = this.draft.name; }}>
          ${nameErr ? html`<small class="field-error" role="alert">${nameErr}</small>` : nothing}
        </label>
        ${this.isNew ? html`<label class="field ce-type"><span>Type</span>
          <select @change=${(e) => this.switchType(e.target.value)}>
            ${TYPES.map((t) => html`<option value=${t.value} ?selected=${d.type === t.value}>${t.label}</option>`)}
          </select></label>`
          : html`<div class="field ce-type"><span class="field-label">Type</span><span class="badge badge-primary ce-type-badge">${TYPES.find((t) => t.value === d.type)?.label || d.type}</span></div>`}
        ${this.isNew ? nothing : this.renderMenu(d)}
      </div>
      <div class="tabs ce-tabs" role="tablist" aria-label="Collection settings" @keydown=${(e) => this.tabKeys(e, tabs)}>
        ${tabs.map((t) => html`<button type="button" class="tab" role="tab" id="ce-tab-${t}" aria-controls="ce-panel-${t}"
          aria-selected=${this.tab === t ? 'true' : 'false'} tabindex=${this.tab === t ? '0' : '-1'} @click=${() => { this.tab = t; }}>
          ${TAB_LABELS[t]}${errTabs.has(t) ? html` <span class="ce-tab-error" title="Has errors">!<span class="sr-only"> (has errors)</span></span>` : nothing}</button>`)}
      </div>
      ${other.length ? html`<div class="ce-alert" role="alert">${other.map((x) => html`<p>${x.path ? html`<code>${x.path}</code>: ` : nothing}${x.message}</p>`)}</div>` : nothing}
      ${tabs.map((t) => html`<div class="ce-tabpanel" role="tabpanel" id="ce-panel-${t}" aria-labelledby="ce-tab-${t}" ?hidden=${this.tab !== t}>
        ${this.renderTab(t, d)}</div>`)}
    </div>`;
  }

  renderTab(t, d) {
    switch (t) {
      case 'fields':
        return html`${errorAt(this.errors, 'fields') ? html`<p class="error" role="alert">${errorAt(this.errors, 'fields')}</p>` : nothing}
          <c-fields-editor .collection=${d} .original=${this.original} .collections=${this.collections}
            .fieldErrors=${this.fieldErrors} .rev=${this.rev}></c-fields-editor>
          <c-index-editor .collection=${d} .errors=${this.errors} .rev=${this.rev}></c-index-editor>`;
      case 'rules':
        return html`<c-rules-editor .collection=${d} .original=${this.original} .collections=${this.collections}
          .errors=${this.errors} .rev=${this.rev}></c-rules-editor>`;
      case 'query':
        return html`<c-view-query .collection=${d} .errors=${this.errors} .rev=${this.rev}></c-view-query>
          ${errorAt(this.errors, 'fields') ? html`<p class="error" role="alert">${errorAt(this.errors, 'fields')}</p>` : nothing}`;
      case 'options':
        return html`<c-auth-options .collection=${d} .original=${this.original} .collections=${this.collections}
          .errors=${this.errors} .rev=${this.rev}></c-auth-options>`;
      case 'history':
        return html`<c-history-options .collection=${d} .original=${this.original} .collections=${this.collections}
          .errors=${this.errors} .rev=${this.rev}></c-history-options>`;
      case 'events':
        return html`<c-events-options .collection=${d} .original=${this.original} .collections=${this.collections}
          .errors=${this.errors} .rev=${this.rev}></c-events-options>`;
      default:
        return nothing;
    }
  }
}
customElements.define('c-collection-editor', CollectionEditor);
