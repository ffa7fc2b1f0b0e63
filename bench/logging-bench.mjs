#!/usr/bin/env node
// Request logging benchmark: record-create throughput of one Coffer server with request logging on
// (logs.maxDays 5, every request queued for _logs) and off (logs.maxDays 0), sequentially and with concurrent
// clients, in alternating rounds on the same server. Prints req/s per mode and the on/off ratio.
// No npm dependencies (Node >= 20: global fetch).
//
// usage: node bench/logging-bench.mjs [--coffer PATH] [--creates 1000] [--concurrency 8] [--warmup 500]
//          [--rounds 3] [--keep]   (--pocketbase is accepted and ignored: the reference has no switch to compare)
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    creates: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
  },
});
const CREATES = Number(opts.creates);
const CONCURRENCY = Number(opts.concurrency);
const WARMUP = Number(opts.warmup);
const ROUNDS = Math.max(1, Number(opts.rounds));
const SUPERUSER = 'bench@example.com';
const PASSWORD = '1234567890';

const work = workDir('coffer-logbench-', opts.keep);
const dataDir = join(work, 'coffer_data');
cli(opts.coffer, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dataDir}`]);
const server = new Server('coffer', opts.coffer, [], dataDir, work);
await server.start();
const token = (await call(server.url, 'POST', '/api/collections/_superusers/auth-with-password',
  { identity: SUPERUSER, password: PASSWORD })).token;
await call(server.url, 'POST', '/api/collections', {
  name: 'posts', type: 'base', createRule: '',
  fields: [{ name: 'title', type: 'text' }, { name: 'n', type: 'number' }],
}, token);

let counter = 0;
const createOne = () => call(server.url, 'POST', '/api/collections/posts/records', { title: `post ${counter}`, n: counter++ }, token);

async function sequential(count) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await createOne();
  return count / ((performance.now() - started) / 1000);
}

async function concurrent(count, clients) {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (next++ < count) await createOne();
  }));
  return count / ((performance.now() - started) / 1000);
}

const setLogging = (on) => call(server.url, 'PATCH', '/api/settings', { logs: { maxDays: on ? 5 : 0 } }, token);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = { on: { seq: [], conc: [] }, off: { seq: [], conc: [] } };
try {
  for (const mode of ['on', 'off']) {
    await setLogging(mode === 'on');
    await sequential(WARMUP);
    await concurrent(WARMUP, CONCURRENCY);
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? ['on', 'off'] : ['off', 'on']) {
      await setLogging(mode === 'on');
      results[mode].seq.push(await sequential(CREATES));
      results[mode].conc.push(await concurrent(CREATES, CONCURRENCY));
      console.error(`round ${round + 1} logging ${mode}: sequential ${results[mode].seq.at(-1).toFixed(0)} req/s, `
        + `${CONCURRENCY} clients ${results[mode].conc.at(-1).toFixed(0)} req/s`);
    }
  }
  await setLogging(true);
  const logged = await call(server.url, 'GET', '/api/logs?perPage=1&filter=' + encodeURIComponent("data.method='POST'"), undefined, token);
  const row = (label, key) => {
    const on = median(results.on[key]);
    const off = median(results.off[key]);
    console.log(`${label.padEnd(28)} ${on.toFixed(0).padStart(8)} ${off.toFixed(0).padStart(8)} ${(on / off).toFixed(2).padStart(8)}`);
  };
  console.log(`record creates, ${CREATES} per round, median of ${ROUNDS} rounds (req/s)`);
  console.log(`${'workload'.padEnd(28)} ${'log on'.padStart(8)} ${'log off'.padStart(8)} ${'on/off'.padStart(8)}`);
  row('sequential (1 client)', 'seq');
  row(`concurrent (${CONCURRENCY} clients)`, 'conc');
  console.log(`POST rows in _logs after the run: ${logged.totalItems}`);
} finally {
  await server.stop();
}
