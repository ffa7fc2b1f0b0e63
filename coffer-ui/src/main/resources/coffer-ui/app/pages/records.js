// Collections and their records: the collections sidebar, the records list of the chosen collection and the
// record panel.
import { html } from 'lit';
import { LightElement, collectionsStore } from '../ui.js';

class RecordsPage extends LightElement {
  static properties = { query: {}, collections: { state: true } };

  constructor() {
    super();
    this.collections = collectionsStore.items;
  }

  connectedCallback() {
    super.connectedCallback();
    this.unsub = collectionsStore.subscribe((items) => { this.collections = items; });
    if (!collectionsStore.loaded) collectionsStore.load().catch(() => {});
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsub?.();
  }

  render() {
    const active = this.query?.collection;
    return html`<div class="page">
      <aside class="sidebar" aria-label="Collections">
        <div class="sidebar-title">Collections</div>
        ${this.collections.map((c) => html`<a class="sidebar-item ${active === c.id || active === c.name ? 'active' : ''}"
          href="#/collections?collection=${encodeURIComponent(c.id)}"><span class="grow">${c.name}</span></a>`)}
      </aside>
      <section class="content"><header class="content-header"><h1>${collectionsStore.find(active)?.name || 'Collections'}</h1></header>
        <div class="content-body"><p class="hint">Records are coming here.</p></div></section>
    </div>`;
  }
}
customElements.define('c-page-records', RecordsPage);
