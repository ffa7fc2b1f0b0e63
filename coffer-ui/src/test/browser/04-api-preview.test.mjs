// The API preview of a collection: endpoints with their URLs on this server, who may call them (from the live
// rules), body parameters from the fields, SDK snippets with the real names, copy buttons, auth endpoints of an
// auth collection, only the read endpoints of a view collection, phone width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchBrowser, openPage, goto, api, shot, assertNoProblems } from './support.mjs';

const POSTS = 'ap04_posts';
const MEMBERS = 'ap04_members';
const VIEW = 'ap04_titles';
const UPDATE_RULE = '@request.auth.id != "" && owner = @request.auth.id';

let browser;
const made = {};

before(async () => {
  browser = await launchBrowser();
  made.members = await api('/api/collections', {
    method: 'POST',
    body: {
      name: MEMBERS, type: 'auth', listRule: '', viewRule: '', createRule: '',
      passwordAuth: { enabled: true, identityFields: ['email', 'username'] },
      fields: [{ name: 'username', type: 'text', required: true, max: 40 }],
      indexes: [`CREATE UNIQUE INDEX idx_ap04_username ON ${MEMBERS} (username)`],
    },
  });
  made.posts = await api('/api/collections', {
    method: 'POST',
    body: {
      name: POSTS, type: 'base', listRule: '', viewRule: '', createRule: null, updateRule: UPDATE_RULE, deleteRule: null,
      fields: [
        { name: 'title', type: 'text', required: true, max: 120 },
        { name: 'views', type: 'number', onlyInt: true, min: 0 },
        { name: 'status', type: 'select', values: ['draft', 'published'], maxSelect: 1 },
        { name: 'cover', type: 'file', maxSelect: 1, mimeTypes: ['image/png'] },
        { name: 'owner', type: 'relation', collectionId: made.members.id, maxSelect: 1 },
        { name: 'created', type: 'autodate', onCreate: true },
      ],
    },
  });
  made.view = await api('/api/collections', {
    method: 'POST',
    body: { name: VIEW, type: 'view', listRule: '', viewRule: null, viewQuery: `SELECT id, title FROM ${POSTS}` },
  });
});
after(async () => { await browser?.close(); });

let hasButton; // whether the records page has the button (found out once)

/**
 * Opens the API preview of a collection: from the "API preview" button of the records page when it has one,
 * else by mounting <c-api-preview> in the page (the way the records page does).
 */
async function openPreview(page, collection) {
  await goto(page, `/collections?collection=${collection.id}`);
  await page.waitForLoadState('networkidle');
  const button = page.getByRole('button', { name: 'API preview' }).first();
  if (hasButton !== false) hasButton = await button.waitFor({ timeout: 3000 }).then(() => true, () => false);
  if (hasButton) {
    await button.click();
  } else {
    const href = await page.getAttribute('link[rel=modulepreload]', 'href');
    const url = new URL(href.replace(/main\.js$/, 'pages/api-preview.js'), page.url()).href;
    // the collection as the page had it (the preview reads it again, so a rule changed since shows as it is now)
    const fresh = collection;
    await page.evaluate(async ([u, c]) => {
      await import(u);
      const el = document.createElement('c-api-preview');
      el.collection = c;
      el.addEventListener('close', () => el.remove());
      document.querySelector('.app-main').append(el);
    }, [url, fresh]);
  }
  const dialog = page.getByRole('dialog', { name: `API preview of ${collection.name}` });
  await dialog.waitFor();
  return dialog;
}

const tab = (dialog, name) => dialog.getByRole('tablist', { name: /^Endpoints of/ }).getByRole('tab', { name, exact: true });

test('the preview of a base collection shows URLs, access from the rules, body fields and SDK snippets', async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  const dialog = await openPreview(page, made.posts);

  // List/Search is the first endpoint
  await tab(dialog, 'List/Search').waitFor();
  assert.equal(await tab(dialog, 'List/Search').getAttribute('aria-selected'), 'true');
  const panelEl = dialog.locator('#ap-panel');
  await panelEl.locator('.ap-url', { hasText: `${BASE}/api/collections/${POSTS}/records` }).first().waitFor();
  assert.equal(await panelEl.locator('.ap-method').first().textContent(), 'GET');
  await panelEl.locator('.ap-access .badge', { hasText: 'Anyone' }).waitFor();
  await shot(page, '04-api-preview-list');
  const js = panelEl.getByRole('tabpanel', { name: 'SDK examples: JavaScript' });
  assert.match(await js.textContent(), new RegExp(`pb\\.collection\\('${POSTS}'\\)\\.getList\\(`));
  assert.match(await js.textContent(), /new PocketBase\('http:\/\/127\.0\.0\.1:\d+'\)/);
  // the query parameters of a list
  for (const p of ['page', 'perPage', 'sort', 'filter', 'expand', 'fields', 'skipTotal']) {
    await panelEl.locator('.ap-query-params .ap-param-name code', { hasText: new RegExp(`^${p}$`) }).waitFor();
  }
  // copy the JavaScript snippet
  await panelEl.getByRole('button', { name: 'Copy JavaScript example' }).click();
  await page.getByText('Copied to the clipboard.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await js.textContent());
  // the Dart snippet uses the same names
  await panelEl.getByRole('tab', { name: 'Dart' }).click();
  const dart = panelEl.getByRole('tabpanel', { name: 'SDK examples: Dart' });
  assert.match(await dart.textContent(), new RegExp(`pb\\.collection\\('${POSTS}'\\)\\.getList\\(\\s*page: 1`));
  assert.match(await dart.textContent(), /import 'package:pocketbase\/pocketbase\.dart';/);
  await panelEl.getByRole('tab', { name: 'JavaScript' }).click();
  // example responses: 200 with a list, 400 in the error shape
  const responses = panelEl.getByRole('tabpanel', { name: 'Responses: 200' });
  const listAnswer = JSON.parse(await responses.textContent());
  assert.equal(listAnswer.items[0].collectionName, POSTS);
  assert.deepEqual(Object.keys(listAnswer.items[0]), ['collectionId', 'collectionName', 'id', 'title', 'views', 'status', 'cover', 'owner', 'created']);
  await panelEl.getByRole('tab', { name: '400' }).click();
  const bad = JSON.parse(await panelEl.getByRole('tabpanel', { name: 'Responses: 400' }).textContent());
  assert.deepEqual(Object.keys(bad), ['status', 'message', 'data']);

  // Create: superusers only (createRule null); the body table lists the fields with their notes
  await tab(dialog, 'Create').click();
  await panelEl.locator('.ap-method', { hasText: 'POST' }).waitFor();
  await panelEl.locator('.ap-access .badge', { hasText: 'Superusers only' }).waitFor();
  const body = panelEl.locator('table.ap-body-params');
  for (const f of ['id', 'title', 'views', 'status', 'cover', 'owner']) {
    await body.locator('.ap-param-name code', { hasText: new RegExp(`^${f}$`) }).waitFor();
  }
  assert.equal(await body.locator('.ap-param-name code', { hasText: /^created$/ }).count(), 0, 'autodate fields are not sent');
  const row = (name) => body.locator('tr', { has: page.locator('.ap-param-name code', { hasText: new RegExp(`^${name}$`) }) });
  assert.match(await row('title').textContent(), /Required/);
  assert.match(await row('title').textContent(), /At most 120 characters/);
  assert.match(await row('cover').textContent(), /multipart\/form-data/);
  assert.match(await row('owner').textContent(), new RegExp(`The id of a ${MEMBERS} record`));
  assert.match(await row('status').textContent(), /One of: draft, published/);
  const createJs = await panelEl.getByRole('tabpanel', { name: 'SDK examples: JavaScript' }).textContent();
  assert.match(createJs, new RegExp(`pb\\.collection\\('${POSTS}'\\)\\.create\\(data\\)`));
  assert.match(createJs, /cover: new File\(/);
  await panelEl.getByRole('tab', { name: '403' }).click();
  assert.match(await panelEl.getByRole('tabpanel', { name: 'Responses: 403' }).textContent(), /Only superusers can perform this action\./);
  await panelEl.locator('.ap-endpoint').evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, '04-api-preview-create');

  // Update: the rule expression itself
  await tab(dialog, 'Update').click();
  await panelEl.locator('.ap-method', { hasText: 'PATCH' }).waitFor();
  assert.equal(await panelEl.locator('.ap-rule').textContent(), UPDATE_RULE);
  await panelEl.locator('.ap-access .badge', { hasText: 'Matching the rule' }).waitFor();
  assert.match(await panelEl.locator('.ap-url').textContent(), new RegExp(`/api/collections/${POSTS}/records/:id$`));
  assert.match(await panelEl.getByRole('tabpanel', { name: 'SDK examples: JavaScript' }).textContent(), /\.update\('RECORD_ID', data\)/);

  // Delete, Realtime; Batch is off by default in the settings
  await tab(dialog, 'Delete').click();
  await panelEl.locator('.ap-method', { hasText: 'DELETE' }).waitFor();
  await tab(dialog, 'Realtime').click();
  await panelEl.locator('.ap-access code', { hasText: `${POSTS}/*` }).waitFor();
  await tab(dialog, 'Batch').click();
  await panelEl.getByText('Batch requests are turned off').waitFor();

  // keyboard: arrows move between endpoints; Esc closes the panel
  await tab(dialog, 'Batch').focus();
  await page.keyboard.press('ArrowUp');
  await dialog.locator('#ap-tab-realtime[aria-selected="true"]').waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assertNoProblems(page);
  await page.context().close();
});

test('the preview follows a rule changed after the page loaded', async () => {
  const page = await openPage(browser);
  await goto(page, '/collections');
  await api(`/api/collections/${made.posts.id}`, { method: 'PATCH', body: { listRule: null } });
  try {
    const dialog = await openPreview(page, made.posts);
    await dialog.locator('#ap-panel').locator('.ap-access .badge', { hasText: 'Superusers only' }).waitFor();
  } finally {
    await api(`/api/collections/${made.posts.id}`, { method: 'PATCH', body: { listRule: '' } });
  }
  assertNoProblems(page);
  await page.context().close();
});

test('an auth collection has its auth endpoints; a view collection only reads', async () => {
  const page = await openPage(browser);
  const dialog = await openPreview(page, made.members);
  const names = await dialog.getByRole('tablist', { name: /^Endpoints of/ }).getByRole('tab').allTextContents();
  for (const n of ['List auth methods', 'Auth with password', 'Auth with OAuth2', 'Auth with OTP', 'Auth refresh', 'Verification',
    'Password reset', 'Email change']) {
    assert.ok(names.some((x) => x.startsWith(n)), `${n} is listed`);
  }
  await tab(dialog, 'Auth with password').click();
  const panelEl = dialog.locator('#ap-panel');
  await panelEl.locator('.ap-url', { hasText: `${BASE}/api/collections/${MEMBERS}/auth-with-password` }).waitFor();
  assert.match(await panelEl.locator('table.ap-body-params').textContent(), /identity.*email or username/s);
  assert.match(await panelEl.getByRole('tabpanel', { name: 'SDK examples: JavaScript' }).textContent(),
    new RegExp(`pb\\.collection\\('${MEMBERS}'\\)\\.authWithPassword\\(`));
  const auth = JSON.parse(await panelEl.getByRole('tabpanel', { name: 'Responses: 200' }).textContent());
  assert.ok(auth.token && auth.record.username, 'the auth answer has a token and the record with its fields');
  await shot(page, '04-api-preview-auth');

  // OTP is off by default: shown, marked and explained
  await tab(dialog, 'Auth with OTP').click();
  await panelEl.getByText('One-time passwords are turned off').waitFor();
  assert.equal(await panelEl.locator('.ap-url').count(), 2, 'request-otp and auth-with-otp');
  // the auth fields of Create
  await tab(dialog, 'Create').click();
  for (const f of ['email', 'password', 'passwordConfirm', 'username']) {
    await panelEl.locator('table.ap-body-params .ap-param-name code', { hasText: new RegExp(`^${f}$`) }).waitFor();
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });

  const view = await openPreview(page, made.view);
  const viewTabs = await view.getByRole('tablist', { name: /^Endpoints of/ }).getByRole('tab').allTextContents();
  assert.deepEqual(viewTabs, ['List/Search', 'View', 'Realtime']);
  await tab(view, 'View').click();
  await view.locator('#ap-panel').locator('.ap-access .badge', { hasText: 'Superusers only' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});

test('at phone width the endpoints are tabs above the doc', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  const dialog = await openPreview(page, made.members);
  await tab(dialog, 'Auth with password').click();
  await dialog.locator('#ap-panel').locator('.ap-url').waitFor();
  const nav = await dialog.locator('.ap-nav').boundingBox();
  const content = await dialog.locator('.ap-content').boundingBox();
  assert.ok(nav.width > 380 && nav.height < 80, `the endpoints are one row of tabs (${JSON.stringify(nav)})`);
  assert.ok(content.y >= nav.y + nav.height - 1, 'the doc is below them');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling of the page (${overflow}px)`);
  await shot(page, '04-api-preview-phone');
  assertNoProblems(page);
  await page.context().close();
});
