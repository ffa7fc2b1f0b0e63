#!/usr/bin/env node
// What a trivial pb_hooks hook costs record creates: one server with a collection `plain` and a collection `hooked`
// whose creates go through `onRecordCreateRequest((e) => { e.next() }, "hooked")` in pb_hooks/main.pb.js; creates per
// second one client after the other and with 8 clients, in alternating rounds. With --pocketbase PATH the same runs
// go to PocketBase with the same hook file. See bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    creates: { type: 'string', default: '4000' },
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
const HOOK = `onRecordCreateRequest((e) => {
  e.next()
}, "hooked")
`;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(name, command) {
  const work = workDir(`${name}-hooksbench-`, opts.keep);
  const dataDir = join(work, 'pb_data');
  mkdirSync(join(work, 'pb_hooks'), { recursive: true });
  writeFileSync(join(work, 'pb_hooks', 'main.pb.js'), HOOK);
  cli(command, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dataDir}`]);
  // automigrate off: the collections made here are no migration
  const server = new Server(name, command, ['--automigrate=false', `--hooksDir=${join(work, 'pb_hooks')}`,
    `--migrationsDir=${join(work, 'pb_migrations')}`], dataDir, work);
  await server.start();
  try {
    const su = (await call(server.url, 'POST', '/api/collections/_superusers/auth-with-password',
      { identity: SUPERUSER, password: PASSWORD })).token;
    await call(server.url, 'PATCH', '/api/settings', { logs: { maxDays: 0 } }, su);
    const fields = [
      { name: 'title', type: 'text' }, { name: 'status', type: 'select', maxSelect: 1, values: ['open', 'paid', 'void'] },
      { name: 'amount', type: 'number' }, { name: 'customer', type: 'email' },
    ];
    for (const c of ['plain', 'hooked']) {
      await call(server.url, 'POST', '/api/collections', { name: c, type: 'base', fields, createRule: '' }, su);
    }
    let counter = 0;
    const run = async (collection, count, clients) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: clients }, async () => {
        while (next++ < count) {
          const n = counter++;
          await call(server.url, 'POST', `/api/collections/${collection}/records`, {
            title: `Invoice ${n}`, status: 'open', amount: n * 2.5, customer: `customer${n}@example.com` });
        }
      }));
      return count / ((performance.now() - started) / 1000);
    };
    const workloads = [['sequential (1 client)', 1, CREATES / 2], [`concurrent (${CONCURRENCY} clients)`, CONCURRENCY, CREATES]];
    for (const c of ['plain', 'hooked']) await run(c, CREATES / 4, CONCURRENCY); // warm-up
    const results = Object.fromEntries(workloads.map(([w]) => [w, { plain: [], hooked: [] }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [workload, clients, count] of workloads) {
        for (const c of round % 2 === 0 ? ['plain', 'hooked'] : ['hooked', 'plain']) {
          results[workload][c].push(await run(c, count, clients));
          console.error(`${name} round ${round + 1} ${workload} ${c}: ${results[workload][c].at(-1).toFixed(0)}/s`);
        }
      }
    }
    return Object.fromEntries(workloads.map(([w]) => [w, { plain: median(results[w].plain), hooked: median(results[w].hooked) }]));
  } finally {
    await server.stop();
  }
}

const servers = [['coffer', opts.coffer], ...(opts.pocketbase ? [['pocketbase', opts.pocketbase]] : [])];
const all = {};
for (const [name, command] of servers) all[name] = await measure(name, command);
console.log(`record creates with a trivial onRecordCreateRequest hook, ${CREATES} per concurrent round (half as many`
  + ` sequential), median of ${ROUNDS} rounds (req/s)`);
console.log(`${'server'.padEnd(11)} ${'workload'.padEnd(24)} ${'no hook'.padStart(8)} ${'hook'.padStart(8)} ${'ratio'.padStart(6)}`);
for (const [name, byWorkload] of Object.entries(all)) {
  for (const [workload, r] of Object.entries(byWorkload)) {
    console.log(`${name.padEnd(11)} ${workload.padEnd(24)} ${r.plain.toFixed(0).padStart(8)} ${r.hooked.toFixed(0).padStart(8)}`
      + ` ${(r.hooked / r.plain).toFixed(2).padStart(6)}`);
  }
}
