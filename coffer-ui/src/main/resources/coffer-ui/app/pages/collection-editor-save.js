// Saving in the collection editor: the confirmation of the changes that lose or move data (renames, deleted
// fields, multiple to single), the create or update request, and the API's errors shown on their fields and tabs.
// CollectionSave is mixed into the editor element (collection-editor.js), whose draft, original, errors, tab and
// payload()/setBase()/errorTabs() it uses.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { collectionsStore, toast } from '../ui.js';
import { clone, openDialog } from '../components/field-settings-shared.js';
import { TABS } from './collection-editor-model.js';

/** Save and its confirmation (a mixin: Base is the editor element's base class). */
export const CollectionSave = (Base) => class extends Base {
  /** The changes that lose or move data, for the confirmation (PocketBase's "collection changes"). */
  riskyChanges() {
    const o = this.original;
    const d = this.draft;
    const out = { renamed: null, renamedFields: [], deletedFields: [], toSingle: [] };
    if (this.isNew) return out;
    if (o.name !== d.name) out.renamed = { from: o.name, to: d.name };
    if (d.type === 'view') return out;
    for (const f of d.fields || []) {
      const of = f.id ? (o.fields || []).find((x) => x.id === f.id) : null;
      if (!of) continue;
      if (f['@toDelete']) out.deletedFields.push(of.name);
      else if (of.name !== f.name) out.renamedFields.push({ from: of.name, to: f.name });
      if (!f['@toDelete'] && (of.maxSelect || 1) > 1 && (f.maxSelect || 1) === 1 && 'maxSelect' in of) out.toSingle.push(f.name);
    }
    return out;
  }

  async confirmChanges() {
    const ch = this.riskyChanges();
    if (!ch.renamed && !ch.renamedFields.length && !ch.deletedFields.length && !ch.toSingle.length) return true;
    return !!await openDialog({
      label: 'Confirm collection changes',
      content: (ctx) => html`<div class="ce-changes">
        <h2>Save these collection changes?</h2>
        <ul class="ce-change-list">
          ${ch.renamed ? html`<li>Renamed the collection <code>${ch.renamed.from}</code> → <code>${ch.renamed.to}</code></li>` : nothing}
          ${ch.renamedFields.map((r) => html`<li>Renamed the field <code>${r.from}</code> → <code>${r.to}</code></li>`)}
          ${ch.deletedFields.map((n) => html`<li class="ce-danger-text">Deleted the field <code>${n}</code></li>`)}
          ${ch.toSingle.map((n) => html`<li>Changed <code>${n}</code> from multiple to single (each record keeps only its last value)</li>`)}
        </ul>
        ${ch.deletedFields.length ? html`<p class="error"><strong>The data of the deleted fields is deleted for good.</strong></p>` : nothing}
        ${ch.renamed || ch.renamedFields.length || ch.deletedFields.length ? html`<p class="hint">Rules, filters and view queries of
          other collections that use the old names are not updated: change them by hand.</p>` : nothing}
        <div class="actions">
          <button type="button" class="btn btn-secondary" @click=${() => ctx.close(false)}>Cancel</button>
          <button type="button" class="btn ${ch.deletedFields.length ? 'btn-danger' : ''}" autofocus @click=${() => ctx.close(true)}>Save changes</button>
        </div>
      </div>`,
    });
  }

  async save({ close = false } = {}) {
    if (!this.draft || this.saving) return;
    if (!this.isNew && !this.dirty) {
      if (close) this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
      return;
    }
    // make the input being typed in commit its value (change events) before reading the draft
    const active = document.activeElement;
    if (active && this.contains(active) && typeof active.blur === 'function') {
      active.blur();
      active.focus?.();
    }
    if (this.confirming) return;
    this.confirming = true;
    let ok;
    try {
      ok = await this.confirmChanges();
    } finally {
      this.confirming = false;
    }
    if (!ok) return;
    this.saving = true;
    try {
      const body = this.payload();
      const sentFields = (this.draft.fields || []).filter((f) => !f['@toDelete']);
      const isNew = this.isNew;
      let saved;
      try {
        saved = isNew
          ? await api.send('api/collections', { method: 'POST', body })
          : await api.send(`api/collections/${encodeURIComponent(this.original.id)}`, { method: 'PATCH', body });
      } catch (e) {
        this.showErrors(e, sentFields);
        return;
      }
      this.initFor = `id:${saved.id}`;
      this.initObject = this.collection;
      this.errors = {};
      this.setBase(clone(saved));
      toast(isNew ? `Collection "${saved.name}" created.` : `Collection "${saved.name}" saved.`);
      collectionsStore.load().catch(() => {});
      this.dispatchEvent(new CustomEvent('saved', { bubbles: true, detail: clone(saved) }));
      if (close) this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
    } finally {
      this.saving = false;
    }
  }

  showErrors(e, sentFields) {
    if (e.name === 'AbortError') return;
    const data = e.data || {};
    this.errors = data;
    this.fieldErrors = new WeakMap();
    const fieldsTab = this.querySelector('c-fields-editor');
    for (const [i, err] of Object.entries(data.fields || {})) {
      const f = sentFields[Number(i)];
      if (!f) continue;
      this.fieldErrors.set(f, err);
      if (Object.keys(err).some((k) => k !== 'name')) fieldsTab?.expand(f);
    }
    const tabs = this.errorTabs();
    if (tabs.size && !tabs.has(this.tab) && ![...tabs].every((t) => t === '')) {
      this.tab = TABS[this.draft.type].find((t) => tabs.has(t)) || this.tab;
    }
    this.rev += 1;
    toast(e.message || 'The collection could not be saved.', 'error');
  }
};
