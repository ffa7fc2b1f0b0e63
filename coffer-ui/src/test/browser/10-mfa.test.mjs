// Superuser login with multi-factor authentication: the password, then a one-time password from the mail.
// Runs last: while MFA is on, every superuser login needs the mailed code, so it is switched off again after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mailCatcher } from '../../../../e2e/mail-catcher.mjs';
import { ADMIN, BASE, adminAuth, launchBrowser, openPage, shot, assertNoProblems } from './support.mjs';

let browser;
let token;
let savedSettings;
const { server: smtp, mailTo, mails } = mailCatcher();

async function call(path, method, body) {
  const res = await fetch(`${BASE}${path}`, {
    method, headers: { Authorization: token, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.text()}`);
}

before(async () => {
  browser = await launchBrowser();
  const port = await new Promise((ok) => smtp.listen(0, '127.0.0.1', () => ok(smtp.address().port)));
  token = (await adminAuth()).token; // taken before MFA is on, for the clean-up
  savedSettings = await (await fetch(`${BASE}/api/settings`, { headers: { Authorization: token } })).json();
  await call('/api/settings', 'PATCH', {
    meta: { senderAddress: 'noreply@example.com' },
    smtp: { enabled: true, host: '127.0.0.1', port, tls: false, username: '', password: '' },
  });
  await call('/api/collections/_superusers', 'PATCH', { mfa: { enabled: true }, otp: { enabled: true } });
});

after(async () => {
  await call('/api/collections/_superusers', 'PATCH', { mfa: { enabled: false }, otp: { enabled: false } });
  await call('/api/settings', 'PATCH', { smtp: savedSettings.smtp, meta: { senderAddress: savedSettings.meta.senderAddress } });
  smtp.close();
  await browser?.close();
});

test('with MFA on, the login asks for the one-time password mailed to the superuser', async () => {
  const page = await openPage(browser, { login: false });
  await page.goto(`${BASE}/_/#/login`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  const since = mails.length;
  await page.getByRole('button', { name: 'Login' }).click();
  await page.getByLabel('One-time password').waitFor();
  await shot(page, '10-login-otp');
  const mail = await mailTo(ADMIN.email, since);
  const code = mail.text.match(/one-time password is:\s*<strong>(\d+)<\/strong>/)[1];
  await page.getByLabel('One-time password').fill(code === '00000000' ? '11111111' : '00000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('alert').waitFor();
  await page.getByLabel('One-time password').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL(/#\/collections/);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  assertNoProblems(page);
  await page.context().close();
});
