// The Access section of a field's options in the collection editor (a Coffer extension): who may read the field's
// value (readRule), who may write it (writeRule) and what the others see instead of it (mask). Each rule is unset
// (everyone the collection's rules let in: the key is left out of the field JSON), superusers only (null) or a filter
// evaluated per record and caller. The keys are written only once the user sets them; a field never touched keeps
// its JSON as it was. (The selects bind their value live: the fields list reuses its rows' DOM when fields move.)
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { errorAt, ceIcons } from './field-settings-shared.js';
import { ruleInput } from './rules-editor.js';

/** The masks the server knows without Java code, with what they show. */
export const MASKS = [
  { value: 'email', label: 'email (j***@example.com)' },
  { value: 'last4', label: 'last4 (******4567)' },
  { value: 'redact', label: 'redact (***)' },
];

const RULES = [
  { key: 'readRule', label: 'Read rule', what: 'read',
    help: 'Who may see the value. Others get the mask below, or no key at all; they can\'t filter or sort by the field.' },
  { key: 'writeRule', label: 'Write rule', what: 'write',
    help: 'Who may set or change the value; a write against it is a 400 for this field.' },
];

// per field: the text of a rule before it was switched to another state (to bring it back), and whether the
// custom mask input is open while its name is still empty
const savedRules = new WeakMap();
const customMask = new WeakSet();

/** The state of a rule of a field: 'unset' (no key), 'superusers' (null) or 'rule' (a filter, "" while typed). */
export function ruleState(f, key) {
  if (!(key in f) || f[key] === undefined) return 'unset';
  return f[key] === null ? 'superusers' : 'rule';
}

/** The badges of a field with access rules or a mask, for the fields list. */
export function accessBadges(f) {
  const badge = (key, text) => {
    const state = ruleState(f, key);
    if (state === 'unset') return nothing;
    const title = state === 'superusers' ? `${text}: superusers only` : `${text}: ${f[key] || 'everyone'}`;
    return html`<span class="badge badge-warning ce-access-badge" data-access=${key} title=${title}>${ceIcons.lock}${text}</span>`;
  };
  return html`${badge('readRule', 'Read rule')}${badge('writeRule', 'Write rule')}${f.mask
    ? html`<span class="badge ce-access-badge" data-access="mask" title="Mask: ${f.mask}">Mask ${f.mask}</span>` : nothing}`;
}

/**
 * The Access section of a field's options.
 * opts: {field, errors (the field's error data), collection, collections, disabled, onChange(clearKey)}
 */
export function fieldAccess({ field: f, errors, collection, collections, disabled = false, onChange }) {
  const setRule = (key, state) => {
    const saved = savedRules.get(f) || {};
    if (ruleState(f, key) === 'rule') saved[key] = f[key];
    savedRules.set(f, saved);
    if (state === 'unset') delete f[key];
    else if (state === 'superusers') f[key] = null;
    else f[key] = saved[key] ?? '';
    onChange(key);
  };
  const isId = f.name === 'id' && f.primaryKey;
  const rule = ({ key, label, what, help }) => {
    const state = ruleState(f, key);
    const err = errorAt(errors, key);
    const noRead = key === 'readRule' && isId;
    return html`<div class="ce-access-rule ${err ? 'invalid' : ''}" data-access-rule=${key}>
      <label class="field ce-access-state"><span>${label}</span>
        <select aria-label=${label} ?disabled=${disabled || (noRead && state === 'unset')} .value=${live(state)}
          @change=${(e) => setRule(key, e.target.value)}>
          <option value="unset" ?selected=${state === 'unset'}>Everyone the collection rules let in</option>
          <option value="superusers" ?selected=${state === 'superusers'}>Superusers only</option>
          <option value="rule" ?selected=${state === 'rule'}>Those a rule lets ${what}</option>
        </select></label>
      ${state === 'rule' ? ruleInput({
        value: f[key], label: `${label} filter`, collection, collections, disabled, invalid: !!err,
        placeholder: 'e.g. owner = @request.auth.id', onInput: (text) => { f[key] = text; onChange(key); },
      }) : nothing}
      ${err ? html`<small class="field-error" role="alert">${err}</small>` : nothing}
      ${noRead ? html`<small class="field-help">The record id is always readable.</small>`
        : state === 'unset' ? nothing : html`<small class="field-help">${help}</small>`}
    </div>`;
  };
  const known = MASKS.some((m) => m.value === f.mask);
  const custom = !!f.mask && !known || customMask.has(f);
  const maskErr = errorAt(errors, 'mask');
  const setMask = (value) => {
    customMask.delete(f);
    if (value === '__custom') {
      customMask.add(f);
      if (known) f.mask = '';
    } else {
      f.mask = value;
    }
    if (!f.mask) delete f.mask;
    onChange('mask');
  };
  const showMask = ruleState(f, 'readRule') !== 'unset' || 'mask' in f || custom;
  return html`<section class="ce-access" aria-label="Access of ${f.name || 'the field'}">
    <h4 class="ce-access-title">${ceIcons.lock} Access</h4>
    <div class="ce-access-grid">
      ${RULES.map(rule)}
      ${showMask ? html`<div class="ce-access-rule ${maskErr ? 'invalid' : ''}" data-access-rule="mask">
        <label class="field ce-access-state"><span>Mask</span>
          <select aria-label="Mask" ?disabled=${disabled} .value=${live(custom ? '__custom' : f.mask || '')}
            @change=${(e) => setMask(e.target.value)}>
            <option value="" ?selected=${!f.mask && !custom}>None: leave the value out</option>
            ${MASKS.map((m) => html`<option value=${m.value} ?selected=${f.mask === m.value}>${m.label}</option>`)}
            <option value="__custom" ?selected=${custom}>Custom (registered in Java)…</option>
          </select></label>
        ${custom ? html`<input class="mono" aria-label="Custom mask name" placeholder="e.g. phone" spellcheck="false"
          .value=${f.mask ?? ''} ?disabled=${disabled}
          @input=${(e) => { f.mask = e.target.value.trim(); if (!f.mask) delete f.mask; onChange('mask'); }}>` : nothing}
        ${maskErr ? html`<small class="field-error" role="alert">${maskErr} Known: email, last4, redact and those registered in Java.</small>`
          : html`<small class="field-help">What those the read rule turns away see instead of the value.</small>`}
      </div>` : nothing}
    </div>
  </section>`;
}
