// The Events tab of a base collection in the collection editor (a Coffer extension): events mode (mode "events": the
// table is a projection of the event log, whose history is kept for ever), who besides superusers may follow the
// collection's events through /api/events (eventsRule: a filter on @request.*, null for superusers only), the
// rebuild of the table from its log (POST /api/collections/{c}/events/replay) and the latest events (events-log.js).
// The collection JSON gets these keys only once they are set.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, confirmDialog, toast, toastError } from '../ui.js';
import { editorStyles, emitChange, errorAt } from './field-settings-shared.js';
import { ruleBlock } from './rules-editor.js';
import './events-log.js';

class EventsOptions extends LightElement {
  static properties = {
    collection: { attribute: false },
    original: { attribute: false },
    collections: { attribute: false },
    errors: { attribute: false },
    rev: { type: Number },
    replaying: { state: true },
  };

  constructor() {
    super();
    this.savedRule = ''; // the text of the rule before it was locked, to restore on unlock
    this.replaying = false;
  }

  connectedCallback() {
    super.connectedCallback();
    editorStyles();
  }

  /** Whether the saved collection is in events mode (what a rebuild and the events list need). */
  get savedEvents() {
    return !!this.original?.id && this.original.mode === 'events';
  }

  /** Sets a key; back to its default (crud mode, superusers only) it is left out again unless the original has it. */
  edit(key, value, fallback) {
    const c = this.collection;
    if (value === fallback && !(key in (this.original || {}))) delete c[key];
    else c[key] = value;
    this.requestUpdate();
    emitChange(this, key);
  }

  async replay() {
    const o = this.original;
    if (!await confirmDialog(`Rebuild the table of "${o.name}" from its event log? Every record is replaced by the `
      + 'state its events give; records changed outside the log (SQL) go back to it.', { confirmText: 'Rebuild' })) return;
    this.replaying = true;
    try {
      const res = await api.send(`api/collections/${encodeURIComponent(o.id)}/events/replay`, { method: 'POST' });
      toast(`Rebuilt "${o.name}" from ${res.applied} ${res.applied === 1 ? 'event' : 'events'}.`);
    } catch (e) {
      toastError(e);
    } finally {
      this.replaying = false;
    }
  }

  render() {
    const c = this.collection;
    if (!c) return nothing;
    const on = c.mode === 'events';
    const modeErr = errorAt(this.errors, 'mode');
    return html`<div class="ce-events">
      <label class="check ce-history-toggle ${modeErr ? 'invalid' : ''}"><input type="checkbox" .checked=${on}
        @change=${(e) => this.edit('mode', e.target.checked ? 'events' : 'crud', 'crud')}>
        <span>Events mode</span></label>
      <p class="hint">The table becomes a projection of the event log: every change is an event kept for ever (record
        history is always on), and the table can be rebuilt from the log.</p>
      ${modeErr ? html`<small class="field-error" role="alert">${modeErr}</small>` : nothing}
      ${ruleBlock({
        key: 'eventsRule', label: 'Events rule', value: c.eventsRule ?? null, error: errorAt(this.errors, 'eventsRule'),
        collection: { ...c, fields: [] }, collections: this.collections,
        placeholder: 'Empty: everyone, guests included',
        help: 'Who besides superusers may follow this collection\'s changes (GET /api/events): a filter on @request.*, '
          + 'e.g. @request.auth.id != "". They see no hidden fields and read-ruled fields masked.',
        onLock: () => { this.savedRule = c.eventsRule ?? ''; this.edit('eventsRule', null, null); },
        onUnlock: () => {
          this.edit('eventsRule', this.savedRule ?? '', null);
          this.updateComplete.then(() => this.querySelector('[data-rule="eventsRule"] c-filter-input')?.focus());
        },
        onInput: (text) => this.edit('eventsRule', text, null),
      })}
      ${this.savedEvents ? html`<div class="ce-events-replay">
          <button type="button" class="btn btn-secondary" ?disabled=${this.replaying} @click=${() => this.replay()}>
            ${this.replaying ? 'Rebuilding…' : 'Rebuild from events'}</button>
          <small class="field-help">Empties the table (or makes it anew if it was dropped) and applies every event in order.</small>
        </div>
        <c-events-log .collection=${this.original}></c-events-log>`
        : on ? html`<p class="hint">Save the collection to rebuild it from its events and see them here.</p>` : nothing}
    </div>`;
  }
}
customElements.define('c-events-options', EventsOptions);
