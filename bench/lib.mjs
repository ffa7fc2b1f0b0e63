// Shared pieces of the benchmarks: a temp work dir, servers started as child processes (all killed when the
// script exits), a CLI runner and a JSON HTTP call. No npm dependencies (Node >= 20).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const children = new Set();

/** A new temp dir, removed on exit unless `keep`; every server child process is killed on exit too. */
export function workDir(prefix, keep) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => {
    for (const child of children) child.kill('SIGKILL');
    if (!keep) rmSync(work, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
  return work;
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    }).on('error', fail);
  });
}

/** Runs a command to completion (optionally feeding `input`); throws with its output when it fails. */
export function cli(command, args, input) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, input });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}: ${result.error ?? ''}${result.stderr}${result.stdout}`);
  }
  return result.stdout;
}

/** A server (`COMMAND serve --http=... --dir=...`) on a free port, its output in `<logDir>/<name>.log`. */
export class Server {
  constructor(name, command, extraServeArgs, dataDir, logDir) {
    Object.assign(this, { name, command, extraServeArgs, dataDir, log: join(logDir, `${name}.log`) });
  }

  async start() {
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const out = openSync(this.log, 'a');
    this.process = spawn(this.command, ['serve', `--http=127.0.0.1:${this.port}`, `--dir=${this.dataDir}`, ...this.extraServeArgs],
      { stdio: ['ignore', out, out] });
    children.add(this.process);
    this.exited = new Promise((ok) => this.process.on('exit', (code, signal) => { children.delete(this.process); ok(code ?? signal); }));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null || this.process.signalCode !== null) {
        throw new Error(`${this.name} exited before it was healthy (${this.process.exitCode ?? this.process.signalCode})`);
      }
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch { /* not listening yet */ }
      await sleep(100);
    }
    throw new Error(`${this.name} did not answer ${this.url}/api/health within 60 s`);
  }

  async stop() {
    if (!this.process || !children.has(this.process)) return;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  logTail(lines = 15) {
    try {
      return readFileSync(this.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** A JSON request; throws with the status and body start on a non-2xx answer; returns the parsed body or null. */
export async function call(url, method, path, body, token) {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: token } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path.slice(0, 120)} -> HTTP ${res.status}: ${text.slice(0, 300).trim()}`);
  return text ? JSON.parse(text) : null;
}
