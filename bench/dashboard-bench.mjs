#!/usr/bin/env node
// Dashboard benchmark: the reference PocketBase's dashboard and Coffer's, side by side in headless Chromium, on
// copies of one data directory holding a collection of 100,000 records. Per server and round: a cold first load
// of /_/ until the login form takes input (time and bytes transferred), a login through the form, the records
// page of the big collection until its first rows show, and the same page again with the assets cached.
// Prints the median of each figure and the Coffer/PocketBase ratios. Needs Node >= 20, Debian's chromium and
// playwright-core (installed in coffer-ui/src/test/browser by its npm ci). See bench/README.md.
//
// usage: node bench/dashboard-bench.mjs --pocketbase PATH [--coffer PATH] [--only pocketbase|coffer]
//          [--records 100000] [--rounds 5] [--keep]
import { cpSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
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
    records: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '5' },
    chromium: { type: 'string', default: process.env.CHROMIUM || '/usr/bin/chromium' },
    keep: { type: 'boolean', default: false },
  },
});
if (!opts.pocketbase) {
  console.error('usage: node bench/dashboard-bench.mjs --pocketbase PATH [--coffer PATH] (see bench/README.md)');
  process.exit(2);
}
const require = createRequire(join(repo, 'coffer-ui/src/test/browser/package.json'));
const { chromium } = require('playwright-core');
const RECORDS = Number(opts.records);
const ROUNDS = Math.max(1, Number(opts.rounds));
const EMAIL = 'bench@example.com';
const PASSWORD = '1234567890';
const work = workDir('coffer-uibench-', opts.keep);

// ---------------------------------------------------------------- the data, made once with PocketBase

async function seed(dir) {
  cli(opts.pocketbase, ['superuser', 'upsert', EMAIL, PASSWORD, `--dir=${dir}`]);
  const pb = new Server('seed-pocketbase', opts.pocketbase, ['--dev=false'], dir, work);
  await pb.start();
  try {
    const { token } = await call(pb.url, 'POST', '/api/collections/_superusers/auth-with-password', { identity: EMAIL, password: PASSWORD });
    await call(pb.url, 'PATCH', '/api/settings', { batch: { enabled: true, maxRequests: 1000, timeout: 60, maxBodySize: 0 } }, token);
    await call(pb.url, 'POST', '/api/collections', {
      name: 'bench_ui', type: 'base', listRule: null, viewRule: null,
      fields: [
        { name: 'title', type: 'text', presentable: true },
        { name: 'n', type: 'number' },
        { name: 'tag', type: 'select', values: ['a', 'b', 'c', 'd'], maxSelect: 1 },
        { name: 'done', type: 'bool' },
        { name: 'created', type: 'autodate', onCreate: true },
        { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
      ],
    }, token);
    for (let start = 0; start < RECORDS; start += 1000) {
      const requests = [];
      for (let i = start; i < Math.min(RECORDS, start + 1000); i++) {
        requests.push({ method: 'POST', url: '/api/collections/bench_ui/records',
          body: { title: `row-${String(i).padStart(6, '0')}`, n: i % 1000, tag: 'abcd'[i % 4], done: i % 3 === 0 } });
      }
      await call(pb.url, 'POST', '/api/batch', { requests }, token);
    }
    const col = await call(pb.url, 'GET', '/api/collections/bench_ui', undefined, token);
    return col.id;
  } finally {
    await pb.stop();
  }
}

// ---------------------------------------------------------------- one round in the browser

async function round(browser, server, collectionId) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    let t = performance.now();
    await page.goto(`${server.url}/_/`);
    const email = page.locator('input[type=email]').first();
    await email.waitFor();
    await email.fill(EMAIL);
    const loginMs = performance.now() - t;
    const bytes = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      return performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, nav.transferSize);
    });
    await page.locator('input[type=password]').first().fill(PASSWORD);
    await page.locator('input[type=password]').first().press('Enter');
    await page.waitForURL(/#\/collections/);

    const rowText = page.getByText(/row-\d{6}/).first();
    await page.goto('about:blank'); // then a whole new load of the records page, its assets cached
    t = performance.now();
    await page.goto(`${server.url}/_/#/collections?collection=${collectionId}`);
    await rowText.waitFor({ timeout: 30_000 }).catch(async (e) => {
      const shot = join(work, `${server.name}-records.png`);
      await page.screenshot({ path: shot });
      throw new Error(`${server.name}: no record row shown on its records page (screenshot ${shot}): ${e.message}`);
    });
    const recordsMs = performance.now() - t;
    const heapMiB = await page.evaluate(() => (performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null));
    return { loginMs, bytes, recordsMs, heapMiB };
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

// ---------------------------------------------------------------- main

const base = join(work, 'seed', 'pb_data');
mkdirSync(base, { recursive: true });
console.log(`seeding ${RECORDS} records with PocketBase ...`);
const collectionId = await seed(base);

const servers = [];
for (const [name, command, args] of [['pocketbase', opts.pocketbase, ['--dev=false']], ['coffer', opts.coffer, []]]) {
  if (opts.only && opts.only !== name) continue;
  const dir = join(work, name, 'pb_data');
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(base, dir, { recursive: true });
  const server = new Server(name, command, args, dir, work);
  await server.start();
  servers.push(server);
}
const browser = await chromium.launch({
  executablePath: opts.chromium,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', '--enable-precise-memory-info'],
});
const results = Object.fromEntries(servers.map((s) => [s.name, []]));
try {
  for (let r = 0; r < ROUNDS + 1; r++) { // the first round warms both servers up and is not counted
    for (const server of servers) {
      const res = await round(browser, server, collectionId);
      if (r > 0) results[server.name].push(res);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.stop();
}

const rows = [
  ['first load until the login form takes input', 'loginMs', 'ms'],
  ['bytes transferred by that first load', 'bytes', 'KB'],
  [`records page of ${RECORDS} records until rows show`, 'recordsMs', 'ms'],
  ['page JS heap after the records page', 'heapMiB', 'MiB'],
];
console.log(`\nmedians of ${ROUNDS} rounds (one warm-up round dropped)`);
for (const [label, key, unit] of rows) {
  const m = Object.fromEntries(Object.entries(results).map(([n, rs]) => [n, median(rs.map((x) => x[key] ?? NaN))]));
  const fmt = (v) => (unit === 'KB' ? `${(v / 1024).toFixed(0)} KB` : unit === 'MiB' ? `${v.toFixed(1)} MiB` : `${v.toFixed(0)} ms`);
  const ratio = m.coffer && m.pocketbase ? `  coffer/pocketbase ${(m.coffer / m.pocketbase).toFixed(2)}` : '';
  console.log(`  ${label.padEnd(50)} ${Object.entries(m).map(([n, v]) => `${n} ${fmt(v)}`).join('   ')}${ratio}`);
}
