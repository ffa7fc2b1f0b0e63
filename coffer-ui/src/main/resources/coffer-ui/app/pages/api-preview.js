// The API preview of a collection: a wide side panel listing the collection's endpoints (list, view, create,
// update, delete, realtime, batch and, for auth collections, the auth endpoints), each with its method and URL on
// this server, who may call it (from the live rules), its query and body parameters (from the live fields),
// example answers and SDK snippets (JavaScript, Dart, curl). Everything is derived from the collection as the
// API returns it: nothing is written per collection.
//
// <c-api-preview .collection=${c}> renders the panel; it fires "close" (bubbles) when the user closes it.
import { html, nothing } from 'lit';
import { api, apiRoot } from '../api.js';
import { LightElement, panel, collectionsStore, stylesheet } from '../ui.js';
import { codeTabs, copyButton } from './code-block.js';

stylesheet(import.meta.url, 'api-preview.css');

const SDK_KEY = 'coffer_api_preview_sdk';
const SDKS = [
  { key: 'js', label: 'JavaScript', lang: 'JavaScript SDK' },
  { key: 'dart', label: 'Dart', lang: 'Dart SDK' },
  { key: 'curl', label: 'curl', lang: 'curl' },
];

/** The server's base URL as clients see it (origin plus the path Coffer is mounted at, no trailing slash). */
function baseUrl() {
  return (location.origin + apiRoot).replace(/\/$/, '');
}

// --- sample values ------------------------------------------------------------------------------------

const SAMPLE_IDS = ['r8k2m4p6q1w3e5t', 'b7n3v9c1x5z2l4j', 'h4g6f8d2s1a3q9w', 'u2y4t6r8e1w3q5p'];
const SAMPLE_DATE = '2025-01-15 09:30:00.000Z';
const SAMPLE_DATE_2 = '2025-02-03 14:05:00.000Z';
const TEXT_SAMPLES = [
  [/^(title|heading|subject)$/i, ['Hello world', 'Second post']],
  [/^(first_?name)$/i, ['John', 'Jane']],
  [/^(last_?name|surname)$/i, ['Doe', 'Roe']],
  [/^(name|full_?name|display_?name)$/i, ['John Doe', 'Jane Roe']],
  [/^(user_?name|login|handle|nick(name)?)$/i, ['john_doe', 'jane_roe']],
  [/slug/i, ['hello-world', 'second-post']],
  [/^(description|body|content|summary|bio|notes?|message|comment|text|about)$/i,
    ['Lorem ipsum dolor sit amet.', 'Consectetur adipiscing elit.']],
  [/phone|mobile|tel/i, ['+1 555 0100', '+1 555 0199']],
  [/city|town/i, ['Lisbon', 'Oslo']],
  [/country/i, ['Portugal', 'Norway']],
  [/colou?r/i, ['#3b5bdb', '#2b8a3e']],
  [/status|state/i, ['active', 'pending']],
  [/code|sku|ref/i, ['ABC123', 'XYZ789']],
  [/address|street/i, ['1 Main Street', '22 Oak Avenue']],
  [/lang|locale/i, ['en', 'pt']],
  [/token|key|secret/i, ['k9f2m7x4q1w8e3r', 'p5t2y7u1i9o3a6s']],
];

function sampleText(f, i) {
  let v = `example ${f.name}`;
  for (const [re, values] of TEXT_SAMPLES) {
    if (re.test(f.name)) {
      v = values[i % values.length];
      break;
    }
  }
  if (f.max > 0 && v.length > f.max) v = v.slice(0, f.max);
  if (f.min > 0 && v.length < f.min) v = v.padEnd(f.min, 'x');
  return v;
}

function clamp(n, f) {
  let v = n;
  if (typeof f.min === 'number' && v < f.min) v = f.min;
  if (typeof f.max === 'number' && v > f.max) v = f.max;
  return v;
}

function fileExt(f) {
  const mime = (f.mimeTypes || [])[0] || '';
  if (mime.startsWith('image/')) return mime.split('/')[1].replace('jpeg', 'jpg').replace('svg+xml', 'svg');
  if (mime === 'application/pdf') return 'pdf';
  if (mime.startsWith('text/')) return 'txt';
  if (mime.startsWith('video/')) return mime.split('/')[1];
  if (mime.startsWith('audio/')) return mime.split('/')[1].replace('mpeg', 'mp3');
  return (f.mimeTypes || []).length ? 'bin' : 'txt';
}

const isMulti = (f) => (f.maxSelect || 1) > 1;

/** A plausible value of a field as a record response shows it (i picks between two variants). */
function sampleValue(f, i = 0) {
  switch (f.type) {
    case 'text':
      return f.primaryKey ? SAMPLE_IDS[i % SAMPLE_IDS.length] : sampleText(f, i);
    case 'editor':
      return i ? '<p>Consectetur <em>adipiscing</em> elit.</p>' : '<p>Lorem ipsum <strong>dolor</strong> sit amet.</p>';
    case 'number':
      return clamp(f.onlyInt ? (i ? 7 : 42) : (i ? 3.75 : 12.5), f);
    case 'bool':
      return f.required ? true : i === 0;
    case 'email':
      return i ? 'jane@example.com' : 'john@example.com';
    case 'url':
      return i ? 'https://example.org/about' : 'https://example.com';
    case 'date':
      return f.min || (i ? SAMPLE_DATE_2 : SAMPLE_DATE);
    case 'autodate':
      return i ? SAMPLE_DATE_2 : SAMPLE_DATE;
    case 'select': {
      const values = f.values || [];
      if (isMulti(f)) return values.slice(0, Math.min(2, f.maxSelect));
      return values[i % Math.max(values.length, 1)] ?? '';
    }
    case 'file': {
      const ext = fileExt(f);
      const one = (n) => `${f.name}_${['k2j4h6g8f1', 'm3n5b7v9c2', 'q1w2e3r4t5'][n % 3]}.${ext}`;
      return isMulti(f) ? [one(i), one(i + 1)] : one(i);
    }
    case 'relation':
      return isMulti(f) ? [SAMPLE_IDS[(i + 2) % 4], SAMPLE_IDS[(i + 3) % 4]] : SAMPLE_IDS[(i + 2) % 4];
    case 'json':
      return i ? { tags: ['a', 'b'], count: 2 } : { example: 123 };
    case 'geoPoint':
      return i ? { lon: 10.7522, lat: 59.9139 } : { lon: -9.1393, lat: 38.7223 };
    case 'password':
      return undefined;
    default:
      return null;
  }
}

/** A record as the API answers it: collectionId, collectionName, then every field callers see. */
function sampleRecord(c, i = 0) {
  const out = { collectionId: c.id, collectionName: c.name };
  for (const f of c.fields || []) {
    if (f.hidden) continue;
    const v = sampleValue(f, i);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** A body value for create/update: files become File objects (JS) or multipart parts (Dart, curl). */
class Raw {
  constructor(code) {
    this.code = code;
  }
}

/** The fields a create (or update) body may hold, in order, without autodate, hidden system and password ones. */
function bodyFields(c, forUpdate) {
  const auth = c.type === 'auth';
  return (c.fields || []).filter((f) => {
    if (f.type === 'autodate') return false;
    if (forUpdate && f.primaryKey) return false;
    if (auth && ['password', 'tokenKey', 'email', 'emailVisibility', 'verified'].includes(f.name)) return false;
    return true;
  });
}

function sampleBody(c, forUpdate) {
  const body = {};
  if (c.type === 'auth') {
    if (!forUpdate) {
      body.email = 'test@example.com';
      body.emailVisibility = true;
      body.password = 'Secret-pass-123';
      body.passwordConfirm = 'Secret-pass-123';
    } else {
      body.oldPassword = 'Old-pass-123';
      body.password = 'New-pass-456';
      body.passwordConfirm = 'New-pass-456';
    }
  }
  for (const f of bodyFields(c, forUpdate)) {
    if (f.primaryKey || f.type === 'file') continue;
    if (forUpdate && f.system) continue;
    const v = sampleValue(f, forUpdate ? 1 : 0);
    if (v !== undefined) body[f.name] = v;
  }
  return body;
}

function fileFields(c) {
  return bodyFields(c, false).filter((f) => f.type === 'file');
}

// --- code generation ------------------------------------------------------------------------------------

const jsStr = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const dartStr = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$/g, '\\$').replace(/\n/g, '\\n')}'`;
const shStr = (s) => `'${String(s).replace(/'/g, "'\\''")}'`;

/** A value as source code: JSON-like literals (Dart escapes $), Raw values as they are. */
function literal(v, lang, ind = '') {
  if (v instanceof Raw) return v.code;
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    const items = v.map((x) => literal(x, lang, `${ind}  `));
    if (v.every((x) => x === null || typeof x !== 'object') && items.join(', ').length < 60) return `[${items.join(', ')}]`;
    return `[\n${items.map((x) => `${ind}  ${x}`).join(',\n')}${lang === 'json' ? '' : ','}\n${ind}]`;
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (!keys.length) return '{}';
    const key = (k) => (lang === 'js' && /^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k, lang));
    return `{\n${keys.map((k) => `${ind}  ${key(k)}: ${literal(v[k], lang, `${ind}  `)}`).join(',\n')}${lang === 'json' ? '' : ','}\n${ind}}`;
  }
  if (typeof v === 'string') {
    const json = JSON.stringify(v);
    if (lang === 'dart') return json.replace(/\$/g, '\\$');
    if (lang === 'js') return jsStr(v);
    return json;
  }
  return String(v);
}

/** A filter example built from the collection's own fields. */
function exampleFilter(c) {
  const fields = (c.fields || []).filter((f) => !f.hidden && !f.primaryKey);
  const pick = (types) => fields.find((f) => types.includes(f.type) && !(f.system && f.type === 'text'));
  const parts = [];
  const text = pick(['text', 'email', 'url', 'editor']);
  if (text) parts.push(`${text.name} ~ "${text.type === 'email' ? 'example.com' : 'abc'}"`);
  const sel = pick(['select']);
  if (sel && (sel.values || []).length) parts.push(isMulti(sel) ? `${sel.name} ?= "${sel.values[0]}"` : `${sel.name} = "${sel.values[0]}"`);
  if (parts.length < 2) {
    const num = pick(['number']);
    if (num) parts.push(`${num.name} > ${num.onlyInt ? 10 : 10.5}`);
  }
  if (parts.length < 2) {
    const bool = pick(['bool']);
    if (bool) parts.push(`${bool.name} = true`);
  }
  if (parts.length < 2) {
    const date = pick(['date', 'autodate']);
    if (date) parts.push(`${date.name} > "2025-01-01 00:00:00"`);
  }
  if (!parts.length) parts.push(`id != ""`);
  return parts.join(' && ');
}

function firstMatch(c) {
  const f = (c.fields || []).find((x) => !x.hidden && !x.primaryKey && ['text', 'email', 'select'].includes(x.type) && !(x.system && x.type === 'text'));
  if (!f) return `id = "${SAMPLE_IDS[0]}"`;
  const v = sampleValue(f, 0);
  return `${f.name} = "${Array.isArray(v) ? v[0] : v}"`;
}

function exampleSort(c) {
  const f = (c.fields || []).find((x) => x.type === 'autodate' && x.name === 'created')
    || (c.fields || []).find((x) => !x.hidden && ['autodate', 'date', 'number'].includes(x.type));
  return f ? `-${f.name}` : '-@rowid';
}

function exampleExpand(c) {
  return (c.fields || []).filter((f) => f.type === 'relation' && !f.hidden).map((f) => f.name).slice(0, 2).join(',');
}

function firstAuthName(c) {
  if (c.type === 'auth' && c.name !== '_superusers') return c.name;
  return collectionsStore.items.find((x) => x.type === 'auth' && x.name !== '_superusers')?.name || 'users';
}

const jsHead = () => `import PocketBase from 'pocketbase';\n\nconst pb = new PocketBase(${jsStr(baseUrl())});\n\n`;
const dartHead = (extra = '') => `import 'package:pocketbase/pocketbase.dart';\n${extra}\nfinal pb = PocketBase(${dartStr(baseUrl())});\n\n`;

/** curl for one request; body is JSON (object) or null; auth says which token header to show. */
function curl(method, path, { body, auth, form } = {}) {
  const lines = [`curl${method === 'GET' ? '' : ` -X ${method}`}`];
  if (auth) lines.push(`  -H ${shStr(`Authorization: ${auth}`)}`);
  if (form) {
    // --form-string sends the JSON as it is; -F with @ uploads a file
    for (const [k, v] of form) lines.push(`  ${v.startsWith('@') ? '-F' : '--form-string'} ${shStr(`${k}=${v}`)}`);
  } else if (body !== undefined && body !== null) {
    lines.push(`  -H 'Content-Type: application/json'`);
    lines.push(`  -d ${shStr(JSON.stringify(body))}`);
  }
  lines.push(`  ${shStr(baseUrl() + path)}`);
  return lines.join(' \\\n');
}

/** Multipart parts for curl: every non-file value in @jsonPayload, then one part per file. */
function curlForm(body, files) {
  const out = [['@jsonPayload', JSON.stringify(body)]];
  for (const f of files) {
    out.push([f.name, `@./${sampleValue({ ...f, maxSelect: 1 }, 0)}`]);
    if (isMulti(f)) out.push([f.name, `@./${sampleValue({ ...f, maxSelect: 1 }, 1)}`]);
  }
  return out;
}

// --- access from rules ----------------------------------------------------------------------------------

/**
 * Who may call an action with this rule: {tone, label, rule, note}. mode: "list" (non-matching records are left
 * out), "record" (404 when not matched), "create" (400 when not matched).
 */
function access(rule, mode) {
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

function authAccess(c, who = 'Anyone with valid credentials') {
  if (c.authRule === null || c.authRule === undefined) {
    return { tone: 'danger', label: 'Nobody', note: 'The auth rule is null: no record of this collection can authenticate.' };
  }
  if (c.authRule === '') return { tone: 'success', label: who, note: 'The auth rule is empty: any record of the collection may authenticate.' };
  return { tone: 'primary', label: who, rule: c.authRule, note: 'After the credentials are checked, the record must also match the auth rule, else 403.' };
}

const anyone = (note = '') => ({ tone: 'success', label: 'Anyone', note });

// --- parameters -----------------------------------------------------------------------------------------

const Q = {
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

function bytes(n) {
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
function bodyParams(c, forUpdate) {
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

// --- example answers ------------------------------------------------------------------------------------

const err = (status, message, data = {}) => ({ status, body: { status, message, data } });
const forbiddenSuperusers = () => err(403, 'Only superusers can perform this action.');
const notFound = () => err(404, "The requested resource wasn't found.");

function requiredExample(c) {
  if (c.type === 'auth') return 'email';
  const f = bodyFields(c, false).find((x) => x.required && !x.autogeneratePattern && !x.primaryKey)
    || bodyFields(c, false).find((x) => !x.primaryKey);
  return f?.name || 'title';
}

function authResponse(c, extra = {}) {
  return { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…', record: sampleRecord(c, 0), ...extra };
}

function authErrors(c) {
  const out = [];
  if (c.mfa?.enabled) {
    out.push({ status: 401, label: '401 (MFA)', body: { mfaId: 'x3c5v7b9n1m2k4j' }, note: 'Multi-factor auth is on: repeat the auth with another method and this mfaId.' });
  }
  if (c.authRule !== '' && c.authRule !== null && c.authRule !== undefined) {
    out.push(err(403, "The request doesn't satisfy the collection requirements to authenticate."));
  }
  return out;
}

// --- the endpoints --------------------------------------------------------------------------------------

/** The endpoint docs of a collection: [{key, title, group, off, offNote, doc()}]. */
function endpoints(c, ctx) {
  const name = c.name;
  const rec = `/api/collections/${encodeURIComponent(name)}/records`;
  const col = `/api/collections/${encodeURIComponent(name)}`;
  const isView = c.type === 'view';
  const isAuth = c.type === 'auth';
  const expand = exampleExpand(c);
  const list = [];

  list.push({
    key: 'list', title: 'List/Search', group: 'Records',
    doc: () => ({
      description: html`Fetches a page of <strong>${name}</strong> records, with sorting and filtering.`,
      snippets: {
        js: `${jsHead()}// one page of records (page 1, 50 per page), filtered and sorted
const resultList = await pb.collection(${jsStr(name)}).getList(1, 50, {
  filter: ${jsStr(exampleFilter(c))},
  sort: ${jsStr(exampleSort(c))},
});

// every record at once (the SDK requests page after page)
const records = await pb.collection(${jsStr(name)}).getFullList({
  sort: ${jsStr(exampleSort(c))},
});

// the first record matching a filter
const record = await pb.collection(${jsStr(name)}).getFirstListItem(${jsStr(firstMatch(c))}${expand ? `, {
  expand: ${jsStr(expand)},
}` : ''});
`,
        dart: `${dartHead()}// one page of records (page 1, 50 per page), filtered and sorted
final resultList = await pb.collection(${dartStr(name)}).getList(
  page: 1,
  perPage: 50,
  filter: ${dartStr(exampleFilter(c))},
  sort: ${dartStr(exampleSort(c))},
);

// every record at once (the SDK requests page after page)
final records = await pb.collection(${dartStr(name)}).getFullList(
  sort: ${dartStr(exampleSort(c))},
);

// the first record matching a filter
final record = await pb.collection(${dartStr(name)}).getFirstListItem(
  ${dartStr(firstMatch(c))},${expand ? `\n  expand: ${dartStr(expand)},` : ''}
);
`,
        curl: curl('GET', `${rec}?page=1&perPage=50&sort=${encodeURIComponent(exampleSort(c))}&filter=${encodeURIComponent(exampleFilter(c))}`,
          { auth: c.listRule === null ? 'SUPERUSER_TOKEN' : '' }),
      },
      parts: [{
        method: 'GET', path: rec, access: [access(c.listRule, 'list')],
        query: [Q.page, Q.perPage, Q.sort(c), Q.filter(c), Q.expand(c), Q.fields, Q.skipTotal],
        responses: [
          { status: 200, body: { page: 1, perPage: 30, totalItems: 2, totalPages: 1, items: [sampleRecord(c, 0), sampleRecord(c, 1)] } },
          { ...err(400, 'Something went wrong while processing your request.'), note: 'For example an invalid filter or sort.' },
          ...(c.listRule === null ? [forbiddenSuperusers()] : []),
        ],
      }],
    }),
  });

  list.push({
    key: 'view', title: 'View', group: 'Records',
    doc: () => ({
      description: html`Fetches one <strong>${name}</strong> record by its id.`,
      snippets: {
        js: `${jsHead()}const record = await pb.collection(${jsStr(name)}).getOne('RECORD_ID'${expand ? `, {\n  expand: ${jsStr(expand)},\n}` : ''});\n`,
        dart: `${dartHead()}final record = await pb.collection(${dartStr(name)}).getOne(\n  'RECORD_ID',${expand ? `\n  expand: ${dartStr(expand)},` : ''}\n);\n`,
        curl: curl('GET', `${rec}/RECORD_ID`, { auth: c.viewRule === null ? 'SUPERUSER_TOKEN' : '' }),
      },
      parts: [{
        method: 'GET', path: `${rec}/:id`, access: [access(c.viewRule, 'record')],
        query: [Q.expand(c), Q.fields],
        responses: [
          { status: 200, body: sampleRecord(c, 0) },
          ...(c.viewRule === null ? [forbiddenSuperusers()] : []),
          notFound(),
        ],
      }],
    }),
  });

  if (!isView) {
    list.push({ key: 'create', title: 'Create', group: 'Records', doc: () => createDoc(c, rec, false) });
    list.push({ key: 'update', title: 'Update', group: 'Records', doc: () => createDoc(c, rec, true) });
    list.push({
      key: 'delete', title: 'Delete', group: 'Records',
      doc: () => ({
        description: html`Deletes one <strong>${name}</strong> record by its id. Its files are deleted with it, and so are records
          relating to it through a relation field with cascade delete.`,
        snippets: {
          js: `${jsHead()}await pb.collection(${jsStr(name)}).delete('RECORD_ID');\n`,
          dart: `${dartHead()}await pb.collection(${dartStr(name)}).delete('RECORD_ID');\n`,
          curl: curl('DELETE', `${rec}/RECORD_ID`, { auth: c.deleteRule === null ? 'SUPERUSER_TOKEN' : 'TOKEN' }),
        },
        parts: [{
          method: 'DELETE', path: `${rec}/:id`, access: [access(c.deleteRule, 'record')],
          responses: [
            { status: 204, body: null, note: 'No content.' },
            err(400, 'Failed to delete record. Make sure that the record is not part of a required relation reference.'),
            ...(c.deleteRule === null ? [forbiddenSuperusers()] : []),
            notFound(),
          ],
        }],
      }),
    });
  }

  list.push({ key: 'realtime', title: 'Realtime', group: 'Records', doc: () => realtimeDoc(c) });

  if (!isView) {
    list.push({
      key: 'batch', title: 'Batch', group: 'Records',
      off: ctx.batch && !ctx.batch.enabled,
      offNote: html`Batch requests are turned off in the application settings (Settings → Application): <code>POST /api/batch</code> answers 403 until you turn them on.`,
      doc: () => batchDoc(c, ctx.batch),
    });
  }

  if (isAuth) {
    const superusers = name === '_superusers';
    list.push({
      key: 'auth-methods', title: 'List auth methods', group: 'Auth',
      doc: () => ({
        description: html`The ways to authenticate with <strong>${name}</strong>, as this server answers them now
          (OAuth2 providers with their auth URLs, whether password, OTP and MFA are on).`,
        snippets: {
          js: `${jsHead()}const result = await pb.collection(${jsStr(name)}).listAuthMethods();\n`,
          dart: `${dartHead()}final result = await pb.collection(${dartStr(name)}).listAuthMethods();\n`,
          curl: curl('GET', `${col}/auth-methods`),
        },
        parts: [{
          method: 'GET', path: `${col}/auth-methods`, access: [anyone()], query: [Q.fields],
          responses: [{ status: 200, body: ctx.authMethods || authMethodsFromConfig(c), note: ctx.authMethods ? 'The live answer of this server.' : '' }],
        }],
      }),
    });
    list.push({
      key: 'auth-password', title: 'Auth with password', group: 'Auth',
      off: !c.passwordAuth?.enabled,
      offNote: 'Password auth is turned off for this collection (its options): the endpoint answers 403.',
      doc: () => passwordDoc(c),
    });
    if (!superusers) {
      list.push({
        key: 'auth-oauth2', title: 'Auth with OAuth2', group: 'Auth',
        off: !c.oauth2?.enabled,
        offNote: 'OAuth2 is turned off for this collection (its options): the endpoint answers 403.',
        doc: () => oauth2Doc(c),
      });
    }
    list.push({
      key: 'auth-otp', title: 'Auth with OTP', group: 'Auth',
      off: !c.otp?.enabled,
      offNote: 'One-time passwords are turned off for this collection (its options): both endpoints answer 403.',
      doc: () => otpDoc(c),
    });
    list.push({ key: 'auth-refresh', title: 'Auth refresh', group: 'Auth', doc: () => refreshDoc(c) });
    if (!superusers) list.push({ key: 'verification', title: 'Verification', group: 'Auth', doc: () => verificationDoc(c) });
    list.push({ key: 'password-reset', title: 'Password reset', group: 'Auth', doc: () => passwordResetDoc(c) });
    list.push({ key: 'email-change', title: 'Email change', group: 'Auth', doc: () => emailChangeDoc(c) });
  }
  return list;
}

function createDoc(c, rec, forUpdate) {
  const name = c.name;
  const rule = forUpdate ? c.updateRule : c.createRule;
  const body = sampleBody(c, forUpdate);
  const files = fileFields(c);
  const jsBody = { ...body };
  for (const f of files) {
    // a text file where any type goes, else a placeholder for the file's bytes
    const anyType = !(f.mimeTypes || []).length || f.mimeTypes.includes('text/plain');
    const content = anyType ? "['example content']" : `[/* ${f.mimeTypes.join(' or ')} content */]`;
    const file = (i) => new Raw(`new File(${content}, ${jsStr(sampleValue({ ...f, maxSelect: 1 }, i))})`);
    jsBody[f.name] = isMulti(f) ? [file(0), file(1)] : file(0);
  }
  const dartFiles = files.flatMap((f) => {
    const one = (i) => `    http.MultipartFile.fromString(\n      ${dartStr(f.name)},\n      'example content',\n      filename: ${dartStr(sampleValue({ ...f, maxSelect: 1 }, i))},\n    ),`;
    return isMulti(f) ? [one(0), one(1)] : [one(0)];
  });
  const verb = forUpdate ? 'update' : 'create';
  const id = forUpdate ? `'RECORD_ID', ` : '';
  const js = `${jsHead()}// example ${verb} body${files.length ? '\n// (files are File or Blob objects, for example input.files[0] in a browser;\n// the SDK then sends multipart/form-data)' : ''}
const data = ${literal(jsBody, 'js')};

const record = await pb.collection(${jsStr(name)}).${verb}(${id}data);
${!forUpdate && c.type === 'auth' && c.name !== '_superusers' ? `
// (optional) send the verification email
await pb.collection(${jsStr(name)}).requestVerification(${jsStr(body.email)});
` : ''}`;
  const dart = `${dartHead(files.length ? "import 'package:http/http.dart' as http;\n" : '')}// example ${verb} body
final body = <String, dynamic>${literal(body, 'dart')};

final record = await pb.collection(${dartStr(name)}).${verb}(
  ${forUpdate ? "'RECORD_ID',\n  " : ''}body: body,${files.length ? `\n  files: [\n${dartFiles.join('\n')}\n  ],` : ''}
);
`;
  const path = forUpdate ? `${rec}/RECORD_ID` : rec;
  const token = rule === null ? 'SUPERUSER_TOKEN' : 'TOKEN';
  const curlCode = files.length
    ? curl(forUpdate ? 'PATCH' : 'POST', path, { auth: token, form: curlForm(body, files) })
    : curl(forUpdate ? 'PATCH' : 'POST', path, { auth: token, body });
  const responses = [
    { status: 200, body: sampleRecord(c, forUpdate ? 1 : 0) },
    err(400, forUpdate ? 'Failed to update record.' : 'Failed to create record.', {
      [requiredExample(c)]: { code: 'validation_required', message: 'Cannot be blank.' },
    }),
  ];
  if (rule === null) responses.push(forbiddenSuperusers());
  if (forUpdate) responses.push(notFound());
  return {
    description: forUpdate
      ? html`Updates one <strong>${c.name}</strong> record: send only the fields to change.`
      : html`Creates a <strong>${c.name}</strong> record.`,
    extra: html`<p class="hint">Send the body as <code>application/json</code> or <code>multipart/form-data</code>; files can only be
      sent as <code>multipart/form-data</code> (the other values then go as form values, or as JSON in an
      <code>@jsonPayload</code> part).</p>`,
    snippets: { js, dart, curl: curlCode },
    parts: [{
      method: forUpdate ? 'PATCH' : 'POST', path: forUpdate ? `${rec}/:id` : rec,
      access: [access(rule, forUpdate ? 'record' : 'create')],
      body: bodyParams(c, forUpdate),
      query: [Q.expand(c), Q.fields],
      responses,
    }],
  };
}

function realtimeDoc(c) {
  const name = c.name;
  const authName = firstAuthName(c);
  return {
    description: html`Subscribes to changes of <strong>${name}</strong> records (create, update, delete) over Server-Sent Events.
      The SDKs open the connection and send the subscriptions for you.`,
    warning: c.type === 'view'
      ? html`The records of a view collection change only when its source collections change, and those changes send no
        events for the view: a subscription to it receives nothing.`
      : nothing,
    snippets: {
      js: `${jsHead()}// (optional) log in first: the list and view rules then see the record as @request.auth
// await pb.collection(${jsStr(authName)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// every change in the collection (events go through the list rule)
pb.collection(${jsStr(name)}).subscribe('*', function (e) {
  console.log(e.action); // "create", "update" or "delete"
  console.log(e.record);
}, { /* optional: filter, expand, fields, headers */ });

// the changes of one record (events go through the view rule)
pb.collection(${jsStr(name)}).subscribe('RECORD_ID', function (e) {
  console.log(e.action, e.record);
});

// stop listening
pb.collection(${jsStr(name)}).unsubscribe('RECORD_ID'); // one record
pb.collection(${jsStr(name)}).unsubscribe('*'); // the whole collection
pb.collection(${jsStr(name)}).unsubscribe(); // every subscription of the collection
`,
      dart: `${dartHead()}// (optional) log in first: the list and view rules then see the record as @request.auth
// await pb.collection(${dartStr(authName)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// every change in the collection (events go through the list rule)
pb.collection(${dartStr(name)}).subscribe('*', (e) {
  print(e.action); // "create", "update" or "delete"
  print(e.record);
});

// the changes of one record (events go through the view rule)
pb.collection(${dartStr(name)}).subscribe('RECORD_ID', (e) {
  print(e.action);
  print(e.record);
});

// stop listening
pb.collection(${dartStr(name)}).unsubscribe('RECORD_ID'); // one record
pb.collection(${dartStr(name)}).unsubscribe('*'); // the whole collection
pb.collection(${dartStr(name)}).unsubscribe(); // every subscription of the collection
`,
      curl: `# 1. open the event stream; the first event (PB_CONNECT) carries the client id
curl -N ${shStr(`${baseUrl()}/api/realtime`)}

# 2. in another shell, subscribe that client (with the caller's token, if any)
${curl('POST', '/api/realtime', { auth: 'TOKEN', body: { clientId: 'CLIENT_ID', subscriptions: [`${name}/*`, `${name}/RECORD_ID`] } })}`,
    },
    parts: [
      {
        heading: 'Connect',
        method: 'GET', path: '/api/realtime', access: [anyone('Opens the event stream (text/event-stream).')],
        responses: [{ status: 200, label: 'PB_CONNECT', text: `id:CLIENT_ID\nevent:PB_CONNECT\ndata:{"clientId":"CLIENT_ID"}`, note: 'The first event of the stream.' }],
      },
      {
        heading: 'Subscribe',
        method: 'POST', path: '/api/realtime',
        access: [
          { ...access(c.listRule, 'realtime'), topic: `${name}/*` },
          { ...access(c.viewRule, 'realtime'), topic: `${name}/RECORD_ID` },
        ],
        body: [
          { name: 'clientId', type: 'String', required: true, notes: ['The id from the PB_CONNECT event.'] },
          {
            name: 'subscriptions', type: 'String[]', notes: [html`The topics, replacing the previous ones: <code>${name}/*</code> for
            the whole collection, <code>${name}/RECORD_ID</code> for one record. A topic may end in
            <code>?options=</code> with URL-encoded JSON <code>{"query": {"filter", "expand", "fields"}, "headers": {}}</code>.`],
          },
        ],
        responses: [
          { status: 204, body: null, note: 'Subscribed.' },
          { status: 200, label: 'event', body: { action: 'create', record: sampleRecord(c, 0) }, note: html`Each change arrives as an event named after the topic (for example <code>${name}/*</code>) with this data.` },
          err(404, 'Missing or invalid client id.'),
        ],
      },
    ],
  };
}

function batchDoc(c, batch) {
  const name = c.name;
  const body = sampleBody(c, false);
  const limits = batch
    ? html`<p class="hint">Limits set in the settings: at most <strong>${batch.maxRequests}</strong> requests per batch, a
      <strong>${batch.timeout} s</strong> transaction timeout${batch.maxBodySize ? html`, a body of at most <strong>${bytes(batch.maxBodySize)}</strong>` : nothing}.</p>`
    : nothing;
  return {
    description: html`Creates, updates, upserts and deletes several records (of <strong>${name}</strong> and other collections) in one request and
      one transaction: all succeed or none.`,
    extra: limits,
    snippets: {
      js: `${jsHead()}const batch = pb.createBatch();

batch.collection(${jsStr(name)}).create(${literal(body, 'js')});
batch.collection(${jsStr(name)}).update('RECORD_ID', { /* fields to change */ });
batch.collection(${jsStr(name)}).upsert({ id: 'RECORD_ID2', /* fields */ });
batch.collection(${jsStr(name)}).delete('RECORD_ID3');

const results = await batch.send(); // [{status, body}, …] in the same order
`,
      dart: `${dartHead()}final batch = pb.createBatch();

batch.collection(${dartStr(name)}).create(body: <String, dynamic>${literal(body, 'dart')});
batch.collection(${dartStr(name)}).update('RECORD_ID', body: {/* fields to change */});
batch.collection(${dartStr(name)}).upsert(body: {'id': 'RECORD_ID2' /* , fields */});
batch.collection(${dartStr(name)}).delete('RECORD_ID3');

final results = await batch.send(); // [{status, body}, …] in the same order
`,
      curl: curl('POST', '/api/batch', {
        auth: 'TOKEN',
        body: {
          requests: [
            { method: 'POST', url: `/api/collections/${name}/records`, body },
            { method: 'DELETE', url: `/api/collections/${name}/records/RECORD_ID3` },
          ],
        },
      }),
    },
    parts: [{
      method: 'POST', path: '/api/batch',
      access: [{ tone: 'primary', label: 'Per request', note: 'Each request is checked as its own endpoint would be, with the caller\'s auth (the collection\'s create, update or delete rule).' }],
      body: [
        {
          name: 'requests', type: 'Array', required: true, notes: [html`Each <code>{method, url, headers?, body?}</code>:
          <code>POST /api/collections/${name}/records</code> (create), <code>PATCH …/records/:id</code> (update),
          <code>PUT …/records</code> (upsert: the body needs an id), <code>DELETE …/records/:id</code>.`],
        },
        { name: 'requests.N.field', type: 'File', notes: [html`With <code>multipart/form-data</code>, the JSON goes in an <code>@jsonPayload</code> part and files in parts named <code>requests.N.fieldName</code>.`] },
      ],
      responses: [
        { status: 200, body: [{ status: 200, body: sampleRecord(c, 0) }, { status: 204, body: null }] },
        err(400, 'Batch transaction failed.', {
          requests: {
            0: {
              code: 'batch_request_failed', message: 'Batch request failed.',
              response: { status: 400, message: 'Failed to create record.', data: { [requiredExample(c)]: { code: 'validation_required', message: 'Cannot be blank.' } } },
            },
          },
        }),
        err(403, 'Batch requests are not allowed.'),
      ],
    }],
  };
}

function authMethodsFromConfig(c) {
  return {
    password: { enabled: !!c.passwordAuth?.enabled, identityFields: c.passwordAuth?.identityFields || [] },
    oauth2: {
      enabled: !!c.oauth2?.enabled,
      providers: (c.oauth2?.providers || []).map((p) => ({
        name: p.name, displayName: p.displayName || p.name, state: '…', authURL: '…', codeVerifier: '…', codeChallenge: '…', codeChallengeMethod: 'S256',
      })),
    },
    mfa: { enabled: !!c.mfa?.enabled, duration: c.mfa?.duration || 0 },
    otp: { enabled: !!c.otp?.enabled, duration: c.otp?.duration || 0 },
  };
}

function identityExample(c) {
  const fields = c.passwordAuth?.identityFields || [];
  if (!fields.length) return 'YOUR_IDENTITY';
  if (fields.includes('email')) return 'test@example.com';
  return `YOUR_${fields[0].toUpperCase()}`;
}

const authQuery = (c) => [Q.expand(c), Q.fields];

function passwordDoc(c) {
  const name = c.name;
  const fields = c.passwordAuth?.identityFields || [];
  const ident = identityExample(c);
  return {
    description: html`Authenticates a <strong>${name}</strong> record with its ${fields.length
      ? html`${fields.map((f, i) => html`${i ? ' or ' : ''}<strong>${f}</strong>`)}` : 'identity'} and <strong>password</strong>;
      answers a token and the record.`,
    snippets: {
      js: `${jsHead()}const authData = await pb.collection(${jsStr(name)}).authWithPassword(
  ${jsStr(ident)},
  'YOUR_PASSWORD',
);

// the SDK keeps the auth data in pb.authStore
console.log(pb.authStore.isValid);
console.log(pb.authStore.token);
console.log(pb.authStore.record.id);

// log out
pb.authStore.clear();
`,
      dart: `${dartHead()}final authData = await pb.collection(${dartStr(name)}).authWithPassword(
  ${dartStr(ident)},
  'YOUR_PASSWORD',
);

// the SDK keeps the auth data in pb.authStore
print(pb.authStore.isValid);
print(pb.authStore.token);
print(pb.authStore.record?.id);

// log out
pb.authStore.clear();
`,
      curl: curl('POST', `/api/collections/${name}/auth-with-password`, { body: { identity: ident, password: 'YOUR_PASSWORD' } }),
    },
    parts: [{
      method: 'POST', path: `/api/collections/${name}/auth-with-password`, access: [authAccess(c)],
      body: [
        { name: 'identity', type: 'String', required: true, notes: [html`The record's ${fields.length ? fields.join(' or ') : 'identity'} (identity fields: ${fields.length ? fields.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`) : 'none'}).`] },
        { name: 'password', type: 'String', required: true, notes: ['The record\'s password.'] },
        { name: 'identityField', type: 'String', notes: [html`Which identity field to search (one of ${fields.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`)}); left out, each is tried.`] },
      ],
      query: authQuery(c),
      responses: [
        { status: 200, body: authResponse(c) },
        err(400, 'Failed to authenticate.', { identity: { code: 'validation_required', message: 'Cannot be blank.' } }),
        ...authErrors(c),
      ],
    }],
  };
}

function oauth2Doc(c) {
  const name = c.name;
  const providers = (c.oauth2?.providers || []).map((p) => p.name);
  const provider = providers[0] || 'google';
  return {
    description: html`Authenticates (or signs up) a <strong>${name}</strong> record with an OAuth2 provider; answers a token, the record and the
      provider's data in <code>meta</code>.`,
    extra: html`<p class="hint">Configured providers: ${providers.length ? providers.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`) : 'none yet'}.
      Register <code>${baseUrl()}/api/oauth2-redirect</code> as the redirect URL in each provider's app.</p>`,
    snippets: {
      js: `${jsHead()}// one call: opens the provider's page in a popup and waits for the answer through realtime
const authData = await pb.collection(${jsStr(name)}).authWithOAuth2({ provider: ${jsStr(provider)} });

// or, with your own redirect handling, exchange the code yourself:
// const authData = await pb.collection(${jsStr(name)}).authWithOAuth2Code(provider, code, codeVerifier, redirectURL);

console.log(pb.authStore.record.id);
console.log(authData.meta); // the provider's data (name, avatarURL, accessToken…)
`,
      dart: `${dartHead("import 'package:url_launcher/url_launcher.dart';\n")}// one call: opens the provider's page and waits for the answer through realtime
final authData = await pb.collection(${dartStr(name)}).authWithOAuth2(${dartStr(provider)}, (url) async {
  await launchUrl(url);
});

// or, with your own redirect handling, exchange the code yourself:
// final authData = await pb.collection(${dartStr(name)}).authWithOAuth2Code(provider, code, codeVerifier, redirectUrl);

print(pb.authStore.record?.id);
print(authData.meta); // the provider's data (name, avatarURL, accessToken…)
`,
      curl: curl('POST', `/api/collections/${name}/auth-with-oauth2`, {
        body: { provider, code: 'OAUTH2_CODE', codeVerifier: 'CODE_VERIFIER', redirectURL: `${baseUrl()}/api/oauth2-redirect` },
      }),
    },
    parts: [{
      method: 'POST', path: `/api/collections/${name}/auth-with-oauth2`, access: [authAccess(c, 'Anyone the provider authenticates')],
      body: [
        { name: 'provider', type: 'String', required: true, notes: [html`The provider's name${providers.length ? html` (${providers.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`)})` : nothing}.`] },
        { name: 'code', type: 'String', required: true, notes: ['The authorization code the provider sent to the redirect URL.'] },
        { name: 'codeVerifier', type: 'String', required: true, notes: ['The code verifier (PKCE) from List auth methods.'] },
        { name: 'redirectURL', type: 'String', required: true, notes: ['The redirect URL used in the authorization request.'] },
        { name: 'createData', type: 'Object', notes: [html`Values for the new record when this is a sign-up (the create rule and validation apply; no files). ${c.createRule === null ? 'The create rule is null, so new records can\'t sign up this way.' : ''}`] },
      ],
      query: authQuery(c),
      responses: [
        {
          status: 200,
          body: authResponse(c, {
            meta: {
              id: 'abc123', name: 'John Doe', username: 'john.doe', email: 'john@example.com', avatarURL: 'https://example.com/avatar.png',
              accessToken: '…', refreshToken: '…', expiry: SAMPLE_DATE, isNew: false, rawUser: {},
            },
          }),
        },
        err(400, 'An error occurred while submitting the form.', { provider: { code: 'validation_required', message: 'Cannot be blank.' } }),
        ...authErrors(c),
      ],
    }],
  };
}

function otpDoc(c) {
  const name = c.name;
  return {
    description: html`Authenticates a <strong>${name}</strong> record with a one-time password sent to its email: first request the password
      (the answer has an <code>otpId</code>), then send the otpId with the password from the email.
      ${c.otp?.duration ? html`The password is valid for ${Math.round(c.otp.duration / 60) || 1} minute(s).` : nothing}`,
    snippets: {
      js: `${jsHead()}// 1. send the one-time password to the email (an otpId comes back even for unknown emails)
const result = await pb.collection(${jsStr(name)}).requestOTP('test@example.com');

// 2. authenticate with the otpId and the password from the email
const authData = await pb.collection(${jsStr(name)}).authWithOTP(result.otpId, 'PASSWORD_FROM_EMAIL');
`,
      dart: `${dartHead()}// 1. send the one-time password to the email (an otpId comes back even for unknown emails)
final result = await pb.collection(${dartStr(name)}).requestOTP('test@example.com');

// 2. authenticate with the otpId and the password from the email
final authData = await pb.collection(${dartStr(name)}).authWithOTP(result.otpId, 'PASSWORD_FROM_EMAIL');
`,
      curl: `${curl('POST', `/api/collections/${name}/request-otp`, { body: { email: 'test@example.com' } })}

${curl('POST', `/api/collections/${name}/auth-with-otp`, { body: { otpId: 'OTP_ID', password: 'PASSWORD_FROM_EMAIL' } })}`,
    },
    parts: [
      {
        heading: 'Request OTP',
        method: 'POST', path: `/api/collections/${name}/request-otp`, access: [anyone('The answer never tells whether the email exists.')],
        body: [{ name: 'email', type: 'String', required: true, notes: ['The record\'s email address.'] }],
        responses: [
          { status: 200, body: { otpId: 'p1o2i3u4y5t6r7e' } },
          err(400, 'An error occurred while validating the submitted data.', { email: { code: 'validation_is_email', message: 'Must be a valid email address.' } }),
          err(429, 'Too Many Requests.'),
        ],
      },
      {
        heading: 'Auth with OTP',
        method: 'POST', path: `/api/collections/${name}/auth-with-otp`, access: [authAccess(c, 'Anyone with a valid OTP')],
        body: [
          { name: 'otpId', type: 'String', required: true, notes: ['The id the OTP request answered.'] },
          { name: 'password', type: 'String', required: true, notes: ['The one-time password from the email.'] },
        ],
        query: authQuery(c),
        responses: [
          { status: 200, body: authResponse(c) },
          err(400, 'Invalid or expired OTP.'),
          ...authErrors(c),
        ],
      },
    ],
  };
}

function refreshDoc(c) {
  const name = c.name;
  return {
    description: html`Answers a fresh token and the current record data for a <strong>${name}</strong> record that is already authenticated
      (for example when your app starts again with a stored token).`,
    snippets: {
      js: `${jsHead()}const authData = await pb.collection(${jsStr(name)}).authRefresh();

console.log(pb.authStore.isValid);
console.log(pb.authStore.token);
`,
      dart: `${dartHead()}final authData = await pb.collection(${dartStr(name)}).authRefresh();

print(pb.authStore.isValid);
print(pb.authStore.token);
`,
      curl: curl('POST', `/api/collections/${name}/auth-refresh`, { auth: 'RECORD_TOKEN' }),
    },
    parts: [{
      method: 'POST', path: `/api/collections/${name}/auth-refresh`,
      access: [{ ...authAccess(c, `An authenticated ${name} record`), note: html`Send the record's token in the <code>Authorization</code> header.${c.authRule ? html` The record must still match the auth rule.` : nothing}` }],
      query: authQuery(c),
      responses: [
        { status: 200, body: authResponse(c) },
        err(401, 'The request requires valid record authorization token.'),
        err(403, 'The authorized record is not allowed to perform this action.'),
        err(404, 'Missing auth record context.'),
      ],
    }],
  };
}

function twoStepDoc(c, { description, request, confirm, js, dart }) {
  return {
    description,
    snippets: {
      js: `${jsHead()}${js}`,
      dart: `${dartHead()}${dart}`,
      curl: `${curl('POST', request.path, { body: request.example, auth: request.auth })}\n\n${curl('POST', confirm.path, { body: confirm.example })}`,
    },
    parts: [request, confirm].map((p) => ({
      heading: p.heading, method: 'POST', path: p.path, access: [p.access], body: p.body,
      responses: [{ status: 204, body: null, note: p.ok }, ...p.errors],
    })),
  };
}

function verificationDoc(c) {
  const name = c.name;
  const base = `/api/collections/${name}`;
  return twoStepDoc(c, {
    description: html`Sends a <strong>${name}</strong> record a verification email, then confirms the email with the token from its link.`,
    request: {
      heading: 'Request verification', path: `${base}/request-verification`, access: anyone('The answer never tells whether the email exists.'),
      example: { email: 'test@example.com' }, ok: 'Sent (or nothing to do).',
      body: [{ name: 'email', type: 'String', required: true, notes: ['The email of the record to verify.'] }],
      errors: [err(400, 'An error occurred while validating the submitted data.', { email: { code: 'validation_required', message: 'Cannot be blank.' } })],
    },
    confirm: {
      heading: 'Confirm verification', path: `${base}/confirm-verification`, access: anyone('Whoever holds the token from the email.'),
      example: { token: 'VERIFICATION_TOKEN' }, ok: 'The record is now verified.',
      body: [{ name: 'token', type: 'String', required: true, notes: ['The token from the verification link.'] }],
      errors: [err(400, 'An error occurred while validating the submitted data.', { token: { code: 'validation_invalid_token', message: 'Invalid or expired token.' } })],
    },
    js: `// 1. send the verification email
await pb.collection(${jsStr(name)}).requestVerification('test@example.com');

// 2. confirm with the token from the email's link
await pb.collection(${jsStr(name)}).confirmVerification('VERIFICATION_TOKEN');
`,
    dart: `// 1. send the verification email
await pb.collection(${dartStr(name)}).requestVerification('test@example.com');

// 2. confirm with the token from the email's link
await pb.collection(${dartStr(name)}).confirmVerification('VERIFICATION_TOKEN');
`,
  });
}

function passwordResetDoc(c) {
  const name = c.name;
  const base = `/api/collections/${name}`;
  return twoStepDoc(c, {
    description: html`Sends a <strong>${name}</strong> record a password reset email, then sets the new password with the token from its link.
      Resetting logs the record out everywhere.`,
    request: {
      heading: 'Request password reset', path: `${base}/request-password-reset`, access: anyone('The answer never tells whether the email exists.'),
      example: { email: 'test@example.com' }, ok: 'Sent (or nothing to do).',
      body: [{ name: 'email', type: 'String', required: true, notes: ['The email of the record.'] }],
      errors: [err(400, 'An error occurred while validating the submitted data.', { email: { code: 'validation_required', message: 'Cannot be blank.' } })],
    },
    confirm: {
      heading: 'Confirm password reset', path: `${base}/confirm-password-reset`, access: anyone('Whoever holds the token from the email.'),
      example: { token: 'RESET_TOKEN', password: 'New-pass-456', passwordConfirm: 'New-pass-456' }, ok: 'The password was changed.',
      body: [
        { name: 'token', type: 'String', required: true, notes: ['The token from the reset link.'] },
        { name: 'password', type: 'String', required: true, notes: ['The new password.'] },
        { name: 'passwordConfirm', type: 'String', required: true, notes: ['The new password again.'] },
      ],
      errors: [err(400, 'An error occurred while validating the submitted data.', { token: { code: 'validation_invalid_token', message: 'Invalid or expired token.' } })],
    },
    js: `// 1. send the reset email
await pb.collection(${jsStr(name)}).requestPasswordReset('test@example.com');

// 2. set the new password with the token from the email's link
await pb.collection(${jsStr(name)}).confirmPasswordReset(
  'RESET_TOKEN',
  'NEW_PASSWORD',
  'NEW_PASSWORD',
);
`,
    dart: `// 1. send the reset email
await pb.collection(${dartStr(name)}).requestPasswordReset('test@example.com');

// 2. set the new password with the token from the email's link
await pb.collection(${dartStr(name)}).confirmPasswordReset(
  'RESET_TOKEN',
  'NEW_PASSWORD',
  'NEW_PASSWORD',
);
`,
  });
}

function emailChangeDoc(c) {
  const name = c.name;
  const base = `/api/collections/${name}`;
  return twoStepDoc(c, {
    description: html`Lets an authenticated <strong>${name}</strong> record change its email: the request sends a confirmation link to the new
      address; confirming (with the record's password) changes the email and logs the record out everywhere.`,
    request: {
      heading: 'Request email change', path: `${base}/request-email-change`, auth: 'RECORD_TOKEN',
      access: { tone: 'primary', label: `The authenticated ${name} record`, note: html`Send the record's token in the <code>Authorization</code> header.` },
      example: { newEmail: 'new@example.com' }, ok: 'The confirmation email was sent.',
      body: [{ name: 'newEmail', type: 'String', required: true, notes: ['The new email address (not used by another record).'] }],
      errors: [
        err(400, 'An error occurred while validating the submitted data.', { newEmail: { code: 'validation_record_email_exists', message: 'The email is invalid or already in use.' } }),
        err(401, 'The request requires valid record authorization token.'),
        err(403, 'The authorized record is not allowed to perform this action.'),
      ],
    },
    confirm: {
      heading: 'Confirm email change', path: `${base}/confirm-email-change`, access: anyone('Whoever holds the token from the email and the record\'s password.'),
      example: { token: 'EMAIL_CHANGE_TOKEN', password: 'YOUR_PASSWORD' }, ok: 'The email was changed.',
      body: [
        { name: 'token', type: 'String', required: true, notes: ['The token from the confirmation link.'] },
        { name: 'password', type: 'String', required: true, notes: ['The record\'s current password.'] },
      ],
      errors: [err(400, 'An error occurred while validating the submitted data.', { token: { code: 'validation_invalid_token', message: 'Invalid or expired token.' } })],
    },
    js: `await pb.collection(${jsStr(name)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// 1. send the confirmation email to the new address
await pb.collection(${jsStr(name)}).requestEmailChange('new@example.com');

// 2. confirm with the token from the email's link and the record's password
// (this logs the record out everywhere)
await pb.collection(${jsStr(name)}).confirmEmailChange('EMAIL_CHANGE_TOKEN', 'YOUR_PASSWORD');
`,
    dart: `await pb.collection(${dartStr(name)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// 1. send the confirmation email to the new address
await pb.collection(${dartStr(name)}).requestEmailChange('new@example.com');

// 2. confirm with the token from the email's link and the record's password
// (this logs the record out everywhere)
await pb.collection(${dartStr(name)}).confirmEmailChange('EMAIL_CHANGE_TOKEN', 'YOUR_PASSWORD');
`,
  });
}

// --- the element ----------------------------------------------------------------------------------------

class ApiPreview extends LightElement {
  static properties = {
    collection: { attribute: false },
    live: { state: true },
    active: { state: true },
    sdk: { state: true },
    responseTabs: { state: true },
    batch: { state: true },
    authMethods: { state: true },
    loadError: { state: true },
  };

  constructor() {
    super();
    this.collection = null;
    this.live = null;
    this.active = 'list';
    this.sdk = localStorage.getItem(SDK_KEY) || 'js';
    this.responseTabs = {};
    this.batch = null;
    this.authMethods = null;
    this.loadError = '';
  }

  connectedCallback() {
    super.connectedCallback();
    api.send('api/settings').then((s) => { this.batch = s?.batch || null; }).catch(() => {});
    this.unsub = collectionsStore.subscribe(() => this.requestUpdate());
    if (!collectionsStore.loaded) collectionsStore.load().catch(() => {});
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.unsub?.();
  }

  willUpdate(changed) {
    if (changed.has('collection')) {
      const prev = changed.get('collection');
      if (!prev || !this.collection || prev.id !== this.collection.id) {
        this.live = null;
        this.authMethods = null;
        this.responseTabs = {};
        this.active = 'list';
      }
      this.refresh();
    }
  }

  /** Reads the collection again, so the preview shows the rules and fields as they are now. */
  async refresh() {
    const c = this.collection;
    if (!c?.id) return;
    try {
      const fresh = await api.collections().getOne(c.id);
      if (this.collection?.id === fresh.id) {
        this.live = fresh;
        this.loadError = '';
      }
    } catch (e) {
      if (e.name !== 'AbortError') this.loadError = e.message;
    }
    if (this.current()?.type === 'auth') {
      api.send(`api/collections/${encodeURIComponent(this.current().name)}/auth-methods`, { token: '' })
        .then((m) => { this.authMethods = m; })
        .catch(() => { this.authMethods = null; });
    }
  }

  current() {
    return this.live || this.collection;
  }

  close() {
    this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }));
  }

  select(key) {
    this.active = key;
    this.updateComplete.then(() => {
      const content = this.querySelector('.ap-content');
      if (content) content.scrollTop = 0;
      this.querySelector('.ap-nav [aria-selected="true"]')?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    });
  }

  navKeydown(e, list) {
    const keys = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    let i = list.findIndex((x) => x.key === this.active);
    if (e.key in keys) i = (i + keys[e.key] + list.length) % list.length;
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = list.length - 1;
    else return;
    e.preventDefault();
    this.select(list[i].key);
    this.updateComplete.then(() => this.querySelector('.ap-nav [aria-selected="true"]')?.focus());
  }

  setSdk(key) {
    this.sdk = key;
    localStorage.setItem(SDK_KEY, key);
  }

  render() {
    const c = this.current();
    if (!c) return nothing;
    const list = endpoints(c, { batch: this.batch, authMethods: this.authMethods });
    const item = list.find((x) => x.key === this.active) || list[0];
    const doc = item.doc();
    const groups = [...new Set(list.map((x) => x.group))];
    const body = html`<div class="ap-layout">
      <nav class="ap-nav" aria-label="Endpoints">
        <div role="tablist" aria-orientation="vertical" aria-label="Endpoints of ${c.name}" class="ap-tablist"
          @keydown=${(e) => this.navKeydown(e, list)}>
          ${groups.map((g) => html`
            ${groups.length > 1 ? html`<div class="ap-group" role="presentation">${g}</div>` : nothing}
            ${list.filter((x) => x.group === g).map((x) => html`<button type="button" role="tab" id="ap-tab-${x.key}"
              class="ap-tab ${x.off ? 'is-off' : ''}" aria-selected=${x === item ? 'true' : 'false'} aria-controls="ap-panel"
              tabindex=${x === item ? '0' : '-1'} title=${x.off ? 'Turned off' : ''} aria-description=${x.off ? 'Turned off' : nothing}
              @click=${() => this.select(x.key)}>${x.title}${x.off ? html`<span class="ap-off" aria-hidden="true">off</span>` : nothing}</button>`)}`)}
        </div>
      </nav>
      <div class="ap-content" id="ap-panel" role="tabpanel" aria-labelledby="ap-tab-${item.key}" tabindex="-1">
        <div class="ap-title"><h3>${item.title}</h3><span class="badge">${c.type}</span><span class="ap-collection">${c.name}</span></div>
        ${this.loadError ? html`<p class="error" role="alert">Could not read the collection again (${this.loadError}); showing it as it was.</p>` : nothing}
        ${item.off ? html`<div class="ap-alert ap-alert-warning" role="note">${item.offNote}</div>` : nothing}
        ${doc.warning && doc.warning !== nothing ? html`<div class="ap-alert ap-alert-warning" role="note">${doc.warning}</div>` : nothing}
        <p class="ap-desc">${doc.description}</p>
        ${doc.extra || nothing}
        <div class="ap-endpoints">${doc.parts.map((p) => this.endpoint(p))}</div>
        <h4 class="ap-h">SDK examples</h4>
        ${codeTabs({
          name: 'SDK examples',
          tabs: SDKS.map((s) => ({ key: s.key, label: s.label, code: doc.snippets[s.key], copyLabel: `${s.label} example` })),
          active: this.sdk,
          onSelect: (k) => this.setSdk(k),
        })}
        <p class="ap-sdk-links hint">The official SDKs: <a href="https://github.com/pocketbase/js-sdk" target="_blank" rel="noopener noreferrer">JavaScript</a>
          (<code>npm install pocketbase</code>) and <a href="https://github.com/pocketbase/dart-sdk" target="_blank" rel="noopener noreferrer">Dart</a>
          (<code>dart pub add pocketbase</code>).</p>
        ${doc.parts.map((p, i) => this.details(item.key, p, i, doc.parts.length > 1))}
      </div>
    </div>`;
    return panel({
      heading: html`API preview <span class="ap-heading-name">${c.name}</span>`,
      label: `API preview of ${c.name}`,
      wide: true,
      body,
      onClose: () => this.close(),
    });
  }

  endpoint(p) {
    const url = baseUrl() + p.path;
    return html`<div class="ap-endpoint">
      ${p.heading ? html`<div class="ap-endpoint-heading">${p.heading}</div>` : nothing}
      <div class="ap-request">
        <span class="ap-method ap-method-${p.method.toLowerCase()}">${p.method}</span>
        <code class="ap-url">${url}</code>
        ${copyButton(url, `Copy the URL of ${p.heading || p.method}`)}
      </div>
      ${p.access.map((a) => html`<div class="ap-access">
        <span class="ap-access-label">${a.topic ? html`Events of <code>${a.topic}</code>:` : 'Who can call it:'}</span>
        <span class="badge badge-${a.tone}">${a.label}</span>
        ${a.rule ? html`<code class="ap-rule">${a.rule}</code>` : nothing}
        ${a.note ? html`<span class="ap-access-note">${a.note}</span>` : nothing}
      </div>`)}
    </div>`;
  }

  details(key, p, i, many) {
    const tabKey = `${key}:${i}`;
    const responses = p.responses || [];
    const activeResp = this.responseTabs[tabKey] || String(responses[0]?.label || responses[0]?.status);
    return html`<section class="ap-part">
      ${many ? html`<h4 class="ap-h ap-part-h">${p.heading} <code>${p.method} ${p.path}</code></h4>` : nothing}
      ${p.body?.length ? html`<h4 class="ap-h">Body parameters</h4>${this.paramsTable(p.body, true)}` : nothing}
      ${p.query?.length ? html`<h4 class="ap-h">Query parameters</h4>${this.paramsTable(p.query, false)}` : nothing}
      ${responses.length ? html`<h4 class="ap-h">Example responses</h4>
        ${codeTabs({
          name: many ? `Responses of ${p.heading}` : 'Responses',
          tabs: responses.map((r) => ({
            key: String(r.label || r.status),
            label: String(r.label || r.status),
            code: r.text ?? (r.body === null ? '(no content)' : literal(r.body, 'json')),
            copyLabel: `response ${r.label || r.status}`,
            note: r.note || '',
            status: r.status,
          })),
          active: activeResp,
          onSelect: (k) => { this.responseTabs = { ...this.responseTabs, [tabKey]: k }; },
          tabClass: (t) => (t.status >= 400 ? 'is-error' : 'is-ok'),
        })}` : nothing}
    </section>`;
  }

  paramsTable(rows, isBody) {
    return html`<div class="table-wrap ap-table-wrap"><table class="ap-params ${isBody ? 'ap-body-params' : 'ap-query-params'}">
      <thead><tr><th scope="col">${isBody ? 'Body parameter' : 'Query parameter'}</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead>
      <tbody>${rows.map((r) => (r.group
        ? html`<tr class="ap-group-row"><th colspan="3" scope="colgroup">${r.group}</th></tr>`
        : html`<tr>
          <td class="ap-param-name"><code>${r.name}</code>${isBody ? html`<span class="ap-req ${r.required ? 'is-required' : ''}">${r.required ? 'Required' : 'Optional'}</span>` : nothing}</td>
          <td class="ap-param-type"><span class="chip">${r.type}</span>${r.fieldType ? html`<span class="ap-field-type">${r.fieldType}</span>` : nothing}</td>
          <td class="ap-param-desc">${r.desc || (r.notes || []).map((n) => html`<span class="ap-note">${n}</span> `)}</td>
        </tr>`))}</tbody>
    </table></div>`;
  }
}
customElements.define('c-api-preview', ApiPreview);
