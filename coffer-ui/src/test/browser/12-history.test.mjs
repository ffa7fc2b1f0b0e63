// Record history and audit: the History tab of the collection editor, a record's timeline with its field diffs, a
// version restored (and a restore the API refuses), a deleted record restored from the deleted records, the
// Audit page with the collection change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, goto, shot, api, adminAuth, assertNoProblems } from './support.mjs';

const NAME = 'hist_notes';
const LONG = `A long body: ${'lorem ipsum dolor sit amet '.repeat(12)}the end.`;
let browser;
let recordId = '';

before(async () => {
  browser = await launchBrowser();
  await api(`/api/collections/${NAME}`, { method: 'DELETE', expect: [204, 404] });
  await api('/api/collections', { method: 'POST', body: { name: NAME, type: 'base', fields: [
    { name: 'title', type: 'text', required: true, presentable: true },
    { name: 'body', type: 'text' },
    { name: 'tags', type: 'select', values: ['red', 'green', 'blue'], maxSelect: 3 },
    { name: 'meta', type: 'json' },
  ] } });
});

after(async () => { await browser?.close(); });

async function open(b) {
  const page = await openPage(b);
  page.setDefaultTimeout(10_000);
  return page;
}

async function openCollection(page) {
  await goto(page, `/collections?collection=${NAME}`);
  await page.getByRole('heading', { name: NAME, level: 1 }).waitFor();
  await page.locator('.records-table[aria-busy="false"]').waitFor();
}

const form = (page) => page.getByRole('dialog', { name: /record$/ });
const editor = (page) => page.locator('c-collection-editor');
const confirmWith = (page, label) => page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: label }).click();

test('history is turned on in the collection editor', async () => {
  const page = await open(browser);
  await openCollection(page);
  assert.equal(await page.getByRole('button', { name: 'Deleted records' }).count(), 0, 'no deleted records without history');
  await page.getByRole('button', { name: 'Edit collection' }).click();
  await editor(page).getByRole('tab', { name: 'History' }).click();
  await editor(page).getByLabel('Keep record history').check();
  await editor(page).getByLabel('Keep for N days (0 = forever)').fill('30');
  assert.ok(await editor(page).getByRole('tabpanel', { name: 'History' }).getByText('Only superusers can do this.').isVisible(),
    'the history rule starts locked');
  await editor(page).getByRole('button', { name: 'Unlock History rule' }).click();
  await editor(page).getByLabel('History rule', { exact: true }).fill('title != ""');
  await shot(page, '12-history-options');
  await editor(page).getByRole('button', { name: 'Save changes', exact: true }).click();
  await editor(page).waitFor({ state: 'detached' });
  const c = await api(`/api/collections/${NAME}`);
  assert.deepEqual(c.history, { enabled: true, retentionDays: 30 });
  assert.equal(c.historyRule, 'title != ""');
  await page.getByRole('button', { name: 'Deleted records' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});

test('a record\'s changes in its History tab; a version restored, and a restore the API refuses', async () => {
  const page = await open(browser);
  await openCollection(page);
  // version 1: created in the form; version 2: edited in the form; version 3: a JSON value set through the API
  await page.getByRole('button', { name: 'New record' }).first().click();
  const f = form(page);
  await f.getByLabel('title').fill('First draft');
  await f.getByLabel('body').fill('Short body');
  await f.getByRole('button', { name: 'Create' }).click();
  await f.waitFor({ state: 'detached' });
  recordId = (await api(`/api/collections/${NAME}/records?filter=${encodeURIComponent('title="First draft"')}`)).items[0].id;
  await page.locator('tr.clickable').filter({ hasText: 'First draft' }).click();
  await f.getByLabel('title').fill('Second draft');
  await f.getByLabel('body').fill(LONG);
  const tags = f.getByRole('group', { name: 'tags' });
  await tags.getByRole('button', { name: 'red' }).click();
  await tags.getByRole('button', { name: 'blue' }).click();
  await f.getByRole('button', { name: 'Save changes' }).click();
  await f.waitFor({ state: 'detached' });
  await api(`/api/collections/${NAME}/records/${recordId}`, { method: 'PATCH', body: { meta: { pages: 3, draft: true } } });

  await page.locator('tr.clickable').filter({ hasText: 'Second draft' }).click();
  await f.getByRole('tab', { name: 'History' }).click();
  const timeline = f.locator('.hv-timeline');
  await timeline.locator('.hv-entry').nth(2).waitFor();
  assert.deepEqual(await timeline.locator('.hv-version').allTextContents(), ['Version 3', 'Version 2', 'Version 1'], 'newest first');
  assert.match(await f.locator('.hv-toolbar').textContent(), /3\s+changes/);
  const v1 = timeline.locator('.hv-entry[data-version="1"]');
  assert.match(await v1.locator('.hv-head').textContent(), /Created.*by\s+you \(admin@example\.com\)/s);
  assert.equal(await v1.locator('[data-field="title"] ins').textContent(), 'First draft');
  const v2 = timeline.locator('.hv-entry[data-version="2"]');
  assert.match(await v2.locator('.hv-head').textContent(), /Updated/);
  assert.match(await v2.locator('.hv-client').textContent(), /127\.0\.0\.1.*Chrome/s, 'IP and user agent');
  assert.equal(await v2.locator('[data-field="title"] del').textContent(), 'First draft');
  assert.equal(await v2.locator('[data-field="title"] ins').textContent(), 'Second draft');
  assert.equal(await v2.locator('[data-field="tags"] .hv-empty').textContent(), 'empty');
  assert.deepEqual(await v2.locator('[data-field="tags"] ins .chip').allTextContents(), ['red', 'blue']);
  // a long value is cut short until asked for
  const body = v2.locator('[data-field="body"] ins');
  assert.ok((await body.textContent()).length < LONG.length, 'the long body is shortened');
  await body.getByRole('button', { name: 'more' }).click();
  assert.ok((await body.textContent()).includes('the end.'), 'the whole body after "more"');
  assert.equal(await timeline.locator('.hv-entry[data-version="3"] [data-field="meta"] ins').textContent(), '{"pages":3,"draft":true}');
  assert.equal(await timeline.locator('.hv-entry[data-version="3"]').getByRole('button', { name: /Restore/ }).count(), 0, 'not the current version');
  const time = timeline.locator('.hv-entry[data-version="1"] time');
  assert.match(await time.textContent(), /just now|second|minute/);
  assert.match(await time.getAttribute('title'), /UTC/);
  await shot(page, '12-history-timeline');

  // version 1 comes back as version 4
  await f.getByRole('button', { name: 'Restore version 1' }).click();
  await confirmWith(page, 'Restore');
  await page.locator('.toast', { hasText: 'Version 1 was restored.' }).waitFor();
  await timeline.locator('.hv-entry[data-version="4"]').waitFor();
  let rec = await api(`/api/collections/${NAME}/records/${recordId}`);
  assert.equal(rec.title, 'First draft');
  assert.equal(rec.body, 'Short body');
  assert.deepEqual(rec.tags, []);
  await f.getByRole('tab', { name: 'Record' }).click();
  assert.equal(await f.getByLabel('title').inputValue(), 'First draft', 'the form shows the restored values');
  await page.locator('tr.clickable').filter({ hasText: 'First draft' }).waitFor();

  // a version the collection no longer accepts: the API's message is shown
  const c = await api(`/api/collections/${NAME}`);
  c.fields.find((x) => x.name === 'title').max = 5;
  await api(`/api/collections/${NAME}`, { method: 'PATCH', body: { fields: c.fields } });
  await f.getByRole('tab', { name: 'History' }).click();
  await f.getByRole('button', { name: 'Restore version 2' }).click();
  await confirmWith(page, 'Restore');
  await page.locator('.toast-error', { hasText: /Failed to restore record\..*title/ }).waitFor();
  rec = await api(`/api/collections/${NAME}/records/${recordId}`);
  assert.equal(rec.title, 'First draft', 'nothing was written');
  c.fields.find((x) => x.name === 'title').max = 0;
  await api(`/api/collections/${NAME}`, { method: 'PATCH', body: { fields: c.fields } });
  assertNoProblems(page);
  await page.context().close();
});

test('a deleted record comes back from the deleted records', async () => {
  const page = await open(browser);
  await openCollection(page);
  await page.locator('tr.clickable').filter({ hasText: 'First draft' }).click();
  const f = form(page);
  await f.getByRole('button', { name: 'More actions' }).click();
  await f.getByRole('menuitem', { name: 'Delete' }).click();
  await confirmWith(page, 'Delete');
  await f.waitFor({ state: 'detached' });
  await page.locator('tr.clickable').filter({ hasText: 'First draft' }).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Deleted records' }).click();
  const panel = page.getByRole('dialog', { name: `Deleted records of ${NAME}` });
  const entry = panel.locator(`.dr-entry[data-record="${recordId}"]`);
  await entry.waitFor();
  await entry.locator('summary').click();
  assert.equal(await entry.locator('[data-field="title"] .hv-last').textContent(), 'First draft');
  assert.match(await entry.locator('.hv-head').textContent(), /deleted by\s+you/);
  await shot(page, '12-history-deleted');
  await entry.getByRole('button', { name: `Restore record ${recordId}` }).click();
  await confirmWith(page, 'Restore');
  await page.locator('.toast', { hasText: `The record ${recordId} was restored.` }).waitFor();
  await entry.getByText('exists again').waitFor();
  const rec = await api(`/api/collections/${NAME}/records/${recordId}`);
  assert.equal(rec.title, 'First draft');
  await panel.getByRole('button', { name: 'Close' }).click();
  await panel.waitFor({ state: 'detached' });
  await page.locator('tr.clickable').filter({ hasText: 'First draft' }).waitFor();
  // its history goes on: the delete and the restore are versions 5 and 6
  const history = await api(`/api/collections/${NAME}/records/${recordId}/history`);
  assert.deepEqual(history.items.slice(0, 2).map((e) => [e.version, e.action]), [[6, 'create'], [5, 'delete']]);
  assertNoProblems(page);
  await page.context().close();
});

test('the Audit page lists the collection change; superusers have a History tab', async () => {
  const page = await open(browser);
  await goto(page, '/collections');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Collections' }).click();
  await page.waitForURL(/#\/audit\?kind=collections/);
  const rows = page.locator('tr.audit-row').filter({ hasText: NAME });
  await rows.first().waitFor();
  // the change that turned history on: an update of hist_notes whose changes hold "history"
  const [change] = (await api('/api/audit?kind=collections&perPage=50')).items
    .filter((e) => e.action === 'update' && e.changes.history);
  assert.ok(change, 'the API lists the change');
  const row = page.locator(`tr.audit-row[data-entry="${change.id}"]`);
  assert.match(await row.textContent(), new RegExp(`Updated.*collection\\s+${NAME}.*you`, 's'));
  await row.getByRole('button', { name: /changes?/ }).click();
  const detail = page.locator(`#audit-detail-${change.id}`);
  await detail.locator('[data-field="history"]').waitFor();
  assert.match(await detail.locator('[data-field="history"] ins').textContent(), /"enabled":true/);
  assert.match(await detail.locator('[data-field="historyRule"]').textContent(), /title != ""/);
  // a change of the fields names the changed field
  const [fieldsChange] = (await api('/api/audit?kind=collections&perPage=50')).items.filter((e) => e.changes.fields);
  await page.locator(`tr.audit-row[data-entry="${fieldsChange.id}"]`).getByRole('button', { name: /changes?/ }).click();
  const summary = page.locator(`#audit-detail-${fieldsChange.id} .hv-summary`);
  assert.match(await summary.textContent(), /changed\s+title:\s*max\s+5\s+→\s+0/);
  await shot(page, '12-history-audit');
  // the superusers' own changes
  // (the collection rows name "you (admin@example.com)" too: wait for them to go before looking at the new list)
  await page.getByRole('tab', { name: 'Superusers' }).click();
  await page.waitForURL(/#\/audit\?kind=superusers/);
  await page.locator('tr.audit-row').filter({ hasText: NAME }).first().waitFor({ state: 'detached' });
  await page.locator('tr.audit-row').filter({ hasText: 'admin@example.com' }).first().waitFor();
  assert.equal(await page.locator('tr.audit-row').filter({ hasText: NAME }).count(), 0);

  const { record } = await adminAuth();
  await goto(page, `/collections?collection=_superusers&record=${record.id}`);
  const f = form(page);
  await f.getByRole('tab', { name: 'History' }).click();
  await f.locator('.hv-entry[data-version="1"]').waitFor();
  // a secret is only noted as changed
  assert.equal((await f.locator('.hv-entry[data-version="1"] [data-field="password"] dd').textContent()).trim(), 'changed');
  assertNoProblems(page);
  await page.context().close();
});
