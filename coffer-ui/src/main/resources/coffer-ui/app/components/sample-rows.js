// The rows of a CSV (RFC 4180, with a header row), JSON (an array of objects) or NDJSON file, read in the browser
// for the import wizard, and the conversion of their values for a collection's fields. The server's inference
// (POST /api/collections/meta/infer) proposes the collection; these are the same rules as `coffer import`
// (dev.coffer.core.inspect.ImportValues), so a row refused here would be refused there too.

/** The format a file name says: csv, json or ndjson (json also for unknown names: sniffed then). */
export function formatOf(name, text) {
  const n = (name || '').toLowerCase();
  if (n.endsWith('.csv') || n.endsWith('.tsv')) return 'csv';
  if (n.endsWith('.ndjson') || n.endsWith('.jsonl')) return 'ndjson';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
}

/** The delimiter the first line uses most outside quotes: comma unless tabs or semicolons outnumber it. */
function delimiterOf(text) {
  const counts = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (const c of text.slice(0, 65536)) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]++;
  }
  if (counts['\t'] > counts[','] && counts['\t'] >= counts[';']) return '\t';
  return counts[';'] > counts[','] ? ';' : ',';
}

/** CSV records as arrays of strings: quoted fields may hold delimiters, line breaks and doubled quotes. */
function* csvRecords(text, delimiter) {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const fields = [];
    let field = '';
    let quoted = false;
    let start = true;
    for (; i < n; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
        } else field += c;
      } else if (c === delimiter) {
        fields.push(field); field = ''; start = true;
      } else if (c === '\n' || c === '\r') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        break;
      } else if (c === '"' && start) {
        quoted = true; start = false;
      } else {
        field += c; start = false;
      }
    }
    if (quoted) throw new Error('A quoted CSV field is never closed.');
    fields.push(field);
    yield fields;
  }
}

/**
 * The rows of a file's text: {columns, rows: [{n, values: {column: value}, problem}]}, n counted from 1 over
 * the data rows; a CSV row with another number of values than the header has a problem.
 * Throws an Error with a message for the user when the text is not one of the formats.
 */
export function readRows(text, format) {
  text = text.replace(/^\uFEFF/, '');
  if (format === 'csv') {
    const records = csvRecords(text, delimiterOf(text));
    const header = records.next().value?.map((h) => h.trim()) || [];
    if (!header.length || header.every((h) => !h)) throw new Error('The file is empty.');
    const rows = [];
    for (const rec of records) {
      if (rec.length === 1 && rec[0] === '') continue;
      const n = rows.length + 1;
      const values = {};
      header.forEach((h, k) => { if (k < rec.length) values[h] = rec[k]; });
      rows.push({ n, values, problem: rec.length === header.length ? null
        : `row ${n} has ${rec.length} values, the header has ${header.length} columns` });
    }
    return { columns: header, rows };
  }
  let items;
  if (format === 'json') {
    items = JSON.parse(text);
    if (!Array.isArray(items)) throw new Error('A JSON file must hold an array of objects.');
  } else {
    items = text.split(/\r?\n/).filter((l) => l.trim()).map((l, k) => {
      try { return JSON.parse(l); } catch { throw new Error(`Line ${k + 1} is not a JSON object.`); }
    });
  }
  const columns = new Set();
  const rows = items.map((item, k) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw new Error(`Item ${k + 1} is not an object.`);
    Object.keys(item).forEach((c) => columns.add(c));
    return { n: k + 1, values: item, problem: null };
  });
  return { columns: [...columns], rows };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE_WORDS = ['true', 'yes', '1', 't', 'y'];
const FALSE_WORDS = ['false', 'no', '0', 'f', 'n'];

/**
 * A value for a field as a record create takes it: undefined for an empty value (left out), {error} when text
 * can't be the field's type (a number, a boolean word, a date), else the value.
 */
export function convertValue(field, raw) {
  if (raw === null || raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') return raw;
  const s = raw.trim();
  switch (field.type) {
    case 'number':
      return DECIMAL.test(s) && Number.isFinite(Number(s)) ? Number(s)
        : { error: 'The submitted number is not properly formatted.' };
    case 'bool':
      if (TRUE_WORDS.includes(s.toLowerCase())) return true;
      if (FALSE_WORDS.includes(s.toLowerCase())) return false;
      return { error: 'Invalid value.' };
    case 'date':
      return Number.isNaN(Date.parse(s.replace(' ', 'T'))) ? { error: 'Invalid value.' } : s;
    case 'json':
      try { return JSON.parse(raw); } catch { return raw; }
    case 'select':
    case 'relation':
      if ((field.maxSelect || 1) > 1) {
        if (s.startsWith('[')) { try { return JSON.parse(s); } catch { /* a plain list */ } }
        return s.split(',').map((v) => v.trim()).filter(Boolean);
      }
      return raw;
    default:
      return raw;
  }
}

/** A column name as PocketBase field names go: word characters, single underscores, trimmed (as the server does). */
export function cleanName(name) {
  return name.trim().replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/_via_/gi, '_via').replace(/^_+|_+$/g, '').slice(0, 100);
}
