// Field access and events mode in the collection editor: a read rule with a mask and a write rule set on a field
// (and only there in the saved JSON), a bad rule and an unknown mask shown on the field, events mode with an events
// rule, the table rebuilt from its events after its rows were deleted with SQL, and the latest events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, goto, shot, api, assertNoProblems } from './support.mjs';

const PEOPLE = 'acc_people';
const ORDERS = 'acc_orders';
const RULE = 'owner = @request.auth.id';
let browser;

before(async () => {
  browser = await launchBrowser();
  for (const name of [PEOPLE, ORDERS]) await api(`/api/collections/${name}`, { method: 'DELETE', expect: [204, 404] });
  await api('/api/collections', { method: 'POST', body: { name: PEOPLE, type: 'base', fields: [
    { name: 'name', type: 'text', presentable: true },
    { name: 'phone', type: 'text' },
    { name: 'owner', type: 'text' },
  ] } });
  await api('/api/collections', { method: 'POST', body: { name: ORDERS, type: 'base', fields: [
    { name: 'title', type: 'text' },
    { name: 'amount', type: 'number' },
  ] } });
});

after(async () => { await browser?.close(); });

const editor = (page) => page.locator('c-collection-editor');
const fieldRow = (page, name) => editor(page).locator(`li.ce-field[data-field-name="${name}"]`);

async function openEditor(page, name) {
  await goto(page, `/collections?collection=${name}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Edit collection' }).click();
  await editor(page).locator('.ce').waitFor();
}

async function openField(page, name) {
  await fieldRow(page, name).getByRole('button', { name: `Options of ${name}` }).click();
  const access = editor(page).getByRole('region', { name: `Access of ${name}` });
  await access.waitFor();
  return access;
}

test('a read rule with a mask and a write rule are set on a field', async () => {
  const page = await openPage(browser);
  page.setDefaultTimeout(10_000);
  await openEditor(page, PEOPLE);
  const access = await openField(page, 'phone');
  assert.equal(await access.getByLabel('Mask', { exact: true }).count(), 0, 'no mask without a read rule');
  await access.getByLabel('Read rule', { exact: true }).selectOption('rule');
  await access.getByLabel('Read rule filter').fill(RULE);
  await access.getByLabel('Mask', { exact: true }).selectOption('last4');
  await access.getByLabel('Write rule', { exact: true }).selectOption('superusers');
  const row = fieldRow(page, 'phone');
  assert.match(await row.locator('[data-access="readRule"]').getAttribute('title'), /Read rule: owner = @request\.auth\.id/);
  assert.match(await row.locator('[data-access="writeRule"]').getAttribute('title'), /superusers only/);
  assert.equal(await row.locator('[data-access="mask"]').textContent(), 'Mask last4');
  await access.getByLabel('Mask', { exact: true }).focus(); // the rule's suggestions close on blur
  await access.locator('.fi-suggestions').first().waitFor({ state: 'hidden' });
  await row.scrollIntoViewIfNeeded();
  await shot(page, '14-field-access');
  await editor(page).getByRole('button', { name: 'Save changes', exact: true }).click();
  await editor(page).waitFor({ state: 'detached' });

  const c = await api(`/api/collections/${PEOPLE}`);
  const phone = c.fields.find((f) => f.name === 'phone');
  assert.equal(phone.readRule, RULE);
  assert.equal(phone.writeRule, null);
  assert.ok('writeRule' in phone, 'superusers only is saved as null');
  assert.equal(phone.mask, 'last4');
  for (const f of c.fields.filter((x) => x.name !== 'phone')) {
    assert.deepEqual(['readRule', 'writeRule', 'mask'].filter((k) => k in f), [], `no access keys on ${f.name}`);
  }

  // the badges show on the list when the editor opens again; the write rule goes back to unset
  await page.getByRole('button', { name: 'Edit collection' }).click();
  await fieldRow(page, 'phone').locator('[data-access="readRule"]').waitFor();
  assert.equal(await fieldRow(page, 'name').locator('.ce-access-badge').count(), 0);
  const again = await openField(page, 'phone');
  assert.equal(await again.getByLabel('Read rule filter').inputValue(), RULE);
  await again.getByLabel('Write rule', { exact: true }).selectOption('unset');
  await editor(page).getByRole('button', { name: 'Save changes', exact: true }).click();
  await editor(page).waitFor({ state: 'detached' });
  const phone2 = (await api(`/api/collections/${PEOPLE}`)).fields.find((f) => f.name === 'phone');
  assert.ok(!('writeRule' in phone2), 'the write rule is gone');
  assert.equal(phone2.readRule, RULE);
  assertNoProblems(page);
  await page.context().close();
});

test('a bad rule and an unknown mask show their errors on the field', async () => {
  const page = await openPage(browser);
  page.setDefaultTimeout(10_000);
  await openEditor(page, PEOPLE);
  const access = await openField(page, 'owner');
  await access.getByLabel('Read rule', { exact: true }).selectOption('rule');
  await access.getByLabel('Read rule filter').fill('nosuchfield = 1');
  await access.getByLabel('Mask', { exact: true }).selectOption('__custom');
  await access.getByLabel('Custom mask name').fill('nosuchmask');
  await editor(page).getByRole('button', { name: 'Save changes', exact: true }).click();
  const ruleErr = access.locator('[data-access-rule="readRule"] .field-error');
  await ruleErr.waitFor();
  assert.ok((await ruleErr.textContent()).trim().length > 0, 'the rule error has a message');
  assert.ok(await access.locator('[data-access-rule="mask"] .field-error').isVisible(), 'the mask error shows');
  await access.scrollIntoViewIfNeeded();
  await shot(page, '14-field-access-errors');
  const owner = (await api(`/api/collections/${PEOPLE}`)).fields.find((f) => f.name === 'owner');
  assert.ok(!('readRule' in owner) && !('mask' in owner), 'nothing was saved');
  // a known custom-typed mask is accepted once the rule is fixed
  await access.getByLabel('Read rule filter').fill('owner != ""');
  await access.getByLabel('Custom mask name').fill('redact');
  await editor(page).getByRole('button', { name: 'Save changes', exact: true }).click();
  await editor(page).waitFor({ state: 'detached' });
  const saved = (await api(`/api/collections/${PEOPLE}`)).fields.find((f) => f.name === 'owner');
  assert.equal(saved.readRule, 'owner != ""');
  assert.equal(saved.mask, 'redact');
  assertNoProblems(page);
  await page.context().close();
});

test('events mode with an events rule; the table is rebuilt from its events; the latest events', async () => {
  const page = await openPage(browser);
  page.setDefaultTimeout(10_000);
  await openEditor(page, ORDERS);
  const ed = editor(page);
  await ed.getByRole('tab', { name: 'Events' }).click();
  const panel = ed.getByRole('tabpanel', { name: 'Events' });
  assert.equal(await panel.getByRole('button', { name: 'Rebuild from events' }).count(), 0, 'no rebuild while in crud mode');
  await panel.getByLabel('Events mode').check();
  await panel.getByText('Save the collection to rebuild it').waitFor();
  await panel.getByRole('button', { name: 'Unlock Events rule' }).click();
  await panel.getByLabel('Events rule', { exact: true }).fill('@request.auth.id != ""');
  await ed.getByRole('tab', { name: 'History' }).click();
  const history = ed.getByRole('tabpanel', { name: 'History' });
  await history.getByText('In events mode').waitFor();
  assert.ok(await history.getByLabel('Keep record history').isChecked());
  assert.ok(await history.getByLabel('Keep record history').isDisabled());
  await ed.getByRole('button', { name: 'Save changes', exact: true }).click();
  await ed.waitFor({ state: 'detached' });
  const c = await api(`/api/collections/${ORDERS}`);
  assert.equal(c.mode, 'events');
  assert.equal(c.eventsRule, '@request.auth.id != ""');

  // three records and an update, then the rows deleted behind the log's back
  const ids = [];
  for (const [title, amount] of [['first', 1], ['second', 2], ['third', 3]]) {
    ids.push((await api(`/api/collections/${ORDERS}/records`, { method: 'POST', body: { title, amount } })).id);
  }
  await api(`/api/collections/${ORDERS}/records/${ids[1]}`, { method: 'PATCH', body: { amount: 20 } });
  await api('/api/sql', { method: 'POST', body: { query: `DELETE FROM ${ORDERS}` } });
  assert.equal((await api(`/api/collections/${ORDERS}/records`)).totalItems, 0, 'the rows are gone');

  await page.getByRole('button', { name: 'Edit collection' }).click();
  await ed.getByRole('tab', { name: 'Events' }).click();
  const log = panel.getByRole('region', { name: 'Latest events' });
  await log.locator('li.ce-event').nth(3).waitFor();
  assert.equal(await log.locator('li.ce-event').count(), 4);
  await panel.getByRole('button', { name: 'Rebuild from events' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Rebuild' }).click();
  await page.locator('.toast', { hasText: `Rebuilt "${ORDERS}" from 4 events.` }).waitFor();
  const back = await api(`/api/collections/${ORDERS}/records?sort=title`);
  assert.deepEqual(back.items.map((r) => [r.id, r.title, r.amount]).sort(),
    [[ids[0], 'first', 1], [ids[1], 'second', 20], [ids[2], 'third', 3]].sort());

  // a newer event shows after "Load newer", newest first, with its changes
  const fourth = await api(`/api/collections/${ORDERS}/records`, { method: 'POST', body: { title: 'fourth', amount: 4 } });
  await log.getByRole('button', { name: 'Load newer' }).click();
  await log.locator('li.ce-event').nth(4).waitFor();
  const first = log.locator('li.ce-event').first();
  assert.match(await first.locator('summary').textContent(), new RegExp(`Created\\s+${fourth.id}\\s+v1`));
  await first.locator('summary').click();
  assert.equal(await first.locator('[data-field="title"] ins').textContent(), 'fourth');
  await shot(page, '14-events');

  // live: an event made while following shows without a click
  await log.getByLabel('Follow live').check();
  await page.waitForTimeout(300);
  const fifth = await api(`/api/collections/${ORDERS}/records`, { method: 'POST', body: { title: 'fifth', amount: 5 } });
  await log.locator(`li.ce-event`).first().filter({ hasText: fifth.id }).waitFor();
  await log.getByLabel('Follow live').uncheck();
  assertNoProblems(page);
  await page.context().close();
});

test('the access section and the Events tab at phone size in dark mode', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  page.setDefaultTimeout(10_000);
  await openEditor(page, PEOPLE);
  const access = await openField(page, 'phone');
  await access.scrollIntoViewIfNeeded();
  await shot(page, '14-field-access-phone-dark');
  await page.keyboard.press('Escape');
  await editor(page).waitFor({ state: 'detached' });
  await openEditor(page, ORDERS);
  await editor(page).getByRole('tab', { name: 'Events' }).click();
  await editor(page).locator('li.ce-event').first().waitFor();
  await shot(page, '14-events-phone-dark');
  assertNoProblems(page);
  await page.context().close();
});
