// The fields of a collection in the collection editor: the ordered list (drag to reorder, or the move buttons),
// inline rename, delete (restorable until saved), duplicate, "+ New field" with a picker of every field type,
// and per field its settings in an expandable section: the common ones (nonempty, hidden, presentable, help
// text) and every option of its type, with PocketBase's JSON keys.
import { html, svg, nothing } from 'lit';
import { LightElement } from '../ui.js';
import {
  clone, editorStyles, emitChange, errorAt, errorList, formatBytes, normalizeName, numberOrNull, splitList, ceIcons,
} from './field-settings-shared.js';
import { withColumnRenamed } from './index-editor.js';

const ic = (body) => html`<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor"
  stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

/** Every field type, in the order the picker offers them. */
export const FIELD_TYPES = [
  { type: 'text', label: 'Plain text', icon: ic(svg`<path d="M5 6h14M12 6v13M9 19h6"/>`) },
  { type: 'editor', label: 'Rich editor', icon: ic(svg`<path d="M4 6h16M4 10h10M4 14h16M4 18h10"/>`) },
  { type: 'number', label: 'Number', icon: ic(svg`<path d="M9 4L7 20M17 4l-2 16M4 9h16M3 15h16"/>`) },
  { type: 'bool', label: 'Bool', icon: ic(svg`<rect x="2" y="7" width="20" height="10" rx="5"/><circle cx="16" cy="12" r="3"/>`) },
  { type: 'email', label: 'Email', icon: ic(svg`<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>`) },
  { type: 'url', label: 'URL', icon: ic(svg`<path d="M10 14a4 4 0 006 0l3-3a4 4 0 00-6-6l-1 1M14 10a4 4 0 00-6 0l-3 3a4 4 0 006 6l1-1"/>`) },
  { type: 'date', label: 'Date/time', icon: ic(svg`<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>`) },
  { type: 'autodate', label: 'Autodate', icon: ic(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`) },
  { type: 'select', label: 'Select', icon: ic(svg`<path d="M9 6h11M9 12h11M9 18h11"/><path d="M4 6l1 1 2-2M4 12l1 1 2-2"/>`) },
  { type: 'file', label: 'File', icon: ic(svg`<path d="M14 3H6a2 2 0 00-2 2v14a2 2 0 002 2h12a2 2 0 002-2V9z"/><path d="M14 3v6h6"/>`) },
  { type: 'relation', label: 'Relation', icon: ic(svg`<circle cx="6" cy="6" r="3"/><circle cx="18" cy="18" r="3"/><path d="M8.5 8.5l7 7"/>`) },
  { type: 'json', label: 'JSON', icon: ic(svg`<path d="M8 4H7a2 2 0 00-2 2v4l-2 2 2 2v4a2 2 0 002 2h1M16 4h1a2 2 0 012 2v4l2 2-2 2v4a2 2 0 01-2 2h-1"/>`) },
  { type: 'password', label: 'Password', icon: ic(svg`<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 018 0v4"/>`) },
  { type: 'geoPoint', label: 'Geo point', icon: ic(svg`<path d="M12 22s7-7 7-12a7 7 0 00-14 0c0 5 7 12 7 12z"/><circle cx="12" cy="10" r="2.5"/>`) },
];

export function typeInfo(type) {
  return FIELD_TYPES.find((t) => t.type === type) || { type, label: type, icon: ic(svg`<circle cx="12" cy="12" r="8"/>`) };
}

/** The options a new field of each type starts with (the rest the server fills in). */
const NEW_FIELD_OPTIONS = {
  text: { min: 0, max: 0, pattern: '', autogeneratePattern: '', primaryKey: false },
  editor: { maxSize: 0, convertURLs: false },
  number: { min: null, max: null, onlyInt: false },
  email: { onlyDomains: [], exceptDomains: [] },
  url: { onlyDomains: [], exceptDomains: [] },
  date: { min: '', max: '' },
  autodate: { onCreate: true, onUpdate: false },
  select: { values: [], maxSelect: 1 },
  file: { maxSelect: 1, maxSize: 0, mimeTypes: [], thumbs: [], protected: false },
  relation: { collectionId: '', cascadeDelete: false, minSelect: 0, maxSelect: 1 },
  json: { maxSize: 0 },
  password: { min: 0, max: 0, pattern: '', cost: 0 },
};

const MIME_PRESETS = [
  { label: 'Images', hint: 'jpg, png, svg, gif, webp', types: ['image/jpeg', 'image/png', 'image/svg+xml', 'image/gif', 'image/webp'] },
  { label: 'Documents', hint: 'pdf, doc/docx, xls/xlsx', types: ['application/pdf', 'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] },
  { label: 'Videos', hint: 'mp4, mpeg, avi, mov, 3gp', types: ['video/mp4', 'video/mpeg', 'video/x-msvideo', 'video/quicktime', 'video/3gpp'] },
  { label: 'Archives', hint: 'zip, 7zip, rar', types: ['application/zip', 'application/x-7z-compressed', 'application/x-rar-compressed'] },
];

const COMMON_MIME_TYPES = [
  'image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/svg+xml', 'image/avif', 'image/heic', 'application/pdf',
  'text/plain', 'text/csv', 'text/html', 'text/markdown', 'application/json', 'application/zip', 'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'audio/mpeg', 'audio/wav', 'audio/ogg',
  'video/mp4', 'video/webm', 'video/quicktime',
];

/** Fields whose name PocketBase locks: every system field (id; email, password... of auth collections). */
export function isLocked(field) {
  return !!field.system;
}

/** "2024-01-02 03:04:05.000Z" → the value of a datetime-local input (in UTC). */
function toLocalInput(value) {
  if (!value) return '';
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)/.exec(value);
  return m ? `${m[1]}T${m[2]}` : '';
}

/** The value of a datetime-local input (read as UTC) → PocketBase's datetime format. */
function fromLocalInput(value) {
  if (!value) return '';
  const [d, t = '00:00'] = value.split('T');
  const time = t.length === 5 ? `${t}:00` : t.slice(0, 8);
  return `${d} ${time}.000Z`;
}

let keySeq = 0;

class FieldsEditor extends LightElement {
  static properties = {
    collection: { attribute: false },
    original: { attribute: false },
    collections: { attribute: false },
    fieldErrors: { attribute: false }, // WeakMap field -> its error data from the last save
    rev: { type: Number },
    picking: { state: true },
    dropAt: { state: true },
  };

  constructor() {
    super();
    this.keys = new WeakMap();
    this.open = new Set();
    this.picking = false;
    this.dropAt = null;
    this.dragging = null;
  }

  connectedCallback() {
    super.connectedCallback();
    editorStyles();
  }

  get fields() {
    return this.collection?.fields || [];
  }

  get isAuth() {
    return this.collection?.type === 'auth';
  }

  key(f) {
    let k = this.keys.get(f);
    if (!k) {
      keySeq += 1;
      k = `fk${keySeq}`;
      this.keys.set(f, k);
    }
    return k;
  }

  originalOf(f) {
    return f.id ? this.original?.fields?.find((o) => o.id === f.id) : undefined;
  }

  errorsOf(f) {
    return this.fieldErrors?.get(f) || null;
  }

  /** Opens the settings of a field (used by the editor for fields with errors). */
  expand(f) {
    this.open.add(this.key(f));
    this.requestUpdate();
  }

  changed(f) {
    this.requestUpdate();
    emitChange(this, f ? { field: f } : undefined);
  }

  set(f, key, value) {
    f[key] = value;
    this.changed(f);
  }

  // --- list operations -------------------------------------------------------------------------

  uniqueName(base) {
    const taken = (n) => this.fields.some((f) => f.name.toLowerCase() === n.toLowerCase());
    if (!taken(base)) return base;
    const m = /^(.*?)(\d+)$/.exec(base);
    const stem = m ? m[1] : base;
    let n = m ? Number(m[2]) + 1 : 2;
    while (taken(`${stem}${n}`)) n += 1;
    return `${stem}${n}`;
  }

  addField(type) {
    const field = {
      id: '', name: this.uniqueName(type === 'geoPoint' ? 'location' : type), type, system: false, hidden: false,
      presentable: false, ...(type === 'autodate' ? {} : { required: false, help: '' }), ...clone(NEW_FIELD_OPTIONS[type] || {}),
    };
    const list = this.collection.fields || (this.collection.fields = []);
    // new fields go before the trailing autodate fields (created/updated), as PocketBase adds them
    let at = list.length;
    if (type !== 'autodate') {
      while (at > 0 && list[at - 1].type === 'autodate') at -= 1;
    }
    list.splice(at, 0, field);
    this.picking = false;
    this.open = new Set([this.key(field)]);
    this.focusKey = this.key(field);
    this.changed(field);
  }

  duplicate(f) {
    const copy = clone(f);
    delete copy['@toDelete'];
    copy.id = '';
    copy.system = false;
    if (copy.primaryKey) copy.primaryKey = false;
    copy.name = this.uniqueName(`${f.name}_copy`);
    const list = this.collection.fields;
    list.splice(list.indexOf(f) + 1, 0, copy);
    this.open = new Set([this.key(copy)]);
    this.focusKey = this.key(copy);
    this.changed(copy);
  }

  removeField(f) {
    const list = this.collection.fields;
    const orig = this.originalOf(f);
    if (orig) {
      // a saved field is only marked: it is restorable until the collection is saved
      if (f.name !== orig.name) this.rename(f, orig.name);
      f['@toDelete'] = true;
    } else {
      list.splice(list.indexOf(f), 1);
    }
    this.open.delete(this.key(f));
    this.changed(f);
  }

  restore(f) {
    delete f['@toDelete'];
    this.changed(f);
  }

  move(f, delta) {
    const list = this.collection.fields;
    const from = list.indexOf(f);
    const to = from + delta;
    if (to < 0 || to >= list.length) return;
    list.splice(from, 1);
    list.splice(to, 0, f);
    this.changed();
    this.updateComplete.then(() => {
      this.querySelector(`[data-key="${this.key(f)}"] [data-move="${delta < 0 ? 'up' : 'down'}"]:not([disabled])`)?.focus();
    });
  }

  /** Renames a field and keeps the indexes and identity fields that use its old name in step. */
  rename(f, value) {
    const oldName = f.name;
    const newName = normalizeName(value);
    f.name = newName;
    if (oldName === newName) return;
    const stillUsed = this.fields.some((x) => x !== f && !x['@toDelete'] && x.name === oldName);
    if (!stillUsed && oldName && newName) {
      if (this.collection.indexes?.length) {
        this.collection.indexes = this.collection.indexes.map((idx) => withColumnRenamed(idx, oldName, newName));
      }
      const ids = this.collection.passwordAuth?.identityFields;
      if (ids?.length) this.collection.passwordAuth.identityFields = ids.map((n) => (n === oldName ? newName : n));
    }
  }

  // --- drag and drop ---------------------------------------------------------------------------

  onDragStart(e, f) {
    this.dragging = f;
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', f.name);
    const row = e.target.closest('.ce-field');
    if (row) e.dataTransfer.setDragImage(row, 16, 16);
  }

  onDragOver(e, f) {
    if (!this.dragging) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    const r = e.currentTarget.getBoundingClientRect();
    const after = e.clientY > r.top + r.height / 2;
    if (this.dropAt?.f !== f || this.dropAt?.after !== after) this.dropAt = { f, after };
  }

  onDrop(e, f) {
    if (!this.dragging) return;
    e.preventDefault();
    const moving = this.dragging;
    const after = this.dropAt?.f === f ? this.dropAt.after : false;
    this.dragging = null;
    this.dropAt = null;
    this.moveTo(moving, f, after);
  }

  /** Moves a field before (or after) another one. */
  moveTo(moving, target, after) {
    if (!moving || !target || moving === target) return;
    const list = this.collection.fields;
    list.splice(list.indexOf(moving), 1);
    list.splice(list.indexOf(target) + (after ? 1 : 0), 0, moving);
    this.changed();
  }

  /** Touch and pen dragging on the handle (the mouse uses the browser's drag and drop). */
  onPointerDown(e, f) {
    if (e.pointerType === 'mouse') return;
    e.preventDefault();
    const handle = e.currentTarget;
    try {
      handle.setPointerCapture(e.pointerId);
    } catch {
      // not an active pointer (synthetic events): moves still reach the handle while over it
    }
    this.dragging = f;
    const move = (ev) => {
      const el = document.elementFromPoint(ev.clientX, ev.clientY)?.closest('.ce-field');
      const target = el && this.contains(el) ? this.fields.find((x) => this.key(x) === el.dataset.key) : null;
      if (!target) return;
      const r = el.getBoundingClientRect();
      const after = ev.clientY > r.top + r.height / 2;
      if (this.dropAt?.f !== target || this.dropAt?.after !== after) this.dropAt = { f: target, after };
    };
    const end = (ev) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      const drop = this.dropAt;
      this.dragging = null;
      this.dropAt = null;
      if (ev.type === 'pointerup' && drop) this.moveTo(f, drop.f, drop.after);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  }

  onDragEnd() {
    this.dragging = null;
    this.dropAt = null;
  }

  updated() {
    if (this.focusKey) {
      const input = this.querySelector(`[data-key="${this.focusKey}"] .ce-field-name input`);
      this.focusKey = null;
      if (input) {
        input.focus();
        input.select();
      }
    }
  }

  // --- rendering -------------------------------------------------------------------------------

  render() {
    if (!this.collection) return nothing;
    const fields = this.fields;
    return html`<ul class="ce-fields" aria-label="Fields">
        ${fields.map((f, i) => this.renderField(f, i, fields.length))}
      </ul>
      <div class="ce-new-field">
        <button type="button" class="btn btn-secondary btn-block" aria-expanded=${this.picking ? 'true' : 'false'}
          @click=${() => { this.picking = !this.picking; }}>${ceIcons.plus} New field</button>
        ${this.picking ? html`<div class="ce-type-picker" role="group" aria-label="Field type"
          @keydown=${(e) => { if (e.key === 'Escape') { e.stopPropagation(); this.picking = false; } }}>
          ${FIELD_TYPES.map((t) => html`<button type="button" class="ce-type-option" @click=${() => this.addField(t.type)}>
            ${t.icon}<span>${t.label}</span></button>`)}
        </div>` : nothing}
      </div>`;
  }

  renderField(f, i, count) {
    const k = this.key(f);
    const deleted = !!f['@toDelete'];
    const locked = isLocked(f);
    const open = this.open.has(k) && !deleted;
    const errs = this.errorsOf(f);
    const info = typeInfo(f.type);
    const drop = this.dropAt?.f === f ? (this.dropAt.after ? 'ce-drop-after' : 'ce-drop-before') : '';
    const label = f.name || `field ${i + 1}`;
    const summary = this.summary(f);
    return html`<li class="ce-field ${deleted ? 'ce-deleted' : ''} ${open ? 'ce-open' : ''} ${drop} ${errs ? 'ce-has-error' : ''}"
      data-key=${k} data-field-name=${f.name} data-field-type=${f.type}
      @dragover=${(e) => this.onDragOver(e, f)} @drop=${(e) => this.onDrop(e, f)}>
      <div class="ce-field-row">
        <span class="ce-drag" draggable="true" title="Drag to reorder" aria-hidden="true"
          @dragstart=${(e) => this.onDragStart(e, f)} @dragend=${() => this.onDragEnd()}
          @pointerdown=${(e) => this.onPointerDown(e, f)}>${ceIcons.drag}</span>
        <span class="ce-type-icon" title=${`${info.label}${locked ? ' (system)' : ''}`}>${info.icon}<span class="sr-only">${info.label}</span></span>
        <span class="ce-field-name">
          <input aria-label="Field name" .value=${f.name} ?disabled=${locked || deleted} spellcheck="false" placeholder="Field name"
            autocomplete="off" @input=${(e) => { this.rename(f, e.target.value); if (e.target.value !== f.name) e.target.value = f.name; this.changed(f); }}>
        </span>
        <span class="ce-badges">
          ${locked ? html`<span class="badge" title="System field">${ceIcons.lock}<span class="sr-only">System</span></span>` : nothing}
          ${summary ? html`<span class="badge ce-summary">${summary}</span>` : nothing}
          ${f.required ? html`<span class="badge badge-success">Nonempty</span>` : nothing}
          ${f.hidden ? html`<span class="badge badge-danger">Hidden</span>` : f.presentable ? html`<span class="badge badge-primary">Presentable</span>` : nothing}
          ${deleted ? html`<span class="badge badge-danger">Deleted on save</span>` : nothing}
          ${!f.id && !deleted && this.original?.id ? html`<span class="badge">New</span>` : nothing}
        </span>
        <span class="ce-row-actions">
          <button type="button" class="btn-icon ce-move" data-move="up" aria-label="Move ${label} up" title="Move up"
            ?disabled=${i === 0} @click=${() => this.move(f, -1)}>${ceIcons.up}</button>
          <button type="button" class="btn-icon ce-move" data-move="down" aria-label="Move ${label} down" title="Move down"
            ?disabled=${i === count - 1} @click=${() => this.move(f, 1)}>${ceIcons.down}</button>
          ${deleted
            ? html`<button type="button" class="btn btn-secondary btn-sm" aria-label="Restore ${label}" @click=${() => this.restore(f)}>Restore</button>`
            : html`<button type="button" class="btn-icon ${errs ? 'ce-error-icon' : ''}" aria-expanded=${open ? 'true' : 'false'}
                aria-label="Options of ${label}" title="Field options"
                @click=${() => { if (open) this.open.delete(k); else this.open = new Set([k]); this.requestUpdate(); }}>${ceIcons.settings}</button>`}
        </span>
      </div>
      ${errorAt(errs, 'name') ? html`<small class="field-error ce-row-error" role="alert">${errorAt(errs, 'name')}</small>` : nothing}
      ${!open && errs && !errorAt(errs, 'name') ? html`<small class="field-error ce-row-error" role="alert">This field has errors: open its options.</small>` : nothing}
      ${open ? this.renderSettings(f, errs) : nothing}
    </li>`;
  }

  /** A short description of the main option, shown on the collapsed row. */
  summary(f) {
    switch (f.type) {
      case 'relation': {
        const c = this.collections?.find((x) => x.id === f.collectionId);
        const target = c ? c.name : f.collectionId ? f.collectionId : 'no collection';
        return `→ ${target}${f.maxSelect > 1 ? ' (multiple)' : ''}`;
      }
      case 'select':
        return `${(f.values || []).length} choices${f.maxSelect > 1 ? ', multiple' : ''}`;
      case 'file':
        return f.maxSelect > 1 ? 'multiple' : 'single';
      case 'autodate':
        return f.onCreate && f.onUpdate ? 'on create/update' : f.onUpdate ? 'on update' : 'on create';
      case 'number': {
        const range = f.min !== null && f.min !== undefined || f.max !== null && f.max !== undefined
          ? `${f.min ?? '…'} to ${f.max ?? '…'}` : '';
        return [range, f.onlyInt ? 'integers' : ''].filter(Boolean).join(', ');
      }
      case 'email':
      case 'url':
        if (f.onlyDomains?.length) return `only ${f.onlyDomains.join(', ')}`;
        return f.exceptDomains?.length ? `not ${f.exceptDomains.join(', ')}` : '';
      case 'date':
        return [f.min ? `from ${f.min.slice(0, 10)}` : '', f.max ? `to ${f.max.slice(0, 10)}` : ''].filter(Boolean).join(' ');
      case 'text':
        if (f.primaryKey) return 'primary key';
        return f.max ? `max ${f.max} chars` : '';
      default:
        return '';
    }
  }

  renderSettings(f, errs) {
    const orig = this.originalOf(f);
    const name = f.name;
    const auth = this.isAuth;
    const requiredLocked = name === 'id' || (auth && f.system && ['password', 'tokenKey'].includes(name));
    const hiddenLocked = name === 'id' || (auth && f.system && ['password', 'tokenKey', 'email'].includes(name));
    const known = new Set(['name', 'required', 'hidden', 'presentable', 'help', ...Object.keys(f)]);
    const other = errorList(errs).filter((e) => !known.has(e.path.split('.')[0]));
    const noRequired = f.type === 'autodate';
    const noHidden = f.type === 'password';
    return html`<div class="ce-field-settings" role="group" aria-label="Options of ${name || 'the new field'}">
      ${other.map((e) => html`<p class="field-error" role="alert">${e.path}: ${e.message}</p>`)}
      <div class="ce-grid">${this.typeSettings(f, errs, orig)}</div>
      ${f.type === 'autodate' ? nothing : this.text(f, errs, 'help', 'Help text', { wide: true, placeholder: 'Shown under the input in the record form' })}
      <div class="ce-field-footer">
        ${noRequired ? nothing : html`<label class="check" title=${this.requiredHint(f)}>
          <input type="checkbox" .checked=${!!f.required} ?disabled=${requiredLocked}
            @change=${(e) => this.set(f, 'required', e.target.checked)}> Nonempty <span class="hint">${this.requiredHint(f)}</span></label>`}
        ${noHidden ? nothing : html`<label class="check" title="Hidden from the API answers and filters (superusers still see it)">
          <input type="checkbox" .checked=${!!f.hidden} ?disabled=${hiddenLocked}
            @change=${(e) => { f.hidden = e.target.checked; if (f.hidden) f.presentable = false; this.changed(f); }}> Hidden</label>`}
        ${noHidden ? nothing : html`<label class="check" title="Shown for the record in relation pickers and lists">
          <input type="checkbox" .checked=${!!f.presentable} ?disabled=${!!f.hidden}
            @change=${(e) => this.set(f, 'presentable', e.target.checked)}> Presentable</label>`}
        <span class="grow"></span>
        ${f.system || f.type === 'password' ? nothing : html`<button type="button" class="btn btn-secondary btn-sm"
          @click=${() => this.duplicate(f)}>${ceIcons.copy} Duplicate</button>`}
        ${f.system ? nothing : html`<button type="button" class="btn btn-secondary btn-sm ce-danger-text"
          aria-label="Delete field ${name}" @click=${() => this.removeField(f)}>${ceIcons.trash} Delete</button>`}
      </div>
    </div>`;
  }

  requiredHint(f) {
    switch (f.type) {
      case 'bool': return '(must be true)';
      case 'number': return '(not 0)';
      case 'json': return '(not null, "", [] or {})';
      case 'geoPoint': return '(not 0,0)';
      case 'select': case 'file': case 'relation': return f.maxSelect > 1 ? '(at least one)' : "(not '')";
      default: return "(not '')";
    }
  }

  // --- inputs ------------------------------------------------------------------------------------

  text(f, errs, key, label, { placeholder = '', help = '', wide = false, mono = false } = {}) {
    const err = errorAt(errs, key);
    return html`<label class="field ${wide ? 'ce-wide' : ''} ${err ? 'invalid' : ''}"><span>${label}</span>
      <input aria-label=${label} class=${mono ? 'mono' : ''} .value=${f[key] ?? ''} placeholder=${placeholder} spellcheck="false"
        @input=${(e) => this.set(f, key, e.target.value)}>
      ${help ? html`<small class="field-help">${help}</small>` : nothing}
      ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}</label>`;
  }

  /** A number input; nullable ones store null when empty, the others 0. */
  number(f, errs, key, label, { placeholder = '', help = '', nullable = false, int = true, min } = {}) {
    const err = errorAt(errs, key);
    const v = f[key];
    const shown = v === null || v === undefined || (!nullable && v === 0) ? '' : String(v);
    return html`<label class="field ${err ? 'invalid' : ''}"><span>${label}</span>
      <input aria-label=${label} type="number" inputmode=${int ? 'numeric' : 'decimal'} step=${int ? '1' : 'any'} min=${min ?? nothing}
        .value=${shown} placeholder=${placeholder}
        @input=${(e) => {
          const n = numberOrNull(e.target.value);
          this.set(f, key, nullable ? n : (n === null ? 0 : (int ? Math.trunc(n) : n)));
        }}>
      ${help ? html`<small class="field-help">${help}</small>` : nothing}
      ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}</label>`;
  }

  check(f, key, label, help = '') {
    return html`<label class="check ce-wide" title=${help}><input type="checkbox" .checked=${!!f[key]}
      @change=${(e) => this.set(f, key, e.target.checked)}> ${label}${help ? html` <span class="hint">${help}</span>` : nothing}</label>`;
  }

  /** A comma separated list stored as an array. */
  list(f, errs, key, label, { placeholder = '', help = '', disabled = false, wide = false } = {}) {
    const err = errorAt(errs, key);
    return html`<label class="field ${wide ? 'ce-wide' : ''} ${err ? 'invalid' : ''}"><span>${label}</span>
      <input aria-label=${label} .value=${(f[key] || []).join(', ')} placeholder=${placeholder} ?disabled=${disabled} spellcheck="false"
        @change=${(e) => { this.set(f, key, splitList(e.target.value)); e.target.value = f[key].join(', '); }}>
      ${help ? html`<small class="field-help">${help}</small>` : nothing}
      ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}</label>`;
  }

  singleMultiple(f, errs, { onMultiple = 2 } = {}) {
    const multiple = f.maxSelect > 1;
    return html`<label class="field"><span>Single or multiple</span>
      <select aria-label="Single or multiple" @change=${(e) => {
        if (e.target.value === 'multiple') {
          if (!(f.maxSelect > 1)) f.maxSelect = onMultiple;
        } else {
          f.maxSelect = 1;
          if ('minSelect' in f) f.minSelect = 0;
        }
        this.changed(f);
      }}>
        <option value="single" ?selected=${!multiple}>Single</option>
        <option value="multiple" ?selected=${multiple}>Multiple</option>
      </select></label>`;
  }

  date(f, errs, key, label) {
    const err = errorAt(errs, key);
    return html`<label class="field ${err ? 'invalid' : ''}"><span>${label}</span>
      <input aria-label=${label} type="datetime-local" step="1" .value=${toLocalInput(f[key])}
        @change=${(e) => this.set(f, key, fromLocalInput(e.target.value))}>
      ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}</label>`;
  }

  chipsEditor(f, errs, key, { label, placeholder, suggestions = null, addLabel }) {
    const values = f[key] || [];
    const err = errorAt(errs, key);
    const listId = suggestions ? `ce-dl-${this.key(f)}-${key}` : undefined;
    const add = (input) => {
      const parts = input.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
      if (!parts.length) return;
      f[key] = [...values, ...parts.filter((p) => !values.includes(p))];
      input.value = '';
      this.changed(f);
    };
    return html`<div class="field ce-wide ${err ? 'invalid' : ''}"><span class="field-label">${label}</span>
      <div class="chips ce-chip-list" aria-label=${label} role="list">
        ${values.map((v, i) => html`<span class="chip" role="listitem">${v}
          <button type="button" class="ce-chip-x" aria-label="Remove ${v}"
            @click=${() => { f[key] = values.filter((_, j) => j !== i); this.changed(f); }}>${ceIcons.close}</button></span>`)}
        ${values.length ? nothing : html`<span class="hint">None</span>`}
      </div>
      <div class="ce-add-row">
        <input aria-label=${addLabel} placeholder=${placeholder} list=${listId ?? nothing} spellcheck="false"
          @keydown=${(e) => { if (e.key === 'Enter') { e.preventDefault(); add(e.target); } }}
          @change=${(e) => { if (suggestions && suggestions.includes(e.target.value.trim())) add(e.target); }}>
        <button type="button" class="btn btn-secondary btn-sm" @click=${(e) => add(e.target.previousElementSibling)}>Add</button>
        ${suggestions ? html`<datalist id=${listId}>${suggestions.map((s) => html`<option value=${s}></option>`)}</datalist>` : nothing}
      </div>
      ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}
    </div>`;
  }

  // --- type options --------------------------------------------------------------------------------

  typeSettings(f, errs, orig) {
    switch (f.type) {
      case 'text':
        return html`
          ${f.primaryKey ? html`<p class="hint ce-wide">The primary key: record ids must also be unique (case-insensitive) and without forbidden characters.</p>` : nothing}
          ${this.number(f, errs, 'min', 'Min length', { placeholder: 'No min limit', min: 0 })}
          ${this.number(f, errs, 'max', 'Max length', { placeholder: 'Default max 5000 characters', min: 0 })}
          ${this.text(f, errs, 'pattern', 'Validation pattern', { placeholder: 'e.g. ^[a-z0-9]+$', mono: true, help: 'A regular expression the value must match.' })}
          ${this.text(f, errs, 'autogeneratePattern', 'Autogenerate pattern', { placeholder: 'e.g. [a-z0-9]{30}', mono: true, help: 'Fills a missing value on create with text matching it.' })}`;
      case 'editor':
        return html`
          ${this.number(f, errs, 'maxSize', 'Max size (bytes)', { placeholder: 'Default max ~5 MB', min: 0, help: formatBytes(f.maxSize) })}
          ${this.check(f, 'convertURLs', 'Strip URLs domain', '(store relative links for this site\'s URLs)')}`;
      case 'number':
        return html`
          ${this.number(f, errs, 'min', 'Min', { nullable: true, int: false, placeholder: 'No min' })}
          ${this.number(f, errs, 'max', 'Max', { nullable: true, int: false, placeholder: 'No max' })}
          ${this.check(f, 'onlyInt', 'No decimals', '(integers only; existing decimals stay)')}`;
      case 'bool':
      case 'geoPoint':
        return html`<p class="hint ce-wide">${f.type === 'bool' ? 'A true/false value.' : 'A {lon, lat} point; 0,0 counts as empty.'} No other options.</p>`;
      case 'email':
      case 'url':
        return html`
          ${this.list(f, errs, 'onlyDomains', 'Only domains', { placeholder: 'e.g. example.com, example.org', disabled: (f.exceptDomains || []).length > 0, help: 'Comma separated. Accept only these.' })}
          ${this.list(f, errs, 'exceptDomains', 'Except domains', { placeholder: 'e.g. example.com', disabled: (f.onlyDomains || []).length > 0, help: 'Comma separated. Refuse these.' })}`;
      case 'date':
        return html`
          ${this.date(f, errs, 'min', 'Min date (UTC)')}
          ${this.date(f, errs, 'max', 'Max date (UTC)')}`;
      case 'autodate': {
        const v = f.onCreate && f.onUpdate ? 'both' : f.onUpdate ? 'update' : 'create';
        return html`<label class="field"><span>Set on</span>
          <select aria-label="Set on" ?disabled=${!!this.original?.system && !!orig}
            @change=${(e) => { f.onCreate = e.target.value !== 'update'; f.onUpdate = e.target.value !== 'create'; this.changed(f); }}>
            <option value="create" ?selected=${v === 'create'}>Create</option>
            <option value="update" ?selected=${v === 'update'}>Update</option>
            <option value="both" ?selected=${v === 'both'}>Create and update</option>
          </select>${errorAt(errs, 'onCreate') || errorAt(errs, 'onUpdate') ? html`<small class="field-error" role="alert">${errorAt(errs, 'onCreate') || errorAt(errs, 'onUpdate')}</small>` : nothing}</label>`;
      }
      case 'select':
        return html`
          ${this.chipsEditor(f, errs, 'values', { label: 'Choices', placeholder: 'New choice (Enter adds; commas split)', addLabel: 'New choice' })}
          ${this.singleMultiple(f, errs, { onMultiple: Math.max(2, (f.values || []).length) })}
          ${f.maxSelect > 1 ? this.number(f, errs, 'maxSelect', 'Max select', { min: 2 }) : nothing}`;
      case 'file':
        return html`
          ${this.singleMultiple(f, errs, { onMultiple: 99 })}
          ${f.maxSelect > 1 ? this.number(f, errs, 'maxSelect', 'Max files', { min: 2 }) : nothing}
          ${this.number(f, errs, 'maxSize', 'Max size per file (bytes)', { placeholder: 'Default ~5 MB', min: 0, help: formatBytes(f.maxSize) })}
          ${this.chipsEditor(f, errs, 'mimeTypes', { label: 'Allowed mime types (none: any)', placeholder: 'e.g. image/png', suggestions: COMMON_MIME_TYPES, addLabel: 'New mime type' })}
          <div class="ce-wide ce-presets" role="group" aria-label="Mime type presets"><span class="hint">Presets:</span>
            ${MIME_PRESETS.map((p) => html`<button type="button" class="chip ce-toggle-chip" title=${p.hint}
              @click=${() => { f.mimeTypes = [...new Set([...(f.mimeTypes || []), ...p.types])]; this.changed(f); }}>${p.label}</button>`)}
          </div>
          ${this.list(f, errs, 'thumbs', 'Thumb sizes', { placeholder: 'e.g. 50x50, 480x720', wide: true, help: 'Comma separated WxH (crop center), WxHt (top), WxHb (bottom), WxHf (fit), 0xH or Wx0 (keep ratio). 100x100 always exists.' })}
          ${this.check(f, 'protected', 'Protected', '(files need a file token to be downloaded)')}`;
      case 'relation': {
        const targets = (this.collections || []).filter((c) => c.type !== 'view');
        const err = errorAt(errs, 'collectionId');
        return html`
          <label class="field ${err ? 'invalid' : ''}"><span class="required">Collection</span>
            <select aria-label="Collection" ?disabled=${!!orig} @change=${(e) => this.set(f, 'collectionId', e.target.value)}>
              <option value="" ?selected=${!f.collectionId}>Select a collection</option>
              ${targets.map((c) => html`<option value=${c.id} ?selected=${c.id === f.collectionId}>${c.name}</option>`)}
            </select>
            ${orig ? html`<small class="field-help">The collection of a saved relation can't change.</small>` : nothing}
            ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}</label>
          ${this.singleMultiple(f, errs, { onMultiple: 999 })}
          ${f.maxSelect > 1 ? html`${this.number(f, errs, 'minSelect', 'Min select', { min: 0, placeholder: 'No min' })}
            ${this.number(f, errs, 'maxSelect', 'Max select', { min: 2 })}` : nothing}
          <label class="field"><span>Cascade delete</span>
            <select aria-label="Cascade delete" @change=${(e) => this.set(f, 'cascadeDelete', e.target.value === 'true')}>
              <option value="false" ?selected=${!f.cascadeDelete}>False</option>
              <option value="true" ?selected=${!!f.cascadeDelete}>True</option>
            </select>
            <small class="field-help">Delete this record when the related one is deleted (and no other remains).</small></label>`;
      }
      case 'json':
        return html`${this.number(f, errs, 'maxSize', 'Max size (bytes)', { placeholder: 'Default ~1 MB', min: 0, help: formatBytes(f.maxSize) })}
          <p class="hint ce-wide">Submitted strings are normalized: "true"/"false" and numeric strings become JSON, quoted strings stay, others get quoted.</p>`;
      case 'password':
        return html`
          ${this.number(f, errs, 'min', 'Min length', { placeholder: 'No min limit', min: 0 })}
          ${this.number(f, errs, 'max', 'Max length', { placeholder: 'Up to 71 characters', min: 0 })}
          ${this.text(f, errs, 'pattern', 'Validation pattern', { placeholder: 'e.g. ^\\w+$', mono: true })}
          ${this.number(f, errs, 'cost', 'Bcrypt cost', { placeholder: 'Default 10', min: 0 })}`;
      default:
        return html`<p class="hint ce-wide">Unknown field type "${f.type}".</p>`;
    }
  }
}
customElements.define('c-fields-editor', FieldsEditor);
