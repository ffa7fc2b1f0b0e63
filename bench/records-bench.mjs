#!/usr/bin/env node
// Records benchmark: the same workload against the reference PocketBase and Coffer, on identical copies of one
// data dir that the reference PocketBase prepared. Prints throughput and median latency per workload and the
// Coffer/PocketBase ratios. No npm dependencies (Node >= 20: global fetch).
//
// usage: node bench/records-bench.mjs --pocketbase PATH [--coffer PATH] [--only pocketbase|coffer]
//          [--creates 1000] [--concurrency 8] [--lists 200] [--seed 10000] [--warmup 1000] [--rounds 3] [--keep]
//   --pocketbase  the reference PocketBase binary (also used to prepare the data)
//   --coffer      a command that takes PocketBase's CLI arguments: the repo's ./coffer launcher (default)
//   --rounds      timed rounds per server (alternating between the servers); figures are the medians
//   --warmup      sequential creates, concurrent creates and list calls (each) sent to a server before timing starts
//   --keep        keep the temp dir (data dirs and server logs)
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
    only: { type: 'string' },
    creates: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    lists: { type: 'string', default: '200' },
    seed: { type: 'string', default: '10000' },
    warmup: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
if (!opts.pocketbase) {
  console.error('usage: node bench/records-bench.mjs --pocketbase PATH [--coffer PATH] (see bench/README.md)');
  process.exit(2);
}
const CREATES = Number(opts.creates);
const CONCURRENCY = Number(opts.concurrency);
const LISTS = Number(opts.lists);
const SEED = Number(opts.seed);
const PER_PAGE = 100;
const WARMUP = Number(opts.warmup);
const ROUNDS = Math.max(1, Number(opts.rounds));
const PASSWORD = '1234567890';
const SUPERUSER = 'bench@example.com';
const USERS = ['u1', 'u2', 'u3', 'u4'].map((u, i) => ({ id: `benchuser${i + 1}`.padEnd(15, '0'), email: `${u}@example.com` }));
const CREATE_RULE = '@request.auth.id != ""';
const LIST_RULE = '@request.auth.id != "" && (public = true || owner = @request.auth.id)';
const LIST_FILTER = "n > 100 && tag = 'b'";
const LIST_SORT = '-n,title';

const work = workDir('coffer-bench-', opts.keep);

// ---------------------------------------------------------------- HTTP

const login = async (url, collection, email) =>
  (await call(url, 'POST', `/api/collections/${collection}/auth-with-password`, { identity: email, password: PASSWORD })).token;

// ---------------------------------------------------------------- data preparation (reference PocketBase)
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function prepareTemplate(dir) {
  cli(opts.pocketbase, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dir}`]);
  const pb = new Server('prepare', opts.pocketbase, ['--dev=false'], dir, work);
  await pb.start();
  try {
    const su = await login(pb.url, '_superusers', SUPERUSER);
    await call(pb.url, 'PATCH', '/api/settings', { batch: { enabled: true, maxRequests: 1000, timeout: 60 } }, su);
    for (const user of USERS) {
      await call(pb.url, 'POST', '/api/collections/users/records',
        { id: user.id, email: user.email, password: PASSWORD, passwordConfirm: PASSWORD, verified: true }, su);
    }
    const autodates = [
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ];
    const owner = { name: 'owner', type: 'relation', collectionId: '_pb_users_auth_', maxSelect: 1 };
    await call(pb.url, 'POST', '/api/collections', {
      name: 'bench_create', type: 'base',
      listRule: CREATE_RULE, viewRule: CREATE_RULE, createRule: CREATE_RULE, updateRule: null, deleteRule: null,
      fields: [{ name: 'title', type: 'text', required: true }, { name: 'n', type: 'number' }, { name: 'tag', type: 'text' }, owner, ...autodates],
    }, su);
    await call(pb.url, 'POST', '/api/collections', {
      name: 'bench_list', type: 'base',
      listRule: LIST_RULE, viewRule: LIST_RULE, createRule: null, updateRule: null, deleteRule: null,
      fields: [
        { name: 'title', type: 'text', required: true },
        { name: 'n', type: 'number' },
        { name: 'tag', type: 'select', maxSelect: 1, values: ['a', 'b', 'c', 'd'] },
        { name: 'public', type: 'bool' },
        owner,
        ...autodates,
      ],
    }, su);
    const random = mulberry32(42);
    const BATCH = 500;
    for (let start = 0; start < SEED; start += BATCH) {
      const requests = [];
      for (let i = start; i < Math.min(SEED, start + BATCH); i++) {
        requests.push({
          method: 'POST',
          url: '/api/collections/bench_list/records',
          body: {
            title: `item ${String(i).padStart(5, '0')}`,
            n: Math.floor(random() * 1000),
            tag: 'abcd'[Math.floor(random() * 4)],
            public: random() < 0.5,
            owner: USERS[Math.floor(random() * USERS.length)].id,
          },
        });
      }
      await call(pb.url, 'POST', '/api/batch', { requests }, su);
    }
  } finally {
    await pb.stop();
  }
}

// ---------------------------------------------------------------- workloads
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs `count` calls of `op(i)` on `clients` parallel workers; returns throughput (req/s) and median latency (ms). */
async function measure(count, clients, op) {
  const latencies = new Array(count);
  let next = 0;
  const began = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < count; i = next++) {
      const t0 = performance.now();
      await op(i);
      latencies[i] = performance.now() - t0;
    }
  }));
  const seconds = (performance.now() - began) / 1000;
  return { throughput: count / seconds, median: median(latencies), seconds };
}

/** Logs in, checks the list answers and warms the server up; returns the timed workloads as functions. */
async function prepareWorkloads(server) {
  const url = server.url;
  const token = await login(url, 'users', USERS[0].email);
  const owner = USERS[0].id;
  const create = (prefix) => async (i) => {
    const rec = await call(url, 'POST', '/api/collections/bench_create/records', { title: `${prefix} ${i}`, n: i, tag: 'x', owner }, token);
    if (!rec?.id) throw new Error(`create returned no record: ${JSON.stringify(rec).slice(0, 200)}`);
  };
  const listPath = (page) => `/api/collections/bench_list/records?page=${page}&perPage=${PER_PAGE}`
    + `&filter=${encodeURIComponent(LIST_FILTER)}&sort=${encodeURIComponent(LIST_SORT)}`;
  const first = await call(url, 'GET', listPath(1), undefined, token);
  if (!(first.totalItems > PER_PAGE) || first.items.length !== PER_PAGE) {
    throw new Error(`unexpected first list page: totalItems=${first.totalItems}, items=${first.items?.length}`);
  }
  const pages = first.totalPages;
  const list = async (i) => {
    const page = (i % pages) + 1;
    const res = await call(url, 'GET', listPath(page), undefined, token);
    if (res.page !== page || !Array.isArray(res.items) || res.items.length === 0) {
      throw new Error(`list page ${page}: unexpected answer ${JSON.stringify(res).slice(0, 200)}`);
    }
  };

  // steady state: both servers get the same warm-up (a JVM compiles its hot paths during the first thousand calls)
  await measure(WARMUP, 1, create('warmup'));
  await measure(WARMUP, CONCURRENCY, create('warmup-par'));
  await measure(WARMUP, 1, list);
  return {
    listTotals: { totalItems: first.totalItems, totalPages: pages },
    createSeq: (round) => measure(CREATES, 1, create(`seq${round}`)),
    createPar: (round) => measure(CREATES, CONCURRENCY, create(`par${round}`)),
    list: () => measure(LISTS, 1, list),
  };
}

// ---------------------------------------------------------------- main
const servers = [
  { name: 'pocketbase', label: 'PocketBase', command: opts.pocketbase, args: ['--dev=false'] },
  { name: 'coffer', label: 'Coffer', command: opts.coffer, args: [] },
].filter((s) => !opts.only || s.name === opts.only);

const started = performance.now();
const template = join(work, 'template');
mkdirSync(template);
process.stdout.write(`preparing ${SEED} records with ${opts.pocketbase} ... `);
await prepareTemplate(template);
console.log(`done (${((performance.now() - started) / 1000).toFixed(1)} s)`);

const outcomes = {};
const running = [];
for (const s of servers) {
  const dataDir = join(work, s.name);
  cpSync(template, dataDir, { recursive: true });
  const server = new Server(s.name, s.command, s.args, dataDir, work);
  process.stdout.write(`${s.label}: `);
  try {
    const t0 = performance.now();
    await server.start();
    process.stdout.write(`healthy after ${((performance.now() - t0) / 1000).toFixed(1)} s, warming up ... `);
    running.push({ s, server, workloads: await prepareWorkloads(server) });
    console.log('ready');
  } catch (error) {
    outcomes[s.name] = { error: error.message };
    console.log(`FAILED: ${error.message}`);
    console.log(`  last lines of ${s.label}'s log:\n${server.logTail().replace(/^/gm, '    | ')}`);
    await server.stop();
  }
}
// Both servers stay up and the workloads alternate between them round by round, so that a slow spell of a
// shared machine hits both; each figure is the median over the rounds.
const samples = Object.fromEntries(running.map((r) => [r.s.name, { createSeq: [], createPar: [], list: [] }]));
try {
  for (let round = 1; round <= ROUNDS; round++) {
    process.stdout.write(`round ${round}/${ROUNDS} ... `);
    for (const key of ['createSeq', 'createPar', 'list']) {
      for (const r of running) {
        if (outcomes[r.s.name]?.error) continue;
        try {
          samples[r.s.name][key].push(await r.workloads[key](round));
        } catch (error) {
          outcomes[r.s.name] = { error: error.message };
          console.log(`${r.s.label} FAILED: ${error.message}\n${r.server.logTail().replace(/^/gm, '    | ')}`);
        }
      }
    }
    console.log('done');
  }
} finally {
  for (const r of running) await r.server.stop();
}
const medianOf = (runs) => ({
  throughput: median(runs.map((x) => x.throughput)),
  median: median(runs.map((x) => x.median)),
});
for (const r of running) {
  if (outcomes[r.s.name]?.error) continue;
  const m = samples[r.s.name];
  outcomes[r.s.name] = {
    createSeq: medianOf(m.createSeq), createPar: medianOf(m.createPar), list: medianOf(m.list),
    listTotals: r.workloads.listTotals,
  };
}

const rows = [
  ['createSeq', `create, sequential (${CREATES})`],
  ['createPar', `create, ${CONCURRENCY} clients (${CREATES})`],
  ['list', `list 100, filter+sort (${LISTS})`],
];
const fmt = (r) => (r ? `${r.throughput.toFixed(0).padStart(6)} req/s  p50 ${r.median.toFixed(2).padStart(6)} ms` : '');
const pb = outcomes.pocketbase;
const cf = outcomes.coffer;
console.log('');
console.log(`records benchmark: ${SEED} seeded rows, median of ${ROUNDS} alternating rounds; list filter "${LIST_FILTER}", sort "${LIST_SORT}", perPage ${PER_PAGE}`);
console.log(`${'workload'.padEnd(34)}${'PocketBase'.padEnd(32)}${'Coffer'.padEnd(32)}Coffer/PB (throughput, p50 latency)`);
for (const [key, label] of rows) {
  const a = pb && !pb.error ? pb[key] : null;
  const b = cf && !cf.error ? cf[key] : null;
  const ratio = a && b ? `${(b.throughput / a.throughput).toFixed(2)}x, ${(b.median / a.median).toFixed(2)}x` : 'n/a';
  const cell = (o, r) => (!o ? 'not run' : o.error ? 'FAILED' : fmt(r));
  console.log(`${label.padEnd(34)}${cell(pb, a).padEnd(32)}${cell(cf, b).padEnd(32)}${ratio}`);
}
if (pb && !pb.error && cf && !cf.error && pb.listTotals.totalItems !== cf.listTotals.totalItems) {
  console.log(`WARNING: the servers disagree on the list totals: PocketBase ${pb.listTotals.totalItems}, Coffer ${cf.listTotals.totalItems}`);
}
for (const [name, o] of Object.entries(outcomes)) {
  if (o.error) console.log(`${name} failed: ${o.error}`);
}
console.log(`(throughput ratio > 1: Coffer faster; latency ratio < 1: Coffer faster. Total ${((performance.now() - started) / 1000).toFixed(0)} s.`
  + ' On a shared machine the figures are noisy.)');
if (opts.keep) console.log(`data dirs and server logs kept in ${work}`);
process.exit(Object.values(outcomes).some((o) => o.error) ? 1 : 0);
