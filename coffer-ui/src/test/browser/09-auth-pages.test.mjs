// The public pages app users reach from Coffer's emails and from the OAuth2 redirect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launchBrowser, openPage, shot, assertNoProblems, api } from './support.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

/** A token-shaped string naming a collection (its signature is wrong, so the server refuses it). */
function fakeToken(claims) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;
}

test('the OAuth2 redirect ends on the dashboard page that says how it went', async () => {
  const page = await openPage(browser, { login: false });
  const res = await page.goto(`${BASE}/api/oauth2-redirect?state=nobody&code=x`);
  assert.ok(res.ok());
  assert.match(page.url(), /\/_\/#\/auth\/oauth2-redirect-failure$/);
  await page.getByRole('heading', { name: 'Auth failed.' }).waitFor();
  await shot(page, '09-oauth2-failure');
  await page.goto(`${BASE}/_/#/auth/oauth2-redirect-success`);
  await page.getByRole('heading', { name: 'Auth completed.' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});

test('email links: a bad verification, password reset or email change token is refused clearly', async () => {
  const users = await api('/api/collections/users');
  const token = fakeToken({ collectionId: users.id, email: 'someone@example.com', newEmail: 'new@example.com', type: 'x' });
  const page = await openPage(browser, { login: false });

  await page.goto(`${BASE}/_/#/auth/confirm-verification/${token}`);
  await page.getByRole('heading', { name: 'Invalid or expired verification token.' }).waitFor();

  await page.goto(`${BASE}/_/#/auth/confirm-password-reset/${token}`);
  await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
  await page.getByText('for someone@example.com').waitFor();
  await page.getByLabel('New password', { exact: true }).fill('a-new-password-1');
  await page.getByLabel('New password confirm').fill('a-new-password-1');
  await shot(page, '09-password-reset');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await page.getByRole('alert').filter({ hasText: 'Invalid or expired password reset token.' }).waitFor();

  await page.goto(`${BASE}/_/#/auth/confirm-email-change/${token}`);
  await page.getByText('to new@example.com').waitFor();
  await page.getByLabel('Password').fill('whatever-1');
  await page.getByRole('button', { name: 'Confirm new email' }).click();
  await page.getByRole('alert').filter({ hasText: 'Invalid or expired email change token.' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});
