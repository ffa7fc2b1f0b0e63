// The record history options of a base or auth collection (a Coffer extension, the editor's History tab): keep
// every change of its records (history.enabled), for how many days (history.retentionDays, 0 for ever), and who
// besides superusers may read a record's history (historyRule: a filter like the API rules, null for superusers
// only). The changes of superusers, and of a collection in events mode (for ever), are always kept. The collection
// JSON has these keys only once they are set, so a collection whose history was never touched is saved without them.
import { html, nothing } from 'lit';
import { LightElement } from '../ui.js';
import { editorStyles, emitChange, errorAt } from './field-settings-shared.js';
import { ruleBlock } from './rules-editor.js';

class HistoryOptions extends LightElement {
  static properties = {
    collection: { attribute: false },
    original: { attribute: false },
    collections: { attribute: false },
    errors: { attribute: false },
    rev: { type: Number },
  };

  constructor() {
    super();
    this.savedRule = ''; // the text of the rule before it was locked, to restore on unlock
  }

  connectedCallback() {
    super.connectedCallback();
    editorStyles();
  }

  get isSuperusers() {
    return this.original?.system && this.original?.name === '_superusers';
  }

  /**
   * Changes the history options: change(next) edits next.history ({enabled, retentionDays}) and next.rule. The keys
   * are left out again when they are back to the defaults of a collection saved without them.
   */
  edit(change, ...clear) {
    const c = this.collection;
    const next = { history: { enabled: false, retentionDays: 0, ...(c.history || {}) }, rule: c.historyRule ?? null };
    change(next);
    c.history = next.history;
    c.historyRule = next.rule;
    const o = this.original || {};
    if (!('history' in o) && !('historyRule' in o) && !next.history.enabled && !next.history.retentionDays && next.rule === null) {
      delete c.history;
      delete c.historyRule;
    }
    this.requestUpdate();
    emitChange(this, ...clear);
  }

  setRule(value) {
    this.edit((n) => { n.rule = value; }, 'historyRule');
  }

  render() {
    const c = this.collection;
    if (!c) return nothing;
    const h = c.history || {};
    const events = c.mode === 'events';
    const enabled = this.isSuperusers || events || !!h.enabled;
    const disabled = !!this.original?.system;
    const daysErr = errorAt(this.errors, 'history.retentionDays') || errorAt(this.errors, 'history.enabled') || errorAt(this.errors, 'history');
    return html`<div class="ce-history">
      <p class="hint">Keeps every create, update and delete of this collection's records: who made it, when, from where, and
        the old and new value of each changed field. Records then get a History tab with a Restore button per version, and
        deleted records can be brought back. Passwords and token keys are only noted as changed.</p>
      ${this.isSuperusers ? html`<p class="ce-locked-note">The changes of superusers are always kept; they are also on the Audit page.</p>`
        : disabled ? html`<p class="hint">The history options of a system collection can't be changed.</p>`
        : events ? html`<p class="ce-locked-note">In events mode (the Events tab) the history is always kept, for ever.</p>` : nothing}
      <label class="check ce-history-toggle"><input type="checkbox" .checked=${enabled} ?disabled=${disabled || events}
        @change=${(e) => this.edit((n) => { n.history.enabled = e.target.checked; }, 'history.enabled')}>
        <span>Keep record history</span></label>
      ${enabled && !this.isSuperusers ? html`
        ${events ? nothing : html`<label class="field ce-history-days ${daysErr ? 'invalid' : ''}"><span>Keep for N days (0 = forever)</span>
          <input type="number" min="0" step="1" inputmode="numeric" .value=${String(h.retentionDays ?? 0)} ?disabled=${disabled}
            @input=${(e) => this.edit((n) => { n.history.retentionDays = e.target.value === '' ? 0 : Math.trunc(Number(e.target.value)) || 0; }, 'history.retentionDays')}>
          ${daysErr ? html`<small class="field-error" role="alert">${daysErr}</small>`
            : html`<small class="field-help">Older entries are removed every six hours.</small>`}
        </label>`}
        ${ruleBlock({
          key: 'historyRule', label: 'History rule', value: c.historyRule ?? null, error: errorAt(this.errors, 'historyRule'),
          disabled, collection: c, collections: this.collections,
          placeholder: 'Empty: everyone who may view the record',
          help: 'Who else may read the history of a record (and see it as it was); the view rule must pass too. For a deleted record the fields hold its last values.',
          onLock: () => { this.savedRule = c.historyRule ?? ''; this.setRule(null); },
          onUnlock: () => {
            this.setRule(this.savedRule ?? '');
            this.updateComplete.then(() => this.querySelector('[data-rule="historyRule"] c-filter-input, [data-rule="historyRule"] textarea')?.focus());
          },
          onInput: (text) => this.setRule(text),
        })}` : nothing}
    </div>`;
  }
}
customElements.define('c-history-options', HistoryOptions);
