// The records page: collections sidebar, the record form with every widget (generated from the ui-schema),
// client and server validation, relation picker, files, filter autocomplete, sorting, paging, bulk delete, live
// updates, duplicate, delete, impersonation and export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, launchBrowser, openPage, goto, shot, api, adminAuth, assertNoProblems } from './support.mjs';

// a 1x1 PNG (red) and a 2x1 PNG, for the file widget
const PNG_A = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const PNG_B = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR42mNk+M/wn4GBgQEAEQMCAcGp7z4AAAAASUVORK5CYII=', 'base64');

let browser;
let token;
const ids = {};

/** A record list as the superuser (fast: one login for the whole file). */
async function call(path, { method = 'GET', body } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method, headers: { Authorization: token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

before(async () => {
  browser = await launchBrowser();
  token = (await adminAuth()).token;
  // left over from an earlier run against the same server
  for (const name of ['rec_view', 'rec_items', 'rec_many', 'rec_members', 'rec_authors']) {
    const res = await fetch(`${BASE}/api/collections/${name}`, { method: 'DELETE', headers: { Authorization: token } });
    assert.ok([204, 404].includes(res.status), `deleting ${name}: ${res.status}`);
  }
  const authors = await api('/api/collections', { method: 'POST', body: { name: 'rec_authors', type: 'base', fields: [
    { name: 'name', type: 'text', presentable: true }] } });
  ids.authors = authors.id;
  for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing']) {
    const r = await call('/api/collections/rec_authors/records', { method: 'POST', body: { name } });
    ids[name] = r.id;
  }
  const items = await api('/api/collections', { method: 'POST', body: { name: 'rec_items', type: 'base', fields: [
    { name: 'title', type: 'text', required: true, presentable: true, max: 100 },
    { name: 'code', type: 'text', pattern: '^[A-Z]{3}$' },
    { name: 'body', type: 'editor' },
    { name: 'score', type: 'number', min: 0, max: 10 },
    { name: 'price', type: 'number' },
    { name: 'active', type: 'bool' },
    { name: 'contact', type: 'email' },
    { name: 'website', type: 'url' },
    { name: 'due', type: 'date' },
    { name: 'status', type: 'select', values: ['draft', 'published', 'archived'], maxSelect: 1 },
    { name: 'tags', type: 'select', values: ['red', 'green', 'blue', 'yellow'], maxSelect: 3 },
    { name: 'docs', type: 'file', maxSelect: 5, maxSize: 1000000 },
    { name: 'author', type: 'relation', collectionId: authors.id, maxSelect: 1 },
    { name: 'meta', type: 'json' },
    { name: 'place', type: 'geoPoint' },
    { name: 'created', type: 'autodate', onCreate: true },
    { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
  ], indexes: ['CREATE UNIQUE INDEX idx_rec_items_code ON rec_items (code) WHERE code != \'\''] } });
  ids.items = items.id;
  await api('/api/collections', { method: 'POST', body: { name: 'rec_members', type: 'auth', fields: [{ name: 'name', type: 'text' }] } });
  await api('/api/collections', { method: 'POST', body: { name: 'rec_view', type: 'view',
    viewQuery: 'SELECT id, title, score FROM rec_items' } });
  await api('/api/collections', { method: 'POST', body: { name: 'rec_many', type: 'base', fields: [
    { name: 'title', type: 'text', presentable: true }, { name: 'n', type: 'number' }] } });
  for (let i = 0; i < 100; i += 20) {
    await Promise.all(Array.from({ length: 20 }, (_, j) => call('/api/collections/rec_many/records', {
      method: 'POST', body: { title: `Row ${String(i + j + 1).padStart(3, '0')}`, n: i + j + 1 },
    })));
  }
});

after(async () => { await browser?.close(); });

/** A logged-in page that gives up on a missing element after 10 s. */
async function open(b, opts) {
  const page = await openPage(b, opts);
  page.setDefaultTimeout(10_000);
  return page;
}

/** Opens the records of a collection and waits for its rows. */
async function openCollection(page, name) {
  await goto(page, `/collections?collection=${name}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.locator('.records-table[aria-busy="false"]').waitFor();
}

const form = (page) => page.getByRole('dialog', { name: /record$/ });

test('a record is created with every widget, then edited', async () => {
  const page = await open(browser);
  await openCollection(page, 'rec_items');
  // the sidebar lists the collections, system ones apart
  const nav = page.getByRole('complementary', { name: 'Collections' });
  await nav.getByRole('link', { name: 'rec_authors' }).waitFor();
  assert.equal(await nav.getByRole('link', { name: '_superusers' }).count(), 0, 'system collections start collapsed');
  await nav.getByRole('button', { name: /System/ }).click();
  await nav.getByRole('link', { name: '_superusers' }).waitFor();
  await nav.getByRole('button', { name: /System/ }).click();
  // search and pins (kept over a reload)
  await nav.getByRole('searchbox', { name: 'Search collections' }).fill('rec_a');
  await nav.getByRole('link', { name: 'rec_many' }).waitFor({ state: 'detached' });
  await nav.getByRole('searchbox', { name: 'Search collections' }).fill('');
  await nav.getByRole('button', { name: 'Pin rec_many' }).click();
  await page.reload();
  await nav.getByRole('button', { name: 'Unpin rec_many' }).waitFor();
  assert.equal(await nav.locator('.sidebar-title').first().textContent(), 'Pinned');
  await nav.getByRole('button', { name: 'Unpin rec_many' }).click();
  await page.getByRole('button', { name: 'New record' }).first().click();
  const f = form(page);
  await f.getByLabel('title').fill('First item');
  await f.getByLabel('code').fill('ABC');
  const editor = f.getByRole('textbox', { name: 'body' });
  await editor.click();
  await page.keyboard.type('Hello world');
  await page.keyboard.press('Control+A');
  await f.getByRole('button', { name: 'Bold' }).click();
  await f.getByLabel('score value').fill('7');
  await f.getByLabel('price').fill('12.5');
  await f.getByRole('switch', { name: 'active' }).check();
  await f.getByLabel('contact').fill('ann@example.com');
  await f.getByLabel('website').fill('https://example.com/x');
  await f.getByLabel('due date (UTC)').fill('2024-05-06');
  await f.getByLabel('due time (UTC)').fill('07:08:09');
  await f.getByRole('group', { name: 'status' }).getByRole('button', { name: 'published' }).click();
  const tags = f.getByRole('group', { name: /^tags/ });
  await tags.getByRole('button', { name: 'red' }).click();
  await tags.getByRole('button', { name: 'blue' }).click();
  await f.getByLabel('Upload docs').setInputFiles([
    { name: 'alpha.png', mimeType: 'image/png', buffer: PNG_A },
    { name: 'beta.png', mimeType: 'image/png', buffer: PNG_B },
  ]);
  await f.locator('.file-item.is-new').nth(1).waitFor();
  await f.getByRole('button', { name: 'Choose author' }).click();
  const picker = page.getByRole('dialog', { name: /Select a record of rec_authors/ });
  await picker.getByRole('radio').first().waitFor();
  await picker.getByRole('searchbox', { name: 'Search records' }).fill('Grace');
  await picker.locator('.picker-item').filter({ hasText: 'Ada' }).waitFor({ state: 'detached' });
  await shot(page, '03-relation-picker');
  await picker.getByRole('radio').first().check();
  await picker.getByRole('button', { name: 'Set selection' }).click();
  await f.locator('.relation-chip').filter({ hasText: 'Grace Hopper' }).waitFor();
  await f.getByLabel('meta').fill('{"a": [1, 2], "b": "x"}');
  await f.getByText('Valid JSON (object)').waitFor();
  await f.getByLabel('place longitude').fill('2.35');
  await f.getByLabel('place latitude').fill('48.85');
  await page.setViewportSize({ width: 1280, height: 2300 });
  await shot(page, '03-record-form');
  await page.setViewportSize({ width: 1280, height: 800 });
  await f.getByRole('button', { name: 'Create' }).click();
  await f.waitFor({ state: 'detached' });
  await page.locator('tr.clickable').filter({ hasText: 'First item' }).waitFor();

  const list = await call('/api/collections/rec_items/records');
  assert.equal(list.items.length, 1);
  const r = list.items[0];
  ids.first = r.id;
  assert.equal(r.title, 'First item');
  assert.equal(r.code, 'ABC');
  assert.equal(r.body, '<p><b>Hello world</b></p>');
  assert.equal(r.score, 7);
  assert.equal(r.price, 12.5);
  assert.equal(r.active, true);
  assert.equal(r.contact, 'ann@example.com');
  assert.equal(r.website, 'https://example.com/x');
  assert.equal(r.due, '2024-05-06 07:08:09.000Z');
  assert.equal(r.status, 'published');
  assert.deepEqual(r.tags, ['red', 'blue']);
  assert.equal(r.docs.length, 2);
  assert.match(r.docs[0], /^alpha_\w{10}\.png$/);
  assert.match(r.docs[1], /^beta_\w{10}\.png$/);
  assert.equal(r.author, ids['Grace Hopper']);
  assert.deepEqual(r.meta, { a: [1, 2], b: 'x' });
  assert.deepEqual(r.place, { lon: 2.35, lat: 48.85 });

  // the list shows the relation by its presentable field, the files as thumbnails
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('group', { name: 'Columns' }).getByLabel('author').check();
  await page.getByRole('group', { name: 'Columns' }).getByLabel('docs').check();
  await page.keyboard.press('Escape');
  const row = page.locator('tr.clickable').filter({ hasText: 'First item' });
  await row.locator('.rel-chip', { hasText: 'Grace Hopper' }).waitFor();
  await row.locator('img.thumb').first().waitFor();

  // edit: change values, remove a file, add one
  await row.click();
  await f.getByLabel('title').waitFor();
  assert.equal(await f.getByLabel('title').inputValue(), 'First item');
  await f.getByLabel('title').fill('First item, edited');
  await f.getByRole('group', { name: /^tags/ }).getByRole('button', { name: 'red' }).click(); // off
  await f.getByRole('group', { name: /^tags/ }).getByRole('button', { name: 'green' }).click(); // on
  await f.getByRole('switch', { name: 'active' }).uncheck();
  await f.getByRole('button', { name: /^Remove alpha_/ }).click();
  await f.getByText('deleted on save').waitFor();
  // a file dropped on the widget
  await f.locator('[data-field="docs"] .file-widget').evaluate((el, b64) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], 'gamma.png', { type: 'image/png' }));
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, PNG_A.toString('base64'));
  await f.locator('.file-item.is-new', { hasText: 'gamma.png' }).waitFor();
  await f.getByRole('button', { name: 'Save changes' }).click();
  await f.waitFor({ state: 'detached' });
  await page.locator('tr.clickable').filter({ hasText: 'First item, edited' }).waitFor();
  const e = await call(`/api/collections/rec_items/records/${ids.first}`);
  assert.equal(e.title, 'First item, edited');
  assert.deepEqual(e.tags, ['blue', 'green']);
  assert.equal(e.active, false);
  assert.equal(e.docs.length, 2);
  assert.equal(e.docs[0], r.docs[1]);
  assert.match(e.docs[1], /^gamma_\w{10}\.png$/);
  assert.equal(e.code, 'ABC', 'fields left alone keep their values');
  assert.equal(e.body, '<p><b>Hello world</b></p>');
  assertNoProblems(page);
  await page.context().close();
});

test('client validation stops the request; a server error shows on its field', async () => {
  const page = await open(browser);
  await openCollection(page, 'rec_items');
  let posts = 0;
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url().includes(`/api/collections/${ids.items}/records`)) posts++;
  });
  await page.getByRole('button', { name: 'New record' }).first().click();
  const f = form(page);
  await f.getByLabel('code').fill('abc');
  await f.getByLabel('score value').fill('12');
  await f.getByRole('button', { name: 'Create' }).click();
  await f.locator('[data-field="title"] .field-error', { hasText: 'Cannot be blank.' }).waitFor();
  await f.locator('[data-field="code"] .field-error', { hasText: 'Invalid value format' }).waitFor();
  await f.locator('[data-field="score"] .field-error', { hasText: 'Must be less than or equal to 10.' }).waitFor();
  assert.equal(posts, 0, 'nothing is sent while the form has errors');
  assert.equal(await f.getByLabel('title').getAttribute('aria-invalid'), 'true');
  // the code of the first record again: only the server knows it is taken (a unique index)
  await f.getByLabel('title').fill('Second');
  await f.getByLabel('code').fill('ABC');
  await f.getByLabel('score value').fill('3');
  await f.getByRole('button', { name: 'Create' }).click();
  await f.locator('[data-field="code"] .field-error', { hasText: 'Value must be unique.' }).waitFor();
  assert.equal(posts, 1);
  await shot(page, '03-record-errors');
  // Esc asks before dropping the edits
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Cancel' }).click();
  await f.getByLabel('title').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Drop changes' }).click();
  await f.waitFor({ state: 'detached' });
  assertNoProblems(page);
  await page.context().close();
});

test('filter with autocomplete, sort by a header, paging without loading everything', async () => {
  const page = await open(browser);
  const lists = [];
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.pathname.endsWith('/api/collections/rec_many/records')) lists.push(Object.fromEntries(u.searchParams));
  });
  await openCollection(page, 'rec_many');
  await page.getByText('100 records').waitFor();
  assert.equal(await page.locator('tr.clickable').count(), 40);
  await page.getByRole('navigation', { name: 'Pages' }).getByText('of 3').waitFor();
  await page.getByText('1–40 of 100').waitFor();
  await shot(page, '03-records-list');
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.waitForURL(/page=2/);
  await page.getByText('41–80 of 100').waitFor();
  await page.getByRole('button', { name: 'Last page' }).click();
  await page.getByText('81–100 of 100').waitFor();
  assert.equal(await page.locator('tr.clickable').count(), 20);
  for (const q of lists) {
    assert.ok(Number(q.perPage) <= 40, `a list request asked for ${q.perPage} records`);
    assert.ok(q.skipTotal === '1' || q.perPage === '1', `a page request without skipTotal: ${JSON.stringify(q)}`);
  }

  // filter: type, pick "title" with the keyboard, then an operator and a value
  const filter = page.getByRole('combobox', { name: 'Filter records' });
  await filter.click();
  await filter.pressSequentially('tit');
  const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
  await options.first().waitFor();
  assert.equal(await options.first().locator('.fi-key').textContent(), 'title');
  await page.keyboard.press('ArrowDown');
  assert.equal(await options.first().getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await filter.inputValue(), 'title ');
  await options.filter({ hasText: '~' }).first().waitFor(); // operators come next
  await filter.pressSequentially('~ "Row 04"');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.waitForURL(/filter=title/);
  await page.getByText('10 records matching').waitFor();
  assert.equal(await page.locator('tr.clickable').count(), 10);
  // sort by the n column: descending, then ascending
  await page.getByRole('columnheader', { name: 'n', exact: true }).getByRole('button').click();
  await page.waitForURL(/sort=-n/);
  // the table may still show the previous order for a moment after the URL changes: wait for the new first row
  await page.locator('tr.clickable').first().filter({ hasText: 'Row 049' }).waitFor();
  assert.match(await page.locator('tr.clickable').first().textContent(), /Row 049/);
  await page.getByRole('columnheader', { name: 'n', exact: true }).getByRole('button').click();
  await page.waitForURL(/sort=n(&|$)/);
  await page.locator('tr.clickable').first().filter({ hasText: 'Row 040' }).waitFor();
  // the filter is remembered and offered when the input is empty
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await page.getByText('100 records').waitFor();
  await filter.focus();
  await page.getByRole('listbox', { name: 'Suggestions' }).getByText('title ~ "Row 04"').waitFor();
  assertNoProblems(page);
  await page.context().close();
});

test('live updates, selection kept, bulk delete and export', async () => {
  const page = await open(browser);
  await openCollection(page, 'rec_many');
  await page.getByText('100 records').waitFor();
  // select two rows; a record created elsewhere appears on top without a reload, the selection stays
  const rows = page.locator('tr.clickable');
  await rows.nth(1).getByRole('checkbox').check();
  await rows.nth(2).getByRole('checkbox').check();
  await page.getByText('2 selected', { exact: true }).waitFor();
  const made = await call('/api/collections/rec_many/records', { method: 'POST', body: { title: 'Live one', n: 1000 } });
  await rows.first().filter({ hasText: 'Live one' }).waitFor();
  await page.getByText('101 records').waitFor();
  await page.getByText('2 selected', { exact: true }).waitFor();
  await call(`/api/collections/rec_many/records/${made.id}`, { method: 'PATCH', body: { title: 'Live one, changed' } });
  await rows.first().filter({ hasText: 'Live one, changed' }).waitFor();
  await call(`/api/collections/rec_many/records/${made.id}`, { method: 'DELETE' });
  await rows.filter({ hasText: 'Live one' }).waitFor({ state: 'detached' });
  await page.getByText('100 records').waitFor();

  // export the selected records as JSON
  await page.getByRole('button', { name: 'Export' }).click();
  const [dl] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export 2 selected as JSON' }).click(),
  ]);
  const exported = JSON.parse(await readFile(await dl.path(), 'utf8'));
  assert.equal(exported.length, 2);
  assert.ok(exported.every((x) => x.collectionName === 'rec_many' && x.title.startsWith('Row') && !('expand' in x)));
  // and the whole page as CSV
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await rows.nth(39).waitFor(); // the page filled up again after the live delete
  await page.getByRole('button', { name: 'Export' }).click();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export this page as CSV' }).click(),
  ]);
  const lines = (await readFile(await csv.path(), 'utf8')).trim().split('\r\n');
  assert.equal(lines.length, 41);
  assert.match(lines[0], /^collectionId,collectionName,id,title,n/);

  // bulk delete three rows
  const doomed = [];
  for (const i of [0, 1, 2]) {
    doomed.push(await rows.nth(i).getAttribute('data-id'));
    await rows.nth(i).getByRole('checkbox').check();
  }
  await page.getByRole('button', { name: 'Delete selected' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Delete 3' }).click();
  await page.getByText('97 records').waitFor();
  const left = await call('/api/collections/rec_many/records?perPage=1&fields=id');
  assert.equal(left.totalItems, 97);
  for (const id of doomed) assert.equal(await rows.filter({ has: page.locator(`[data-id="${id}"]`) }).count(), 0);
  assertNoProblems(page);
  await page.context().close();
});

test('duplicate and delete a record; impersonate an auth record', async () => {
  const page = await open(browser);
  await openCollection(page, 'rec_items');
  await page.locator('tr.clickable').filter({ hasText: 'First item, edited' }).click();
  const f = form(page);
  await f.getByLabel('title').waitFor();
  await f.getByRole('button', { name: 'More actions' }).click();
  await f.getByRole('menuitem', { name: 'Duplicate' }).click();
  await page.getByRole('dialog', { name: 'New rec_items record' }).waitFor();
  assert.equal(await f.getByLabel('title').inputValue(), 'First item, edited');
  await f.locator('.relation-chip', { hasText: 'Grace Hopper' }).waitFor();
  await f.getByLabel('title').fill('The copy');
  await f.getByLabel('code').fill('XYZ');
  await f.getByRole('button', { name: 'Create' }).click();
  await f.waitFor({ state: 'detached' });
  const copies = await call('/api/collections/rec_items/records?filter=(title%3D%22The%20copy%22)');
  assert.equal(copies.items.length, 1);
  const copy = copies.items[0];
  assert.equal(copy.author, ids['Grace Hopper']);
  assert.deepEqual(copy.tags, ['blue', 'green']);
  assert.deepEqual(copy.docs, [], 'files are not duplicated');

  await page.locator('tr.clickable').filter({ hasText: 'The copy' }).click();
  await f.getByRole('button', { name: 'More actions' }).click();
  await f.getByRole('menuitem', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Delete' }).click();
  await f.waitFor({ state: 'detached' });
  await page.locator('tr.clickable').filter({ hasText: 'The copy' }).waitFor({ state: 'detached' });
  const after = await call('/api/collections/rec_items/records?perPage=1&fields=id');
  assert.equal(after.totalItems, 1);

  // an auth record: created with the password widget, then impersonated
  await openCollection(page, 'rec_members');
  await page.getByRole('button', { name: 'New record' }).first().click();
  await f.getByLabel('email', { exact: true }).fill('member@example.com');
  await f.getByLabel('password', { exact: true }).fill('Secret-pass-123');
  await f.getByText('Strength: strong').waitFor();
  await f.getByLabel('password confirm').fill('Secret-pass-123');
  await f.getByLabel('name').fill('Mem Ber');
  await f.getByRole('button', { name: 'Create' }).click();
  await f.waitFor({ state: 'detached' });
  const members = await call('/api/collections/rec_members/records');
  assert.equal(members.items.length, 1);
  const login = await fetch(`${BASE}/api/collections/rec_members/auth-with-password`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ identity: 'member@example.com', password: 'Secret-pass-123' }),
  });
  assert.equal(login.status, 200, 'the password set in the form works');

  await page.locator('tr.clickable').filter({ hasText: 'member@example.com' }).click();
  await f.getByRole('button', { name: 'More actions' }).click();
  await f.getByRole('menuitem', { name: 'Impersonate' }).click();
  const imp = page.getByRole('dialog', { name: /Impersonate/ });
  await imp.getByLabel('Token duration in seconds').fill('600');
  await imp.getByRole('button', { name: 'Generate token' }).click();
  const tokenBox = imp.getByRole('textbox', { name: 'Token', exact: true });
  await tokenBox.waitFor();
  const jwt = await tokenBox.inputValue();
  assert.match(jwt, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());
  assert.equal(claims.id, members.items[0].id);
  assert.ok(Math.abs(claims.exp - Date.now() / 1000 - 600) < 30, 'the duration asked for');
  await imp.getByRole('button', { name: 'Copy token' }).waitFor();
  await shot(page, '03-impersonate');
  await imp.getByRole('button', { name: 'Close' }).click();
  await imp.waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await f.waitFor({ state: 'detached' });
  assertNoProblems(page);
  await page.context().close();
});

test('a view collection is read only', async () => {
  const page = await open(browser);
  await openCollection(page, 'rec_view');
  await page.locator('tr.clickable').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'New record' }).count(), 0);
  await page.locator('tr.clickable').first().getByRole('checkbox').check();
  assert.equal(await page.getByRole('button', { name: 'Delete selected' }).count(), 0);
  await page.locator('tr.clickable').first().click();
  const f = page.getByRole('dialog', { name: 'View rec_view record' });
  await f.getByLabel('title').waitFor();
  assert.ok(await f.getByLabel('title').isDisabled());
  assert.equal(await f.getByRole('button', { name: /Save|Create/ }).count(), 0);
  await f.getByRole('button', { name: 'More actions' }).click();
  assert.equal(await f.getByRole('menuitem', { name: 'Delete' }).count(), 0);
  await f.getByRole('menuitem', { name: 'Copy JSON' }).waitFor();
  await page.keyboard.press('Escape'); // the menu
  await page.keyboard.press('Escape'); // the panel
  await f.waitFor({ state: 'detached' });
  assertNoProblems(page);
  await page.context().close();
});

test('phone width and dark mode', async () => {
  const phone = await open(browser, { viewport: { width: 390, height: 844 } });
  await openCollection(phone, 'rec_items');
  // the collections fold above the list
  const toggle = phone.getByRole('button', { name: /rec_items/ }).first();
  assert.equal(await phone.getByRole('link', { name: 'rec_authors' }).isVisible(), false);
  await shot(phone, '03-records-phone');
  await toggle.click();
  await phone.getByRole('link', { name: 'rec_authors' }).waitFor();
  await toggle.click();
  const wrap = phone.locator('.records-table');
  const { scrollW, clientW } = await wrap.evaluate((el) => ({ scrollW: el.scrollWidth, clientW: el.clientWidth }));
  assert.ok(scrollW > clientW, 'the table scrolls sideways');
  const pageW = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(pageW <= 390, `the page itself is not wider than the phone (${pageW})`);
  await phone.locator('tr.clickable').first().click();
  const panelBox = await phone.getByRole('dialog', { name: /record$/ }).boundingBox();
  assert.ok(panelBox.width >= 389, 'the panel takes the whole width');
  await phone.getByRole('dialog', { name: /record$/ }).getByLabel('title').waitFor();
  await shot(phone, '03-record-phone-form');
  assertNoProblems(phone);
  await phone.context().close();

  const dark = await open(browser, { colorScheme: 'dark' });
  await openCollection(dark, 'rec_items');
  await dark.locator('tr.clickable').first().waitFor();
  await shot(dark, '03-records-dark');
  const bg = await dark.evaluate(() => getComputedStyle(document.querySelector('.records-table')).backgroundColor);
  assert.notEqual(bg, 'rgb(255, 255, 255)');
  assertNoProblems(dark);
  await dark.context().close();
});
