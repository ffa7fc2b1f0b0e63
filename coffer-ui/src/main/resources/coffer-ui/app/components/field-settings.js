// The fields of a collection in the collection editor: the ordered list (drag to reorder, or the move buttons),
// inline rename, delete (restorable until saved), duplicate, "+ New field" with a picker of every field type,
// and per field its settings in an expandable section: the common ones (nonempty, hidden, presentable, help
// text), every option of its type, with PocketBase's JSON keys, and its access (read and write rules, mask:
// field-access.js).
import { html, nothing } from 'lit';
import { LightElement } from '../ui.js';
import { clone, editorStyles, emitChange, errorAt, errorList, normalizeName, ceIcons } from './field-settings-shared.js';
import { withColumnRenamed } from './index-editor.js';
import { FIELD_TYPES, NEW_FIELD_OPTIONS, TypeOptions, typeInfo } from './field-settings-types.js';
import { accessBadges, fieldAccess } from './field-access.js';

export { FIELD_TYPES, typeInfo };

/** Fields whose name PocketBase locks: every system field (id; email, password... of auth collections). */
export function isLocked(field) {
  return !!field.system;
}

let keySeq = 0;

class FieldsEditor extends TypeOptions(LightElement) {
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
          ${accessBadges(f)}
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

  renderSettings(f, errs) {
    const orig = this.originalOf(f);
    const name = f.name;
    const auth = this.isAuth;
    const requiredLocked = name === 'id' || (auth && f.system && ['password', 'tokenKey'].includes(name));
    const hiddenLocked = name === 'id' || (auth && f.system && ['password', 'tokenKey', 'email'].includes(name));
    const known = new Set(['name', 'required', 'hidden', 'presentable', 'help', 'readRule', 'writeRule', 'mask', ...Object.keys(f)]);
    const other = errorList(errs).filter((e) => !known.has(e.path.split('.')[0]));
    const noRequired = f.type === 'autodate';
    const noHidden = f.type === 'password';
    return html`<div class="ce-field-settings" role="group" aria-label="Options of ${name || 'the new field'}">
      ${other.map((e) => html`<p class="field-error" role="alert">${e.path}: ${e.message}</p>`)}
      <div class="ce-grid">${this.typeSettings(f, errs, orig)}</div>
      ${f.type === 'autodate' ? nothing : this.text(f, errs, 'help', 'Help text', { wide: true, placeholder: 'Shown under the input in the record form' })}
      ${fieldAccess({
        field: f, errors: errs, collection: this.collection, collections: this.collections,
        onChange: () => this.changed(f),
      })}
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
}
customElements.define('c-fields-editor', FieldsEditor);
