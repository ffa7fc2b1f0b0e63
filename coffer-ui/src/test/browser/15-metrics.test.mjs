// Metrics: the page polls GET /api/metrics and shows requests per second, latency percentiles, the failed share,
// realtime clients and the JVM/database facts; its text-format parser and percentile math on known input.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchBrowser, openPage, goto, shot, assertNoProblems } from './support.mjs';
import { parse, quantile, summarize } from '../../main/resources/coffer-ui/app/pages/metrics-model.js';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the parser reads labels with escapes, and percentiles interpolate inside a bucket', () => {
  const samples = parse([
    '# HELP coffer_http_requests_seconds HTTP requests',
    'coffer_http_requests_seconds_bucket{method="GET",route="/a\\"b",status="200",le="0.01"} 5',
    'coffer_http_requests_seconds_bucket{method="GET",route="/a\\"b",status="200",le="0.1"} 10',
    'coffer_http_requests_seconds_bucket{method="GET",route="/a\\"b",status="200",le="+Inf"} 10',
    'coffer_http_requests_seconds_count{method="GET",route="/a\\"b",status="200"} 10',
    'coffer_http_requests_seconds_count{method="GET",route="/x",status="500"} 2',
    'coffer_realtime_clients 3.0',
  ].join('\n'));
  assert.equal(samples.length, 6);
  assert.equal(samples[0].labels.route, '/a"b');
  assert.equal(samples[5].value, 3);
  assert.equal(quantile(0.5, [{ le: 0.01, count: 5 }, { le: 0.1, count: 10 }, { le: Infinity, count: 10 }]), 0.01);
  assert.ok(Math.abs(quantile(0.9, [{ le: 0.01, count: 5 }, { le: 0.1, count: 10 }, { le: Infinity, count: 10 }]) - 0.082) < 1e-9);
  assert.equal(quantile(0.5, []), null);
  const s = summarize(samples, [], 2);
  assert.equal(s.rps, 6);
  assert.equal(s.errorRate, 2 / 12);
  assert.equal(s.realtimeClients, 3);
});

test('the metrics page shows live numbers drawn from /api/metrics', async () => {
  const page = await openPage(browser);
  await goto(page, '/metrics');
  await page.getByRole('heading', { name: 'Metrics' }).waitFor();
  await page.locator('a.nav-link[href="#/metrics"][aria-current="page"]').waitFor();
  // traffic while the page polls: answered requests and a few 404s
  const deadline = Date.now() + 20000;
  const value = (name) => page.locator(`[data-metric="${name}"] .metric-value`);
  let rps = '';
  while (Date.now() < deadline) {
    await Promise.all([
      ...Array.from({ length: 10 }, () => fetch(`${BASE}/api/health`)),
      ...Array.from({ length: 2 }, (_, i) => fetch(`${BASE}/api/metrics15-missing-${i}`)),
    ]);
    rps = (await value('rps').textContent().catch(() => '')).trim();
    // until a few scrapes drew a line
    const line = await page.locator('[data-metric="rps"] svg.spark polyline').getAttribute('points', { timeout: 100 }).catch(() => '');
    if (/^\d+\.\d$/.test(rps) && Number(rps) > 0 && (line || '').split(' ').length >= 3) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.ok(Number(rps) > 0, `requests per second shown: "${rps}"`);
  assert.match((await value('p50').textContent()).trim(), /^\d+(\.\d+)? (ms|s)$/);
  assert.match((await value('p95').textContent()).trim(), /^\d+(\.\d+)? (ms|s)$/);
  const failed = (await value('errors').textContent()).trim();
  assert.match(failed, /^\d+(\.\d)?%$/);
  assert.ok(parseFloat(failed) > 0, `the 404s count as failed: ${failed}`);
  assert.match((await value('realtime').textContent()).trim(), /^\d+$/);
  assert.match(await page.locator('dd[data-metric="heap"]').textContent(), /MiB$/);
  assert.match(await page.locator('dd[data-metric="threads"]').textContent(), /^\d+$/);
  assert.match(await page.locator('dd[data-metric="wal"]').textContent(), /B$/);
  assert.ok(await page.locator('[data-metric="rps"] svg.spark polyline').count() === 1, 'a sparkline is drawn');
  await shot(page, '15-metrics');
  assertNoProblems(page);
  await page.context().close();
});
