// Who may call an endpoint of the API preview (from the collection's live rules) and its parameters: the common
// query parameters (page, perPage, sort, filter, expand, fields, skipTotal) and the body parameters of a create or
// update, with notes made from each field's options.
import { html, nothing } from 'lit';
import { collectionsStore } from '../ui.js';
import { isMulti, bodyFields, exampleFilter, exampleSort, exampleExpand } from './api-preview-samples.js';

// --- access from rules ----------------------------------------------------------------------------------

/**
 * Who may call an action with this rule: {tone, label, rule, note}. mode: "list" (non-matching records are left
 * out), "record" (404 when not matched), "create" (400 when not matched).
 */
export function access(rule, mode) {
  if (rule === null || rule === undefined) {
    return {
      tone: 'danger', label: 'Superusers only',
      note: mode === 'realtime' ? 'Only superusers receive these events (the rule is null).'
        : 'Requires a superuser\'s token in the Authorization header; anyone else gets 403.',
    };
  }
  if (rule === '') {
    return { tone: 'success', label: 'Anyone', note: 'Guests and authenticated records alike (the rule is empty).' };
  }
  const notes = {
    list: 'Only records matching the rule are returned (others are left out, no error). Superusers see all.',
    record: 'Callers the rule does not match get 404. Superusers are never limited by rules.',
    create: 'Callers the rule does not match get 400. Superusers are never limited by rules.',
    realtime: 'Only clients the rule matches receive the event. Superusers receive all.',
  };
  return { tone: 'primary', label: 'Matching the rule', rule, note: notes[mode] || notes.record };
}

export function authAccess(c, who = 'Anyone with valid credentials') {
  if (c.authRule === null || c.authRule === undefined) {
    return { tone: 'danger', label: 'Nobody', note: 'The auth rule is null: no record of this collection can authenticate.' };
  }
  if (c.authRule === '') return { tone: 'success', label: who, note: 'The auth rule is empty: any record of the collection may authenticate.' };
  return { tone: 'primary', label: who, rule: c.authRule, note: 'After the credentials are checked, the record must also match the auth rule, else 403.' };
}

export const anyone = (note = '') => ({ tone: 'success', label: 'Anyone', note });

// --- parameters -----------------------------------------------------------------------------------------

export const Q = {
  page: { name: 'page', type: 'Number', desc: 'The page of the list (default 1).' },
  perPage: { name: 'perPage', type: 'Number', desc: 'Records per page (default 30, at most 1000).' },
  sort: (c) => ({
    name: 'sort', type: 'String',
    desc: html`Comma separated fields to order by; <code>-</code> in front for descending, <code>+</code> (or nothing) for ascending.
      Special: <code>@random</code>${c.type === 'view' ? nothing : html`, <code>@rowid</code>`}. For example <code>?sort=${exampleSort(c)},id</code>.`,
  }),
  filter: (c) => ({
    name: 'filter', type: 'String',
    desc: html`A filter expression, added to the list rule with AND. For example <code>?filter=(${exampleFilter(c)})</code>.
      Operators: <code>= != &gt; &gt;= &lt; &lt;= ~ !~</code> (<code>~</code> is "contains"), <code>?=</code>, <code>?~</code>… for any item of a multiple value;
      <code>&amp;&amp;</code>, <code>||</code> and parentheses. URL-encode it (the SDKs do).`,
  }),
  expand: (c) => ({
    name: 'expand', type: 'String',
    desc: html`Relations to load into <code>expand</code>, comma separated, up to 6 levels (<code>rel.subRel</code>)${exampleExpand(c)
      ? html`, for example <code>?expand=${exampleExpand(c)}</code>` : nothing}. Only records the caller may view are expanded.`,
  }),
  fields: {
    name: 'fields', type: 'String',
    desc: html`The keys to return, comma separated (default all). <code>*</code> means every key at that level;
      <code>name:excerpt(200,true)</code> returns a short plain-text excerpt. For example <code>?fields=*,expand.author.name</code>.`,
  },
  skipTotal: {
    name: 'skipTotal', type: 'Boolean',
    desc: html`<code>true</code> skips counting the matches (<code>totalItems</code> and <code>totalPages</code> become -1): faster lists
      when you don't need the totals.`,
  },
};

export function bytes(n) {
  if (!n) return '';
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

function domains(f) {
  if ((f.onlyDomains || []).length) return `Only domains: ${f.onlyDomains.join(', ')}.`;
  if ((f.exceptDomains || []).length) return `Not these domains: ${f.exceptDomains.join(', ')}.`;
  return '';
}

function range(min, max, unit) {
  const hasMin = min !== null && min !== undefined && min !== '' && min !== 0;
  const hasMax = max !== null && max !== undefined && max !== '' && max !== 0;
  if (hasMin && hasMax) return min === max ? `Exactly ${min} ${unit}.` : `${min} to ${max} ${unit}.`;
  if (hasMin) return `At least ${min} ${unit}.`;
  if (hasMax) return `At most ${max} ${unit}.`;
  return '';
}

/** The JSON type of a field's value in a body or response. */
function jsonType(f) {
  switch (f.type) {
    case 'number': return 'Number';
    case 'bool': return 'Boolean';
    case 'json': return 'JSON';
    case 'geoPoint': return 'Object';
    case 'file': return isMulti(f) ? 'File[]' : 'File';
    case 'select': case 'relation': return isMulti(f) ? 'String[]' : 'String';
    default: return 'String';
  }
}

/** The description lines of a body parameter from its field's options. */
function fieldNotes(f, forUpdate) {
  const notes = [];
  const relName = (id) => collectionsStore.find(id)?.name || id;
  switch (f.type) {
    case 'text':
      if (f.primaryKey) {
        notes.push(html`The record id; generated when left out${f.autogeneratePattern ? html` (<code>${f.autogeneratePattern}</code>)` : nothing}.`);
        if (f.pattern) notes.push(html`Must match <code>${f.pattern}</code>.`);
        notes.push(range(f.min, f.max, 'characters'));
        break;
      }
      notes.push(range(f.min, f.max, 'characters') || 'Plain text.');
      if (f.pattern) notes.push(html`Must match <code>${f.pattern}</code>.`);
      if (f.autogeneratePattern) notes.push(html`Generated from <code>${f.autogeneratePattern}</code> when left empty.`);
      break;
    case 'editor':
      notes.push('Rich text (HTML).');
      if (f.maxSize) notes.push(`At most ${bytes(f.maxSize)}.`);
      break;
    case 'number':
      if (f.onlyInt) notes.push('Whole numbers only.');
      notes.push(range(f.min, f.max, ''));
      if (f.required) notes.push('Required means not 0.');
      if (forUpdate) notes.push(html`<code>${f.name}+</code> adds to, <code>${f.name}-</code> subtracts from the current value.`);
      break;
    case 'bool':
      notes.push(f.required ? 'Required means it must be true.' : 'true or false.');
      break;
    case 'email':
      notes.push('An email address.', domains(f));
      break;
    case 'url':
      notes.push('A URL.', domains(f));
      break;
    case 'date':
      notes.push(html`A date-time in UTC, <code>YYYY-MM-DD HH:MM:SS.sssZ</code> (ISO 8601 is accepted).`);
      if (f.min) notes.push(`Not before ${f.min}.`);
      if (f.max) notes.push(`Not after ${f.max}.`);
      break;
    case 'select': {
      const values = html`${(f.values || []).map((v, i) => html`${i ? ', ' : ''}<code>${v}</code>`)}`;
      notes.push(isMulti(f) ? html`Up to ${f.maxSelect} of: ${values}.` : html`One of: ${values}.`);
      if (forUpdate && isMulti(f)) notes.push(html`<code>${f.name}+</code> appends values, <code>${f.name}-</code> removes values.`);
      break;
    }
    case 'file':
      notes.push(html`Upload with <code>multipart/form-data</code>.`);
      if (isMulti(f)) notes.push(`Up to ${f.maxSelect} files.`);
      if (f.maxSize) notes.push(`At most ${bytes(f.maxSize)} per file.`);
      if ((f.mimeTypes || []).length) notes.push(`Types: ${f.mimeTypes.join(', ')}.`);
      if (f.protected) notes.push('Protected: downloading needs a file token (POST /api/files/token).');
      if (forUpdate) notes.push(html`${isMulti(f) ? html`<code>${f.name}+</code> appends files, ` : nothing}<code>${f.name}-</code> with file names removes files; an empty value removes all.`);
      break;
    case 'relation':
      notes.push(isMulti(f)
        ? html`Up to ${f.maxSelect} ids of <code>${relName(f.collectionId)}</code> records.`
        : html`The id of a <code>${relName(f.collectionId)}</code> record.`);
      if (f.minSelect) notes.push(`At least ${f.minSelect}.`);
      if (f.cascadeDelete) notes.push('Deleting the related record deletes this one too.');
      if (forUpdate && isMulti(f)) notes.push(html`<code>${f.name}+</code> appends ids, <code>${f.name}-</code> removes ids.`);
      break;
    case 'json':
      notes.push('Any JSON value.');
      if (f.maxSize) notes.push(`At most ${bytes(f.maxSize)}.`);
      break;
    case 'geoPoint':
      notes.push(html`<code>{"lon": number, "lat": number}</code>.`);
      break;
    case 'password':
      notes.push(range(f.min, f.max, 'characters'));
      break;
    default:
  }
  if (f.hidden) notes.push('Hidden: never included in responses (only superusers can filter by it).');
  if (f.help) notes.push(f.help);
  return notes.filter(Boolean);
}

/** Body parameter rows of create (forUpdate false) or update. */
export function bodyParams(c, forUpdate) {
  const rows = [];
  if (c.type === 'auth') {
    const manage = c.manageRule === null || c.manageRule === undefined ? 'superusers'
      : html`superusers and callers matching the manage rule <code>${c.manageRule || '(empty: anyone)'}</code>`;
    rows.push({ group: 'Auth fields' });
    if (!forUpdate) {
      rows.push({ name: 'email', type: 'String', required: !!c.fields?.find((f) => f.name === 'email')?.required, notes: ['The record\'s email address (unique).'] });
    } else {
      rows.push({ name: 'email', type: 'String', notes: [html`Only ${manage} may change it directly; records use <em>Email change</em>.`] });
    }
    rows.push({ name: 'emailVisibility', type: 'Boolean', notes: ['Whether others who may view the record see its email. The record itself and superusers always do.'] });
    if (forUpdate) rows.push({ name: 'oldPassword', type: 'String', notes: [html`The current password; required to change the password, except for ${manage}.`] });
    rows.push({ name: 'password', type: 'String', required: !forUpdate, notes: [range(c.fields?.find((f) => f.name === 'password')?.min, c.fields?.find((f) => f.name === 'password')?.max, 'characters') || 'The password.'] });
    rows.push({ name: 'passwordConfirm', type: 'String', required: !forUpdate, notes: ['The same password again.'] });
    rows.push({ name: 'verified', type: 'Boolean', notes: [html`Only ${manage} may set it.`] });
    rows.push({ group: 'Other fields' });
  }
  for (const f of bodyFields(c, forUpdate)) {
    const required = !forUpdate && f.required && !f.autogeneratePattern && !f.primaryKey;
    rows.push({ name: f.name, type: jsonType(f), fieldType: f.type, required, notes: fieldNotes(f, forUpdate) });
  }
  return rows;
}
