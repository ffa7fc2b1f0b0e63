#!/usr/bin/env node
// Cluster benchmark: three Coffer instances on one PostgreSQL database (one shared data dir), for each bus
// (PostgreSQL's LISTEN/NOTIFY, Redis, NATS):
//  1. cross-instance event latency: N raw SSE clients (1,000 by default) spread evenly over the three instances,
//     subscribed as guests to `events/*`; records are created round-robin on the three instances at each rate
//     (events/s) for a few seconds; per delivery, the time from the create request's start until the client parsed
//     the event, split into deliveries from another instance (cross) and from the subscriber's own (local);
//  2. read throughput with 1, 2 and 3 instances: `wrk` on each instance at once (GET a 20-record page), total
//     requests/s and the server CPU per request.
// Both parts start after an unmeasured warm-up (--warmup creates, 600 by default, about 100 a second, with the
// subscribers connected; 5 s of reads on every instance).
// No npm dependencies (Node >= 20); needs psql (and wrk for part 2). See bench/README.md.
//
// usage: node bench/cluster-bench.mjs [--coffer PATH] [--buses postgres,redis,nats] [--clients 1000]
//          [--rates 10,100] [--seconds 5] [--reads 10] [--warmup 600] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, sleep, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    coffer: { type: 'string', default: join(repo, 'coffer') },
    buses: { type: 'string', default: 'postgres,redis,nats' },
    clients: { type: 'string', default: '1000' },
    rates: { type: 'string', default: '10,100' },
    seconds: { type: 'string', default: '5' },
    reads: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '600' },
    keep: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(opts.clients);
const RATES = opts.rates.split(',').map(Number);
const SECONDS = Number(opts.seconds);
const READ_SECONDS = Number(opts.reads);
const WARMUP = Number(opts.warmup);
const PG = process.env.COFFER_BENCH_POSTGRES || 'postgres://postgres@127.0.0.1:5432';
const BUSES = {
  postgres: '',
  redis: `${process.env.COFFER_BENCH_REDIS || 'redis://127.0.0.1:6379'}?prefix=cbench${process.pid}`,
  nats: `${process.env.COFFER_BENCH_NATS || 'nats://127.0.0.1:4222'}?prefix=cbench${process.pid}`,
};
const EMAIL = 'bench@example.com';
const PASSWORD = 'Bench-Passw0rd-1234';
const work = workDir('coffer-cluster-bench-', opts.keep);
const now = () => performance.timeOrigin + performance.now();

function psql(sql) {
  return cli('psql', ['-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-Atc', sql]);
}

/** utime + stime of a process in ms (Linux /proc; 100 ticks a second). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
}

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN);

/** One raw SSE client subscribed to `events/*` on an instance; `onEvent(record, receivedAt)` per event. */
function sseClient(url, onEvent) {
  return new Promise((ok, fail) => {
    const req = http.get(`${url}/api/realtime`, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      let buffer = '';
      let connected = false;
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event:(.*)$/m.exec(frame)?.[1];
          const data = /^data:(.*)$/m.exec(frame)?.[1];
          if (event === 'PB_CONNECT' && !connected) {
            connected = true;
            const clientId = JSON.parse(data).clientId;
            call(url, 'POST', '/api/realtime', { clientId, subscriptions: ['events/*'] }).then(() => ok({ req }), fail);
          } else if (event === 'events/*') {
            onEvent(JSON.parse(data).record, now());
          }
        }
      });
      res.on('error', () => {});
    });
    req.on('error', fail);
  });
}

async function runBus(bus) {
  const db = `coffer_cbench_${bus}_${process.pid}`;
  psql(`CREATE DATABASE ${db}`);
  const dbUrl = `${PG}/${db}`;
  const args = [`--db=${dbUrl}`, ...(BUSES[bus] ? [`--bus=${BUSES[bus]}`] : [])];
  const dir = join(work, bus, 'pb_data');
  mkdirSync(dir, { recursive: true });
  const servers = [0, 1, 2].map((i) => new Server(`${bus}-${i}`, opts.coffer, args, dir, join(work, bus)));
  const clients = [];
  try {
    cli(opts.coffer, ['superuser', 'upsert', EMAIL, PASSWORD, `--dir=${dir}`, ...args]);
    await Promise.all(servers.map((s) => s.start()));
    const pids = servers.map((s) => s.process.pid);
    const token = (await call(servers[0].url, 'POST', '/api/collections/_superusers/auth-with-password',
      { identity: EMAIL, password: PASSWORD })).token;
    await call(servers[0].url, 'POST', '/api/collections', {
      name: 'events', type: 'base', listRule: '', viewRule: '', createRule: '',
      fields: [{ name: 'n', type: 'number' }, { name: 'origin', type: 'number' }, { name: 'note', type: 'text' }],
    }, token);

    // subscribers, spread evenly
    let current = null;
    const connectStart = now();
    for (let i = 0; i < CLIENTS; i += 100) {
      const batch = [];
      for (let k = i; k < Math.min(CLIENTS, i + 100); k++) {
        const at = k % 3;
        batch.push(sseClient(servers[at].url, (record, receivedAt) => current?.(record, receivedAt, at)));
      }
      clients.push(...(await Promise.all(batch)));
    }
    const connectSeconds = (now() - connectStart) / 1000;

    const out = { bus, connectSeconds, rates: [], reads: [] };
    // warm-up, not measured: the JIT compiles the create and fan-out paths first
    const warmups = [];
    for (let k = 0; k < WARMUP; k++) {
      warmups.push(call(servers[k % 3].url, 'POST', '/api/collections/events/records', { n: -1 - k, origin: k % 3, note: 'warm-up' }));
      await sleep(10);
    }
    await Promise.all(warmups);
    await sleep(1000);
    for (const rate of RATES) {
      const total = rate * SECONDS;
      const sent = new Map();
      const cross = [];
      const local = [];
      let received = 0;
      current = (record, receivedAt, at) => {
        const start = sent.get(record.n);
        if (start === undefined) return;
        received++;
        (record.origin === at ? local : cross).push(receivedAt - start);
      };
      const cpu0 = pids.map(cpuMs);
      const client0 = process.cpuUsage();
      const t0 = now();
      const creates = [];
      for (let k = 0; k < total; k++) {
        const due = t0 + (k * 1000) / rate;
        const wait = due - now();
        if (wait > 0) await sleep(wait);
        const origin = k % 3;
        sent.set(k, now());
        creates.push(call(servers[origin].url, 'POST', '/api/collections/events/records', { n: k, origin, note: `event ${k}` }));
      }
      await Promise.all(creates);
      const deadline = now() + 15_000;
      while (received < total * CLIENTS && now() < deadline) await sleep(50);
      const cpu = pids.map(cpuMs).reduce((a, c, i) => a + c - cpu0[i], 0);
      const clientCpu = process.cpuUsage(client0);
      const elapsedMs = now() - t0;
      cross.sort((a, b) => a - b);
      local.sort((a, b) => a - b);
      out.rates.push({
        rate, events: total, expected: total * CLIENTS, received,
        cross: { n: cross.length, p50: pct(cross, 0.5), p99: pct(cross, 0.99), max: cross.at(-1) },
        local: { n: local.length, p50: pct(local, 0.5), p99: pct(local, 0.99), max: local.at(-1) },
        cpuMsPerEvent: cpu / total,
        clientCpuMsPerEvent: (clientCpu.user + clientCpu.system) / 1000 / total,
        // the cores the three servers and this client kept busy on average, from the first create to the last event
        coresBusy: (cpu + (clientCpu.user + clientCpu.system) / 1000) / elapsedMs,
      });
      current = null;
      await sleep(1000);
    }
    clients.forEach((c) => c.req.destroy());
    clients.length = 0;
    await sleep(1000);

    if (READ_SECONDS > 0 && spawnSync('wrk', ['--version']).error === undefined) {
      const warm = servers.map((s) => `wrk -t1 -c20 -d5s ${s.url}/api/collections/events/records?perPage=20 >/dev/null &`).join('\n') + '\nwait';
      spawnSync('bash', ['-c', warm]); // warm-up, not measured
      for (let n = 1; n <= 3; n++) {
        const cpu0 = pids.map(cpuMs);
        // every wrk at once, through a shell (spawnSync would run them one after the other)
        const script = servers.slice(0, n).map((s) => `wrk -t1 -c${Math.round(60 / n)} -d${READ_SECONDS}s ${s.url}/api/collections/events/records?perPage=20 &`).join('\n') + '\nwait';
        const res = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
        const requests = [...res.stdout.matchAll(/(\d+) requests in/g)].reduce((a, m) => a + Number(m[1]), 0);
        const cpu = pids.map(cpuMs).reduce((a, c, i) => a + c - cpu0[i], 0);
        out.reads.push({ instances: n, reqPerSec: requests / READ_SECONDS, cpuUsPerRequest: (cpu * 1000) / requests });
      }
    }
    return out;
  } finally {
    clients.forEach((c) => c.req.destroy());
    await Promise.all(servers.map((s) => s.stop().catch(() => {})));
    try {
      psql(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    } catch (e) {
      console.error(`could not drop ${db}: ${e.message}`);
    }
  }
}

const results = [];
for (const bus of opts.buses.split(',')) {
  if (!(bus in BUSES)) throw new Error(`unknown bus ${bus} (postgres, redis, nats)`);
  console.error(`cluster-bench: ${bus}: 3 instances, ${CLIENTS} subscribers ...`);
  results.push(await runBus(bus));
}

const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
console.log(`cluster benchmark: 3 instances on one PostgreSQL database, ${CLIENTS} SSE subscribers (guests, events/*) spread over them;`
  + ` records created round-robin on the three at each rate for ${SECONDS} s; latency = create request start -> event parsed`);
console.log('| bus | rate (events/s) | delivered | cross-instance p50 / p99 / max ms | same-instance p50 / p99 ms | server CPU ms per event | client CPU ms per event | cores busy (servers + client) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  for (const x of r.rates) {
    console.log(`| ${r.bus} | ${x.rate} | ${x.received}/${x.expected} | ${f(x.cross.p50)} / ${f(x.cross.p99)} / ${f(x.cross.max)} | ${f(x.local.p50)} / ${f(x.local.p99)} | ${f(x.cpuMsPerEvent)} | ${f(x.clientCpuMsPerEvent)} | ${x.coresBusy.toFixed(2)} |`);
  }
}
console.log('');
console.log(`| bus | instances | list req/s (wrk, ${READ_SECONDS} s, 60 connections in all) | server CPU µs per request |`);
console.log('|---|---:|---:|---:|');
for (const r of results) {
  for (const x of r.reads) console.log(`| ${r.bus} | ${x.instances} | ${x.reqPerSec.toFixed(0)} | ${x.cpuUsPerRequest.toFixed(0)} |`);
}
console.log(`(connect + subscribe of all clients: ${results.map((r) => `${r.bus} ${r.connectSeconds.toFixed(1)} s`).join(', ')})`);
process.exit(results.every((r) => r.rates.every((x) => x.received === x.expected)) ? 0 : 1);
