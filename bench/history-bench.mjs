#!/usr/bin/env node
// Record history benchmark: the size of history entries (their changes stored deflate-compressed, against the JSON
// the API shows) and what keeping history costs writes: creates and updates per second on two collections with the
// same fields, one with history on and one without, in alternating rounds on one Coffer server.
// No npm dependencies (Node >= 20: global fetch).
//
// usage: node bench/history-bench.mjs [--coffer PATH] [--writes 2000] [--concurrency 8] [--rounds 3] [--keep]
//          (--pocketbase is accepted and ignored: PocketBase keeps no history)
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    writes: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const WRITES = Number(opts.writes);
const CONCURRENCY = Number(opts.concurrency);
const ROUNDS = Math.max(1, Number(opts.rounds));
const SUPERUSER = 'bench@example.com';
const PASSWORD = '1234567890';

const work = workDir('coffer-historybench-', opts.keep);
const dataDir = join(work, 'coffer_data');
cli(opts.coffer, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dataDir}`]);
const server = new Server('coffer', opts.coffer, [], dataDir, work);
await server.start();
const su = (await call(server.url, 'POST', '/api/collections/_superusers/auth-with-password',
  { identity: SUPERUSER, password: PASSWORD })).token;
await call(server.url, 'PATCH', '/api/settings', { logs: { maxDays: 0 } }, su);

const fields = [
  { name: 'title', type: 'text' }, { name: 'status', type: 'select', maxSelect: 1, values: ['open', 'paid', 'void'] },
  { name: 'amount', type: 'number' }, { name: 'customer', type: 'email' }, { name: 'notes', type: 'text' },
  { name: 'created', type: 'autodate', onCreate: true }, { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
];
const ids = { plain: [], kept: [] };
for (const [name, history] of [['plain', false], ['kept', true]]) {
  await call(server.url, 'POST', '/api/collections', {
    name, type: 'base', ...(history ? { history: { enabled: true } } : {}), fields }, su);
}

let counter = 0;
async function run(name, count, clients, update) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next++ < count) {
      const n = counter++;
      if (update && ids[name].length) {
        const id = ids[name][n % ids[name].length];
        await call(server.url, 'PATCH', `/api/collections/${name}/records/${id}`,
          { status: ['open', 'paid', 'void'][n % 3], amount: n * 1.25 }, su);
      } else {
        const r = await call(server.url, 'POST', `/api/collections/${name}/records`, {
          title: `Invoice ${n}`, status: 'open', amount: n * 2.5, customer: `customer${n}@example.com`,
          notes: `Net 30. Deliver to warehouse ${n % 17}, dock ${n % 5}.` }, su);
        ids[name].push(r.id);
      }
    }
  }));
  return count / ((performance.now() - started) / 1000);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { plain: { create: [], update: [] }, kept: { create: [], update: [] } };
try {
  for (const name of ['plain', 'kept']) {
    await run(name, WRITES / 4, CONCURRENCY, false);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? ['plain', 'kept'] : ['kept', 'plain']) {
      results[name].create.push(await run(name, WRITES, CONCURRENCY, false));
      results[name].update.push(await run(name, WRITES, CONCURRENCY, true));
      console.error(`round ${round + 1} ${name}: creates ${results[name].create.at(-1).toFixed(0)}/s, `
        + `updates ${results[name].update.at(-1).toFixed(0)}/s`);
    }
  }
  const size = await call(server.url, 'POST', '/api/sql', { query:
    "SELECT action, COUNT(*) AS n, AVG(LENGTH(data)) AS stored, AVG(LENGTH(fields) + LENGTH(actor) + LENGTH(recordId) + LENGTH(created) + 24) AS columns FROM _history WHERE collectionId = (SELECT id FROM _collections WHERE name = 'kept') GROUP BY action" }, su);
  const sample = await call(server.url, 'GET', `/api/collections/kept/records/${ids.kept[0]}/history?perPage=50`, undefined, su);
  const jsonBytes = {};
  for (const item of sample.items) {
    (jsonBytes[item.action] ||= []).push(Buffer.byteLength(JSON.stringify(item.changes)));
  }
  console.log(`writes with ${CONCURRENCY} clients, ${WRITES} per round, median of ${ROUNDS} rounds (req/s)`);
  console.log(`${'workload'.padEnd(10)} ${'plain'.padStart(8)} ${'history'.padStart(8)} ${'ratio'.padStart(8)}`);
  for (const key of ['create', 'update']) {
    const a = median(results.plain[key]);
    const b = median(results.kept[key]);
    console.log(`${key.padEnd(10)} ${a.toFixed(0).padStart(8)} ${b.toFixed(0).padStart(8)} ${(b / a).toFixed(2).padStart(8)}`);
  }
  console.log('history entries of "kept": action, count, changes stored (bytes, compressed), other columns (bytes), changes as JSON (bytes, a sample)');
  for (const row of size.rows) {
    const [action, n, stored, columns] = row;
    const json = jsonBytes[action] || [];
    const avgJson = json.length ? json.reduce((x, y) => x + y, 0) / json.length : NaN;
    console.log(`${String(action).padEnd(8)} ${String(n).padStart(7)} ${Number(stored).toFixed(0).padStart(8)} ${Number(columns).toFixed(0).padStart(8)} ${avgJson.toFixed(0).padStart(8)}`);
  }
} finally {
  await server.stop();
}
