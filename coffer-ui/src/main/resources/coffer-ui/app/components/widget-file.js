// The file widget: the stored files with thumbnails (images) or icons, new files dropped or chosen (listed with
// previews until the record is saved), reordering by dragging or with the arrow buttons, removing (with undo).
// Its form value is the list of files in order: {name} for a stored file, {file} for a new one (widget-base.js
// turns it into "field", "field+" and "field-" keys).
import { html, nothing } from 'lit';
import { Widget, toArray } from './widget-base.js';
import { ricons, isImage, fileLink, getFileToken, shortFileName, formatBytes } from './record-util.js';
import { toastError } from '../ui.js';

class FileWidget extends Widget {
  static properties = { ...Widget.properties, token: { state: true }, dragOver: { state: true } };

  constructor() {
    super();
    this.urls = new Map(); // File → object URL of its preview
    this.dragIndex = -1;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.field?.options?.protected && !this.token) {
      getFileToken().then((t) => { this.token = t; }).catch(toastError);
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    for (const u of this.urls.values()) URL.revokeObjectURL(u);
    this.urls.clear();
  }

  get multiple() {
    return !!(this.field.options?.multiple || (this.field.validation?.maxSelect || 1) > 1);
  }

  get items() {
    return this.value || [];
  }

  preview(file) {
    if (!this.urls.has(file)) this.urls.set(file, URL.createObjectURL(file));
    return this.urls.get(file);
  }

  add(files) {
    const list = [...files];
    if (!list.length) return;
    if (!this.multiple) {
      this.emit([{ file: list[0] }]);
      return;
    }
    this.emit([...this.items, ...list.map((file) => ({ file }))]);
  }

  removeAt(i) {
    const it = this.items[i];
    if (it.file && this.urls.has(it.file)) {
      URL.revokeObjectURL(this.urls.get(it.file));
      this.urls.delete(it.file);
    }
    this.emit(this.items.filter((_, j) => j !== i));
  }

  restore(name) {
    const stored = toArray(this.record?.[this.field.name]);
    const kept = this.items.filter((it) => !it.file);
    const added = this.items.filter((it) => it.file);
    if (!this.multiple) {
      this.emit([{ name }]);
      return;
    }
    // back in its stored position among the stored files, new files still last
    const order = stored.filter((n) => n === name || kept.some((k) => k.name === n));
    this.emit([...order.map((n) => ({ name: n })), ...added]);
  }

  move(i, delta) {
    const j = i + delta;
    const list = [...this.items];
    if (j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j], list[i]];
    this.emit(list);
  }

  drop(e) {
    e.preventDefault();
    this.dragOver = false;
    if (this.disabled) return;
    if (this.dragIndex >= 0) {
      const target = e.target.closest?.('[data-index]');
      const to = target ? Number(target.dataset.index) : this.items.length - 1;
      const list = [...this.items];
      const [it] = list.splice(this.dragIndex, 1);
      list.splice(to, 0, it);
      this.dragIndex = -1;
      this.emit(list);
      return;
    }
    if (e.dataTransfer?.files?.length) this.add(e.dataTransfer.files);
  }

  renderLabel() {
    const f = this.field;
    const v = f.validation || {};
    const limits = [
      this.multiple ? `up to ${v.maxSelect} files` : 'one file',
      v.maxSize ? `${formatBytes(v.maxSize)} each` : '',
      (v.mimeTypes || []).length ? (v.mimeTypes || []).join(', ') : '',
    ].filter(Boolean).join(' · ');
    return this.head({ asLabel: false, extra: html`
      ${f.options?.protected ? html`<span class="badge" title="Protected: a file token is needed to download">${ricons.lock} protected</span>` : nothing}
      <span class="hint">(${limits})</span>` });
  }

  renderItem(it, i) {
    const n = this.items.length;
    const name = it.file ? it.file.name : it.name;
    let thumb;
    if (it.file) {
      thumb = it.file.type.startsWith('image/') ? html`<img src=${this.preview(it.file)} alt="">` : ricons.file;
    } else if (isImage(name) && this.record && (!this.field.options?.protected || this.token)) {
      thumb = html`<img src=${fileLink(this.record, name, { thumb: '100x100', token: this.token })} alt="" loading="lazy">`;
    } else {
      thumb = ricons.file;
    }
    const link = !it.file && this.record
      ? html`<a href=${fileLink(this.record, name, { token: this.token })} target="_blank" rel="noopener noreferrer" title=${name}>${shortFileName(name)}</a>`
      : html`<span title=${name}>${name}</span>`;
    return html`<li class="file-item ${it.file ? 'is-new' : ''}" data-index=${i} draggable=${this.multiple && !this.disabled ? 'true' : 'false'}
      @dragstart=${(e) => { this.dragIndex = i; e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', name); }}
      @dragend=${() => { this.dragIndex = -1; }}>
      ${this.multiple && !this.disabled ? html`<span class="drag-handle" aria-hidden="true">${ricons.drag}</span>` : nothing}
      <span class="file-thumb">${thumb}</span>
      <span class="file-name">${link}${it.file ? html` <span class="badge badge-primary">new</span> <span class="hint">${formatBytes(it.file.size)}</span>` : nothing}</span>
      ${this.disabled ? nothing : html`
        ${this.multiple ? html`
          <button type="button" class="btn-icon" aria-label="Move ${name} up" title="Move up" ?disabled=${i === 0} @click=${() => this.move(i, -1)}>${ricons.up}</button>
          <button type="button" class="btn-icon" aria-label="Move ${name} down" title="Move down" ?disabled=${i === n - 1} @click=${() => this.move(i, 1)}>${ricons.down}</button>` : nothing}
        <button type="button" class="btn-icon danger" aria-label="Remove ${name}" title="Remove" @click=${() => this.removeAt(i)}>${ricons.trash}</button>`}
    </li>`;
  }

  renderControl() {
    const f = this.field;
    const a = this.aria();
    const stored = toArray(this.record?.[f.name]);
    const removed = stored.filter((n) => !this.items.some((it) => it.name === n));
    const accept = (f.validation?.mimeTypes || []).join(',');
    const full = this.multiple && (f.validation?.maxSelect || 99) <= this.items.length;
    return html`<div class="file-widget ${this.dragOver ? 'drag-over' : ''}" role="group" aria-labelledby="${this.inputId}-label" aria-describedby=${a.describedby}
      @dragover=${(e) => { e.preventDefault(); if (this.dragIndex < 0) this.dragOver = true; }}
      @dragleave=${(e) => { if (!e.currentTarget.contains(e.relatedTarget)) this.dragOver = false; }}
      @drop=${(e) => this.drop(e)}>
      ${this.items.length ? html`<ul class="file-list">${this.items.map((it, i) => this.renderItem(it, i))}</ul>` : nothing}
      ${removed.length ? html`<ul class="file-removed">${removed.map((n) => html`<li>
        <s title=${n}>${shortFileName(n)}</s> <span class="hint">deleted on save</span>
        <button type="button" class="btn btn-link btn-sm" @click=${() => this.restore(n)}>Undo</button></li>`)}</ul>` : nothing}
      ${this.disabled ? nothing : html`<div class="file-drop">
        ${ricons.upload}
        <span>${this.multiple ? 'Drop files here or' : (this.items.length ? 'Drop a file here to replace it, or' : 'Drop a file here or')}</span>
        <label class="btn btn-secondary btn-sm ${full ? 'disabled' : ''}">${this.multiple ? 'Choose files' : 'Choose a file'}
          <input id=${this.inputId} class="sr-only" type="file" ?multiple=${this.multiple} accept=${accept || nothing}
            aria-label="Upload ${this.labelText()}" aria-invalid=${a.invalid}
            @change=${(e) => { this.add(e.target.files); e.target.value = ''; }}></label>
      </div>`}
    </div>`;
  }
}
customElements.define('c-widget-file', FileWidget);
