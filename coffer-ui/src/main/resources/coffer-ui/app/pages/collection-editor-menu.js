// The actions menu of a saved collection in the collection editor: copy its JSON, duplicate it (into a new
// unsaved collection), truncate its records, delete it (typing its name to confirm), with the menu's keyboard
// handling. CollectionMenu is mixed into the editor element (collection-editor.js), whose original, draft,
// menuOpen, dirty and setBase() it uses.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { collectionsStore, confirmDialog, copyText, toast, toastError } from '../ui.js';
import { clone, errorList, openDialog, ceIcons } from '../components/field-settings-shared.js';
import { withNewName } from '../components/index-editor.js';

/** The header's actions menu (a mixin: Base is the editor element's base class). */
export const CollectionMenu = (Base) => class extends Base {
  async copyJson() {
    this.menuOpen = false;
    const ok = await copyText(JSON.stringify(this.original, null, 2));
    toast(ok ? 'Collection JSON copied to the clipboard.' : 'Could not copy to the clipboard.', ok ? 'success' : 'error');
  }

  async duplicate() {
    this.menuOpen = false;
    if (this.dirty && !await confirmDialog('You have unsaved changes. Discard them?', { confirmText: 'Discard' })) return;
    const copy = clone(this.original);
    copy.id = '';
    copy.system = false;
    copy.name = `${copy.name}_duplicate`;
    copy.created = '';
    copy.updated = '';
    for (const f of copy.fields || []) delete f.id;
    copy.indexes = (copy.indexes || []).map((idx) => withNewName(idx, copy.name));
    this.initFor = 'duplicate';
    this.errors = {};
    this.setBase(copy);
    toast(`Editing a copy of "${this.collection?.name || ''}": create it to keep it.`, 'info');
  }

  async truncate() {
    this.menuOpen = false;
    const name = this.original.name;
    if (!await confirmDialog(`Delete all records of "${name}"? This can't be undone.`, { confirmText: 'Truncate' })) return;
    try {
      await api.send(`api/collections/${encodeURIComponent(this.original.id)}/truncate`, { method: 'DELETE' });
      toast(`All records of "${name}" were deleted.`);
      this.dispatchEvent(new CustomEvent('truncated', { bubbles: true, detail: this.original.id }));
    } catch (e) {
      toastError(e);
    }
  }

  async deleteCollection() {
    this.menuOpen = false;
    const { id, name, type } = this.original;
    let typed = '';
    let error = '';
    let busy = false;
    const done = await openDialog({
      label: 'Delete collection',
      content: (ctx) => html`<form @submit=${async (e) => {
          e.preventDefault();
          if (typed !== name) return;
          busy = true;
          error = '';
          ctx.update();
          try {
            await api.send(`api/collections/${encodeURIComponent(id)}`, { method: 'DELETE' });
            ctx.close(true);
            return;
          } catch (err) {
            error = errorList(err.data).map((x) => x.message).join(' ') || err.message;
          }
          busy = false;
          ctx.update();
        }}>
        <h2>Delete collection</h2>
        <p>${type === 'view' ? html`Delete the view <strong>${name}</strong>?`
          : html`Delete <strong>${name}</strong> and <strong>all its records</strong>? This can't be undone.`}</p>
        <label class="field"><span>Type the collection name <code>${name}</code> to confirm</span>
          <input autofocus autocomplete="off" spellcheck="false" .value=${typed} @input=${(e) => { typed = e.target.value; ctx.update(); }}></label>
        ${error ? html`<p class="error ce-delete-error" role="alert">${error}</p>` : nothing}
        <div class="actions">
          <button type="button" class="btn btn-secondary" @click=${() => ctx.close()}>Cancel</button>
          <button class="btn btn-danger" ?disabled=${typed !== name || busy}>Delete</button>
        </div>
      </form>`,
    });
    if (!done) return;
    toast(`Collection "${name}" deleted.`);
    collectionsStore.load().catch(() => {});
    this.original = clone(this.draft); // nothing left to lose
    this.dispatchEvent(new CustomEvent('deleted', { bubbles: true, detail: id }));
    this.dispatchEvent(new CustomEvent('close', { bubbles: true }));
  }

  toggleMenu() {
    this.menuOpen = !this.menuOpen;
    if (this.menuOpen) this.updateComplete.then(() => this.querySelector('.ce-menu [role="menuitem"]')?.focus());
  }

  /** Up and down move in the actions menu; Esc closes it (handled on its wrapper) and Tab leaves it. */
  menuKeys(e) {
    const items = [...this.querySelectorAll('.ce-menu [role="menuitem"]')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (e.key === 'Tab') {
      this.menuOpen = false;
    }
  }

  /** The menu button and, while open, the menu (Esc on the wrapper closes it). */
  renderMenu(d) {
    return html`<div class="ce-menu-wrap" @keydown=${(e) => {
        if (e.key === 'Escape' && this.menuOpen) {
          e.stopPropagation();
          this.menuOpen = false;
          this.querySelector('.ce-menu-btn')?.focus();
        }
      }}>
      <button type="button" class="btn-icon ce-menu-btn" aria-label="Collection actions" title="More actions" aria-haspopup="menu"
        aria-expanded=${this.menuOpen ? 'true' : 'false'} @click=${() => this.toggleMenu()}>
        ${ceIcons.more}</button>
      ${this.menuOpen ? html`<div class="ce-menu" role="menu" aria-label="Collection actions" @keydown=${(e) => this.menuKeys(e)}>
        <button type="button" role="menuitem" @click=${() => this.copyJson()}>${ceIcons.code} Copy JSON</button>
        <button type="button" role="menuitem" @click=${() => this.duplicate()}>${ceIcons.copy} Duplicate</button>
        ${d.type === 'view' ? nothing : html`<button type="button" role="menuitem" class="ce-danger-text" @click=${() => this.truncate()}>${ceIcons.eraser} Truncate</button>`}
        ${this.original.system ? nothing : html`<button type="button" role="menuitem" class="ce-danger-text" @click=${() => this.deleteCollection()}>${ceIcons.trash} Delete</button>`}
      </div>` : nothing}
    </div>`;
  }
};
