// The field types of the collection editor and their option editors: the type list with icons (the "+ New field"
// picker), the options a new field starts with, the one-line summary of a collapsed field, and the inputs of every
// type's options with PocketBase's JSON keys. TypeOptions is mixed into the fields list element (field-settings.js),
// whose set(), changed(), key(), original and collections these methods use.
import { html, svg, nothing } from 'lit';
import { errorAt, formatBytes, numberOrNull, splitList, ceIcons } from './field-settings-shared.js';

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

export const NEW_FIELD_OPTIONS = {
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

/** The per-type option editors of the fields list (a mixin: Base is the fields list element's base class). */
export const TypeOptions = (Base) => class extends Base {
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
};
