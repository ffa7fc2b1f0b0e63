// The API docs page (/_/docs): Swagger UI loads /api/openapi.json with the dashboard's superuser sign-in, and the
// dashboard's sidebar links to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchBrowser, openPage, goto, shot, assertNoProblems } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the sidebar links to the API docs, which show the collections with the superuser token', async () => {
  const page = await openPage(browser);
  await goto(page, '/collections');
  const link = page.getByRole('link', { name: 'API docs' });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), '/_/docs');
  await page.goto(`${BASE}/_/docs`);
  await page.locator('.swagger-ui .info .title').waitFor({ timeout: 20000 });
  await page.locator('.opblock-tag[data-tag="users"]').waitFor();
  assert.match(await page.locator('#coffer-docs-auth').textContent(), /dashboard sign-in/);
  await shot(page, '15-api-docs');
  assertNoProblems(page);
  await page.context().close();
});

test('without a sign-in the page says so and the default access refuses the document', async () => {
  const page = await openPage(browser, { login: false });
  await page.goto(`${BASE}/_/docs`);
  await page.locator('#coffer-docs-auth').filter({ hasText: 'Not signed in' }).waitFor();
  const res = await fetch(`${BASE}/api/openapi.json`);
  assert.equal(res.status, 401);
  await page.context().close();
});
