// The code builders of the API preview's SDK examples: the server's base URL, string escaping for JavaScript,
// Dart and the shell, values as JavaScript/Dart/JSON source (literal), the SDK set-up lines, and curl commands
// (JSON or multipart bodies).
import { apiRoot } from '../api.js';
import { isMulti, sampleValue } from './api-preview-samples.js';

/** The server's base URL as clients see it (origin plus the path Coffer is mounted at, no trailing slash). */
export function baseUrl() {
  return (location.origin + apiRoot).replace(/\/$/, '');
}

/** A body value for create/update: files become File objects (JS) or multipart parts (Dart, curl). */
export class Raw {
  constructor(code) {
    this.code = code;
  }
}

export const jsStr = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
export const dartStr = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$/g, '\\$').replace(/\n/g, '\\n')}'`;
export const shStr = (s) => `'${String(s).replace(/'/g, "'\\''")}'`;

/** A value as source code: JSON-like literals (Dart escapes $), Raw values as they are. */
export function literal(v, lang, ind = '') {
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

export const jsHead = () => `import PocketBase from 'pocketbase';\n\nconst pb = new PocketBase(${jsStr(baseUrl())});\n\n`;
export const dartHead = (extra = '') => `import 'package:pocketbase/pocketbase.dart';\n${extra}\nfinal pb = PocketBase(${dartStr(baseUrl())});\n\n`;

/** curl for one request; body is JSON (object) or null; auth says which token header to show. */
export function curl(method, path, { body, auth, form } = {}) {
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
export function curlForm(body, files) {
  const out = [['@jsonPayload', JSON.stringify(body)]];
  for (const f of files) {
    out.push([f.name, `@./${sampleValue({ ...f, maxSelect: 1 }, 0)}`]);
    if (isMulti(f)) out.push([f.name, `@./${sampleValue({ ...f, maxSelect: 1 }, 1)}`]);
  }
  return out;
}
