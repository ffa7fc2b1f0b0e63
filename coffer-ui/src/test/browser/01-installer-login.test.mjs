// First run and login: the installer link creates the first superuser; login, wrong password, logout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN, BASE, launchBrowser, openPage, goto, shot, assertNoProblems } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('the installer link creates the first superuser and logs in', async () => {
  const link = process.env.COFFER_INSTALLER_URL;
  assert.ok(link, 'run.sh passes the installer link the server printed');
  const page = await openPage(browser, { login: false });
  await page.goto(link);
  await page.getByRole('heading', { name: 'Create your first superuser' }).waitFor();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Password confirm').fill('not the same');
  await shot(page, '01-installer');
  await page.getByRole('button', { name: 'Create superuser and login' }).click();
  await page.getByText("Values don't match.").waitFor();
  await page.getByLabel('Password confirm').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create superuser and login' }).click();
  await page.waitForURL(/#\/collections/);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  assertNoProblems(page);

  // the installer superuser is gone and its link no longer works
  const list = await page.evaluate(async (base) => {
    const { token } = JSON.parse(localStorage.getItem('coffer_superuser_auth'));
    const res = await fetch(`${base}/api/collections/_superusers/records`, { headers: { Authorization: token } });
    return res.json();
  }, BASE);
  assert.deepEqual(list.items.map((r) => r.email), [ADMIN.email]);
  await page.context().close();

  const again = await openPage(browser, { login: false });
  await again.goto(link);
  await again.getByRole('button', { name: 'Create superuser and login' }).waitFor();
  await again.getByLabel('Email').fill('second@example.com');
  await again.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await again.getByLabel('Password confirm').fill(ADMIN.password);
  await again.getByRole('button', { name: 'Create superuser and login' }).click();
  await again.getByRole('heading', { name: 'Installer link expired' }).waitFor();
  await again.context().close();
});

test('login refuses a wrong password, then logs in and out', async () => {
  const page = await openPage(browser, { login: false });
  await page.goto(`${BASE}/_/`);
  await page.waitForURL(/#\/login/);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByRole('alert').filter({ hasText: 'Invalid login credentials.' }).waitFor();
  await shot(page, '01-login');
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Login' }).click();
  await page.waitForURL(/#\/collections/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.waitForURL(/#\/login/);
  await goto(page, '/logs');
  await page.waitForURL(/#\/login/); // pages need a login
  assertNoProblems(page);
  await page.context().close();
});

test('the first load transfers less than 400 KB and the assets are cached as immutable', async () => {
  const page = await openPage(browser);
  await goto(page, '/collections');
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const bytes = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return performance.getEntriesByType('resource').reduce((sum, r) => sum + r.transferSize, nav.transferSize);
  });
  assert.ok(bytes > 0 && bytes < 400 * 1024, `first load transferred ${bytes} bytes`);
  const index = await fetch(`${BASE}/_/`);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('content-security-policy'), /script-src 'self' 'sha256-/);
  const html = await index.text();
  const main = html.match(/src="\.\/(static\/[^"]+\/app\/main\.js)"/)[1];
  const asset = await fetch(`${BASE}/_/${main}`, { headers: { 'Accept-Encoding': 'gzip' } });
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assertNoProblems(page);
  await page.context().close();
});
