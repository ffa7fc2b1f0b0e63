// The relation widget: the related records as chips named by their presentable fields (reorder, remove), and
// the picker (record-picker.js) to choose them. Its form value is the list of ids.
import { html, nothing } from 'lit';
import { api } from '../api.js';
import { collectionsStore, toastError } from '../ui.js';
import { Widget } from './widget-base.js';
import { presentableFields, recordLabel, ricons } from './record-util.js';
import './record-picker.js';

const quote = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

class RelationWidget extends Widget {
  static properties = { ...Widget.properties, picking: { state: true }, known: { state: true } };

  constructor() {
    super();
    this.known = new Map(); // id → record (for the labels)
    this.missing = new Set();
  }

  get targetId() {
    return this.field.options?.collectionId || this.field.options?.collectionName;
  }

  get displayFields() {
    const d = this.field.options?.displayFields;
    return d?.length ? d : presentableFields(collectionsStore.find(this.targetId));
  }

  get max() {
    return this.field.validation?.maxSelect || (this.field.options?.multiple ? 999 : 1);
  }

  willUpdate(changed) {
    if (changed.has('value') || changed.has('record')) {
      const exp = this.record?.expand?.[this.field.name];
      for (const r of Array.isArray(exp) ? exp : (exp ? [exp] : [])) this.known.set(r.id, r);
      this.fetchLabels();
    }
  }

  async fetchLabels() {
    const ids = (this.value || []).filter((id) => !this.known.has(id) && !this.missing.has(id));
    if (!ids.length) return;
    for (const id of ids) this.missing.add(id); // asked once
    try {
      for (let i = 0; i < ids.length; i += 50) {
        const chunk = ids.slice(i, i + 50);
        const res = await api.records(this.targetId).list(1, chunk.length, { filter: chunk.map((id) => `id=${quote(id)}`).join('||'), skipTotal: 1 });
        for (const r of res.items) {
          this.known.set(r.id, r);
          this.missing.delete(r.id);
        }
      }
      this.known = new Map(this.known);
    } catch (e) {
      toastError(e);
    }
  }

  renderLabel() {
    const f = this.field;
    const target = collectionsStore.find(this.targetId);
    return this.head({ asLabel: false, extra: html`<span class="hint">(${target?.name || f.options?.collectionName || 'records'}${this.max > 1 && this.max < 999 ? `, up to ${this.max}` : ''})</span>` });
  }

  move(i, d) {
    const list = [...(this.value || [])];
    const j = i + d;
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    this.emit(list);
  }

  renderControl() {
    const ids = this.value || [];
    const a = this.aria();
    const multi = this.max > 1;
    return html`<div class="relation-widget" role="group" aria-labelledby="${this.inputId}-label" aria-describedby=${a.describedby}>
      ${ids.length ? html`<ul class="relation-chips">${ids.map((id, i) => {
        const r = this.known.get(id);
        const label = r ? recordLabel(r, this.displayFields) : id;
        return html`<li class="relation-chip ${!r && !this.missing.has(id) ? '' : (!r ? 'missing' : '')}" title=${id}>
          <span class="relation-label">${label}</span>
          ${!r && this.missing.has(id) ? html`<span class="hint">(not found)</span>` : nothing}
          ${this.disabled ? nothing : html`
            ${multi ? html`<button type="button" class="btn-icon sm" aria-label="Move ${label} up" ?disabled=${i === 0} @click=${() => this.move(i, -1)}>${ricons.left}</button>
              <button type="button" class="btn-icon sm" aria-label="Move ${label} down" ?disabled=${i === ids.length - 1} @click=${() => this.move(i, 1)}>${ricons.right}</button>` : nothing}
            <button type="button" class="btn-icon sm" aria-label="Remove ${label}" @click=${() => this.emit(ids.filter((x) => x !== id))}>${ricons.close}</button>`}
        </li>`;
      })}</ul>` : html`<span class="hint">${this.disabled ? 'None' : 'No record selected.'}</span>`}
      ${this.disabled ? nothing : html`<button type="button" id=${this.inputId} class="btn btn-secondary btn-sm" aria-label="Choose ${this.labelText()}"
        aria-invalid=${a.invalid} @click=${() => { this.picking = true; }}>${ricons.plus} ${ids.length ? 'Change' : 'Choose'}</button>`}
      ${this.picking ? html`<c-record-picker .collectionId=${this.targetId} .displayFields=${this.displayFields} .selected=${ids}
        .max=${this.max} @pick=${(e) => {
          for (const [id, r] of e.detail.records) this.known.set(id, r);
          this.emit(e.detail.ids);
        }} @close=${() => {
          this.picking = false;
          this.updateComplete.then(() => this.querySelector('button[aria-label^="Choose"]')?.focus());
        }}></c-record-picker>` : nothing}
    </div>`;
  }
}
customElements.define('c-widget-relation', RelationWidget);
