#!/usr/bin/env node
// Webhooks benchmark: what configured webhooks cost record creates. One Coffer server, two collections with the same
// fields: `plain`, and `hooked` with three enabled webhooks subscribed to `hooked.create` (pointing at a receiver in
// a process of its own that answers 204). Creates per second, one client after the other and with concurrent
// clients, in alternating rounds: into `plain`; into `hooked` with the deliveries sent in the background (the job
// queue) while the run goes on; and into `hooked` with the job queue paused during the run (what the outbox itself
// costs a create; the stored deliveries are sent after it, timed). Each run starts once the deliveries of the earlier
// ones have arrived. At the end it checks each webhook got every record exactly once.
// No npm dependencies (Node >= 20: global fetch).
//
// usage: node bench/webhooks-bench.mjs [--coffer PATH] [--creates 2000] [--concurrency 8] [--rounds 3] [--keep]
import { spawn } from 'node:child_process';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, sleep, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    creates: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const CREATES = Number(opts.creates);
const CONCURRENCY = Number(opts.concurrency);
const ROUNDS = Math.max(1, Number(opts.rounds));
const SUPERUSER = 'bench@example.com';
const PASSWORD = '1234567890';

// the receiver runs in a process of its own, so that answering deliveries doesn't slow this process's clients
const receiverCode = `
const { createServer } = require('node:http');
const got = {};
const server = createServer((req, res) => {
  if (req.url === '/counts') { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(got)); return; }
  req.resume();
  req.on('end', () => { got[req.url] = (got[req.url] || 0) + 1; res.writeHead(204); res.end(); });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;
const receiverProcess = spawn(process.execPath, ['-e', receiverCode], { stdio: ['ignore', 'pipe', 'inherit'] });
const receiverPort = await new Promise((ok) => receiverProcess.stdout.once('data', (d) => ok(Number(String(d).trim()))));
const receiverUrl = `http://127.0.0.1:${receiverPort}`;
const counts = async () => (await fetch(`${receiverUrl}/counts`)).json();

const work = workDir('coffer-webhooksbench-', opts.keep);
const dataDir = join(work, 'coffer_data');
cli(opts.coffer, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dataDir}`]);
const server = new Server('coffer', opts.coffer, [], dataDir, work);
await server.start();
const su = (await call(server.url, 'POST', '/api/collections/_superusers/auth-with-password',
  { identity: SUPERUSER, password: PASSWORD })).token;
await call(server.url, 'PATCH', '/api/settings', { logs: { maxDays: 0 } }, su);
await call(server.url, 'POST', '/api/webhooks/install', undefined, su);
const fields = [
  { name: 'title', type: 'text' }, { name: 'status', type: 'select', maxSelect: 1, values: ['open', 'paid', 'void'] },
  { name: 'amount', type: 'number' }, { name: 'customer', type: 'email' },
  { name: 'created', type: 'autodate', onCreate: true },
];
for (const name of ['plain', 'hooked']) {
  await call(server.url, 'POST', '/api/collections', { name, type: 'base', fields }, su);
}
for (let i = 1; i <= 3; i++) {
  await call(server.url, 'POST', '/api/collections/_webhooks/records', {
    name: `receiver ${i}`, url: `${receiverUrl}/hook${i}`, events: ['hooked.create'], enabled: true }, su);
}

/** Waits (up to 5 minutes) until every webhook got `n` deliveries; returns the receiver's counts. */
async function drained(n) {
  const started = performance.now();
  let got = await counts();
  while ([1, 2, 3].some((i) => (got[`/hook${i}`] || 0) < n) && performance.now() - started < 300_000) {
    await sleep(50);
    got = await counts();
  }
  return got;
}

let counter = 0;
async function run(name, count, clients) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next++ < count) {
      const n = counter++;
      await call(server.url, 'POST', `/api/collections/${name}/records`, {
        title: `Invoice ${n}`, status: 'open', amount: n * 2.5, customer: `customer${n}@example.com` }, su);
    }
  }));
  return count / ((performance.now() - started) / 1000);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const workloads = [['sequential (1 client)', 1, CREATES / 2], [`concurrent (${CONCURRENCY} clients)`, CONCURRENCY, CREATES]];
const kinds = ['plain', 'hooked', 'outbox'];
const results = Object.fromEntries(workloads.map(([w]) => [w, { plain: [], hooked: [], outbox: [] }]));
const drainRates = [];
let hookedCount = 0;
try {
  for (const name of ['plain', 'hooked']) {
    await run(name, CREATES / 4, CONCURRENCY);
    if (name === 'hooked') hookedCount += CREATES / 4;
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [workload, clients, count] of workloads) {
      for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
        // every run starts with the deliveries of the earlier ones sent, so that a run competes only with the
        // deliveries of its own creates
        await drained(hookedCount);
        if (kind === 'outbox') {
          await call(server.url, 'POST', '/api/jobs/pause', undefined, su);
        }
        results[workload][kind].push(await run(kind === 'plain' ? 'plain' : 'hooked', count, clients));
        if (kind !== 'plain') hookedCount += count;
        if (kind === 'outbox') {
          const started = performance.now();
          await call(server.url, 'POST', '/api/jobs/resume', undefined, su);
          await drained(hookedCount);
          drainRates.push((count * 3) / ((performance.now() - started) / 1000));
        }
        console.error(`round ${round + 1} ${workload} ${kind}: creates ${results[workload][kind].at(-1).toFixed(0)}/s`);
      }
    }
  }
  const expected = hookedCount;
  const waitStart = performance.now();
  const got = await drained(expected);
  const waited = (performance.now() - waitStart) / 1000;
  console.log(`record creates, ${CREATES} per concurrent round (half as many sequential), median of ${ROUNDS} rounds (req/s);`);
  console.log('"3 hooks": three webhooks, deliveries sent meanwhile; "outbox": the same with the job queue paused during');
  console.log('the run (the deliveries are stored with each create and sent after it)');
  console.log(`${'workload'.padEnd(24)} ${'plain'.padStart(8)} ${'3 hooks'.padStart(8)} ${'ratio'.padStart(6)} ${'outbox'.padStart(8)} ${'ratio'.padStart(6)}`);
  for (const [workload] of workloads) {
    const a = median(results[workload].plain);
    const b = median(results[workload].hooked);
    const c = median(results[workload].outbox);
    console.log(`${workload.padEnd(24)} ${a.toFixed(0).padStart(8)} ${b.toFixed(0).padStart(8)} ${(b / a).toFixed(2).padStart(6)}`
      + ` ${c.toFixed(0).padStart(8)} ${(c / a).toFixed(2).padStart(6)}`);
  }
  console.log(`stored deliveries sent after a paused run: ${median(drainRates).toFixed(0)}/s (median)`);
  console.log(`deliveries: ${[1, 2, 3].map((i) => `hook${i} ${got[`/hook${i}`] || 0}/${expected}`).join(', ')};`
    + ` the last arrived ${waited.toFixed(1)} s after the last create`);
  const stats = await call(server.url, 'GET', '/api/jobs/stats', undefined, su);
  console.log(`jobs: ${JSON.stringify(stats.counts)}`);
  if ([1, 2, 3].some((i) => got[`/hook${i}`] !== expected)) {
    console.error('FAILED: a webhook did not get every record exactly once');
    process.exitCode = 1;
  }
} finally {
  await server.stop();
  receiverProcess.kill();
}
