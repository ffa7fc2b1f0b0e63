// Sends the same requests to the reference PocketBase and to Coffer, each started on its own copy of PocketBase's
// test fixture (and serving pb_public/ here as their public directory), and prints every difference in status,
// headers and (normalised) body.
//
// usage: node compare.mjs --pocketbase PATH --coffer-jar PATH [--java PATH] [--only REGEX] [--show-same]
//                         [--json REPORT.json]
// (conformance/compare-with-pocketbase installs the reference binary, builds the jar and calls this.)
//
// What is normalised before comparing, so that only real differences remain: the Date header; datetimes made
// during the run (records created now); JWTs; the random part of stored file names, view field ids and index
// names; MFA and OTP ids; ids the requests create, which `save` names per server; the random OAuth2 state, PKCE
// code verifier and challenge of auth-methods (in their keys and in the authorization URL); `\u003c`, `\u003e`,
// `\u0026` in JSON strings (Coffer keeps PocketBase 0.39's HTML-safe escaping, which its API tests expect).
// Everything else is compared byte for byte: header values, key order, whitespace.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cases } from './requests.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = resolve(here, '../../fixtures/pocketbase-testdata');
const publicDir = resolve(here, 'pb_public');

function parseArgs(argv) {
  const args = { java: 'java', only: null, showSame: false, json: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--pocketbase') args.pocketbase = next();
    else if (a === '--coffer-jar') args.cofferJar = next();
    else if (a === '--java') args.java = next();
    else if (a === '--only') args.only = new RegExp(next());
    else if (a === '--show-same') args.showSame = true;
    else if (a === '--json') args.json = next();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!args.pocketbase || !args.cofferJar) {
    throw new Error('usage: compare.mjs --pocketbase PATH --coffer-jar PATH [--java PATH] [--only REGEX] [--show-same] [--json FILE]');
  }
  return args;
}

/** A server on a fresh copy of the fixture: its base URL, the variables its responses filled, and a stop(). */
async function startServer(label, command, argsFor) {
  const work = mkdtempSync(join(tmpdir(), `parity-${label}-`));
  const dir = join(work, 'pb_data');
  cpSync(fixture, dir, { recursive: true });
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(command[0], [...command.slice(1), ...argsFor(port, dir)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${label} exited: ${log}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`${label} did not start: ${log}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
  return {
    label, url, vars: {}, tokens: {},
    stop() {
      child.kill('SIGTERM');
      return new Promise((ok) => child.once('exit', () => { rmSync(work, { recursive: true, force: true }); ok(); }));
    },
  };
}

/** `{name}` in a string replaced by the server's saved variable of that name. */
function fill(text, server) {
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in server.vars ? server.vars[name] : m));
}

function fillDeep(value, server) {
  if (typeof value === 'string') return fill(value, server);
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, server));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, server)]));
  }
  return value;
}

/** The fetch options of a case on a server: method, headers (auth, content type) and body. */
function requestFor(c, server) {
  const headers = { ...(c.headers ? fillDeep(c.headers, server) : {}) };
  if (c.auth) headers.Authorization = server.tokens[c.auth];
  let body;
  if (c.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof c.json === 'string' ? c.json : JSON.stringify(fillDeep(c.json, server));
  } else if (c.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(fillDeep(c.form, server)).toString();
  } else if (c.multipart) {
    body = new FormData();
    for (const [name, value] of c.multipart) {
      if (value && typeof value === 'object') {
        body.append(name, new Blob([value.content], { type: value.type || 'application/octet-stream' }), value.filename);
      } else {
        body.append(name, fill(String(value), server));
      }
    }
  } else if (c.raw !== undefined) {
    if (c.contentType) headers['content-type'] = c.contentType;
    body = c.raw;
  }
  return { method: c.method || 'GET', headers, body, redirect: 'manual' };
}

async function send(c, server) {
  const res = await fetch(server.url + fill(c.path, server), requestFor(c, server));
  const buffer = Buffer.from(await res.arrayBuffer());
  const headers = {};
  res.headers.forEach((value, name) => { headers[name] = value; });
  const text = buffer.toString('utf8');
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  if (c.save && json) {
    for (const [name, path] of Object.entries(c.save)) {
      const v = path.split('.').reduce((o, k) => (o == null ? o : o[k]), json);
      if (v !== undefined) server.vars[name] = v;
    }
  }
  return { status: res.status, headers, text, binary: !isText(headers['content-type']), size: buffer.length };
}

function isText(type) {
  return !type || /json|text|javascript|xml|html/.test(type);
}

const startedAt = Date.now();

/** The body with what differs by nature between two runs replaced by placeholders. */
function normalise(text, server) {
  let out = text;
  for (const [name, value] of Object.entries(server.vars)) {
    if (typeof value === 'string' && value.length >= 6) out = out.split(value).join(`<${name}>`);
  }
  out = out.replace(/eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '<jwt>');
  out = out.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}Z/g, (d) => {
    const t = Date.parse(d.replace(' ', 'T'));
    return t >= startedAt - 60000 ? '<now>' : d;
  });
  // an HTTP date (Last-Modified of a file or thumbnail written during the run) differs by the second it was written
  out = out.replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT\b/g, (d) =>
    (Date.parse(d) >= startedAt - 60000 ? '<now>' : d));
  out = out.replace(/_[a-z0-9]{10}\.(\w+)/g, '_<rand>.$1');
  out = out.replace(/"(mfaId|otpId)":"[a-z0-9]{15}"/g, '"$1":"<id>"');
  out = out.replace(/"_clone_[A-Za-z0-9]{4}"/g, '"_clone_<rand>"');
  out = out.replace(/`idx_(\w+?)_[a-z0-9]{10}`/g, '`idx_$1_<rand>`');
  // Coffer escapes <, > and & in JSON strings as PocketBase 0.39 did (its API tests expect it); 0.40 writes them
  // as they are. The JSON is the same either way.
  out = out.replace(/\\u003c/g, '<').replace(/\\u003e/g, '>').replace(/\\u0026/g, '&');
  // auth-methods makes a fresh OAuth2 state and PKCE pair per provider on every request
  out = out.replace(/"state":"[A-Za-z0-9]{30}"/g, '"state":"<state>"')
    .replace(/([?&])state=[A-Za-z0-9]{30}/g, '$1state=<state>');
  out = out.replace(/"codeVerifier":"[A-Za-z0-9]{43}"/g, '"codeVerifier":"<verifier>"');
  // the SQL API reports how many milliseconds the query took
  out = out.replace(/"execTime":\d+/g, '"execTime":<ms>');
  out = out.replace(/"codeChallenge":"[A-Za-z0-9_-]{43}"/g, '"codeChallenge":"<challenge>"')
    .replace(/([?&])code_challenge=[A-Za-z0-9_-]{43}/g, '$1code_challenge=<challenge>');
  return out;
}

const IGNORED_HEADERS = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

function compare(c, pb, cf, servers) {
  const problems = [];
  if (pb.status !== cf.status) problems.push(`status: pocketbase ${pb.status}, coffer ${cf.status}`);
  const names = new Set([...Object.keys(pb.headers), ...Object.keys(cf.headers)]);
  for (const name of [...names].sort()) {
    if (IGNORED_HEADERS.has(name) || (c.ignoreHeaders || []).includes(name)) continue;
    const a = pb.headers[name] === undefined ? undefined : normalise(pb.headers[name], servers[0]);
    const b = cf.headers[name] === undefined ? undefined : normalise(cf.headers[name], servers[1]);
    if (a !== b) problems.push(`header ${name}: pocketbase ${show(a)}, coffer ${show(b)}`);
  }
  if (!c.ignoreBody) {
    if (pb.binary || cf.binary) {
      if (pb.size !== cf.size || pb.text !== cf.text) problems.push(`body (binary): pocketbase ${pb.size} bytes, coffer ${cf.size} bytes`);
    } else {
      let a = normalise(pb.text, servers[0]);
      let b = normalise(cf.text, servers[1]);
      if (c.anyKeyOrder) {
        try {
          [a, b] = [JSON.stringify(sortKeys(JSON.parse(a))), JSON.stringify(sortKeys(JSON.parse(b)))];
        } catch { /* not JSON: compared as text */ }
      }
      if (a !== b) problems.push(bodyDifference(a, b));
    }
  }
  return problems;
}

function show(v) {
  return v === undefined ? '(none)' : JSON.stringify(v);
}

/** Where two bodies part: the first differing position, with context, and whether the JSON is the same. */
function bodyDifference(a, b) {
  let sameJson = false;
  try { sameJson = JSON.stringify(sortKeys(JSON.parse(a))) === JSON.stringify(sortKeys(JSON.parse(b))); } catch { /* not JSON */ }
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 60);
  const what = sameJson ? 'body (same JSON, other key order or whitespace)' : 'body';
  return `${what} from char ${i}:\n      pocketbase …${JSON.stringify(a.slice(from, i + 140))}\n      coffer     …${JSON.stringify(b.slice(from, i + 140))}`;
}

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

async function login(server, collection, identity) {
  const res = await fetch(`${server.url}/api/collections/${collection}/auth-with-password`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identity, password: '1234567890' }),
  });
  if (!res.ok) throw new Error(`${server.label}: login ${collection}/${identity}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

async function impersonate(server, collection, id) {
  const res = await fetch(`${server.url}/api/collections/${collection}/impersonate/${id}`, {
    method: 'POST', headers: { Authorization: server.tokens.superuser },
  });
  if (!res.ok) throw new Error(`${server.label}: impersonate ${collection}/${id}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const servers = [
    await startServer('pocketbase', [args.pocketbase],
      (port, dir) => ['serve', `--http=127.0.0.1:${port}`, `--dir=${dir}`, `--publicDir=${publicDir}`,
        '--automigrate=false', '--dev=false']),
    await startServer('coffer', [args.java, '-jar', args.cofferJar],
      (port, dir) => ['serve', `--http=127.0.0.1:${port}`, `--dir=${dir}`, `--publicDir=${publicDir}`]),
  ];
  const results = [];
  try {
    for (const server of servers) {
      server.tokens.superuser = await login(server, '_superusers', 'test@example.com');
      // the fixture's users need MFA to sign in with a password: the superuser impersonates them instead
      server.tokens.user = await impersonate(server, 'users', '4q1xlclmfloku33');
      server.tokens.user2 = await impersonate(server, 'users', 'oap640cot4yru2s');
      server.tokens.client = await impersonate(server, 'clients', 'gk390qegs4y47wn');
      server.vars.userToken = server.tokens.user;
    }
    for (const [index, c] of cases.entries()) {
      if (args.only && !args.only.test(c.name)) continue;
      const [pb, cf] = [await send(c, servers[0]), await send(c, servers[1])];
      const problems = compare(c, pb, cf, servers);
      const result = { index, name: c.name, method: c.method || 'GET', path: c.path, explained: c.explained || null, problems };
      if (problems.length > 0) {
        // the whole responses, so that a report shows what each server answered
        result.responses = [pb, cf].map((r) => ({ status: r.status, headers: r.headers, body: r.binary ? `<${r.size} bytes>` : r.text }));
      }
      results.push(result);
      if (problems.length > 0 || args.showSame) {
        const tag = problems.length === 0 ? 'same' : c.explained ? `explained: ${c.explained}` : 'DIFFERS';
        console.log(`== [${index}] ${c.name} (${c.method || 'GET'} ${c.path}) — ${tag}`);
        for (const p of problems) console.log(`   ${p}`);
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  const differ = results.filter((r) => r.problems.length > 0);
  const unexplained = differ.filter((r) => !r.explained);
  console.log(`\n${results.length} requests: ${results.length - differ.length} the same, ${differ.length} differ `
    + `(${unexplained.length} unexplained, ${differ.length - unexplained.length} explained)`);
  if (args.json) writeFileSync(args.json, JSON.stringify(results, null, 2));
  process.exitCode = unexplained.length > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
