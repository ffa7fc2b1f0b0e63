// Metrics: the page polls GET /api/metrics and shows requests per second, latency percentiles, the failed share,
// realtime clients and the JVM/database facts; its text-format parser and percentile math on known input; the
// settings section for scrapers (allowed IPs, token) and for who may read the OpenAPI document.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, api, launchBrowser, openPage, goto, shot, assertNoProblems } from './support.mjs';
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

test('settings: a scrape token and allowed IPs for Prometheus, and who may read the API document', async () => {
  const page = await openPage(browser);
  await goto(page, '/settings/metrics');
  await page.getByLabel('Allowed IPs and subnets').fill('10.0.0.0/8, not-an-ip');
  await page.getByLabel('Scrape token').fill('short');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.field.invalid', { hasText: 'Scrape token' }).waitFor();
  await page.locator('.field.invalid', { hasText: 'Allowed IPs and subnets' }).waitFor();

  const token = 'prometheus-scrape-token-0123456789';
  await page.getByLabel('Allowed IPs and subnets').fill('10.0.0.0/8, 192.168.1.7');
  await page.getByLabel('Scrape token').fill(token);
  await page.getByLabel('Who may read the API document').selectOption({ label: 'Everyone' });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.toast', { hasText: 'Metrics and API docs settings saved.' }).waitFor();
  assert.equal(await page.getByLabel('Scrape token').inputValue(), ''); // write-only
  await shot(page, '15-settings-metrics');

  const settings = await api('/api/settings');
  assert.deepEqual(settings.metrics.allowedIPs, ['10.0.0.0/8', '192.168.1.7']);
  assert.equal(settings.metrics.token, undefined);
  assert.equal(settings.openapi.access, 'public');
  const scrape = await fetch(`${BASE}/api/metrics`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(scrape.status, 200);
  assert.match(await scrape.text(), /coffer_http_requests_seconds_count/);
  assert.equal((await fetch(`${BASE}/api/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status, 401);
  assert.equal((await fetch(`${BASE}/api/openapi.json`)).status, 200);

  // back as it was: no token, no addresses, superusers only
  await api('/api/settings', { method: 'PATCH', body: { metrics: { allowedIPs: [], token: '' }, openapi: { access: 'superusers' } } });
  assert.equal((await fetch(`${BASE}/api/openapi.json`)).status, 401);
  assertNoProblems(page);
  await page.context().close();
});
