// Sample data of the API preview, made from a collection's own fields: plausible field values, example records
// and create/update bodies, example filter, sort and expand values, and the example answers (errors, auth
// responses, auth methods) the endpoint docs show.
import { collectionsStore } from '../ui.js';

// --- field values, records and bodies ------------------------------------------------------------------

const SAMPLE_IDS = ['r8k2m4p6q1w3e5t', 'b7n3v9c1x5z2l4j', 'h4g6f8d2s1a3q9w', 'u2y4t6r8e1w3q5p'];
export const SAMPLE_DATE = '2025-01-15 09:30:00.000Z';
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

export const isMulti = (f) => (f.maxSelect || 1) > 1;

/** A plausible value of a field as a record response shows it (i picks between two variants). */
export function sampleValue(f, i = 0) {
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
export function sampleRecord(c, i = 0) {
  const out = { collectionId: c.id, collectionName: c.name };
  for (const f of c.fields || []) {
    if (f.hidden) continue;
    const v = sampleValue(f, i);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/** The fields a create (or update) body may hold, in order, without autodate, hidden system and password ones. */
export function bodyFields(c, forUpdate) {
  const auth = c.type === 'auth';
  return (c.fields || []).filter((f) => {
    if (f.type === 'autodate') return false;
    if (forUpdate && f.primaryKey) return false;
    if (auth && ['password', 'tokenKey', 'email', 'emailVisibility', 'verified'].includes(f.name)) return false;
    return true;
  });
}

export function sampleBody(c, forUpdate) {
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

export function fileFields(c) {
  return bodyFields(c, false).filter((f) => f.type === 'file');
}

// --- example query values -------------------------------------------------------------------------------

/** A filter example built from the collection's own fields. */
export function exampleFilter(c) {
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

export function firstMatch(c) {
  const f = (c.fields || []).find((x) => !x.hidden && !x.primaryKey && ['text', 'email', 'select'].includes(x.type) && !(x.system && x.type === 'text'));
  if (!f) return `id = "${SAMPLE_IDS[0]}"`;
  const v = sampleValue(f, 0);
  return `${f.name} = "${Array.isArray(v) ? v[0] : v}"`;
}

export function exampleSort(c) {
  const f = (c.fields || []).find((x) => x.type === 'autodate' && x.name === 'created')
    || (c.fields || []).find((x) => !x.hidden && ['autodate', 'date', 'number'].includes(x.type));
  return f ? `-${f.name}` : '-@rowid';
}

export function exampleExpand(c) {
  return (c.fields || []).filter((f) => f.type === 'relation' && !f.hidden).map((f) => f.name).slice(0, 2).join(',');
}

export function firstAuthName(c) {
  if (c.type === 'auth' && c.name !== '_superusers') return c.name;
  return collectionsStore.items.find((x) => x.type === 'auth' && x.name !== '_superusers')?.name || 'users';
}

// --- example answers ------------------------------------------------------------------------------------

export const err = (status, message, data = {}) => ({ status, body: { status, message, data } });
export const forbiddenSuperusers = () => err(403, 'Only superusers can perform this action.');
export const notFound = () => err(404, "The requested resource wasn't found.");

export function requiredExample(c) {
  if (c.type === 'auth') return 'email';
  const f = bodyFields(c, false).find((x) => x.required && !x.autogeneratePattern && !x.primaryKey)
    || bodyFields(c, false).find((x) => !x.primaryKey);
  return f?.name || 'title';
}

export function authResponse(c, extra = {}) {
  return { token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…', record: sampleRecord(c, 0), ...extra };
}

export function authErrors(c) {
  const out = [];
  if (c.mfa?.enabled) {
    out.push({ status: 401, label: '401 (MFA)', body: { mfaId: 'x3c5v7b9n1m2k4j' }, note: 'Multi-factor auth is on: repeat the auth with another method and this mfaId.' });
  }
  if (c.authRule !== '' && c.authRule !== null && c.authRule !== undefined) {
    out.push(err(403, "The request doesn't satisfy the collection requirements to authenticate."));
  }
  return out;
}

export function authMethodsFromConfig(c) {
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

export function identityExample(c) {
  const fields = c.passwordAuth?.identityFields || [];
  if (!fields.length) return 'YOUR_IDENTITY';
  if (fields.includes('email')) return 'test@example.com';
  return `YOUR_${fields[0].toUpperCase()}`;
}
