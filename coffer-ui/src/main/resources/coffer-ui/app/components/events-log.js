// The latest events of a collection (its event log, in the collection editor's Events tab): the last 20 from the
// collection's history, newest first, then newer ones from GET /api/events after the newest one's id (the log's
// cursor), on "Load newer" or live while "Follow" is on (long polling with wait=25). Each event opens to its
// changed fields.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { LightElement, toastError } from '../ui.js';
import { actionBadge, actorTag, changesView, timeTag } from './history-view.js'; // (its import links history.css)

const FIRST = 20;

class EventsLog extends LightElement {
  static properties = {
    collection: { attribute: false },
    items: { state: true },
    loading: { state: true },
    following: { state: true },
  };

  constructor() {
    super();
    this.items = null;
    this.cursor = 0;
    this.loading = false;
    this.following = false;
    this.loadedFor = '';
    this.controller = null;
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.stopFollowing();
    this.loadedFor = '';
  }

  willUpdate() {
    if (this.collection?.id && this.loadedFor !== this.collection.id) {
      this.loadedFor = this.collection.id;
      this.loadLatest();
    }
  }

  async loadLatest() {
    this.loading = true;
    try {
      const res = await api.send(`api/collections/${encodeURIComponent(this.collection.id)}/history`, { query: { perPage: FIRST } });
      this.items = res.items;
      this.total = res.totalItems;
      this.cursor = res.items.reduce((max, e) => Math.max(max, Number(e.id) || 0), 0);
    } catch (e) {
      toastError(e);
      this.items = [];
    } finally {
      this.loading = false;
    }
  }

  /** Asks the log for the events after the cursor (waiting up to wait seconds for one); true when it answered. */
  async loadNewer(wait = 0, signal = undefined) {
    const res = await api.send('api/events', {
      query: { collection: this.collection.id, after: this.cursor, limit: 100, ...(wait ? { wait } : {}) }, signal,
    });
    if (res.items.length) {
      this.items = [...[...res.items].reverse(), ...(this.items || [])];
      this.total = (this.total || 0) + res.items.length;
    }
    this.cursor = res.cursor;
    return res.items.length;
  }

  async newer() {
    this.loading = true;
    try {
      await this.loadNewer();
    } catch (e) {
      toastError(e);
    } finally {
      this.loading = false;
    }
  }

  async follow() {
    this.following = true;
    const controller = new AbortController();
    this.controller = controller;
    while (!controller.signal.aborted) {
      try {
        await this.loadNewer(25, controller.signal);
      } catch (e) {
        if (e.name !== 'AbortError') toastError(e);
        break;
      }
    }
    if (this.controller === controller) this.stopFollowing();
  }

  stopFollowing() {
    this.controller?.abort();
    this.controller = null;
    this.following = false;
  }

  render() {
    const items = this.items;
    return html`<section class="ce-events-log" aria-label="Latest events">
      <div class="hv-toolbar">
        <h4>Latest events</h4>
        ${items ? html`<span class="hint">${items.length} of ${this.total} shown</span>` : nothing}
        <span class="grow"></span>
        <label class="check"><input type="checkbox" .checked=${this.following}
          @change=${(e) => (e.target.checked ? this.follow() : this.stopFollowing())}> Follow live</label>
        <button type="button" class="btn btn-secondary btn-sm" ?disabled=${this.loading || this.following || !items}
          @click=${() => this.newer()}>Load newer</button>
      </div>
      ${!items ? html`<p class="hint">Loading…</p>`
        : !items.length ? html`<p class="hint">No events yet.</p>`
        : html`<ol class="ce-events-list">${items.map((e) => html`<li class="ce-event" data-event=${e.id}>
          <details>
            <summary>
              <span class="mono ce-event-id" title="Position in the log (the cursor)">#${e.id}</span>
              ${actionBadge(e.action)}
              <span class="mono">${e.recordId}</span>
              <span class="hint">v${e.version}</span>
              <span class="grow"></span>
              ${actorTag(e.actor, api.superuser)} ${timeTag(e.created)}
            </summary>
            ${changesView(e.changes, e.action)}
          </details></li>`)}</ol>`}
    </section>`;
  }
}
customElements.define('c-events-log', EventsLog);
