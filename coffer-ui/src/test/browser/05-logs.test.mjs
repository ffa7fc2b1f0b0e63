// Logs: the requests-per-hour chart, the list and its filter, a log's details, the logs settings, a phone screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchBrowser, openPage, goto, api, shot, assertNoProblems } from './support.mjs';

let browser;
let original;
before(async () => {
  browser = await launchBrowser();
  original = (await api('/api/settings')).logs;
  // a few requests of a guest: some answered 404, one 200
  for (let i = 1; i <= 3; i++) await fetch(`${BASE}/api/logs05-missing-${i}`);
  await fetch(`${BASE}/api/health?logs05=ok`);
  // the server writes logs in batches: wait until they are stored
  for (let i = 0; i < 50; i++) {
    const res = await api(`/api/logs?perPage=10&filter=${encodeURIComponent('data.url ~ "logs05"')}`);
    if (res.items.length >= 4) break;
    await new Promise((r) => setTimeout(r, 200));
  }
});
after(async () => {
  if (original) await api('/api/settings', { method: 'PATCH', body: { logs: original } });
  await browser?.close();
});

/** The status cells of the listed request logs, as numbers. */
async function statuses(page) {
  const texts = await page.locator('.logs-table tbody td.col-status').allTextContents();
  return texts.map((t) => t.trim()).filter(Boolean).map(Number);
}

test('the chart and the list show the logs; the filter narrows them; a log opens in a panel', async () => {
  const page = await openPage(browser);
  await goto(page, '/logs');
  await page.getByRole('heading', { name: 'Logs' }).waitFor();
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).waitFor();
  await page.locator('.logs-table tbody tr', { hasText: '/api/health?logs05=ok' }).waitFor();
  assert.ok(await page.locator('figure.logs-chart svg rect.bar').count() >= 1, 'the chart has bars');
  assert.match(await page.locator('.logs-summary').textContent(), /\d+ logs?/);
  // hovering a bar tells its count
  await page.locator('figure.logs-chart .bar-slot', { has: page.locator('rect.bar') }).last().hover();
  await page.locator('.chart-tip').filter({ hasText: /\d+ logs?/ }).waitFor();
  await shot(page, '05-logs');
  // clicking a bar lists only that hour
  const [log] = (await api(`/api/logs?perPage=1&filter=${encodeURIComponent('data.url = "/api/logs05-missing-1"')}`)).items;
  const hour = `${log.created.slice(0, 13)}:00:00.000Z`;
  await page.locator(`figure.logs-chart .bar-slot[data-hour="${hour}"]`).click();
  await page.locator('.zoom-chip').filter({ hasText: 'Only' }).waitFor();
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).waitFor();
  await page.getByRole('button', { name: 'Show all hours' }).click();
  await page.locator('.zoom-chip').waitFor({ state: 'detached' });

  // a filter expression: only failed requests remain
  const filter = page.getByLabel('Filter logs');
  await filter.fill('data.status >= 400');
  await filter.press('Enter');
  await page.waitForURL(/filter=data\.status/);
  await page.locator('.logs-table tbody tr', { hasText: '/api/health?logs05=ok' }).waitFor({ state: 'detached' });
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-2' }).waitFor();
  const failed = await statuses(page);
  assert.ok(failed.length >= 3 && failed.every((s) => s >= 400), `only failed requests: ${failed}`);

  // a plain search term searches the message and data
  await filter.fill('logs05-missing-3');
  await filter.press('Enter');
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).waitFor({ state: 'detached' });
  assert.equal(await page.locator('.logs-table tbody tr.clickable').count(), 1);

  // an invalid filter is reported under the input
  await filter.fill('data.status >= ');
  await filter.press('Enter');
  await page.getByRole('alert').filter({ hasText: 'The filter is not valid' }).waitFor();
  // a quick filter replaces it
  await page.getByRole('button', { name: 'Failed requests (4xx, 5xx)' }).click();
  assert.equal(await filter.inputValue(), 'data.status >= 400');
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).waitFor();

  // the details of one log
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).click();
  const details = page.getByRole('dialog', { name: 'Log details' });
  await details.waitFor();
  await details.locator('tr', { hasText: 'data.url' }).filter({ hasText: '/api/logs05-missing-1' }).waitFor();
  await details.locator('tr', { hasText: 'data.status' }).filter({ hasText: '404' }).waitFor();
  await details.getByRole('button', { name: 'Copy data.url' }).waitFor();
  await details.getByRole('button', { name: 'Download JSON' }).waitFor();
  assert.match(page.url(), /logId=/);
  await shot(page, '05-log-detail');
  await details.getByRole('button', { name: 'Copy JSON' }).click();
  await page.locator('.toast').filter({ hasText: 'Copied the log as JSON.' }).waitFor();
  await page.keyboard.press('Escape');
  await details.waitFor({ state: 'detached' });
  assert.doesNotMatch(page.url(), /logId=/);

  // the address keeps the filter: a reload shows the same list
  await page.reload();
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).waitFor();
  assert.equal(await page.getByLabel('Filter logs').inputValue(), 'data.status >= 400');
  assertNoProblems(page);
  await page.context().close();
});

test('the logs settings panel saves the logs settings', async () => {
  const page = await openPage(browser);
  await goto(page, '/logs');
  await page.getByRole('button', { name: 'Logs settings' }).click();
  const panel = page.getByRole('dialog', { name: 'Logs settings' });
  await panel.getByLabel('Keep logs for (days)').fill('9');
  const authId = panel.getByRole('switch', { name: 'Log the id of the authenticated record' });
  const was = await authId.isChecked();
  await authId.setChecked(!was);
  // closing with unsaved changes asks first
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Cancel' }).click();
  await panel.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.toast').filter({ hasText: 'Logs settings saved.' }).waitFor();
  await panel.waitFor({ state: 'detached' });
  const logs = (await api('/api/settings')).logs;
  assert.equal(logs.maxDays, 9);
  assert.equal(logs.logAuthId, !was);

  // a server validation error shows on its field
  await page.getByRole('button', { name: 'Logs settings' }).click();
  await panel.getByLabel('Keep logs for (days)').fill('-1');
  await page.keyboard.press('Control+s');
  await panel.locator('.field.invalid').filter({ hasText: 'Keep logs for (days)' }).locator('.field-error').waitFor();
  assert.equal((await api('/api/settings')).logs.maxDays, 9);
  assertNoProblems(page);
  await page.context().close();
});

test('the logs page works on a phone', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await goto(page, '/logs');
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).waitFor();
  assert.ok(await page.locator('figure.logs-chart svg rect.bar').count() >= 1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 390, `the page is ${overflow}px wide`);
  await shot(page, '05-logs-phone');
  await page.locator('.logs-table tbody tr', { hasText: '/api/logs05-missing-1' }).click();
  await page.getByRole('dialog', { name: 'Log details' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});
