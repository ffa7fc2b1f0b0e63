// The API rules of a collection: list, view, create, update and delete (only list and view for views; plus the
// authentication and manage rules of auth collections). Each rule is locked (null: superusers only) or a filter
// expression ("" lets everyone in). Server validation errors show under their rule; a cheat sheet of the syntax
// follows.
import { html, nothing } from 'lit';
import { LightElement } from '../ui.js';
import { editorStyles, emitChange, errorAt, ceIcons } from './field-settings-shared.js';
import './filter-input.js';

/** A plain monospace textarea for a rule (the read-only rules of system collections). */
function ruleTextarea({ value, label, onInput, invalid = false, placeholder = '', disabled = false }) {
  return html`<textarea class="code ce-rule-input ${invalid ? 'ce-invalid' : ''}" rows="2" spellcheck="false" aria-label=${label}
    placeholder=${placeholder} ?disabled=${disabled} .value=${value ?? ''}
    @input=${(e) => onInput(typeof e.detail === 'string' ? e.detail : e.target.value)}></textarea>`;
}

/**
 * The input of one filter expression: the one place that decides which element edits rules. Editable rules get
 * the filter input with completion of @request.*, @collection.* and the fields of the collection being edited
 * (its unsaved fields included); read-only ones a disabled textarea.
 * opts: {value, label, collection (with its unsaved fields), collections, onInput(text), invalid, placeholder, disabled}
 */
export function ruleInput(opts) {
  if (opts.disabled) return ruleTextarea(opts);
  const { value, label, collection, collections, onInput, invalid = false, placeholder = '' } = opts;
  return html`<c-filter-input class="ce-rule-input ${invalid ? 'ce-invalid' : ''}" rule multiline .label=${label}
    .collection=${collection ? { ...collection, fields: (collection.fields || []).filter((f) => !f['@toDelete']) } : collection}
    .collections=${collections} .placeholder=${placeholder} .value=${value ?? ''}
    @input=${(e) => { if (typeof e.detail === 'string') onInput(e.detail); }}
    @change=${(e) => e.stopPropagation()}></c-filter-input>`;
}

/**
 * One rule with its state and its lock/unlock button: locked (null: superusers only, a note instead of the input)
 * or a filter expression ("" lets everyone in). The rules tab and the record history options show rules this way.
 * opts: {key, label, help, placeholder, value, error, disabled, collection, collections, onLock(), onUnlock(),
 * onInput(text)}
 */
export function ruleBlock({ key, label, help, placeholder, value, error, disabled, collection, collections, onLock, onUnlock, onInput }) {
  const locked = value === null || value === undefined;
  return html`<div class="ce-rule ${locked ? 'ce-locked' : ''} ${error ? 'invalid' : ''}" data-rule=${key}>
    <div class="ce-rule-head">
      <span class="field-label">${label}</span>
      ${locked ? html`<span class="badge">Superusers only</span>`
        : value === '' ? html`<span class="badge badge-success">Everyone</span>` : nothing}
      <span class="grow"></span>
      ${locked
        ? html`<button type="button" class="btn btn-secondary btn-sm" ?disabled=${disabled} aria-label="Unlock ${label}"
            @click=${onUnlock}>Unlock and set a rule</button>`
        : html`<button type="button" class="btn btn-secondary btn-sm" ?disabled=${disabled} aria-label="Lock ${label} (superusers only)"
            @click=${onLock}>${ceIcons.lock} Set superusers only</button>`}
    </div>
    ${locked
      ? html`<p class="ce-locked-note">${ceIcons.lock} Only superusers can do this.</p>`
      : ruleInput({
        value, label, collection, collections, disabled, invalid: !!error,
        placeholder: placeholder ?? 'Empty: everyone, guests included', onInput,
      })}
    ${error ? html`<small class="field-error" role="alert">${error}</small>` : nothing}
    ${help && !locked ? html`<small class="field-help">${help}</small>` : nothing}
  </div>`;
}

const BASE_RULES = [
  { key: 'listRule', label: 'List/Search rule' },
  { key: 'viewRule', label: 'View rule' },
  { key: 'createRule', label: 'Create rule', help: 'The record fields hold the values about to be inserted.' },
  { key: 'updateRule', label: 'Update rule', help: 'The record fields hold the stored values; the submitted ones are @request.body.*.' },
  { key: 'deleteRule', label: 'Delete rule' },
];

const AUTH_RULES = [
  { key: 'authRule', label: 'Authentication rule', placeholder: 'Empty: anyone with an account may authenticate',
    help: 'Checked before every authentication, e.g. verified = true. Set it to superusers only to disable authentication.' },
  { key: 'manageRule', label: 'Manage rule', placeholder: 'e.g. @request.auth.collectionName = "managers"',
    help: 'Checked in addition to the create and update rules; who matches may manage the records like a superuser (set passwords, emails, verified).' },
];

class RulesEditor extends LightElement {
  static properties = {
    collection: { attribute: false },
    original: { attribute: false },
    collections: { attribute: false },
    errors: { attribute: false },
    rev: { type: Number },
    showAuthRules: { state: true },
  };

  constructor() {
    super();
    this.saved = {}; // the text of a rule before it was locked, to restore on unlock
  }

  connectedCallback() {
    super.connectedCallback();
    editorStyles();
  }

  willUpdate(changed) {
    if (changed.has('collection') && this.collection && this.showAuthRules === undefined) {
      this.showAuthRules = this.collection.type === 'auth' && (this.collection.manageRule !== null || (this.collection.authRule ?? '') !== '');
    }
  }

  setRule(key, value) {
    this.collection[key] = value;
    this.requestUpdate();
    emitChange(this, key);
  }

  lock(key) {
    this.saved[key] = this.collection[key];
    this.setRule(key, null);
  }

  unlock(key) {
    this.setRule(key, this.saved[key] ?? '');
    this.updateComplete.then(() => this.querySelector(`[data-rule="${key}"] textarea, [data-rule="${key}"] c-filter-input`)?.focus());
  }

  renderRule({ key, label, help, placeholder }) {
    return ruleBlock({
      key, label, help, placeholder, value: this.collection[key], error: errorAt(this.errors, key),
      disabled: !!this.original?.system, collection: this.collection, collections: this.collections,
      onLock: () => this.lock(key), onUnlock: () => this.unlock(key), onInput: (text) => this.setRule(key, text),
    });
  }

  render() {
    const c = this.collection;
    if (!c) return nothing;
    const rules = c.type === 'view' ? BASE_RULES.slice(0, 2) : BASE_RULES;
    return html`<div class="ce-rules">
      ${this.original?.system ? html`<p class="hint">The rules of a system collection can't be changed.</p>` : nothing}
      ${rules.map((r) => this.renderRule(r))}
      ${c.type === 'auth' ? html`
        <button type="button" class="btn btn-secondary btn-sm" aria-expanded=${this.showAuthRules ? 'true' : 'false'}
          @click=${() => { this.showAuthRules = !this.showAuthRules; }}>Additional auth collection rules</button>
        ${this.showAuthRules || errorAt(this.errors, 'authRule') || errorAt(this.errors, 'manageRule')
          ? AUTH_RULES.map((r) => this.renderRule(r)) : nothing}` : nothing}
      ${this.cheatSheet()}
    </div>`;
  }

  cheatSheet() {
    const fields = (this.collection.fields || []).filter((f) => !f['@toDelete']).map((f) => f.name).filter(Boolean);
    const dateField = (this.collection.fields || []).find((f) => f.type === 'date' || f.type === 'autodate');
    return html`<section class="ce-cheatsheet" aria-label="Rule syntax">
      <h3>Rule syntax</h3>
      <p class="hint">A rule is a filter: <code>field OPERATOR value</code>, joined with <code>&&</code> / <code>||</code> and grouped with <code>( )</code>.
        Locked: superusers only. Empty: everyone.</p>
      <dl>
        <dt>Operators</dt>
        <dd><code>=</code> <code>!=</code> <code>&gt;</code> <code>&gt;=</code> <code>&lt;</code> <code>&lt;=</code>
          <code>~</code> (contains / like) <code>!~</code>; with <code>?</code> in front (<code>?=</code>, <code>?~</code>...) at least one of many values must match.</dd>
        <dt>This record</dt>
        <dd>${fields.length ? fields.map((n) => html`<code>${n}</code> `) : html`<span class="hint">no fields yet</span>`}
          and through relations: <code>author.name</code>, back relations: <code>comments_via_post.id</code>.</dd>
        <dt>The request</dt>
        <dd><code>@request.auth.*</code> (the signed-in record; <code>@request.auth.id != ""</code> means signed in),
          <code>@request.body.*</code>, <code>@request.query.*</code>, <code>@request.headers.*</code>, <code>@request.method</code>, <code>@request.context</code>.</dd>
        <dt>Other collections</dt>
        <dd><code>@collection.NAME.field</code>, with an alias: <code>@collection.NAME:alias.field</code>.</dd>
        <dt>Modifiers and functions</dt>
        <dd><code>:isset</code>, <code>:changed</code>, <code>:length</code>, <code>:each</code>, <code>:lower</code>;
          <code>@now</code>, <code>@todayStart</code>, <code>@yesterday</code>..., <code>geoDistance(lonA, latA, lonB, latB)</code>, <code>strftime(...)</code>.</dd>
        <dt>Example</dt>
        <dd><code>@request.auth.id != "" && ${dateField ? html`${dateField.name} &gt; "2022-01-01 00:00:00.000Z"` : html`@request.auth.verified = true`}</code></dd>
      </dl>
    </section>`;
  }
}
customElements.define('c-rules-editor', RulesEditor);
