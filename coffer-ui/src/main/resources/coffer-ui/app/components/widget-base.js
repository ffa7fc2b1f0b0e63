// The record form's widgets: the base element every widget extends, and per widget kind (the `widget` of a
// ui-schema field) how its form value is read from a record, checked before sending (mirroring the field's
// `validation`) and turned into the request body.
//
// A widget element gets .field (the ui-schema entry), .value (its form value), .errors (field name → message,
// client and server errors together), .record (the record being edited, null for a new one), .isNew and
// .collection, and fires `widget-change` (bubbles, detail {name, value}) on every edit.
import { html, nothing } from 'lit';
import { LightElement, uid } from '../ui.js';
import { parsePbDate } from './record-util.js';

export const toArray = (v) => (Array.isArray(v) ? v : (v === undefined || v === null || v === '' ? [] : [v]));
const runes = (s) => [...String(s ?? '')].length;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A JavaScript RegExp for a Go pattern (mostly the same syntax); null when it can't be read. */
function goRegExp(pattern) {
  try {
    return new RegExp(pattern.replace(/^\(\?i\)/, ''), pattern.startsWith('(?i)') ? 'iu' : 'u');
  } catch {
    try {
      return new RegExp(pattern);
    } catch {
      return null;
    }
  }
}

function textChecks(f, v) {
  const val = f.validation || {};
  const s = String(v ?? '');
  if (!s) return f.required ? 'Cannot be blank.' : '';
  if (val.min && runes(s) < val.min) return `Must be at least ${plural(val.min, 'character')}.`;
  if (val.max && runes(s) > val.max) return `Must be no more than ${plural(val.max, 'character')}.`;
  if (val.pattern) {
    const re = goRegExp(val.pattern);
    if (re && !re.test(s)) return `Invalid value format (must match ${val.pattern}).`;
  }
  return '';
}

function domainChecks(f, host) {
  const val = f.validation || {};
  const h = String(host || '').toLowerCase();
  const only = (val.onlyDomains || []).map((d) => d.toLowerCase());
  const except = (val.exceptDomains || []).map((d) => d.toLowerCase());
  if (only.length && !only.includes(h)) return `The domain must be one of: ${only.join(', ')}.`;
  if (except.length && except.includes(h)) return `The domain ${h} is not allowed.`;
  return '';
}

const EMAIL_RE = /^[^\s@"<>]+@[^\s@"<>]+\.[^\s@"<>]+$/;

function byteSize(s) {
  return new TextEncoder().encode(s).length;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

const textModel = {
  init: (f, r) => (r?.[f.name] ?? ''),
  validate: (f, v) => textChecks(f, v),
};

/**
 * Per widget kind: init(field, record) → form value; validate(field, value, ctx) → message or '' (or an object
 * of key → message); body(field, value, ctx) → the keys to send; changed(field, value, initial) → whether it was
 * edited.
 */
export const MODELS = {
  id: {
    init: (f, r) => r?.id ?? '',
    validate: (f, v, ctx) => (ctx.isNew && v ? textChecks({ ...f, required: false }, v) : ''),
    body: (f, v, ctx) => (ctx.isNew && v ? { id: v } : {}),
  },
  text: textModel,
  textarea: textModel,
  email: {
    init: textModel.init,
    validate: (f, v) => {
      if (!v) return f.required ? 'Cannot be blank.' : '';
      if (!EMAIL_RE.test(v)) return 'Must be a valid email address.';
      return domainChecks(f, v.split('@').pop());
    },
  },
  url: {
    init: textModel.init,
    validate: (f, v) => {
      if (!v) return f.required ? 'Cannot be blank.' : '';
      let u;
      try {
        u = new URL(v);
      } catch {
        return 'Must be a valid url.';
      }
      if (!/^[a-z][a-z0-9+.-]*:$/i.test(u.protocol) || !u.hostname) return 'Must be a valid url.';
      return domainChecks(f, u.hostname);
    },
  },
  richtext: {
    init: textModel.init,
    validate: (f, v) => {
      const text = String(v ?? '').replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').trim();
      if (!text && !/<img/i.test(v || '')) return f.required ? 'Cannot be blank.' : '';
      const max = f.validation?.maxSize;
      if (max && byteSize(v) > max) return `Must be less than ${max} bytes.`;
      return '';
    },
  },
  number: {
    init: (f, r) => (r ? (r[f.name] ?? '') : ''),
    validate: (f, v) => {
      const val = f.validation || {};
      if (v === '' || v === null || v === undefined) return f.required ? 'Cannot be blank.' : '';
      const n = Number(v);
      if (!Number.isFinite(n)) return 'Must be a number.';
      if (f.required && n === 0) return 'Cannot be blank.';
      if (val.onlyInt && !Number.isInteger(n)) return 'Decimal numbers are not allowed.';
      if (val.min !== undefined && val.min !== null && n < val.min) return `Must be larger than or equal to ${val.min}.`;
      if (val.max !== undefined && val.max !== null && n > val.max) return `Must be less than or equal to ${val.max}.`;
      return '';
    },
    body: (f, v) => ({ [f.name]: v === '' || v === null || v === undefined ? null : Number(v) }),
  },

  toggle: {
    init: (f, r) => !!r?.[f.name],
    validate: (f, v) => (f.required && !v ? 'Must be checked (the field is required).' : ''),
  },
  datetime: {
    init: (f, r) => r?.[f.name] || '',
    validate: (f, v) => {
      if (!v) return f.required ? 'Cannot be blank.' : '';
      const d = parsePbDate(v);
      if (!d) return 'Must be a valid date.';
      const min = parsePbDate(f.validation?.min);
      const max = parsePbDate(f.validation?.max);
      if (min && d < min) return `Must be after ${f.validation.min}.`;
      if (max && d > max) return `Must be before ${f.validation.max}.`;
      return '';
    },
  },
  autodate: {
    init: (f, r) => r?.[f.name] || '',
    validate: () => '',
    body: () => ({}),
    changed: () => false,
  },
  select: {
    init: (f, r) => r?.[f.name] ?? '',
    validate: (f, v) => (f.required && !v ? 'Cannot be blank.' : ''),
  },
  multiselect: {
    init: (f, r) => toArray(r?.[f.name]),
    validate: (f, v) => {
      if (!v.length) return f.required ? 'Cannot be blank.' : '';
      const max = f.validation?.maxSelect;
      if (max && v.length > max) return `Select no more than ${max}.`;
      return '';
    },
  },
  relation: {
    init: (f, r) => toArray(r?.[f.name]),
    validate: (f, v) => {
      const val = f.validation || {};
      if (!v.length) return f.required ? 'Cannot be blank.' : '';
      if (val.minSelect && v.length < val.minSelect) return `Select at least ${val.minSelect}.`;
      if (val.maxSelect && v.length > val.maxSelect) return `Select no more than ${val.maxSelect}.`;
      return '';
    },
    body: (f, v) => ({ [f.name]: f.options?.multiple || (f.validation?.maxSelect || 1) > 1 ? v : (v[0] || '') }),
  },
  file: {
    // the value: the files in order, {name} for a stored file, {file} for a new one
    init: (f, r) => toArray(r?.[f.name]).map((name) => ({ name })),
    validate: (f, v) => {
      const val = f.validation || {};
      if (!v.length) return f.required ? 'Cannot be blank.' : '';
      const max = val.maxSelect || 1;
      if (v.length > max) return `No more than ${plural(max, 'file')} (remove ${v.length - max}).`;
      for (const it of v) {
        if (!it.file) continue;
        if (val.maxSize && it.file.size > val.maxSize) return `${it.file.name} is larger than the ${val.maxSize} bytes allowed.`;
        const types = val.mimeTypes || [];
        if (types.length && !types.includes(it.file.type)) return `${it.file.name}: the type ${it.file.type || 'unknown'} is not allowed (${types.join(', ')}).`;
      }
      return '';
    },
    body: (f, v, ctx) => {
      const multiple = f.options?.multiple || (f.validation?.maxSelect || 1) > 1;
      const added = v.filter((it) => it.file).map((it) => it.file);
      const kept = v.filter((it) => !it.file).map((it) => it.name);
      const before = toArray(ctx.record?.[f.name]);
      if (!multiple) {
        if (added.length) return { [f.name]: added[0] };
        return kept.length ? {} : { [f.name]: '' };
      }
      if (ctx.isNew) return added.length ? { [f.name]: added } : {};
      const out = {};
      const removed = before.filter((n) => !kept.includes(n));
      const order = before.filter((n) => kept.includes(n));
      if (!same(order, kept)) {
        out[f.name] = kept; // reordered: the stored files in their new order (files left out are removed)
      } else if (removed.length) {
        out[`${f.name}-`] = removed;
      }
      if (added.length) out[`${f.name}+`] = added;
      return out;
    },
    changed: (f, v, initial) => v.length !== initial.length || v.some((it, i) => it.file || it.name !== initial[i]?.name),
  },
  json: {
    init: (f, r) => {
      const v = r?.[f.name];
      return v === undefined || v === null ? '' : JSON.stringify(v, null, 2);
    },
    validate: (f, v) => {
      const s = String(v ?? '').trim();
      if (!s) return f.required ? 'Cannot be blank.' : '';
      let parsed;
      try {
        parsed = JSON.parse(s);
      } catch (e) {
        return `Invalid JSON: ${e.message}`;
      }
      if (f.required && (parsed === null || parsed === '' || (Array.isArray(parsed) && !parsed.length)
        || (typeof parsed === 'object' && parsed && !Object.keys(parsed).length))) return 'Cannot be blank.';
      const max = f.validation?.maxSize;
      if (max && byteSize(JSON.stringify(parsed)) > max) return `Must be less than ${max} bytes.`;
      return '';
    },
    body: (f, v) => {
      const s = String(v ?? '').trim();
      return { [f.name]: s ? JSON.parse(s) : null };
    },
    changed: (f, v, initial) => {
      const norm = (x) => {
        try {
          return JSON.stringify(JSON.parse(x || 'null'));
        } catch {
          return x;
        }
      };
      return norm(v) !== norm(initial);
    },
  },
  password: {
    init: () => ({ password: '', confirm: '' }),
    validate: (f, v, ctx) => {
      const out = {};
      if (!v.password) {
        if (ctx.isNew && f.required) out[f.name] = 'Cannot be blank.';
        else if (v.confirm) out[f.name] = 'Enter the new password too.';
      } else {
        const m = textChecks({ ...f, required: false }, v.password);
        if (m) out[f.name] = m;
      }
      if (confirmKey(f) && (v.password || v.confirm) && v.password !== v.confirm) out[confirmKey(f)] = "Values don't match.";
      return out;
    },
    body: (f, v) => {
      if (!v.password) return {};
      const out = { [f.name]: v.password };
      if (confirmKey(f)) out[confirmKey(f)] = v.confirm;
      return out;
    },
    changed: (f, v) => !!(v.password || v.confirm),
  },
  geopoint: {
    init: (f, r) => ({ lon: r?.[f.name]?.lon ?? 0, lat: r?.[f.name]?.lat ?? 0 }),
    validate: (f, v) => {
      const lon = Number(v.lon);
      const lat = Number(v.lat);
      if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'Longitude and latitude must be numbers.';
      if (lat < -90 || lat > 90) return 'The latitude must be between -90 and 90.';
      if (lon < -180 || lon > 180) return 'The longitude must be between -180 and 180.';
      if (f.required && lon === 0 && lat === 0) return 'Cannot be blank.';
      return '';
    },
    body: (f, v) => ({ [f.name]: { lon: Number(v.lon) || 0, lat: Number(v.lat) || 0 } }),
  },
};

MODELS.slider = MODELS.number;

/** The key a password field's confirmation is sent under ("passwordConfirm"), or '' when it has none. */
export function confirmKey(f) {
  return f.options?.confirm === false ? '' : `${f.name}Confirm`;
}

/** The model of a ui-schema field (text for unknown widgets). */
export function modelOf(f) {
  const m = MODELS[f.widget] || MODELS.text;
  return {
    init: m.init,
    validate: (field, v, ctx) => {
      const r = m.validate(field, v, ctx);
      if (!r) return {};
      return typeof r === 'string' ? { [field.name]: r } : r;
    },
    body: m.body || ((field, v) => ({ [field.name]: v })),
    changed: m.changed || ((field, v, initial) => !same(v, initial)),
  };
}

/** The base of the widget elements: a labelled field with help text and the field's error. */
export class Widget extends LightElement {
  static properties = {
    field: { attribute: false },
    value: { attribute: false },
    errors: { attribute: false },
    record: { attribute: false },
    collection: { attribute: false },
    isNew: { type: Boolean },
  };

  constructor() {
    super();
    this.inputId = uid('w');
    this.errors = {};
  }

  /** Sets the value and tells the form. */
  emit(value) {
    this.value = value;
    this.dispatchEvent(new CustomEvent('widget-change', { bubbles: true, detail: { name: this.field.name, value } }));
  }

  get error() {
    return this.errors?.[this.field.name] || '';
  }

  get disabled() {
    return !!(this.field.readOnly || (this.field.createOnly && !this.isNew));
  }

  /** aria attributes of the main control. */
  aria(key = this.field.name) {
    return { invalid: this.errors?.[key] ? 'true' : 'false', describedby: this.errors?.[key] ? `${this.inputId}-${key}-err` : '' };
  }

  labelText() {
    return this.field.label || this.field.name;
  }

  /**
   * The field's name as a <label> of the control (or, with asLabel false, a span naming a group), then its badges
   * and extra hints outside the name.
   */
  head({ asLabel = true, extra = nothing, text = this.labelText(), required = this.field.required && !this.field.readOnly } = {}) {
    const cls = `field-label ${required ? 'required' : ''}`;
    return html`<div class="field-head">${asLabel
      ? html`<label class=${cls} for=${this.inputId} id="${this.inputId}-label">${text}</label>`
      : html`<span class=${cls} id="${this.inputId}-label">${text}</span>`}${this.badges()}${extra}</div>`;
  }

  renderLabel() {
    return this.head();
  }

  badges() {
    const f = this.field;
    return html`${f.hidden ? html`<span class="badge" title="Hidden: only superusers see it">hidden</span>` : nothing}`;
  }

  renderError(key = this.field.name) {
    const msg = this.errors?.[key];
    return msg ? html`<small class="field-error" id="${this.inputId}-${key}-err">${msg}</small>` : nothing;
  }

  renderControl() {
    return nothing;
  }

  render() {
    const f = this.field;
    if (!f) return nothing;
    return html`<div class="field widget widget-${f.widget} ${this.error ? 'invalid' : ''}" data-field=${f.name}>
      ${this.renderLabel()}
      ${this.renderControl()}
      ${this.renderError()}
      ${f.help ? html`<small class="field-help">${f.help}</small>` : nothing}
    </div>`;
  }
}
