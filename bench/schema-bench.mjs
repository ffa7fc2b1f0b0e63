#!/usr/bin/env node
// Schema-change benchmark: how long `PATCH /api/collections/{name}` takes on a collection of 100,000 records when
// it adds a field and when it renames one, on the reference PocketBase and on Coffer (each on its own copy of one
// data dir), and whether the records survive it: the record count and a checksum over every record's values are
// computed before and after each change and must not move (the renamed field is read under its new name).
// No npm dependencies (Node >= 20: global fetch); the data is seeded with the sqlite3 CLI.
//
// usage: node bench/schema-bench.mjs --pocketbase PATH [--coffer PATH] [--only pocketbase|coffer]
//          [--records 100000] [--repeat 3] [--keep]
//   --pocketbase  the reference PocketBase binary (also used to prepare the data)
//   --coffer      a command that takes PocketBase's CLI arguments: the repo's ./coffer launcher (default)
//   --sqlite3     the sqlite3 CLI used to seed the records (default: sqlite3 on the PATH)
//   --repeat      how many fields are added (note1, note2, ...) and how many renames are chained
//                 (title -> headline1 -> ... -> headline); the reported time is the median
//   --keep        keep the temp dir (data dirs and server logs)
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    sqlite3: { type: 'string', default: 'sqlite3' },
    only: { type: 'string' },
    records: { type: 'string', default: '100000' },
    repeat: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
if (!opts.pocketbase) {
  console.error('usage: node bench/schema-bench.mjs --pocketbase PATH [--coffer PATH] (see bench/README.md)');
  process.exit(2);
}
const RECORDS = Number(opts.records);
const REPEAT = Math.max(1, Number(opts.repeat));
const WARM_RECORDS = 200;
const PAGE = 1000;
const PASSWORD = '1234567890';
const SUPERUSER = 'bench@example.com';
const BIG = 'bench_schema';
const WARM = 'bench_schema_warm';
const FIELDS = [
  { name: 'title', type: 'text' },
  { name: 'n', type: 'number' },
  { name: 'flag', type: 'bool' },
  { name: 'meta', type: 'json' },
];
// the fields added one PATCH after the other, and the names `title` takes one rename after the other
const ADDED = Array.from({ length: REPEAT }, (_, i) => ({ name: `note${i + 1}`, type: 'text' }));
const RENAMES = Array.from({ length: REPEAT }, (_, i) => (i === REPEAT - 1 ? 'headline' : `headline${i + 1}`));
const NEW_VALUES = Object.fromEntries(ADDED.map((f) => [f.name, '']));

const work = workDir('coffer-schema-bench-', opts.keep);

// ---------------------------------------------------------------- HTTP

const login = async (url) =>
  (await call(url, 'POST', '/api/collections/_superusers/auth-with-password', { identity: SUPERUSER, password: PASSWORD })).token;

// ---------------------------------------------------------------- data preparation (reference PocketBase + sqlite3)
/**
 * The collections are made by PocketBase through its API; the records are then inserted with one SQL statement
 * (a recursive CTE) into the tables PocketBase created, with PocketBase stopped: 100,000 records in about a
 * second, where the batch API would take about a minute. Values are deterministic functions of the row number.
 */
async function prepareTemplate(dir) {
  cli(opts.pocketbase, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dir}`]);
  const pb = new Server('prepare', opts.pocketbase, ['--dev=false', '--automigrate=false'], dir, work);
  await pb.start();
  try {
    const su = await login(pb.url);
    for (const name of [BIG, WARM]) {
      await call(pb.url, 'POST', '/api/collections', {
        name, type: 'base', listRule: null, viewRule: null, createRule: null, updateRule: null, deleteRule: null, fields: FIELDS,
      }, su);
    }
  } finally {
    await pb.stop();
  }
  const seed = (table, count, prefix) => `
    WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${count})
    INSERT INTO ${table} (id, title, n, flag, meta)
    SELECT printf('${prefix}%014d', i),
           'record ' || i || ' ' || substr('abcdefghijklmnopqrstuvwxyz', 1 + i % 26, 1 + i % 7),
           CASE WHEN i % 4 = 0 THEN (i * 7919) % 100003 + 0.25 ELSE (i * 7919) % 100003 END,
           i % 3 = 0,
           json_object('i', i, 'tags', json_array('t' || (i % 10), 'u' || (i % 7)), 'even', json(CASE WHEN i % 2 = 0 THEN 'true' ELSE 'false' END))
    FROM seq;`;
  cli(opts.sqlite3, [join(dir, 'data.db')], `${seed(BIG, RECORDS, 'r')}\n${seed(WARM, WARM_RECORDS, 'w')}\nPRAGMA wal_checkpoint(TRUNCATE);\n`);
}

// ---------------------------------------------------------------- count and checksum through the records API
/** JSON with object keys sorted, so the checksum does not depend on how a server orders the keys of a json value. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Reads every record of `collection` in id order (pages of 1000 by keyset: `id > last`, `skipTotal=1`), and returns
 * the count and a SHA-256 over each record's id and the values of `fields` (in that order, so a renamed field is
 * read under its new name and still hashes the same). Also checks `mustHave`: field → value every record must hold.
 */
async function census(url, token, collection, fields, mustHave = {}) {
  const hash = createHash('sha256');
  const wanted = ['id', ...fields, ...Object.keys(mustHave)];
  let count = 0;
  let last = '';
  for (;;) {
    const filter = encodeURIComponent(`id > "${last}"`);
    const page = await call(url, 'GET',
      `/api/collections/${collection}/records?perPage=${PAGE}&sort=id&skipTotal=1&filter=${filter}&fields=${wanted.join(',')}`, undefined, token);
    for (const record of page.items) {
      for (const name of ['id', ...fields]) {
        if (!(name in record)) throw new Error(`record ${record.id} of ${collection} has no field "${name}"`);
      }
      for (const [name, value] of Object.entries(mustHave)) {
        if (canonical(record[name]) !== canonical(value)) {
          throw new Error(`record ${record.id}: ${name} is ${canonical(record[name])}, expected ${canonical(value)}`);
        }
      }
      hash.update(`${canonical([record.id, ...fields.map((f) => record[f])])}\n`);
    }
    count += page.items.length;
    if (page.items.length < PAGE) break;
    last = page.items[page.items.length - 1].id;
  }
  const total = (await call(url, 'GET', `/api/collections/${collection}/records?perPage=1&fields=id`, undefined, token)).totalItems;
  if (total !== count) throw new Error(`${collection}: totalItems ${total}, but ${count} records were read`);
  return { count, checksum: hash.digest('hex') };
}

// ---------------------------------------------------------------- the schema changes
/** PATCH adding the field `added` (the full field list, as the dashboard and the SDK send it); returns ms. */
async function addField(url, token, collection, added) {
  const before = await call(url, 'GET', `/api/collections/${collection}`, undefined, token);
  const t0 = performance.now();
  const after = await call(url, 'PATCH', `/api/collections/${collection}`, { fields: [...before.fields, added] }, token);
  const ms = performance.now() - t0;
  if (!after.fields?.some((f) => f.name === added.name && f.type === added.type)) {
    throw new Error(`PATCH answered without the added field: ${JSON.stringify(after.fields).slice(0, 300)}`);
  }
  return ms;
}

/** PATCH renaming the field `from` to `to` (same field id, new name); returns ms. */
async function renameField(url, token, collection, from, to) {
  const before = await call(url, 'GET', `/api/collections/${collection}`, undefined, token);
  const renamed = before.fields.find((f) => f.name === from);
  if (!renamed) throw new Error(`${collection} has no field "${from}"`);
  const fields = before.fields.map((f) => (f.name === from ? { ...f, name: to } : f));
  const t0 = performance.now();
  const after = await call(url, 'PATCH', `/api/collections/${collection}`, { fields }, token);
  const ms = performance.now() - t0;
  const names = after.fields?.map((f) => f.name) ?? [];
  if (!names.includes(to) || names.includes(from) || after.fields.find((f) => f.name === to).id !== renamed.id) {
    throw new Error(`PATCH answered without the renamed field: ${JSON.stringify(after.fields).slice(0, 300)}`);
  }
  return ms;
}

const dataFields = FIELDS.map((f) => f.name);
const renamedFields = dataFields.map((f) => (f === 'title' ? RENAMES.at(-1) : f));

/** Adds every field of ADDED, then chains the renames; returns the median times. */
async function changeAll(url, token, collection) {
  const addMs = [];
  for (const added of ADDED) addMs.push(await addField(url, token, collection, added));
  const renameMs = [];
  let from = 'title';
  for (const to of RENAMES) {
    renameMs.push(await renameField(url, token, collection, from, to));
    from = to;
  }
  return { addMs, renameMs };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');

/** Both changes on a small collection first, so neither server's first schema change is its first ever. */
async function warmUp(url, token) {
  const before = await census(url, token, WARM, dataFields);
  await changeAll(url, token, WARM);
  const after = await census(url, token, WARM, renamedFields, NEW_VALUES);
  if (after.count !== before.count || after.checksum !== before.checksum) throw new Error(`${WARM}: the records changed`);
}

// ---------------------------------------------------------------- main
const servers = [
  { name: 'pocketbase', label: 'PocketBase', command: opts.pocketbase, args: ['--dev=false', '--automigrate=false'] },
  { name: 'coffer', label: 'Coffer', command: opts.coffer, args: [] },
].filter((s) => !opts.only || s.name === opts.only);

const started = performance.now();
const template = join(work, 'template');
mkdirSync(template);
process.stdout.write(`preparing ${RECORDS} records (collections by ${opts.pocketbase}, rows by ${opts.sqlite3}) ... `);
await prepareTemplate(template);
console.log(`done (${((performance.now() - started) / 1000).toFixed(1)} s)`);

const outcomes = {};
for (const s of servers) {
  const dataDir = join(work, s.name);
  cpSync(template, dataDir, { recursive: true });
  const server = new Server(s.name, s.command, s.args, dataDir, work);
  const o = (outcomes[s.name] = { label: s.label });
  const step = async (what, fn) => {
    o.step = what;
    process.stdout.write(`  ${what} ... `);
    const t0 = performance.now();
    const result = await fn();
    console.log(`${typeof result === 'number' ? `${result.toFixed(0)} ms` : 'ok'} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    return result;
  };
  const same = (when, c) => {
    if (c.count !== o.before.count || c.checksum !== o.before.checksum) {
      throw new Error(`the records changed with ${when}: ${o.before.count} records ${o.before.checksum.slice(0, 16)}… before, `
        + `${c.count} records ${c.checksum.slice(0, 16)}… after`);
    }
  };
  console.log(`${s.label}:`);
  try {
    await step('start', () => server.start());
    const token = await login(server.url);
    o.before = await step('count + checksum before', () => census(server.url, token, BIG, dataFields));
    if (o.before.count !== RECORDS) throw new Error(`${RECORDS} records were seeded, the server lists ${o.before.count}`);
    await step(`warm-up: the same changes on ${WARM} (${WARM_RECORDS} records)`, () => warmUp(server.url, token));
    const addMs = [];
    for (const added of ADDED) {
      addMs.push(await step(`PATCH ${BIG}: add field "${added.name}"`, () => addField(server.url, token, BIG, added)));
    }
    o.afterAdd = await step('count + checksum after the adds', () => census(server.url, token, BIG, dataFields, NEW_VALUES));
    same('the adds', o.afterAdd);
    const renameMs = [];
    let from = 'title';
    for (const to of RENAMES) {
      renameMs.push(await step(`PATCH ${BIG}: rename "${from}" -> "${to}"`, () => renameField(server.url, token, BIG, from, to)));
      from = to;
    }
    o.afterRename = await step(`count + checksum after the renames (as "${RENAMES.at(-1)}")`,
      () => census(server.url, token, BIG, renamedFields, NEW_VALUES));
    same('the renames', o.afterRename);
    Object.assign(o, { addMs: median(addMs), renameMs: median(renameMs), adds: addMs, renames: renameMs, ok: true });
  } catch (error) {
    o.error = `${o.step}: ${error.message}`;
    console.log(`FAILED\n  ${s.label} FAILED at ${o.error}`);
    console.log(`  last lines of ${s.label}'s log:\n${server.logTail().replace(/^/gm, '    | ')}`);
  } finally {
    await server.stop();
  }
}

const pb = outcomes.pocketbase;
const cf = outcomes.coffer;
const cell = (o, key) => (!o ? 'not run' : o.ok ? `${o[key].toFixed(0)} ms (${list(o[key === 'addMs' ? 'adds' : 'renames'])})` : 'FAILED');
const ratio = (key) => (pb?.ok && cf?.ok ? `${(cf[key] / pb[key]).toFixed(2)}x` : 'n/a');
console.log('');
console.log(`schema-change benchmark: PATCH /api/collections/${BIG} on ${RECORDS} records (fields ${dataFields.join(', ')}); `
  + `median of ${REPEAT} changes (each one's ms in parentheses)`);
console.log(`${'change'.padEnd(26)}${'PocketBase'.padEnd(28)}${'Coffer'.padEnd(28)}Coffer/PB (time)`);
console.log(`${'add a text field'.padEnd(26)}${cell(pb, 'addMs').padEnd(28)}${cell(cf, 'addMs').padEnd(28)}${ratio('addMs')}`);
console.log(`${'rename a text field'.padEnd(26)}${cell(pb, 'renameMs').padEnd(28)}${cell(cf, 'renameMs').padEnd(28)}${ratio('renameMs')}`);
for (const o of Object.values(outcomes)) {
  if (o.ok) {
    console.log(`${o.label}: ${o.before.count} records, checksum ${o.before.checksum.slice(0, 16)}… unchanged after the adds and after the renames`);
  } else {
    console.log(`${o.label} FAILED: ${o.error}`);
  }
}
if (pb?.before && cf?.before && pb.before.count === cf.before.count && pb.before.checksum === cf.before.checksum) {
  console.log(`Both servers served the same ${pb.before.count} records (checksum ${pb.before.checksum.slice(0, 16)}…) before the changes`);
} else if (pb?.before && cf?.before) {
  console.log(`WARNING: the servers serve different records from the same data: PocketBase ${pb.before.count} records `
    + `${pb.before.checksum.slice(0, 16)}…, Coffer ${cf.before.count} records ${cf.before.checksum.slice(0, 16)}…`);
}
console.log(`(time ratio < 1: Coffer faster. On a shared machine the figures are noisy. Total ${((performance.now() - started) / 1000).toFixed(0)} s.)`);
if (opts.keep) console.log(`data dirs and server logs kept in ${work}`);
process.exit(Object.values(outcomes).some((o) => !o.ok) ? 1 : 0);
