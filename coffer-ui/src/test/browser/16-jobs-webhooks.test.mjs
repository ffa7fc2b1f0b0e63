// Webhooks and the job queue: webhooks turned on from the page, one created in the form (a refused URL shown
// beside its field) pointing at a receiver this test runs, a record change delivered and signed, a test event, a
// redelivery, the secret rotated in the browser (both secrets sign for a while); a receiver answering 500 leaves a
// pending job with its error and a 500 in the log, cancelled (and retried) on the Jobs page; the done jobs listed
// with their payloads and purged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { launchBrowser, openPage, goto, shot, api, BASE, assertNoProblems } from './support.mjs';

const NAME = 'wh_posts';
let browser;
let good; // the receiver answering 200
let bad; // the receiver answering 500
let hookId = '';
let failingId = '';

/** A receiver on 127.0.0.1 (a port of the kernel's choice) that keeps what it gets. */
function receiver(status, answer) {
  return new Promise((resolve) => {
    const got = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => { body += c; });
      req.on('end', () => {
        got.push({ headers: req.headers, body });
        res.writeHead(status, { 'Content-Type': 'text/plain' }).end(answer);
      });
    });
    server.listen(0, '127.0.0.1', () => resolve({ server, got, url: `http://127.0.0.1:${server.address().port}/hook` }));
  });
}

/** Waits until fn() is truthy (polling), or fails with what. */
async function until(fn, what, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether a Standard Webhooks signature header holds a valid signature of the message with this secret. */
function signedWith(secret, h, body) {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const sig = createHmac('sha256', key).update(`${h['webhook-id']}.${h['webhook-timestamp']}.${body}`).digest('base64');
  return h['webhook-signature'].split(' ').includes(`v1,${sig}`);
}

before(async () => {
  browser = await launchBrowser();
  good = await receiver(200, 'ok, thanks');
  bad = await receiver(500, 'boom');
  await api(`/api/collections/${NAME}`, { method: 'DELETE', expect: [204, 404] });
  await api('/api/collections', { method: 'POST', body: { name: NAME, type: 'base', fields: [{ name: 'title', type: 'text' }] } });
});

after(async () => {
  // later tests start without this test's webhook and collection (webhooks stay turned on)
  if (hookId) await api(`/api/collections/_webhooks/records/${hookId}`, { method: 'DELETE', expect: [204, 404] });
  await api(`/api/collections/${NAME}`, { method: 'DELETE', expect: [204, 404] });
  await browser?.close();
  good?.server.close();
  bad?.server.close();
});

async function open() {
  const page = await openPage(browser);
  page.setDefaultTimeout(15_000);
  return page;
}

const confirmWith = (page, label) => page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: label }).click();
const deliveryRows = (page) => page.locator('tr.wh-delivery');

test('webhooks are turned on from their page', async () => {
  const page = await open();
  await goto(page, '/webhooks');
  await page.getByRole('heading', { name: 'Webhooks are off' }).waitFor();
  assert.match(await page.locator('.wh-install').textContent(), /5 s, 5 min, 30 min/, 'the retry schedule');
  await shot(page, '16-webhooks-off');
  await page.getByRole('button', { name: 'Turn on webhooks' }).click();
  await page.getByText('No webhooks yet.').waitFor();
  assert.equal((await api('/api/webhooks/status')).installed, true);
  assertNoProblems(page);
  await page.context().close();
});

test('a webhook made in the form gets a record change, a test event and a redelivery; its secret rotates', async () => {
  const page = await open();
  await goto(page, '/webhooks');
  await page.getByRole('button', { name: 'New webhook' }).click();
  const form = page.getByRole('dialog', { name: 'New webhook' });
  await form.getByLabel('Name').fill('Post feed');
  await form.getByLabel('URL').fill(`${BASE}/api/health`);
  const events = form.getByLabel('Events');
  await events.fill('wh_posts.create');
  await events.press('Enter');
  await events.fill('nope');
  await events.press('Enter');
  await form.getByText('Not an event pattern: nope').waitFor();
  await events.fill('');
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header 1 name').fill('X-Test');
  await form.getByLabel('Header 1 value').fill('yes');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  // the API refuses the server's own address: the message is beside the URL
  await form.locator('#wh-err-url', { hasText: 'Must not point at this server itself.' }).waitFor();
  assert.equal(await form.getByLabel('URL').getAttribute('aria-invalid'), 'true');
  await form.getByLabel('URL').fill(good.url);
  await shot(page, '16-webhook-form');
  await form.getByRole('button', { name: 'Create', exact: true }).click();
  await form.waitFor({ state: 'detached' });
  const hook = (await api('/api/collections/_webhooks/records')).items.find((h) => h.name === 'Post feed');
  hookId = hook.id;
  assert.deepEqual(hook.events, ['wh_posts.create']);
  assert.deepEqual(hook.headers, { 'X-Test': 'yes' });
  assert.equal(hook.enabled, true);
  assert.match(hook.secret, /^whsec_/);
  await page.locator(`tr[data-webhook="${hookId}"][aria-selected="true"]`).waitFor();
  const detail = page.getByRole('region', { name: 'Webhook Post feed' });
  await detail.getByRole('button', { name: 'Show the secret' }).click();
  assert.equal(await detail.getByLabel('Signing secret').inputValue(), hook.secret);

  // a record created through the API is delivered, signed, with the custom header
  const rec = await api(`/api/collections/${NAME}/records`, { method: 'POST', body: { title: 'Hello hooks' } });
  const first = await until(() => good.got[0], 'the first delivery');
  const sent = JSON.parse(first.body);
  assert.equal(sent.type, 'wh_posts.create');
  assert.equal(sent.data.record.id, rec.id);
  assert.equal(first.headers['x-test'], 'yes');
  assert.ok(signedWith(hook.secret, first.headers, first.body), 'signed with the secret');
  const row = deliveryRows(page).filter({ hasText: 'wh_posts.create' }).first();
  await row.waitFor(); // the log reloads by itself
  assert.equal((await row.locator('.wh-status').textContent()).trim(), '200');
  assert.equal((await row.locator('.wh-result').textContent()).trim(), 'Delivered');
  await row.click();
  await page.locator('.wh-request', { hasText: 'Hello hooks' }).waitFor();
  assert.equal(await page.locator('.wh-response').textContent(), 'ok, thanks');

  await detail.getByRole('button', { name: 'Send test event' }).click();
  await deliveryRows(page).filter({ hasText: 'webhook.test' }).waitFor();
  assert.equal(JSON.parse(good.got[1].body).type, 'webhook.test');

  // the secret rotates to one made in the browser; a redelivery is signed with the new and the old one
  await detail.getByRole('button', { name: 'Rotate secret' }).click();
  await confirmWith(page, 'Rotate secret');
  await page.locator('.toast', { hasText: 'old one keeps signing' }).waitFor();
  const rotated = await api(`/api/collections/_webhooks/records/${hookId}`);
  assert.notEqual(rotated.secret, hook.secret);
  assert.match(rotated.secret, /^whsec_[A-Za-z0-9+/]{43}=$/, '32 random bytes in base64');
  assert.equal(await detail.getByLabel('Signing secret').inputValue(), rotated.secret);
  await row.getByRole('button', { name: /^Redeliver/ }).click();
  const again = await until(() => good.got[2], 'the redelivery');
  assert.equal(again.headers['webhook-id'], first.headers['webhook-id'], 'the same message id');
  assert.equal(again.body, first.body);
  assert.ok(signedWith(rotated.secret, again.headers, again.body) && signedWith(hook.secret, again.headers, again.body),
    'signed with both secrets');
  await until(async () => (await deliveryRows(page).count()) === 3, 'three rows in the log');
  await shot(page, '16-webhooks');

  // the toggle in the list disables and enables it
  const toggle = page.getByLabel('Enabled: Post feed');
  await toggle.uncheck({ force: true });
  await page.locator('.toast', { hasText: 'is disabled' }).waitFor();
  assert.equal((await api(`/api/collections/_webhooks/records/${hookId}`)).enabled, false);
  await toggle.check({ force: true });
  await page.locator('.toast', { hasText: 'is enabled' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});

test('a receiver answering 500: a pending job with its error, cancelled and retried on the Jobs page', async () => {
  const failing = await api('/api/collections/_webhooks/records', { method: 'POST', body: {
    name: 'Broken receiver', url: bad.url, events: [`${NAME}.update`], enabled: true } });
  failingId = failing.id;
  const page = await open();
  await goto(page, '/jobs?state=pending');
  const rec = (await api(`/api/collections/${NAME}/records`)).items[0];
  await api(`/api/collections/${NAME}/records/${rec.id}`, { method: 'PATCH', body: { title: 'Changed' } });
  await until(() => bad.got.length === 1, 'the failing delivery');
  // the next try is 5 s later: the pending row shows (the page reloads by itself) with the error
  const row = page.locator('tr.job-row', { hasText: 'HTTP 500' });
  await row.waitFor();
  assert.match(await row.textContent(), /coffer:webhook.*pending.*1\/8/s);
  await shot(page, '16-jobs-pending');
  const jobId = await row.getAttribute('data-job');
  await row.getByRole('button', { name: /^Cancel job/ }).click();
  await page.locator('.toast', { hasText: 'The job was cancelled.' }).waitFor();
  assert.equal((await api(`/api/jobs/${jobId}`)).state, 'cancelled');
  await page.getByRole('tab', { name: /^Cancelled/ }).click();
  const cancelled = page.locator(`tr.job-row[data-job="${jobId}"]`);
  await cancelled.getByRole('button', { name: /^Retry job/ }).click();
  await page.locator('.toast', { hasText: 'The job will run again.' }).waitFor();
  await until(() => bad.got.length === 2, 'the retried delivery');
  await until(async () => (await api(`/api/jobs/${jobId}`)).state === 'pending', 'the job pending again');
  await api(`/api/jobs/${jobId}/cancel`, { method: 'POST' });

  // the log of the failing webhook: 500, failed, a next try; the webhook is marked failing
  await goto(page, `/webhooks?webhook=${failingId}`);
  const logRow = deliveryRows(page).first();
  await logRow.waitFor();
  assert.equal((await logRow.locator('.wh-status').textContent()).trim(), '500');
  assert.equal((await logRow.locator('.wh-result').textContent()).trim(), 'Failed');
  assert.equal(await logRow.locator('.wh-next time').count(), 1, 'a next try');
  await page.locator(`tr[data-webhook="${failingId}"] .wh-badge`, { hasText: 'Failing since' }).waitFor();
  await logRow.click();
  assert.equal(await page.locator('.wh-response').textContent(), 'boom');
  await shot(page, '16-webhooks-failing');
  assertNoProblems(page);
  await page.context().close();
});

test('the Jobs page lists the done jobs with their payloads and purges them', async () => {
  const page = await open();
  await goto(page, '/jobs');
  const done = page.getByRole('tab', { name: /^Done/ });
  await until(async () => /Done\s*[1-9]/.test(await done.textContent()), 'done jobs counted');
  await done.click();
  await page.getByRole('tab', { name: /^Done/, selected: true }).waitFor();
  await page.getByLabel('Job type').selectOption('coffer:webhook');
  await page.waitForFunction(() => location.hash.includes('type=coffer%3Awebhook') && location.hash.includes('state=done'));
  const rows = page.locator('tr.job-row');
  await rows.first().waitFor();
  const n = (await api('/api/jobs/stats')).counts.done;
  assert.equal(await rows.count(), n);
  await rows.first().getByRole('button', { name: /^Show the payload/ }).click();
  const detail = page.locator('tr.job-detail');
  await detail.locator('pre', { hasText: '"messageId": "msg_' }).waitFor();
  assert.match(await detail.textContent(), /payload\.body, parsed/);
  await shot(page, '16-jobs');
  await page.getByRole('button', { name: 'Purge done jobs' }).click();
  await confirmWith(page, 'Purge');
  await page.locator('.toast', { hasText: /^Deleted \d+ done jobs?\.$/ }).waitFor();
  await page.getByText('No done jobs of type coffer:webhook.').waitFor();
  assert.equal((await api('/api/jobs/stats')).counts.done, 0);
  await shot(page, '16-jobs-empty');

  // pausing this instance's workers, then resuming them
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.locator('.jobs-paused', { hasText: 'Paused' }).waitFor();
  await shot(page, '16-jobs-paused');
  assert.equal((await api('/api/jobs/stats')).paused, true);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await page.locator('.jobs-paused').waitFor({ state: 'detached' });
  assert.equal((await api('/api/jobs/stats')).paused, false);
  assertNoProblems(page);
  await page.context().close();
});

test('both pages fit a narrow window in dark mode', async () => {
  const page = await openPage(browser, { viewport: { width: 760, height: 900 }, colorScheme: 'dark' });
  page.setDefaultTimeout(15_000);
  await goto(page, `/webhooks?webhook=${hookId}`);
  await deliveryRows(page).first().waitFor();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(await overflow(), 0, 'no page-wide horizontal scroll');
  await shot(page, '16-webhooks-narrow-dark');
  await goto(page, '/jobs?state=cancelled');
  await page.locator('tr.job-row').first().waitFor();
  assert.equal(await overflow(), 0, 'no page-wide horizontal scroll');
  await shot(page, '16-jobs-narrow-dark');
  assertNoProblems(page);
  await page.context().close();
});

test('a webhook is deleted with its log', async () => {
  const page = await open();
  await goto(page, `/webhooks?webhook=${failingId}`);
  await page.getByRole('button', { name: 'Delete webhook' }).click();
  await confirmWith(page, 'Delete');
  await page.locator('.toast', { hasText: 'The webhook was deleted.' }).waitFor();
  await page.locator(`tr[data-webhook="${failingId}"]`).waitFor({ state: 'detached' });
  await api(`/api/collections/_webhooks/records/${failingId}`, { expect: [404] });
  assertNoProblems(page);
  await page.context().close();
});
