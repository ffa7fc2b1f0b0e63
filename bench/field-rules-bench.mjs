#!/usr/bin/env node
// Field read rules benchmark: records list throughput of one Coffer server on two collections of 10,000 records
// with the same fields, one plain and one whose three fields have a readRule (with masks), read by an ordinary
// user, in alternating rounds. Prints req/s per collection and the ratio (the goal: within 20%).
// No npm dependencies (Node >= 20: global fetch).
//
// usage: node bench/field-rules-bench.mjs [--coffer PATH] [--records 10000] [--requests 2000] [--concurrency 8]
//          [--per-page 30] [--rounds 3] [--keep]   (--pocketbase is accepted and ignored: PocketBase has no field rules)
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    records: { type: 'string', default: '10000' },
    requests: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    'per-page': { type: 'string', default: '30' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const RECORDS = Number(opts.records);
const REQUESTS = Number(opts.requests);
const CONCURRENCY = Number(opts.concurrency);
const PER_PAGE = Number(opts['per-page']);
const ROUNDS = Math.max(1, Number(opts.rounds));
const SUPERUSER = 'bench@example.com';
const PASSWORD = '1234567890';

const work = workDir('coffer-fieldrules-', opts.keep);
const dataDir = join(work, 'coffer_data');
cli(opts.coffer, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dataDir}`]);
const server = new Server('coffer', opts.coffer, [], dataDir, work);
await server.start();
const su = (await call(server.url, 'POST', '/api/collections/_superusers/auth-with-password',
  { identity: SUPERUSER, password: PASSWORD })).token;
await call(server.url, 'PATCH', '/api/settings', { batch: { enabled: true, maxRequests: 200 }, logs: { maxDays: 0 } }, su);

const owner = 'owner = @request.auth.id';
const fields = (guarded) => [
  { name: 'title', type: 'text' },
  { name: 'owner', type: 'text' },
  { name: 'phone', type: 'text', ...(guarded ? { readRule: owner, mask: 'last4' } : {}) },
  { name: 'contact', type: 'text', ...(guarded ? { readRule: owner, mask: 'email' } : {}) },
  { name: 'note', type: 'text', ...(guarded ? { readRule: 'owner = @request.auth.id && title != ""' } : {}) },
];
for (const [name, guarded] of [['plain', false], ['guarded', true]]) {
  await call(server.url, 'POST', '/api/collections', {
    name, type: 'base', listRule: '', viewRule: '', fields: fields(guarded),
  }, su);
}
const user = await call(server.url, 'POST', '/api/collections/users/records',
  { email: 'reader@example.com', password: PASSWORD, passwordConfirm: PASSWORD }, su);
const token = (await call(server.url, 'POST', '/api/collections/users/auth-with-password',
  { identity: 'reader@example.com', password: PASSWORD })).token;

for (const name of ['plain', 'guarded']) {
  for (let done = 0; done < RECORDS; done += 200) {
    const requests = [];
    for (let i = done; i < Math.min(RECORDS, done + 200); i++) {
      requests.push({ method: 'POST', url: `/api/collections/${name}/records`, body: {
        title: `record ${i}`, owner: i % 10 === 0 ? user.id : `someone${i % 97}`,
        phone: `555${String(i).padStart(7, '0')}`, contact: `person${i}@example.com`, note: `a note about ${i}` } });
    }
    await call(server.url, 'POST', '/api/batch', { requests }, su);
  }
}

let counter = 0;
const listOne = (name) => call(server.url, 'GET',
  `/api/collections/${name}/records?perPage=${PER_PAGE}&page=${1 + (counter++ % 50)}&skipTotal=1`, undefined, token);

async function run(name, count, clients) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next++ < count) await listOne(name);
  }));
  return count / ((performance.now() - started) / 1000);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = { plain: { seq: [], conc: [] }, guarded: { seq: [], conc: [] } };
try {
  const sample = await listOne('guarded');
  const masked = sample.items.filter((r) => r.phone?.startsWith('*')).length;
  console.error(`a guarded page for the reader: ${sample.items.length} records, ${masked} with a masked phone`);
  for (const name of ['plain', 'guarded']) {
    await run(name, REQUESTS / 2, 1);
    await run(name, REQUESTS, CONCURRENCY);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 === 0 ? ['plain', 'guarded'] : ['guarded', 'plain']) {
      results[name].seq.push(await run(name, REQUESTS / 2, 1));
      results[name].conc.push(await run(name, REQUESTS, CONCURRENCY));
      console.error(`round ${round + 1} ${name}: sequential ${results[name].seq.at(-1).toFixed(0)} req/s, `
        + `${CONCURRENCY} clients ${results[name].conc.at(-1).toFixed(0)} req/s`);
    }
  }
  console.log(`records list, ${RECORDS} records, perPage ${PER_PAGE}, as an ordinary user; median of ${ROUNDS} rounds (req/s)`);
  console.log(`${'workload'.padEnd(24)} ${'plain'.padStart(8)} ${'3 rules'.padStart(8)} ${'ratio'.padStart(8)}`);
  for (const [label, key] of [['sequential (1 client)', 'seq'], [`concurrent (${CONCURRENCY} clients)`, 'conc']]) {
    const plain = median(results.plain[key]);
    const guarded = median(results.guarded[key]);
    console.log(`${label.padEnd(24)} ${plain.toFixed(0).padStart(8)} ${guarded.toFixed(0).padStart(8)} ${(guarded / plain).toFixed(2).padStart(8)}`);
  }
} finally {
  await server.stop();
}
