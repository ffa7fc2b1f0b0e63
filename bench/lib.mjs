// Shared pieces of the benchmarks: a temp work dir, servers started as child processes (all killed when the
// script exits; Server.kill9 kills one on purpose), a CLI runner and a JSON HTTP call. No npm dependencies (Node >= 20).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';

const children = new Set();

/** A new temp dir, removed on exit unless `keep`; every server child process is killed on exit too. */
export function workDir(prefix, keep) {
  const work = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => {
    for (const child of children) {
      const { pid } = serverProcess(child.pid); // the server below a launcher shell, if there is one
      if (pid !== child.pid) signal(pid, 'SIGKILL');
      child.kill('SIGKILL');
    }
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

  /** SIGTERM (SIGKILL after 10 s) to the server and, if it runs below a launcher shell, to that; waits for both. */
  async stop() {
    if (!this.process || !children.has(this.process)) return;
    const pids = [...new Set([serverProcess(this.process.pid).pid, this.process.pid])];
    pids.forEach((pid) => signal(pid, 'SIGTERM'));
    const timer = setTimeout(() => pids.forEach((pid) => signal(pid, 'SIGKILL')), 10_000);
    await this.exited;
    while (pids.some(running)) await sleep(20);
    clearTimeout(timer);
  }

  /**
   * SIGKILL, `afterMs` from now, to the process that really serves: the spawned one, or, when that is a shell (a
   * launcher that runs the server as a child instead of exec-ing it), the first non-shell process below it; the
   * spawned process is killed too. The timer runs on a worker thread, so the kill lands when it is due even while
   * this thread is busy (with the answers of the requests it sends, say). With `busy` ({ counter: an Int32Array
   * on a SharedArrayBuffer whose element 0 the caller keeps at its number of outstanding requests, atLeast }),
   * the kill waits after the delay (polling every millisecond, at most `busy.maxWaitMs`, default 2000) until
   * that many requests are outstanding. Waits until the processes are gone; returns the pid and name (`comm`) of
   * the server process, and `outstanding`, the counter's value at the kill.
   */
  async kill9(afterMs = 0, busy = null) {
    const target = serverProcess(this.process.pid);
    const outstanding = await new Promise((ok, fail) => {
      const worker = new Worker(`
        const { parentPort, workerData: { pid, afterMs, counter, atLeast, maxWaitMs } } = require('node:worker_threads');
        setTimeout(() => {
          const deadline = Date.now() + maxWaitMs;
          const poll = () => {
            if (counter && Atomics.load(counter, 0) < atLeast && Date.now() < deadline) return setTimeout(poll, 1);
            const outstanding = counter ? Atomics.load(counter, 0) : null;
            process.kill(pid, 'SIGKILL');
            parentPort.postMessage(outstanding);
          };
          poll();
        }, afterMs);`, {
        eval: true,
        workerData: { pid: target.pid, afterMs, counter: busy?.counter, atLeast: busy?.atLeast ?? 0, maxWaitMs: busy?.maxWaitMs ?? 2000 },
      });
      worker.once('message', (n) => { ok(n); worker.terminate(); });
      worker.once('error', fail);
    });
    if (target.pid !== this.process.pid) this.process.kill('SIGKILL');
    await this.exited;
    while (running(target.pid)) await sleep(10);
    return { ...target, outstanding };
  }

  logTail(lines = 15) {
    try {
      return readFileSync(this.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

/** pid, parent pid, state and name of a process from /proc/PID/stat (Linux), or null when it is gone. */
function procStat(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    return { pid, ppid: Number(ppid), state, comm: stat.slice(stat.indexOf('(') + 1, close) };
  } catch {
    return null;
  }
}

/** Whether `pid` is alive (a zombie, killed and not yet reaped by its parent, counts as gone). */
const running = (pid) => existsSync(`/proc/${pid}`) && (procStat(pid)?.state ?? 'Z') !== 'Z';

/** process.kill without the error when the process is gone already. */
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch { /* gone */ }
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'busybox', 'zsh', 'ksh', 'mksh']);

/** Whether `pid` runs a shell: by its executable (a script's `comm` is the script's name, not the shell's). */
function isShell(pid) {
  try {
    return SHELLS.has(basename(readlinkSync(`/proc/${pid}/exe`)));
  } catch {
    return false;
  }
}

/** The process `pid`, or when it is a shell, the first non-shell descendant (breadth first); pid and comm. */
function serverProcess(pid) {
  const self = procStat(pid);
  if (!self || !isShell(pid)) return { pid, comm: self?.comm ?? '?' };
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map((d) => procStat(Number(d))).filter(Boolean);
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift();
    for (const p of all.filter((x) => x.ppid === parent)) {
      if (!isShell(p.pid)) return { pid: p.pid, comm: p.comm };
      queue.push(p.pid);
    }
  }
  return { pid, comm: self.comm };
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
