// The record form's simple widgets, one element per ui-schema `widget`: id, text, textarea, email, url, number,
// slider, toggle, datetime, autodate, select, multiselect, json, password and geopoint (see widget-base.js for
// the interface every widget shares).
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { Widget, confirmKey } from './widget-base.js';
import { ricons, toPbDate, parsePbDate, copyText } from './record-util.js';
import { toast, formatDate } from '../ui.js';

/** Grows a textarea to fit its text (up to a limit set in CSS). */
export function autoGrow(ta) {
  if (!ta) return;
  ta.style.height = 'auto';
  ta.style.height = `${ta.scrollHeight + 2}px`;
}

class IdWidget extends Widget {
  renderLabel() {
    return this.head({ required: this.isNew && !this.field.options?.autogeneratePattern });
  }

  renderControl() {
    const f = this.field;
    const a = this.aria();
    if (!this.isNew) {
      return html`<div class="input-group">
        <input id=${this.inputId} class="mono" .value=${this.value || ''} readonly>
        <button type="button" class="btn-icon" aria-label="Copy the id" title="Copy" @click=${async () => {
          if (await copyText(this.value)) toast('Copied the id.');
        }}>${ricons.copy}</button></div>`;
    }
    const pat = f.options?.autogeneratePattern;
    return html`<input id=${this.inputId} class="mono" .value=${live(this.value || '')} autocomplete="off" spellcheck="false"
      placeholder=${pat ? 'Leave empty to generate one' : ''} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
      @input=${(e) => this.emit(e.target.value)}>`;
  }
}
customElements.define('c-widget-id', IdWidget);

class TextWidget extends Widget {
  get inputType() {
    return 'text';
  }

  renderControl() {
    const a = this.aria();
    return html`<input id=${this.inputId} type=${this.inputType} .value=${live(this.value ?? '')} ?disabled=${this.disabled}
      autocomplete="off" aria-invalid=${a.invalid} aria-describedby=${a.describedby} @input=${(e) => this.emit(e.target.value)}>`;
  }
}
customElements.define('c-widget-text', TextWidget);

class EmailWidget extends TextWidget {
  get inputType() {
    return 'email';
  }
}
customElements.define('c-widget-email', EmailWidget);

class UrlWidget extends TextWidget {
  get inputType() {
    return 'url';
  }
}
customElements.define('c-widget-url', UrlWidget);

class TextareaWidget extends Widget {
  updated() {
    autoGrow(this.querySelector('textarea'));
  }

  renderControl() {
    const a = this.aria();
    return html`<textarea id=${this.inputId} rows="3" class="autogrow" .value=${live(this.value ?? '')} ?disabled=${this.disabled}
      aria-invalid=${a.invalid} aria-describedby=${a.describedby}
      @input=${(e) => { autoGrow(e.target); this.emit(e.target.value); }}></textarea>`;
  }
}
customElements.define('c-widget-textarea', TextareaWidget);

class NumberWidget extends Widget {
  renderControl() {
    const a = this.aria();
    const v = this.field.validation || {};
    return html`<input id=${this.inputId} type="number" inputmode="decimal" step=${this.field.options?.step || 'any'}
      min=${v.min ?? nothing} max=${v.max ?? nothing} .value=${live(this.value === null || this.value === undefined ? '' : String(this.value))}
      ?disabled=${this.disabled} aria-invalid=${a.invalid} aria-describedby=${a.describedby}
      @input=${(e) => this.emit(e.target.value)}>`;
  }
}
customElements.define('c-widget-number', NumberWidget);

class SliderWidget extends Widget {
  renderControl() {
    const a = this.aria();
    const v = this.field.validation || {};
    const value = this.value === '' || this.value === null || this.value === undefined ? '' : String(this.value);
    return html`<div class="slider-row">
      <input id=${this.inputId} type="range" min=${v.min} max=${v.max} step=${this.field.options?.step || 'any'}
        .value=${live(value === '' ? String(v.min) : value)} ?disabled=${this.disabled}
        aria-invalid=${a.invalid} aria-describedby=${a.describedby} @input=${(e) => this.emit(e.target.value)}>
      <input type="number" class="slider-number" step=${this.field.options?.step || 'any'} min=${v.min} max=${v.max}
        aria-label="${this.labelText()} value" .value=${live(value)} ?disabled=${this.disabled}
        @input=${(e) => this.emit(e.target.value)}>
    </div>`;
  }
}
customElements.define('c-widget-slider', SliderWidget);

class ToggleWidget extends Widget {
  render() {
    const f = this.field;
    if (!f) return nothing;
    const a = this.aria();
    return html`<div class="field widget widget-toggle ${this.error ? 'invalid' : ''}" data-field=${f.name}>
      <label class="switch">
        <input id=${this.inputId} type="checkbox" role="switch" .checked=${live(!!this.value)} ?disabled=${this.disabled}
          aria-invalid=${a.invalid} aria-describedby=${a.describedby} @change=${(e) => this.emit(e.target.checked)}>
        <span class="switch-track" aria-hidden="true"></span>
        <span class="field-label ${f.required && !f.readOnly ? 'required' : ''}">${this.labelText()}</span>${this.badges()}
      </label>
      ${this.renderError()}
      ${f.help ? html`<small class="field-help">${f.help}</small>` : nothing}
    </div>`;
  }
}
customElements.define('c-widget-toggle', ToggleWidget);

/** Date and time inputs (in UTC) giving PocketBase's "YYYY-MM-DD HH:MM:SS.sssZ". */
class DatetimeWidget extends Widget {
  parts() {
    const m = String(this.value || '').match(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?/);
    return m ? { date: m[1], time: m[2].length === 5 ? `${m[2]}:00` : m[2], ms: (m[3] || '000').padEnd(3, '0').slice(0, 3) } : { date: '', time: '', ms: '000' };
  }

  set(date, time) {
    if (!date) {
      this.emit('');
      return;
    }
    let t = time || '00:00:00';
    if (t.length === 5) t += ':00';
    this.emit(`${date} ${t}.${this.parts().ms}Z`);
  }

  renderControl() {
    const a = this.aria();
    const p = this.parts();
    const d = parsePbDate(this.value);
    return html`<div class="datetime-row">
      <input id=${this.inputId} type="date" aria-label="${this.labelText()} date (UTC)" .value=${live(p.date)} ?disabled=${this.disabled}
        aria-invalid=${a.invalid} aria-describedby=${a.describedby}
        @change=${(e) => this.set(e.target.value, this.querySelector('input[type=time]').value)}>
      <input type="time" step="1" aria-label="${this.labelText()} time (UTC)" .value=${live(p.time)} ?disabled=${this.disabled}
        @change=${(e) => this.set(this.querySelector('input[type=date]').value || new Date().toISOString().slice(0, 10), e.target.value)}>
      <span class="hint">UTC</span>
      ${this.disabled ? nothing : html`
        <button type="button" class="btn btn-secondary btn-sm" @click=${() => this.emit(toPbDate(new Date()))}>Now</button>
        ${this.value ? html`<button type="button" class="btn-icon" aria-label="Clear ${this.labelText()}" title="Clear" @click=${() => this.emit('')}>${ricons.close}</button>` : nothing}`}
    </div>
    ${d ? html`<small class="field-help">Local time: ${formatDate(this.value)}</small>` : nothing}`;
  }
}
customElements.define('c-widget-datetime', DatetimeWidget);

class AutodateWidget extends Widget {
  renderControl() {
    const o = this.field.options || {};
    const when = [o.onCreate ? 'on create' : '', o.onUpdate ? 'on update' : ''].filter(Boolean).join(' and ');
    return html`<input id=${this.inputId} readonly .value=${this.value ? `${this.value}` : `Set automatically ${when}`}
      title=${this.value ? formatDate(this.value) : ''}>`;
  }
}
customElements.define('c-widget-autodate', AutodateWidget);

/** One choice out of the field's values, as chips (a list box when there are many). */
class SelectWidget extends Widget {
  renderLabel() {
    const f = this.field;
    return this.head({ asLabel: (f.options?.values || []).length > 20 });
  }

  renderControl() {
    const values = this.field.options?.values || [];
    const a = this.aria();
    if (values.length > 20) {
      return html`<select id=${this.inputId} .value=${live(this.value || '')} ?disabled=${this.disabled} aria-invalid=${a.invalid}
        aria-describedby=${a.describedby} @change=${(e) => this.emit(e.target.value)}>
        <option value="">- none -</option>
        ${values.map((v) => html`<option value=${v} ?selected=${v === this.value}>${v}</option>`)}
      </select>`;
    }
    return html`<div class="chip-choices" role="group" aria-labelledby="${this.inputId}-label" aria-describedby=${a.describedby}>
      ${values.map((v) => html`<button type="button" class="chip-choice" aria-pressed=${v === this.value ? 'true' : 'false'} ?disabled=${this.disabled}
        @click=${() => this.emit(v === this.value && !this.field.required ? '' : v)}>${v}</button>`)}
      ${!values.length ? html`<span class="hint">The field has no values.</span>` : nothing}
    </div>`;
  }
}
customElements.define('c-widget-select', SelectWidget);

/** Several choices out of the field's values, as toggling chips (up to maxSelect). */
class MultiselectWidget extends Widget {
  renderLabel() {
    const f = this.field;
    const max = f.validation?.maxSelect;
    return this.head({ asLabel: false, extra: max ? html`<span class="hint">(up to ${max})</span>` : nothing });
  }

  toggle(v) {
    const cur = this.value || [];
    this.emit(cur.includes(v) ? cur.filter((x) => x !== v) : [...cur, v]);
  }

  renderControl() {
    const values = this.field.options?.values || [];
    const cur = this.value || [];
    const a = this.aria();
    const max = this.field.validation?.maxSelect || 0;
    return html`<div class="chip-choices" role="group" aria-labelledby="${this.inputId}-label" aria-describedby=${a.describedby}>
      ${values.map((v) => html`<button type="button" class="chip-choice" aria-pressed=${cur.includes(v) ? 'true' : 'false'}
        ?disabled=${this.disabled || (max && cur.length >= max && !cur.includes(v))}
        @click=${() => this.toggle(v)}>${cur.includes(v) ? ricons.check : nothing}${v}</button>`)}
      ${!values.length ? html`<span class="hint">The field has no values.</span>` : nothing}
    </div>`;
  }
}
customElements.define('c-widget-multiselect', MultiselectWidget);

/** A JSON editor: a monospace textarea checked as you type. */
class JsonWidget extends Widget {
  updated() {
    autoGrow(this.querySelector('textarea'));
  }

  status() {
    const s = String(this.value ?? '').trim();
    if (!s) return { ok: true, text: 'Empty (null)' };
    try {
      const v = JSON.parse(s);
      const kind = Array.isArray(v) ? `array of ${v.length}` : v === null ? 'null' : typeof v;
      return { ok: true, text: `Valid JSON (${kind})` };
    } catch (e) {
      return { ok: false, text: `Invalid JSON: ${e.message}` };
    }
  }

  format() {
    try {
      this.emit(JSON.stringify(JSON.parse(this.value), null, 2));
    } catch {
      // keep the text as it is until it parses
    }
  }

  renderControl() {
    const a = this.aria();
    const st = this.status();
    return html`<textarea id=${this.inputId} class="code json-input autogrow" rows="3" spellcheck="false" .value=${live(this.value ?? '')}
      ?disabled=${this.disabled} aria-invalid=${a.invalid || (!st.ok ? 'true' : 'false')} aria-describedby="${this.inputId}-status ${a.describedby}"
      @input=${(e) => { autoGrow(e.target); this.emit(e.target.value); }}
      @keydown=${(e) => {
        if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey) {
          e.preventDefault();
          document.execCommand('insertText', false, '  ');
        }
      }}></textarea>
      <div class="json-status ${st.ok ? '' : 'bad'}" id="${this.inputId}-status">
        <span>${st.text}</span>
        ${st.ok && this.value ? html`<button type="button" class="btn btn-link btn-sm" @click=${() => this.format()}>Format</button>` : nothing}
      </div>`;
  }
}
customElements.define('c-widget-json', JsonWidget);

/** How strong a password looks: 0 (none) to 4, with a word. */
export function passwordStrength(p) {
  if (!p) return { score: 0, text: '' };
  let score = 0;
  if (p.length >= 8) score++;
  if (p.length >= 12) score++;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(p)).length;
  if (classes >= 2) score++;
  if (classes >= 3 && p.length >= 10) score++;
  if (/^(.)\1+$/.test(p) || /^(password|12345678|qwerty)/i.test(p)) score = Math.min(score, 1);
  score = Math.max(1, Math.min(4, score));
  return { score, text: ['', 'weak', 'fair', 'good', 'strong'][score] };
}

function randomPassword(len = 20) {
  const chars = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!@#$%^&*_-+=';
  const bytes = crypto.getRandomValues(new Uint8Array(len));
  return [...bytes].map((b) => chars[b % chars.length]).join('');
}

/** A new password with a strength hint and its confirmation. */
class PasswordWidget extends Widget {
  static properties = { ...Widget.properties, shown: { state: true } };

  renderLabel() {
    const f = this.field;
    return this.head({ text: this.isNew ? this.labelText() : `New ${this.labelText()}`, required: f.required && this.isNew });
  }

  renderControl() {
    const v = this.value || { password: '', confirm: '' };
    const a = this.aria();
    const ck = confirmKey(this.field);
    const ac = this.aria(ck);
    const st = passwordStrength(v.password);
    const type = this.shown ? 'text' : 'password';
    return html`<div class="input-group">
        <input id=${this.inputId} type=${type} autocomplete="new-password" .value=${live(v.password)} ?disabled=${this.disabled}
          placeholder=${this.isNew ? '' : 'Leave empty to keep the current one'} aria-invalid=${a.invalid} aria-describedby="${this.inputId}-strength ${a.describedby}"
          @input=${(e) => this.emit({ ...v, password: e.target.value })}>
        <button type="button" class="btn-icon" aria-label=${this.shown ? 'Hide password' : 'Show password'} title=${this.shown ? 'Hide' : 'Show'}
          @click=${() => { this.shown = !this.shown; }}>${this.shown ? ricons.eyeOff : ricons.eye}</button>
        <button type="button" class="btn btn-secondary btn-sm" title="Fill in a random password" @click=${() => {
          const p = randomPassword();
          this.shown = true;
          this.emit({ password: p, confirm: p });
        }}>Generate</button>
      </div>
      <div class="strength strength-${st.score}" id="${this.inputId}-strength" aria-live="polite">
        <span class="strength-bar" aria-hidden="true"><i></i><i></i><i></i><i></i></span>
        <span>${st.text ? `Strength: ${st.text}` : ''}</span>
      </div>
      ${ck ? html`<label class="field-label" for="${this.inputId}-confirm">${this.labelText()} confirm</label>
        <input id="${this.inputId}-confirm" type=${type} autocomplete="new-password" .value=${live(v.confirm)} ?disabled=${this.disabled}
          aria-invalid=${ac.invalid} aria-describedby=${ac.describedby} @input=${(e) => this.emit({ ...v, confirm: e.target.value })}>
        ${this.renderError(ck)}` : nothing}`;
  }
}
customElements.define('c-widget-password', PasswordWidget);

/** A point as longitude and latitude. */
class GeopointWidget extends Widget {
  renderLabel() {
    return this.head({ asLabel: false });
  }

  renderControl() {
    const v = this.value || { lon: 0, lat: 0 };
    const a = this.aria();
    const lat = Number(v.lat);
    const lon = Number(v.lon);
    return html`<div class="geo-row" role="group" aria-labelledby="${this.inputId}-label">
      <label class="geo-part"><span>Longitude</span>
        <input type="number" step="any" min="-180" max="180" aria-label="${this.labelText()} longitude" .value=${live(String(v.lon ?? ''))}
          ?disabled=${this.disabled} aria-invalid=${a.invalid} @input=${(e) => this.emit({ ...v, lon: e.target.value })}></label>
      <label class="geo-part"><span>Latitude</span>
        <input type="number" step="any" min="-90" max="90" aria-label="${this.labelText()} latitude" .value=${live(String(v.lat ?? ''))}
          ?disabled=${this.disabled} aria-invalid=${a.invalid} @input=${(e) => this.emit({ ...v, lat: e.target.value })}></label>
      ${Number.isFinite(lat) && Number.isFinite(lon) && (lat || lon) ? html`<a class="btn btn-link btn-sm geo-link" target="_blank" rel="noopener noreferrer"
        href="https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=12/${lat}/${lon}">${ricons.map} Show on a map</a>` : nothing}
    </div>`;
  }
}
customElements.define('c-widget-geopoint', GeopointWidget);
