#!/usr/bin/env node
// Durability benchmark: concurrent writers (creates, updates, deletes, batch requests) against a server, which is
// killed with SIGKILL at a random moment while writes are in flight, then restarted on the same data dir. Every
// write the server acknowledged (2xx) must still be there with the acknowledged values, every acknowledged delete
// must stay gone, a write that got no answer must be applied all-or-nothing, a write the server refused must have
// left nothing, and `PRAGMA integrity_check` must say ok for data.db and auxiliary.db. Several rounds per server,
// each on the data dir the previous one left. No npm dependencies (Node >= 20: global fetch); sqlite3 CLI.
//
// usage: node bench/durability-bench.mjs --pocketbase PATH [--coffer PATH] [--only pocketbase|coffer]
//          [--rounds 5] [--writers 8] [--kill-ms 2000-8000] [--seed N] [--sqlite3 PATH] [--keep]
//   --rounds   kill/restart rounds per server (env DURABILITY_ROUNDS)
//   --writers  concurrent writers, each one request at a time (env DURABILITY_WRITERS)
//   --kill-ms  the kill comes this many ms (uniformly random in the range) after the writers start
//              (env DURABILITY_KILL_MS)
//   --seed     seed of the random choices (ops, values, kill moments; env DURABILITY_SEED); default: random,
//              printed. Request timing on a real machine still differs from run to run.
//   --keep     keep the temp dir (data dirs, copies of the files as each kill left them, server logs)
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server, call, cli, workDir } from './lib.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const { values: opts } = parseArgs({
  options: {
    pocketbase: { type: 'string' },
    coffer: { type: 'string', default: join(repo, 'coffer') },
    sqlite3: { type: 'string', default: env.SQLITE3 || 'sqlite3' },
    only: { type: 'string' },
    rounds: { type: 'string', default: env.DURABILITY_ROUNDS || '5' },
    writers: { type: 'string', default: env.DURABILITY_WRITERS || '8' },
    'kill-ms': { type: 'string', default: env.DURABILITY_KILL_MS || '2000-8000' },
    seed: { type: 'string', default: env.DURABILITY_SEED || String(Math.floor(Math.random() * 2 ** 31)) },
    keep: { type: 'boolean', default: false },
  },
});
if (!opts.pocketbase && opts.only !== 'coffer') {
  console.error('usage: node bench/durability-bench.mjs --pocketbase PATH [--coffer PATH] (see bench/README.md)');
  process.exit(2);
}
const ROUNDS = Math.max(1, Number(opts.rounds));
const WRITERS = Math.max(1, Number(opts.writers));
const [KILL_MIN, KILL_MAX] = (() => {
  const m = /^(\d+)(?:-(\d+))?$/.exec(opts['kill-ms'].trim());
  if (!m) throw new Error(`--kill-ms wants MS or MIN-MAX, got "${opts['kill-ms']}"`);
  const lo = Number(m[1]);
  return [lo, Math.max(lo, Number(m[2] ?? lo))];
})();
const SEED = Number(opts.seed);
const SUPERUSER = 'bench@example.com';
const PASSWORD = '1234567890';
const ITEMS = 'dur_items';
const PARENTS = 'dur_parents';
const PARENT_IDS = Array.from({ length: 5 }, (_, i) => `durparent${i + 1}`.padEnd(15, '0'));
const BATCH_MAX = 50;
const REQUEST_TIMEOUT_MS = 30_000;
const FIELDS = ['title', 'n', 'meta', 'parent', 'key'];

const work = workDir('coffer-durability-', opts.keep);

// ---------------------------------------------------------------- random values
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let random = mulberry32(SEED);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const newId = () => Array.from({ length: 15 }, () => pick(ALNUM)).join('');
const WORDS = ['alpha', 'Brücke', 'ćwierć', 'δέλτα', 'echo', 'føhn', 'golf', 'hôtel', '雪', '✓ ok', "it's", '"quoted"'];

/** Field values of a create or update; `seq` makes every write's values different from any earlier ones. */
function values(writer, round, seq) {
  return {
    title: `w${writer} r${round} #${seq} ${pick(WORDS)} ${pick(WORDS)}`,
    n: random() < 0.25 ? Math.floor(random() * 4e6) / 4 - 5e5 : Math.floor(random() * 2e6) - 1e6,
    meta: {
      writer, round, seq,
      tags: Array.from({ length: Math.floor(random() * 4) }, () => pick(WORDS)),
      nested: { flag: random() < 0.5, depth: [1, [2, [3, null]]], ratio: Math.floor(random() * 1000) / 8 },
    },
    parent: random() < 0.2 ? '' : pick(PARENT_IDS),
  };
}

/** JSON with object keys sorted, so a server's key order inside a json value doesn't matter. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
/** A record's checked fields as one comparable string; null (absent) stays null. */
const stateKey = (state) => (state ? canonical(FIELDS.map((f) => state[f])) : null);
const sameState = (a, b) => stateKey(a) === stateKey(b);
const show = (state) => (state ? canonical(Object.fromEntries(FIELDS.map((f) => [f, state[f]]))).slice(0, 200) : 'absent');
/** How `got` differs from `want` (both present): the differing fields with both values. */
const diff = (got, want) => FIELDS.filter((f) => canonical(got[f]) !== canonical(want[f]))
  .map((f) => `${f} is ${canonical(got[f]).slice(0, 80)}, expected ${canonical(want[f]).slice(0, 80)}`).join('; ');

// ---------------------------------------------------------------- the expected state
/**
 * The model of one server's `dur_items`: id → { owner (writer index), state (the acknowledged field values, or
 * null for absent), last (the last acknowledged write on it: kind, round) }. Each writer only touches records it
 * created and sends one request at a time, so the acknowledged writes on a record are strictly ordered and the
 * later one wins; a writer has at most one unanswered request per round (the one in flight at the kill).
 */
class Model {
  constructor() {
    this.records = new Map();
    this.present = new Map(); // writer -> { ids: [...], at: id -> index in ids }, kept up to date by setState
  }

  entry(id, owner) {
    if (!this.records.has(id)) this.records.set(id, { owner, state: null, last: null });
    return this.records.get(id);
  }

  presentOf(w) {
    if (!this.present.has(w)) this.present.set(w, { ids: [], at: new Map() });
    return this.present.get(w);
  }

  /** The ids of writer w's records that are present (acknowledged created and not deleted); don't modify it. */
  live(w) {
    return this.presentOf(w).ids;
  }

  setState(id, owner, state) {
    const r = this.entry(id, owner);
    r.state = state;
    const p = this.presentOf(r.owner);
    if (state && !p.at.has(id)) {
      p.at.set(id, p.ids.length);
      p.ids.push(id);
    } else if (!state && p.at.has(id)) {
      const i = p.at.get(id);
      const moved = p.ids.pop();
      if (moved !== id) {
        p.ids[i] = moved;
        p.at.set(moved, i);
      }
      p.at.delete(id);
    }
    return r;
  }

  /** States of `op`'s records before and after it (its subs in order, as a batch runs them in one transaction). */
  effect(op) {
    const before = new Map();
    const after = new Map();
    for (const sub of op.subs) {
      if (!before.has(sub.id)) before.set(sub.id, this.entry(sub.id, op.writer).state);
      const cur = after.has(sub.id) ? after.get(sub.id) : before.get(sub.id);
      after.set(sub.id, sub.action === 'delete' ? null : sub.action === 'create' ? { ...sub.values } : { ...cur, ...sub.values });
    }
    return { before, after };
  }

  apply(op, round) {
    for (const [id, state] of this.effect(op).after) {
      const r = this.setState(id, op.writer, state);
      r.last = { kind: op.subs.findLast((s) => s.id === id).action, via: op.kind, round };
    }
  }
}

// ---------------------------------------------------------------- writers
/**
 * One writer's next request, chosen at random: a create, an update or a delete of one of its own records, a batch
 * of several of those, or a write the server must refuse (a create with a key another record holds, which the
 * unique index forbids, alone or as the last request of a batch: the whole batch must then leave nothing).
 */
function plan(model, w, round, counters) {
  const live = model.live(w);
  const seq = () => ++counters.seq;
  const create = () => {
    const id = newId();
    model.entry(id, w);
    return { action: 'create', id, values: { ...values(w, round, seq()), key: `k-${id}` } };
  };
  const update = (id) => ({ action: 'update', id, values: values(w, round, seq()) });
  const del = (id) => ({ action: 'delete', id });
  const someLive = (n) => {
    const out = new Set();
    while (out.size < Math.min(n, live.length)) out.add(pick(live));
    return [...out];
  };
  const batchSubs = (size) => {
    const subs = someLive(Math.floor(size * 0.6)).map((id) => (random() < 0.7 ? update(id) : del(id)));
    while (subs.length < size) subs.push(create());
    for (let i = subs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [subs[i], subs[j]] = [subs[j], subs[i]];
    }
    // now and then a record created by the batch is updated by a later request of the same batch
    const made = subs.filter((sub) => sub.action === 'create');
    if (made.length && random() < 0.3) subs.push(update(pick(made).id));
    return subs;
  };
  const r = random();
  if (live.length < 8 || r < 0.34) return { kind: 'create', subs: [create()] };
  if (r < 0.58) return { kind: 'update', subs: [update(pick(live))] };
  if (r < 0.70) return { kind: 'delete', subs: [del(pick(live))] };
  // batches of 2-10 requests, and now and then a big one (20-45), which is more likely to be cut by the kill
  if (r < 0.92) return { kind: 'batch', batch: true, subs: batchSubs(random() < 0.15 ? 20 + Math.floor(random() * 26) : 2 + Math.floor(random() * 9)) };
  // refused writes: the key of one of this writer's records that the request doesn't touch otherwise
  if (r < 0.96) {
    const dup = create();
    dup.values.key = `k-${pick(live)}`;
    return { kind: 'create with a duplicate key', refuse: true, subs: [dup] };
  }
  const subs = batchSubs(2 + Math.floor(random() * 6));
  const touched = new Set(subs.map((sub) => sub.id));
  if (live.every((id) => touched.has(id))) return { kind: 'create', subs: [create()] };
  let other;
  do other = pick(live); while (touched.has(other));
  const dup = create();
  dup.values.key = `k-${other}`;
  return { kind: 'batch ending in a duplicate key', batch: true, refuse: true, subs: [...subs, dup] };
}

const subRequest = (sub) => {
  const base = `/api/collections/${ITEMS}/records`;
  if (sub.action === 'create') return { method: 'POST', url: base, body: { id: sub.id, ...sub.values } };
  if (sub.action === 'update') return { method: 'PATCH', url: `${base}/${sub.id}`, body: sub.values };
  return { method: 'DELETE', url: `${base}/${sub.id}` };
};

/** Sends `op`; returns { status, body } or throws when there was no answer (connection reset, refused, timeout). */
async function send(url, token, op) {
  const req = op.batch
    ? { method: 'POST', url: '/api/batch', body: { requests: op.subs.map(subRequest) } }
    : subRequest(op.subs[0]);
  const res = await fetch(url + req.url, {
    method: req.method,
    headers: { authorization: token, ...(req.body ? { 'content-type': 'application/json' } : {}) },
    body: req.body ? JSON.stringify(req.body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** Why the answer to one create/update/delete (its status and record) doesn't match the request, or null. */
function subAnswerProblem(sub, status, rec) {
  if (sub.action === 'delete') return status === 204 ? null : `delete of ${sub.id} answered ${status}`;
  if (!rec || rec.id !== sub.id) return `${sub.action} of ${sub.id} answered ${status} ${JSON.stringify(rec).slice(0, 160)}`;
  for (const f of Object.keys(sub.values)) {
    if (canonical(rec[f]) !== canonical(sub.values[f])) {
      return `${sub.action} of ${sub.id}: ${f} answered ${canonical(rec[f])}, sent ${canonical(sub.values[f])}`;
    }
  }
  return null;
}

/** Why a 2xx answer doesn't match the request (a batch: one result per request, each 2xx and matching), or null. */
function answerProblem(op, status, body) {
  if (!op.batch) return subAnswerProblem(op.subs[0], status, body);
  if (!Array.isArray(body) || body.length !== op.subs.length) return `batch answered ${JSON.stringify(body).slice(0, 160)}`;
  for (let i = 0; i < body.length; i++) {
    const p = subAnswerProblem(op.subs[i], body[i]?.status, body[i]?.body);
    if (p) return `batch request ${i}: ${p}`;
  }
  return null;
}

/**
 * Runs a writer until its request gets no answer (it stops and leaves that request in ctx.unanswered: one in flight
 * at the kill, or one sent after it, which can't have reached the server) or until `ctx.stop`. Acknowledged
 * writes go into the model at once (in the writer's order); refused ones must leave nothing. ctx.outstanding[0]
 * counts the requests sent and not yet answered (shared with the thread that times the kill).
 */
async function writer(ctx, w) {
  const { model, round, stats } = ctx;
  while (!ctx.stop) {
    const op = { ...plan(model, w, round, ctx.counters), writer: w };
    let res;
    Atomics.add(ctx.outstanding, 0, 1);
    try {
      res = await send(ctx.url, ctx.token, op);
    } catch (error) {
      ctx.unanswered.push({ op, error: error.cause?.code ?? error.name });
      return;
    } finally {
      Atomics.sub(ctx.outstanding, 0, 1);
    }
    const ok = res.status >= 200 && res.status < 300;
    if (op.refuse) {
      if (ok) {
        stats.problems.push({ kind: 'refusable write accepted', detail: `${op.kind} answered ${res.status} (writer ${w})` });
        model.apply(op, round);
      } else if (res.status >= 400 && res.status < 500) {
        stats.refused++;
      } else {
        stats.problems.push({ kind: 'unexpected answer', detail: `${op.kind} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}` });
      }
      continue;
    }
    if (!ok) {
      // an error answer means the write did not happen: the model stays as it was, the check holds it to that
      stats.problems.push({ kind: 'unexpected answer', detail: `${op.kind} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 200)}` });
      continue;
    }
    const problem = answerProblem(op, res.status, res.body);
    if (problem) stats.problems.push({ kind: 'unexpected answer', detail: problem });
    model.apply(op, round);
    stats.acked++;
    if (op.batch) stats.batches++;
    for (const sub of op.subs) stats.writes[sub.action]++;
  }
}

// ---------------------------------------------------------------- checks
const login = async (url) =>
  (await call(url, 'POST', '/api/collections/_superusers/auth-with-password', { identity: SUPERUSER, password: PASSWORD })).token;

/** Every record of dur_items as id → field values, read through the records API (keyset pages of 1000). */
async function readAll(url, token) {
  const all = new Map();
  let last = '';
  for (;;) {
    const filter = encodeURIComponent(`id > "${last}"`);
    const page = await call(url, 'GET',
      `/api/collections/${ITEMS}/records?perPage=1000&sort=id&skipTotal=1&filter=${filter}&fields=id,${FIELDS.join(',')}`, undefined, token);
    for (const rec of page.items) all.set(rec.id, rec);
    if (page.items.length < 1000) break;
    last = page.items.at(-1).id;
  }
  const total = (await call(url, 'GET', `/api/collections/${ITEMS}/records?perPage=1&fields=id`, undefined, token)).totalItems;
  if (total !== all.size) throw new Error(`${ITEMS}: totalItems ${total}, but ${all.size} records were read`);
  return all;
}

/**
 * Compares what the restarted server serves with the model. Records untouched by an unanswered request must be
 * exactly as acknowledged; the records of an unanswered request must all be as before it or all as after it (then
 * the model takes it on). Returns the resolution of the unanswered requests; problems go into stats.problems.
 */
function verify(model, actual, unanswered, stats, round) {
  const pendingIds = new Set(unanswered.flatMap((u) => u.op.subs.map((s) => s.id)));
  for (const [id, r] of model.records) {
    if (pendingIds.has(id)) continue;
    const got = actual.get(id) ?? null;
    if (sameState(r.state, got)) continue;
    const how = r.last ? `last acknowledged write: ${r.last.kind} (${r.last.via}, round ${r.last.round})` : 'never acknowledged';
    let kind;
    if (!r.last) kind = 'refused or unanswered write present';
    else if (r.state && !got) kind = `lost ${r.last.kind}`;
    else if (!r.state && got) kind = 'lost delete';
    else kind = r.last.kind === 'update' ? 'lost update' : `wrong values after ${r.last.kind}`;
    const what = r.state && got ? diff(got, r.state) : `${show(got)}, expected ${show(r.state)}`;
    stats.problems.push({ kind, lost: Boolean(r.last), detail: `round ${round}: ${id} (writer ${r.owner}): ${what}; ${how}` });
    model.setState(id, r.owner, got); // reported once; later rounds go on from what the server has
  }
  for (const [id, got] of actual) {
    if (model.records.has(id)) continue;
    stats.problems.push({ kind: 'unknown record', detail: `round ${round}: ${id} was never sent: ${show(got)}` });
    model.setState(id, -1, got); // no writer touches it; reported once
  }
  const resolution = { applied: 0, absent: 0 };
  for (const { op } of unanswered) {
    const { before, after } = model.effect(op);
    const got = [...before.keys()].map((id) => actual.get(id) ?? null);
    const ids = [...before.keys()];
    const allBefore = ids.every((id, i) => sameState(got[i], before.get(id)));
    const allAfter = ids.every((id, i) => sameState(got[i], after.get(id)));
    if (allAfter && !allBefore) {
      resolution.applied++;
      if (op.refuse) stats.problems.push({ kind: 'refusable write applied', detail: `round ${round}: unanswered ${op.kind} of writer ${op.writer} was applied` });
      else model.apply(op, round);
    } else if (allBefore) {
      resolution.absent++;
    } else {
      const each = ids.every((id, i) => sameState(got[i], before.get(id)) || sameState(got[i], after.get(id)));
      stats.problems.push({
        kind: each ? 'torn write (partly applied)' : 'unanswered write left other values',
        detail: `round ${round}: unanswered ${op.kind} of writer ${op.writer} (${op.subs.length} requests): `
          + ids.map((id, i) => `${id} ${sameState(got[i], after.get(id)) ? 'after' : sameState(got[i], before.get(id)) ? 'before' : `other: ${show(got[i])}`}`).join(', '),
      });
      for (const [i, id] of ids.entries()) model.setState(id, op.writer, got[i]);
    }
  }
  return resolution;
}

/** `PRAGMA integrity_check` of `file` with the sqlite3 CLI: 'ok', the problems it lists, or 'missing'. */
function integrity(file) {
  if (!existsSync(file)) return 'missing';
  try {
    return cli(opts.sqlite3, [file, 'PRAGMA integrity_check;']).trim().split('\n').slice(0, 5).join('; ');
  } catch (error) {
    return `sqlite3 failed: ${error.message.split('\n')[0]}`;
  }
}

/** Copies data.db and auxiliary.db with their -wal files as the kill left them, and checks the copies. */
function checkCrashCopy(dataDir, copyDir) {
  mkdirSync(copyDir, { recursive: true });
  const out = {};
  for (const db of ['data.db', 'auxiliary.db']) {
    for (const suffix of ['', '-wal']) {
      if (existsSync(join(dataDir, db + suffix))) copyFileSync(join(dataDir, db + suffix), join(copyDir, db + suffix));
    }
    out[db] = integrity(join(copyDir, db));
  }
  return out;
}

// ---------------------------------------------------------------- one server
async function setUp(server) {
  const token = await login(server.url);
  await call(server.url, 'PATCH', '/api/settings', { batch: { enabled: true, maxRequests: BATCH_MAX, timeout: 10 } }, token);
  const parents = await call(server.url, 'POST', '/api/collections', {
    name: PARENTS, type: 'base', fields: [{ name: 'name', type: 'text', required: true }],
  }, token);
  for (const id of PARENT_IDS) await call(server.url, 'POST', `/api/collections/${PARENTS}/records`, { id, name: `parent ${id}` }, token);
  await call(server.url, 'POST', '/api/collections', {
    name: ITEMS, type: 'base',
    fields: [
      { name: 'title', type: 'text', required: true },
      { name: 'n', type: 'number' },
      { name: 'meta', type: 'json' },
      { name: 'parent', type: 'relation', collectionId: parents.id, maxSelect: 1, cascadeDelete: false },
      { name: 'key', type: 'text', required: true },
    ],
    indexes: [`CREATE UNIQUE INDEX idx_${ITEMS}_key ON ${ITEMS} (key)`],
  }, token);
}

const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function runServer(s) {
  const dataDir = join(work, s.name);
  const server = new Server(s.name, s.command, s.args, dataDir, work);
  const o = { label: s.label, rounds: [], problems: [], integrity: [], step: 'superuser upsert' };
  const model = new Model();
  const counters = { seq: 0 };
  console.log(`${s.label}:`);
  const t0 = performance.now();
  try {
    cli(s.command, ['superuser', 'upsert', SUPERUSER, PASSWORD, `--dir=${dataDir}`]);
    o.step = 'start';
    await server.start();
    o.step = 'set-up (batch on, collections, parent records)';
    await setUp(server);
    for (let round = 1; round <= ROUNDS; round++) {
      o.step = `round ${round}`;
      const stats = { acked: 0, batches: 0, refused: 0, writes: { create: 0, update: 0, delete: 0 }, problems: o.problems };
      const outstanding = new Int32Array(new SharedArrayBuffer(4));
      const ctx = { url: server.url, token: await login(server.url), model, round, stats, counters, stop: false, unanswered: [], outstanding };
      const killAfter = KILL_MIN + Math.floor(random() * (KILL_MAX - KILL_MIN + 1));
      const writersDone = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(ctx, w)));
      // the kill comes at the first moment after the delay when every writer has a request out (at most 2 s later),
      // so that it hits the server while it works on them rather than while the answers wait for this thread
      const killed = await server.kill9(killAfter, { counter: outstanding, atLeast: WRITERS });
      ctx.stop = true;
      await writersDone;
      const inFlightAtKill = killed.outstanding;
      if (s.name === 'coffer' && killed.comm !== 'java') throw new Error(`the process killed was ${killed.comm} (pid ${killed.pid}), not java`);
      o.step = `round ${round}: integrity check of the files as the kill left them`;
      const crash = checkCrashCopy(dataDir, join(work, `${s.name}-kill${round}`));
      o.step = `round ${round}: restart`;
      const r0 = performance.now();
      await server.start();
      const restartMs = performance.now() - r0;
      o.step = `round ${round}: read back`;
      const actual = await readAll(server.url, await login(server.url));
      const problemsBefore = o.problems.length;
      const resolution = verify(model, actual, ctx.unanswered, stats, round);
      const live = { 'data.db': integrity(join(dataDir, 'data.db')), 'auxiliary.db': integrity(join(dataDir, 'auxiliary.db')) };
      o.integrity.push({ round, crash, live });
      const round_ = {
        round, killAfter, inFlightAtKill, killed, ...stats, unanswered: ctx.unanswered.length, resolution, restartMs,
        records: actual.size, newProblems: o.problems.length - problemsBefore,
      };
      delete round_.problems;
      o.rounds.push(round_);
      const w = stats.writes;
      const integ = (x) => (x['data.db'] === 'ok' && x['auxiliary.db'] === 'ok' ? 'ok' : `data.db ${x['data.db']}, auxiliary.db ${x['auxiliary.db']}`);
      console.log(`  round ${round}: SIGKILL ${killed.comm} (pid ${killed.pid}) after ${secs(killAfter)}; acknowledged ${stats.acked} requests `
        + `(${w.create} creates, ${w.update} updates, ${w.delete} deletes; ${stats.batches} batches), ${stats.refused} refused as expected; `
        + `${inFlightAtKill} requests out at the kill, ${ctx.unanswered.length} unanswered -> ${resolution.applied} applied, ${resolution.absent} absent; `
        + `restart ${secs(restartMs)}; ${actual.size} records; integrity ${integ(crash)} (as killed), ${integ(live)} (restarted); `
        + `problems ${round_.newProblems}`);
      for (const p of o.problems.slice(problemsBefore, problemsBefore + 5)) console.log(`    ${p.kind}: ${p.detail}`);
    }
    o.step = 'stop';
    await server.stop();
    o.final = { 'data.db': integrity(join(dataDir, 'data.db')), 'auxiliary.db': integrity(join(dataDir, 'auxiliary.db')) };
    o.ok = true;
  } catch (error) {
    o.error = `${o.step}: ${error.message}`;
    console.log(`  ${s.label} FAILED at ${o.error}`);
    console.log(`  last lines of ${s.label}'s log:\n${server.logTail().replace(/^/gm, '    | ')}`);
    await server.stop();
  }
  o.seconds = (performance.now() - t0) / 1000;
  return o;
}

// ---------------------------------------------------------------- main
const servers = [
  { name: 'pocketbase', label: 'PocketBase', command: opts.pocketbase, args: ['--dev=false'] },
  { name: 'coffer', label: 'Coffer', command: opts.coffer, args: [] },
].filter((s) => !opts.only || s.name === opts.only);

const started = performance.now();
console.log(`durability: ${WRITERS} writers per server, ${ROUNDS} rounds of SIGKILL ${KILL_MIN}-${KILL_MAX} ms after the writers start, `
  + `restart on the same data dir; seed ${SEED}`);
const outcomes = [];
for (const s of servers) {
  random = mulberry32(SEED); // the same sequence of choices for each server
  outcomes.push(await runServer(s));
}

const sum = (o, f) => o.rounds.reduce((a, r) => a + f(r), 0);
const integritySummary = (o) => {
  const checks = o.integrity.flatMap((i) => [i.crash, i.live]).concat(o.final ? [o.final] : []);
  const bad = checks.flatMap((c) => Object.entries(c).filter(([, v]) => v !== 'ok').map(([db, v]) => `${db}: ${v}`));
  return { text: bad.length ? `FAILED (${bad[0]})` : `ok (${checks.length * 2} checks)`, ok: !bad.length };
};
const rows = [
  ['rounds (kill -9 + restart)', (o) => `${o.rounds.length}/${ROUNDS}`],
  ['acknowledged requests', (o) => `${sum(o, (r) => r.acked)} (${o.rounds.map((r) => r.acked).join(', ')})`],
  ['  creates/updates/deletes', (o) => `${sum(o, (r) => r.writes.create)}/${sum(o, (r) => r.writes.update)}/${sum(o, (r) => r.writes.delete)}`],
  ['  batch requests', (o) => `${sum(o, (r) => r.batches)}`],
  ['refused as expected (unique key)', (o) => `${sum(o, (r) => r.refused)}`],
  ['requests out at the kill', (o) => `${sum(o, (r) => r.inFlightAtKill)} (${o.rounds.map((r) => r.inFlightAtKill).join(', ')})`],
  ['unanswered: applied/absent', (o) => `${sum(o, (r) => r.unanswered)}: ${sum(o, (r) => r.resolution.applied)}/${sum(o, (r) => r.resolution.absent)}`],
  ['lost acknowledged writes', (o) => `${o.problems.filter((p) => p.lost).length}`],
  ['other problems', (o) => `${o.problems.filter((p) => !p.lost).length}`],
  ['integrity_check', (o) => integritySummary(o).text],
  ['restart (median)', (o) => {
    const xs = o.rounds.map((r) => r.restartMs).sort((a, b) => a - b);
    return xs.length ? secs(xs[Math.floor(xs.length / 2)]) : 'n/a';
  }],
  ['time', (o) => secs(o.seconds * 1000)],
];
const passed = (o) => o.ok && o.rounds.length === ROUNDS && !o.problems.length && integritySummary(o).ok && sum(o, (r) => r.acked) > 0;
console.log('');
console.log(`durability: ${WRITERS} writers, SIGKILL ${KILL_MIN}-${KILL_MAX} ms into each round, seed ${SEED}`);
console.log(`${''.padEnd(38)}${outcomes.map((o) => o.label.padEnd(40)).join('')}`);
for (const [label, f] of rows) {
  console.log(`${label.padEnd(38)}${outcomes.map((o) => (o.rounds.length || label === 'time' ? f(o) : 'n/a').padEnd(40)).join('')}`);
}
console.log(`${'result'.padEnd(38)}${outcomes.map((o) => (passed(o) ? 'PASS' : o.error ? 'FAILED (run)' : 'FAILED').padEnd(40)).join('')}`);
for (const o of outcomes) {
  if (o.error) console.log(`${o.label} FAILED at ${o.error}`);
  const shown = o.problems.slice(0, 20);
  for (const p of shown) console.log(`${o.label}: ${p.kind}: ${p.detail}`);
  if (o.problems.length > shown.length) console.log(`${o.label}: ... ${o.problems.length - shown.length} more problems`);
}
console.log(`(total ${secs(performance.now() - started)}; rerun with DURABILITY_SEED=${SEED} for the same choices)`);
if (opts.keep) console.log(`data dirs, copies of the files at each kill and server logs kept in ${work}`);
process.exit(outcomes.every(passed) ? 0 : 1);
