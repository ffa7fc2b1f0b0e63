#!/usr/bin/env node
// Realtime fan-out benchmark: N raw SSE clients (10,000 by default) subscribed as guests to `items/*`, then one
// record created through the API; per client, the time from the create request's start until its event arrives.
// Runs the reference PocketBase and Coffer one after the other, each on its own copy of the e2e records fixture
// (`items` has public rules). Prints p50/p99/max, how many clients got the event, and the server's RSS.
// No npm dependencies (Node >= 20) for SSE. `--transport ws` runs the same scenario over Coffer's realtime WebSocket
// (/api/realtime/ws; Coffer only, with the `ws` package of e2e/node_modules: run `npm ci` in e2e/ once): each client
// connects, sends {"type":"subscribe","topics":["items/*"]} and waits for its ack. See bench/README.md.
//
// usage: node bench/realtime-bench.mjs --pocketbase PATH [--coffer PATH] [--only pocketbase|coffer]
//          [--transport sse|ws] [--clients 10000] [--batch 500] [--events 2] [--timeout 30] [--keep]
//   --events   records created one after the other (each waits for its fan-out); the first is the cold one
//   --timeout  seconds to wait for one event to reach every client
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, sleep, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    only: { type: 'string' },
    transport: { type: 'string', default: 'sse' },
    clients: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '500' },
    events: { type: 'string', default: '2' },
    timeout: { type: 'string', default: '30' },
    fixture: { type: 'string', default: join(repo, 'e2e', 'fixtures', 'records') },
    keep: { type: 'boolean', default: false },
  },
});
const WS = opts.transport === 'ws';
if (WS) opts.only = 'coffer'; // PocketBase has no WebSocket transport
if (!opts.pocketbase && opts.only !== 'coffer') {
  console.error('usage: node bench/realtime-bench.mjs --pocketbase PATH [--coffer PATH] (see bench/README.md)');
  process.exit(2);
}
const CLIENTS = Number(opts.clients);
const BATCH = Math.max(1, Number(opts.batch));
const EVENTS = Math.max(1, Number(opts.events));
const TIMEOUT_MS = Number(opts.timeout) * 1000;
const COLLECTION = 'items';
const TOPIC = `${COLLECTION}/*`;
const work = workDir('coffer-rtbench-', opts.keep);
const started = performance.now();

// ---------------------------------------------------------------- HTTP pieces

/** VmRSS of a process in MiB (null when unreadable). */
function rssMiB(pid) {
  try {
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
    return kb / 1024;
  } catch {
    return null;
  }
}

/** A JSON request over `agent`; resolves {status, body}. */
function request(url, method, path, body, agent) {
  return new Promise((ok, fail) => {
    const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(url + path, {
      method, agent,
      headers: data ? { 'content-type': 'application/json', 'content-length': data.length } : {},
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(data);
  });
}

/**
 * One raw SSE stream: `GET /api/realtime`, frames split on a blank line, `id:`/`event:`/`data:` lines parsed.
 * Resolves once PB_CONNECT gave the client id. Record events for TOPIC are kept as {time, recordId, action}.
 */
function openStream(url, agent, onClosed) {
  return new Promise((ok, fail) => {
    const client = { id: null, events: [], closed: false, req: null };
    const req = http.request(`${url}/api/realtime`, { agent, headers: { accept: 'text/event-stream' } });
    client.req = req;
    let buffer = '';
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(new Error(`GET /api/realtime -> HTTP ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const now = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let id = null; let event = null; let data = '';
          for (const line of frame.split('\n')) {
            const colon = line.indexOf(':');
            if (colon <= 0) continue; // comments and malformed lines
            const field = line.slice(0, colon);
            const value = line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') id = value;
            else if (field === 'event') event = value;
            else if (field === 'data') data = data ? `${data}\n${value}` : value;
          }
          if (event === 'PB_CONNECT') {
            client.id = id ?? JSON.parse(data).clientId;
            ok(client);
          } else if (event === TOPIC) {
            const payload = JSON.parse(data);
            client.events.push({ time: now, recordId: payload.record?.id, action: payload.action });
            onEvent();
          }
        }
      });
      res.on('close', () => { client.closed = true; onClosed(client); });
    });
    req.on('error', (error) => { client.closed = true; fail(error); onClosed(client); });
    req.end();
  });
}

const WebSocketClient = WS ? (await import(join(repo, 'e2e', 'node_modules', 'ws', 'index.js'))).default : null;

/**
 * One WebSocket client of /api/realtime/ws: resolves once `connect` gave the client id; `subscribe()` sends the
 * subscribe request and resolves with {status} (204 for an ack, like the SSE POST, else the error's status).
 */
function openSocket(url, onClosed) {
  return new Promise((ok, fail) => {
    const client = { id: null, events: [], closed: false, acks: new Map() };
    const ws = new WebSocketClient(`${url.replace(/^http/, 'ws')}/api/realtime/ws`, { perMessageDeflate: false });
    client.req = { destroy: () => ws.terminate() };
    client.subscribe = () => new Promise((done) => {
      client.acks.set('s', done);
      ws.send(JSON.stringify({ type: 'subscribe', id: 's', topics: [TOPIC] }));
    });
    ws.on('message', (raw) => {
      const now = performance.now();
      const frame = JSON.parse(raw.toString());
      if (frame.type === 'connect') {
        client.id = frame.clientId;
        ok(client);
      } else if (frame.type === 'event' && frame.topic === TOPIC) {
        client.events.push({ time: now, recordId: frame.data.record?.id, action: frame.data.action });
        onEvent();
      } else if (client.acks.has(frame.id)) {
        client.acks.get(frame.id)({ status: frame.type === 'ack' ? 204 : frame.status, body: raw.toString() });
        client.acks.delete(frame.id);
      }
    });
    ws.on('close', () => { client.closed = true; onClosed(client); });
    ws.on('error', (error) => { client.closed = true; fail(error); });
  });
}

// Resolves the current waiter when every live client has `want` events.
let pending = null;
function onEvent() {
  if (pending && ++pending.got >= pending.want) pending.done();
}

const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

// ---------------------------------------------------------------- one server

async function runServer(s) {
  const dataDir = join(work, s.name, 'pb_data');
  mkdirSync(dataDir, { recursive: true });
  cpSync(opts.fixture, dataDir, { recursive: true });
  const server = new Server(s.name, s.command, s.args, dataDir, work);
  const out = { label: s.label };
  const streamAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const postAgent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const clients = [];
  let closedEarly = 0;
  let measuring = false;
  try {
    const t0 = performance.now();
    await server.start();
    const pid = server.process.pid;
    out.rssIdle = rssMiB(pid);
    process.stdout.write(`${s.label}: healthy after ${((performance.now() - t0) / 1000).toFixed(1)} s (RSS ${out.rssIdle?.toFixed(0)} MiB); `
      + `connecting ${CLIENTS} ${WS ? 'WebSocket' : 'SSE'} clients in batches of ${BATCH} ... `);

    // Connect and subscribe, batch by batch.
    const connectStart = performance.now();
    let connectFailures = 0; let subscribeFailures = 0; let firstError = null;
    for (let from = 0; from < CLIENTS; from += BATCH) {
      const n = Math.min(BATCH, CLIENTS - from);
      const closed = () => { if (!measuring) closedEarly++; };
      const opened = await Promise.allSettled(Array.from({ length: n }, () =>
        (WS ? openSocket(server.url, closed) : openStream(server.url, streamAgent, closed))));
      const batch = [];
      for (const r of opened) {
        if (r.status === 'fulfilled') batch.push(r.value);
        else { connectFailures++; firstError ??= r.reason.message; }
      }
      const subscribed = await Promise.allSettled(batch.map((c) => WS ? c.subscribe() :
        request(server.url, 'POST', '/api/realtime', { clientId: c.id, subscriptions: [TOPIC] }, postAgent)));
      subscribed.forEach((r, i) => {
        if (r.status === 'fulfilled' && r.value.status === 204) clients.push(batch[i]);
        else {
          subscribeFailures++;
          firstError ??= r.status === 'fulfilled' ? `POST /api/realtime -> HTTP ${r.value.status}: ${r.value.body.slice(0, 200)}` : r.reason.message;
          batch[i].req.destroy();
        }
      });
    }
    out.connectSeconds = (performance.now() - connectStart) / 1000;
    out.subscribed = clients.length;
    out.connectFailures = connectFailures;
    out.subscribeFailures = subscribeFailures;
    out.firstError = firstError;
    await sleep(500);
    out.rssConnected = rssMiB(pid);
    console.log(`${clients.length} subscribed in ${out.connectSeconds.toFixed(1)} s`
      + (connectFailures + subscribeFailures ? ` (${connectFailures} connects and ${subscribeFailures} subscribes failed; first: ${firstError})` : '')
      + `, RSS ${out.rssConnected?.toFixed(0)} MiB`);
    if (clients.length === 0) throw new Error(`no client subscribed: ${firstError}`);

    // Create records one at a time; each waits for its fan-out (or the timeout).
    measuring = true;
    out.events = [];
    for (let e = 0; e < EVENTS; e++) {
      const live = clients.filter((c) => !c.closed);
      const waited = new Promise((done) => {
        pending = { want: live.length, got: 0, done };
        setTimeout(done, TIMEOUT_MS);
      });
      const before = clients.map((c) => c.events.length);
      const start = performance.now();
      const created = await request(server.url, 'POST', `/api/collections/${COLLECTION}/records`, { title: `rt bench ${e}`, n: e }, postAgent);
      const createMs = performance.now() - start;
      if (created.status !== 200) throw new Error(`create -> HTTP ${created.status}: ${created.body.slice(0, 200)}`);
      const recordId = JSON.parse(created.body).id;
      await waited;
      pending = null;
      const latencies = []; let wrong = 0;
      clients.forEach((c, i) => {
        const got = c.events.slice(before[i]);
        const mine = got.find((ev) => ev.recordId === recordId && ev.action === 'create');
        if (mine) latencies.push(mine.time - start);
        if (got.length !== (mine ? 1 : 0)) wrong++;
      });
      latencies.sort((a, b) => a - b);
      out.events.push({ createMs, received: latencies.length, wrong, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? NaN });
      await sleep(200);
    }
    out.rssDelivered = rssMiB(pid);
    out.closedEarly = closedEarly;
    out.totalClients = CLIENTS;
  } catch (error) {
    out.error = error.message;
    console.log(`FAILED: ${error.message}\n  last lines of ${s.label}'s log:\n${server.logTail().replace(/^/gm, '    | ')}`);
  } finally {
    pending = null;
    for (const c of clients) c.req.destroy();
    streamAgent.destroy();
    postAgent.destroy();
    await server.stop();
  }
  return out;
}

// ---------------------------------------------------------------- main

const servers = [
  { name: 'pocketbase', label: 'PocketBase', command: opts.pocketbase, args: ['--dev=false'] },
  { name: 'coffer', label: 'Coffer', command: opts.coffer, args: [] },
].filter((s) => !opts.only || s.name === opts.only);

const results = {};
for (const s of servers) {
  results[s.name] = await runServer(s);
  await sleep(1000); // let the closed sockets settle before the next server
}

const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : 'n/a');
const mib = (v) => (v == null ? 'n/a' : `${v.toFixed(0)} MiB`);
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && a > 0 ? `${(b / a).toFixed(2)}x` : 'n/a');
const pb = results.pocketbase; const cf = results.coffer;
const col = (r, f) => (r && !r.error ? f(r) : r?.error ? 'FAILED' : '-');
const row = (label, f, num) => console.log(`${label.padEnd(40)}${col(pb, f).padEnd(22)}${col(cf, f).padEnd(22)}${pb && cf && !pb.error && !cf.error && num ? ratio(num(pb), num(cf)) : ''}`);

console.log('');
console.log(`realtime fan-out: ${CLIENTS} raw ${WS ? 'WebSocket' : 'SSE'} clients (guests) subscribed to ${TOPIC}, ${EVENTS} record(s) created one at a time; latency = create request start -> event parsed by the client`);
console.log(`${''.padEnd(40)}${'PocketBase'.padEnd(22)}${'Coffer'.padEnd(22)}Coffer/PB`);
row('subscribed clients', (r) => `${r.subscribed}/${CLIENTS}`);
row('connect + subscribe all', (r) => `${r.connectSeconds.toFixed(1)} s`, (r) => r.connectSeconds);
row('RSS idle (before connecting)', (r) => mib(r.rssIdle), (r) => r.rssIdle);
row('RSS after connect + subscribe', (r) => mib(r.rssConnected), (r) => r.rssConnected);
for (let e = 0; e < EVENTS; e++) {
  const ev = (r) => r.events?.[e];
  const name = `event ${e + 1}${e === 0 ? ' (cold)' : ''}`;
  row(`${name}: received`, (r) => `${ev(r)?.received ?? 0}/${r.subscribed}${ev(r)?.wrong ? ` (${ev(r).wrong} odd)` : ''}`);
  row(`${name}: create request`, (r) => ms(ev(r)?.createMs), (r) => ev(r)?.createMs);
  row(`${name}: p50`, (r) => ms(ev(r)?.p50), (r) => ev(r)?.p50);
  row(`${name}: p99`, (r) => ms(ev(r)?.p99), (r) => ev(r)?.p99);
  row(`${name}: max`, (r) => ms(ev(r)?.max), (r) => ev(r)?.max);
}
row('RSS after delivery', (r) => mib(r.rssDelivered), (r) => r.rssDelivered);
row('streams closed by the server early', (r) => String(r.closedEarly));
console.log(`(ratio < 1: Coffer lower/faster. Shared 2-core machine: the client, the server and other work compete; figures are noisy. Total ${((performance.now() - started) / 1000).toFixed(0)} s.)`);
if (opts.keep) console.log(`data dirs and server logs kept in ${work}`);
process.exit(Object.values(results).some((r) => r.error || (r.events && r.events.at(-1).received < r.subscribed)) ? 1 : 0);
