/**
 * <c-filter-input>: a text input for PocketBase's filter language (record filters and API rules), with
 * autocomplete.
 *
 * Properties
 *   .collection   the collection whose fields are suggested (object with id, name, type, fields)
 *   .collections  every collection (for relation paths, back relations, @collection.* and @request.auth.*);
 *                 defaults to collectionsStore.items
 *   .value        the text
 *   rule          (boolean attribute/property) an API rule: also suggests @request.auth.*, @request.body.*
 *                 (with :isset/:changed), @request.query.*, @request.headers.*, @request.method, @request.context
 *                 and @collection.NAME.field
 *   placeholder   the placeholder text
 *   label         the accessible name of the input (aria-label)
 *   multiline     (boolean) a growing textarea instead of a one-line input (Enter adds a line)
 *
 * Events (both bubble)
 *   input   on every edit; detail: the current text
 *   change  on Enter (one-line) or when the input loses focus with a changed text; detail: the text;
 *           event.reason is 'enter', 'blur' or 'clear'
 *
 * Suggestions follow what can come next: a field (with relation paths like author.name, back relations like
 * comments_via_post.text and the :lower, :each, :length modifiers where the field has them), an operator
 * (= != > >= < <= ~ !~ and the ?-prefixed "any of" forms), a value (macros like @now, @todayStart, true, false,
 * null, a quoted string) or && / ||. Keyboard: ArrowDown/ArrowUp move, Enter or Tab pick, Esc closes the list.
 * When the input is empty and focused it lists the last 10 filters applied (per collection, kept in
 * localStorage; not for rules).
 */
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { LightElement, collectionsStore, stylesheet, uid } from '../ui.js';

const stylesReady = stylesheet(import.meta.url, 'filter-input.css');

const HISTORY_PREFIX = 'coffer_filter_history_';
const HISTORY_MAX = 10;
const SHOW_MAX = 60;

const OPERATORS = [
  ['=', 'equal'], ['!=', 'not equal'], ['>', 'greater than'], ['>=', 'greater than or equal'], ['<', 'less than'],
  ['<=', 'less than or equal'], ['~', 'contains (like)'], ['!~', 'does not contain'],
  ['?=', 'any of: equal'], ['?!=', 'any of: not equal'], ['?>', 'any of: greater than'], ['?>=', 'any of: greater or equal'],
  ['?<', 'any of: less than'], ['?<=', 'any of: less or equal'], ['?~', 'any of: contains'], ['?!~', 'any of: does not contain'],
];
const OP_SET = new Set(OPERATORS.map(([o]) => o));
const LOGIC = [['&&', 'and'], ['||', 'or']];
const MACROS = [
  ['@now', 'now (UTC)'], ['@todayStart', 'today 00:00:00'], ['@todayEnd', 'today 23:59:59'], ['@yesterday', 'now − 24h'],
  ['@tomorrow', 'now + 24h'], ['@monthStart', 'this month start'], ['@monthEnd', 'this month end'], ['@yearStart', 'this year start'],
  ['@yearEnd', 'this year end'], ['@second', 'current second'], ['@minute', 'current minute'], ['@hour', 'current hour'],
  ['@day', 'current day'], ['@weekday', 'current weekday'], ['@month', 'current month'], ['@year', 'current year'],
];
const LITERALS = [['""', 'text'], ['true', 'bool'], ['false', 'bool'], ['null', 'empty']];
const FUNCTIONS = [['strftime(', 'date format function'], ['geoDistance(', 'distance in km']];

const WORD_CHAR = /[\w.@:]/;

/** The modifiers a field takes in filters. */
function modifiers(f) {
  const multi = (f.maxSelect || 0) > 1;
  switch (f.type) {
    case 'text':
    case 'editor':
    case 'email':
    case 'url':
      return ['lower'];
    case 'select':
    case 'file':
    case 'relation':
      return multi ? ['each', 'length'] : [];
    default:
      return [];
  }
}

function findCollection(collections, idOrName) {
  return collections.find((c) => c.id === idOrName || c.name === idOrName);
}

/**
 * The field keys of a collection under a prefix: [key, description] pairs, with relation paths (to depth 3),
 * back relations (one level) and modifiers.
 */
function fieldKeys(collections, collection, prefix = '', level = 0, out = [], body = false) {
  if (!collection || level > 2) return out;
  const auth = collection.type === 'auth';
  const seen = new Set(out.map(([k]) => k));
  const push = (k, d) => {
    if (!seen.has(k)) {
      seen.add(k);
      out.push([k, d]);
    }
  };
  push(`${prefix}id`, 'id');
  for (const f of collection.fields || []) {
    if (f.type === 'password' || (auth && f.name === 'tokenKey')) continue;
    if (f.type === 'geoPoint') {
      push(`${prefix}${f.name}.lon`, 'geoPoint');
      push(`${prefix}${f.name}.lat`, 'geoPoint');
      continue;
    }
    push(`${prefix}${f.name}`, f.type);
    if (body) {
      push(`${prefix}${f.name}:isset`, 'sent in the request');
      push(`${prefix}${f.name}:changed`, 'sent and different');
    }
    for (const m of modifiers(f)) push(`${prefix}${f.name}:${m}`, `${f.type} modifier`);
    if (f.type === 'relation' && f.collectionId && !body) {
      fieldKeys(collections, findCollection(collections, f.collectionId), `${prefix}${f.name}.`, level + 1, out);
      seen.clear();
      for (const [k] of out) seen.add(k);
    }
  }
  if (!body && level < 2) {
    for (const other of collections) {
      for (const f of other.fields || []) {
        if (f.type !== 'relation' || f.collectionId !== collection.id) continue;
        const key = `${prefix}${other.name}_via_${f.name}`;
        push(key, `back relation from ${other.name}`);
        fieldKeys(collections, other, `${key}.`, level + 2, out);
        seen.clear();
        for (const [k] of out) seen.add(k);
      }
    }
  }
  return out;
}

/** Every key suggested for a collection: its fields, then (for rules) @request.* and @collection.* keys. */
function allKeys(collection, collections, rule) {
  const out = collection ? fieldKeys(collections, collection) : [];
  if (!rule) return out;
  const more = [
    ['@request.context', 'default, oauth2, otp, password, realtime, protectedFile'],
    ['@request.method', 'GET, POST, …'],
    ['@request.query.', 'query parameter'],
    ['@request.headers.', 'header (lowercase, - as _)'],
    ['@request.body.', 'submitted field'],
    ['@request.auth.id', 'the caller (empty for guests)'],
    ['@request.auth.collectionId', 'the caller’s collection'],
    ['@request.auth.collectionName', 'the caller’s collection'],
  ];
  for (const c of collections) {
    if (c.type !== 'auth' || c.system) continue; // superusers pass every rule: their fields don't matter here
    for (const [k, d] of fieldKeys(collections, c, '@request.auth.', 1)) {
      if (!more.some(([x]) => x === k)) more.push([k, `${d} (${c.name})`]);
    }
  }
  if (collection) fieldKeys(collections, collection, '@request.body.', 2, more, true);
  for (const c of collections) {
    more.push([`@collection.${c.name}.`, `join ${c.name}`]);
    for (const [k, d] of fieldKeys(collections, c, `@collection.${c.name}.`, 2)) more.push([k, d]);
  }
  return [...out, ...more];
}

/** Splits the text before the caret into tokens; tells what is expected next: key, op, value or logic. */
function expectation(text) {
  let state = 'key';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      i = j + 1;
      state = state === 'value' ? 'logic' : 'op';
    } else if (c === '(') {
      i++;
      state = state === 'value' ? 'value' : 'key';
    } else if (c === ')') {
      i++;
      state = 'logic';
    } else if (c === ',') {
      i++;
      state = 'value';
    } else if (text.startsWith('&&', i) || text.startsWith('||', i)) {
      i += 2;
      state = 'key';
    } else if (/[=!<>~?]/.test(c)) {
      let j = i;
      while (j < n && /[=!<>~?]/.test(text[j])) j++;
      i = j;
      state = 'value';
    } else if (WORD_CHAR.test(c) || c === '-') {
      let j = i;
      while (j < n && (WORD_CHAR.test(text[j]) || text[j] === '-')) j++;
      const fn = text[j] === '(';
      i = j;
      if (!fn) state = state === 'value' ? 'logic' : 'op';
    } else {
      i++;
    }
  }
  return state;
}

/** Ranks matches of a word: prefix matches first, then contains; shorter first. */
function rank(items, word) {
  const w = word.toLowerCase();
  const pre = [];
  const mid = [];
  for (const it of items) {
    const k = it[0].toLowerCase();
    if (w && k === w) continue;
    if (k.startsWith(w)) pre.push(it);
    else if (w && k.includes(w)) mid.push(it);
  }
  const byLen = (a, b) => a[0].length - b[0].length;
  return [...pre.sort(byLen), ...mid.sort(byLen)];
}

class FilterInput extends LightElement {
  static properties = {
    collection: { attribute: false },
    collections: { attribute: false },
    value: {},
    rule: { type: Boolean, reflect: true },
    placeholder: {},
    label: {},
    multiline: { type: Boolean },
    open: { state: true },
    items: { state: true },
    active: { state: true },
    mode: { state: true },
  };

  constructor() {
    super();
    this.value = '';
    this.rule = false;
    this.multiline = false;
    this.placeholder = '';
    this.label = 'Filter';
    this.items = [];
    this.active = -1;
    this.open = false;
    this.listId = uid('fi-list');
    this.lastChange = null;
    this.keysCache = null;
  }

  /** The first render waits for the stylesheet (no unstyled flash of the suggestion list). */
  async scheduleUpdate() {
    await stylesReady;
    super.scheduleUpdate();
  }

  get control() {
    return this.querySelector('.fi-control');
  }

  get historyKey() {
    return !this.rule && this.collection?.id ? `${HISTORY_PREFIX}${this.collection.id}` : '';
  }

  /** The filters applied last (newest first). */
  history() {
    if (!this.historyKey) return [];
    try {
      const list = JSON.parse(localStorage.getItem(this.historyKey) || '[]');
      return Array.isArray(list) ? list.filter((x) => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  remember(text) {
    const t = text.trim();
    if (!this.historyKey || !t) return;
    const list = [t, ...this.history().filter((x) => x !== t)].slice(0, HISTORY_MAX);
    try {
      localStorage.setItem(this.historyKey, JSON.stringify(list));
    } catch {
      // storage full or off: no history
    }
  }

  keys() {
    const cols = this.collections || collectionsStore.items || [];
    const sig = `${this.collection?.id}|${this.collection?.updated}|${cols.length}|${this.rule}`;
    if (!this.keysCache || this.keysCache.sig !== sig) {
      this.keysCache = { sig, keys: allKeys(this.collection, cols, this.rule) };
    }
    return this.keysCache.keys;
  }

  /** The word being typed at the caret: [start, end]. */
  wordAt(text, caret) {
    let s = caret;
    while (s > 0 && WORD_CHAR.test(text[s - 1])) s--;
    if (s === caret) {
      let o = caret;
      while (o > 0 && /[=!<>~?&|]/.test(text[o - 1])) o--;
      if (o < caret) return { start: o, end: caret, kind: 'op' };
    }
    return { start: s, end: caret, kind: 'word' };
  }

  suggest({ showHistory = false, force = false } = {}) {
    const el = this.control;
    if (!el) return;
    const text = el.value;
    const caret = el.selectionStart ?? text.length;
    if (!text.trim()) {
      const hist = this.history();
      if ((showHistory || force) && hist.length) {
        this.mode = 'history';
        this.items = hist.map((h) => [h, 'recent']);
        this.active = -1;
        this.open = true;
        return;
      }
      if (!force) {
        this.close();
        return;
      }
    }
    const w = this.wordAt(text, caret);
    const word = text.slice(w.start, w.end);
    const before = text.slice(0, w.start);
    const expect = expectation(before);
    const prevChar = before.slice(-1);
    let items = [];
    if (w.kind === 'op') {
      const pool = /[&|]/.test(word) ? LOGIC : OPERATORS;
      items = rank(pool, word);
      if (pool === OPERATORS && OP_SET.has(word)) items = items.filter(([o]) => o.length > word.length);
    } else if (expect === 'op') {
      if (!word && (/\s/.test(prevChar) || force)) items = OPERATORS;
    } else if (expect === 'logic') {
      if (!word && (/\s/.test(prevChar) || force)) items = LOGIC;
      else if (word) items = rank(LOGIC, word);
    } else if (expect === 'value') {
      if (word || force || /\s/.test(prevChar)) {
        items = rank([...MACROS, ...LITERALS, ...this.keys(), ...FUNCTIONS], word);
        if (!word) items = [...MACROS.slice(0, 5), ...LITERALS, ...this.keys().slice(0, 20)];
      }
    } else if (word || force || (/\s/.test(prevChar) && before.trim())) {
      items = word ? rank([...this.keys(), ...FUNCTIONS], word) : this.keys().slice(0, SHOW_MAX);
    }
    this.mode = 'suggest';
    this.range = w;
    this.items = items.slice(0, SHOW_MAX);
    this.active = -1;
    this.open = this.items.length > 0;
  }

  close() {
    this.open = false;
    this.active = -1;
  }

  pick(i) {
    const item = this.items[i];
    if (!item) return;
    const el = this.control;
    if (this.mode === 'history') {
      this.setText(item[0], item[0].length);
      this.close();
      return;
    }
    const text = el.value;
    const { start, end } = this.range;
    let insert = item[0];
    const continues = insert.endsWith('.') || insert.endsWith('(');
    let caret;
    const after = text.slice(end);
    if (insert === '""') {
      caret = start + 1;
    } else {
      if (!continues && !/^\s/.test(after)) insert += ' ';
      caret = start + insert.length + (!continues && /^\s/.test(after) ? 1 : 0);
    }
    this.setText(text.slice(0, start) + insert + after, caret);
    // go on: the next suggestions (operators after a field, values after an operator, …)
    this.suggest({ force: continues });
  }

  setText(text, caret) {
    const el = this.control;
    el.value = text;
    this.value = text;
    el.focus();
    el.setSelectionRange(caret, caret);
    this.emitInput();
    this.grow();
  }

  emitInput() {
    this.dispatchEvent(new CustomEvent('input', { detail: this.value, bubbles: true, composed: true }));
  }

  emitChange(reason) {
    if (this.value === this.lastChange) return;
    this.lastChange = this.value;
    const ev = new CustomEvent('change', { detail: this.value, bubbles: true, composed: true });
    ev.reason = reason;
    this.dispatchEvent(ev);
  }

  grow() {
    const el = this.control;
    if (this.multiline && el) {
      el.style.height = 'auto';
      el.style.height = `${el.scrollHeight + 2}px`;
    }
  }

  updated(changed) {
    if (changed.has('value') && this.lastChange === null) this.lastChange = this.value;
    if (changed.has('value')) this.grow();
    if (changed.has('active') && this.active >= 0) {
      this.querySelector(`#${this.listId}-${this.active}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  onInput(e) {
    e.stopPropagation();
    this.value = e.target.value;
    this.emitInput();
    this.grow();
    this.suggest();
  }

  onKeydown(e) {
    const open = this.open && this.items.length;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) {
        if (e.key === 'ArrowDown' && !this.multiline) {
          e.preventDefault();
          this.suggest({ force: true, showHistory: true });
        }
        return;
      }
      e.preventDefault();
      const n = this.items.length;
      this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active <= 0 ? n - 1 : this.active - 1);
    } else if (e.key === 'Enter') {
      if (open && this.active >= 0) {
        e.preventDefault();
        this.pick(this.active);
        return;
      }
      if (!this.multiline) {
        e.preventDefault();
        this.close();
        if (this.value.trim()) this.remember(this.value);
        this.lastChange = null; // Enter always applies, even the same text again
        this.emitChange('enter');
      }
    } else if (e.key === 'Tab' && open && !e.shiftKey) {
      const typing = this.range && this.range.end > this.range.start;
      if (this.active >= 0 || typing) {
        e.preventDefault();
        this.pick(this.active >= 0 ? this.active : 0);
      }
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    } else if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      this.suggest({ force: true, showHistory: true });
    }
  }

  clear() {
    this.setText('', 0);
    this.suggest({ showHistory: true });
    this.lastChange = null;
    this.emitChange('clear');
  }

  render() {
    const expanded = this.open && this.items.length > 0;
    const common = {
      role: 'combobox',
      'aria-autocomplete': 'list',
    };
    const activeId = expanded && this.active >= 0 ? `${this.listId}-${this.active}` : '';
    const handlers = {
      input: (e) => this.onInput(e),
      keydown: (e) => this.onKeydown(e),
      focus: () => { if (!this.control.value.trim()) this.suggest({ showHistory: true }); },
      blur: () => {
        setTimeout(() => {
          if (!this.contains(document.activeElement)) this.close();
        }, 120);
        this.emitChange('blur');
      },
      change: (e) => e.stopPropagation(),
      click: () => { if (!this.open) this.suggest({ showHistory: true }); },
    };
    const control = this.multiline
      ? html`<textarea class="fi-control code" rows="2" spellcheck="false" role=${common.role} aria-autocomplete="list"
          aria-label=${this.label} aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${this.listId}
          aria-activedescendant=${activeId || nothing} placeholder=${this.placeholder || nothing} .value=${live(this.value ?? '')}
          @input=${handlers.input} @keydown=${handlers.keydown} @focus=${handlers.focus} @blur=${handlers.blur}
          @change=${handlers.change} @click=${handlers.click}></textarea>`
      : html`<input class="fi-control" type="text" spellcheck="false" autocomplete="off" role=${common.role}
          aria-autocomplete="list" aria-label=${this.label} aria-expanded=${expanded ? 'true' : 'false'} aria-controls=${this.listId}
          aria-activedescendant=${activeId || nothing} placeholder=${this.placeholder || nothing} .value=${live(this.value ?? '')}
          @input=${handlers.input} @keydown=${handlers.keydown} @focus=${handlers.focus} @blur=${handlers.blur}
          @change=${handlers.change} @click=${handlers.click}>`;
    return html`<div class="fi-box ${this.multiline ? 'multiline' : ''}">
      ${control}
      ${!this.multiline && this.value ? html`<button type="button" class="fi-clear" aria-label="Clear filter" title="Clear"
        @mousedown=${(e) => e.preventDefault()} @click=${() => this.clear()}>×</button>` : nothing}
      <div class="suggestions fi-suggestions" id=${this.listId} role="listbox" aria-label="Suggestions" ?hidden=${!expanded}>
        ${expanded && this.mode === 'history' ? html`<div class="fi-head">Recent filters</div>` : nothing}
        ${expanded ? this.items.map(([k, d], i) => html`<div class="suggestion" role="option" id="${this.listId}-${i}"
          aria-selected=${i === this.active ? 'true' : 'false'} @mousedown=${(e) => e.preventDefault()} @click=${() => this.pick(i)}>
          <span class="fi-key">${k}</span>${d ? html`<span class="fi-desc">${d}</span>` : nothing}</div>`) : nothing}
      </div>
    </div>`;
  }
}
customElements.define('c-filter-input', FilterInput);
