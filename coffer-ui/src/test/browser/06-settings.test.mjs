// Settings: application (name, rate limits, validation errors, unsaved changes), mail (SMTP and test emails),
// files storage (S3 fields, validation, connection test), crons (run now), superusers (create, delete), dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { ADMIN, launchBrowser, openPage, goto, api, shot, assertNoProblems } from './support.mjs';

let browser;
let original;
before(async () => {
  browser = await launchBrowser();
  original = await api('/api/settings');
});
after(async () => {
  // put back what these tests changed
  if (original) {
    await api('/api/settings', {
      method: 'PATCH',
      body: { meta: original.meta, rateLimits: original.rateLimits, smtp: original.smtp, s3: { enabled: false } },
    });
  }
  await browser?.close();
});

/** A minimal SMTP server that accepts every message (no TLS, no auth). */
function smtpSink() {
  const messages = [];
  const server = net.createServer((sock) => {
    sock.setEncoding('utf8');
    let buf = '';
    let inData = false;
    let msg = '';
    sock.on('error', () => {});
    sock.write('220 sink ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(msg);
            msg = '';
            sock.write('250 2.0.0 queued\r\n');
          } else msg += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO') sock.write('250-sink\r\n250 8BITMIME\r\n');
        else if (cmd === 'DATA') {
          inData = true;
          sock.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') {
          sock.write('221 bye\r\n');
          sock.end();
        } else sock.write('250 OK\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, messages })));
}

const toast = (page, text) => page.locator('.toast').filter({ hasText: text }).last().waitFor();

test('application settings: name, rate limit rules, validation errors, unsaved changes', async () => {
  const page = await openPage(browser);
  await goto(page, '/settings');
  const name = page.getByLabel('Application name');
  await name.waitFor();
  assert.equal(await name.inputValue(), original.meta.appName);
  await name.fill('Settings Test 06');

  // leaving with unsaved changes asks first
  await page.getByRole('link', { name: 'Mail settings' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm' });
  await confirm.getByText('You have unsaved changes').waitFor();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  assert.match(page.url(), /#\/settings$/);

  await page.locator('summary', { hasText: 'Rate limiting' }).click();
  const rules = page.getByRole('group', { name: 'Rate limit rules' });
  const firstLabel = await rules.getByLabel('Rule 1 label').inputValue();
  await rules.getByLabel('Rule 1 max requests').fill('7');
  await page.getByRole('button', { name: 'Add rule' }).click();
  const n = await rules.locator('.rule-row:not(.rule-head)').count();
  await rules.getByLabel(`Rule ${n} label`).fill('/api/test06/');
  await rules.getByLabel(`Rule ${n} max requests`).fill('50');
  await rules.getByLabel(`Rule ${n} interval in seconds`).fill('10');
  await rules.getByLabel(`Rule ${n} audience`).selectOption({ label: 'Guests only' });
  await page.getByText('Unsaved changes').waitFor();
  await shot(page, '06-settings-application');
  await page.keyboard.press('Control+s');
  await toast(page, 'Application settings saved.');

  let s = await api('/api/settings');
  assert.equal(s.meta.appName, 'Settings Test 06');
  assert.equal(s.rateLimits.rules.find((r) => r.label === firstLabel).maxRequests, 7);
  assert.deepEqual(s.rateLimits.rules.find((r) => r.label === '/api/test06/'),
    { label: '/api/test06/', audience: '@guest', duration: 10, maxRequests: 50 });
  assert.equal(s.rateLimits.enabled, original.rateLimits.enabled);

  // saving sorts the rules in the order they are matched: find the new one again
  const labels = await rules.locator('input[name$=".label"]').evaluateAll((inputs) => inputs.map((i) => i.value));
  const at = labels.indexOf('/api/test06/') + 1;
  assert.ok(at > 0, `the new rule is listed: ${labels}`);

  // server validation errors show on their fields; Reset brings the saved values back
  await name.fill('');
  await page.getByLabel('Application URL').fill('not a url');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('.field.invalid', { hasText: 'Application name' }).getByText('Cannot be blank.').waitFor();
  await page.locator('.field.invalid', { hasText: 'Application URL' }).getByText('Must be a valid URL.').waitFor();
  // an invalid rule opens its section and shows the error on the rule
  await rules.getByLabel(`Rule ${at} label`).fill('');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await rules.locator('.field.invalid').getByText('Cannot be blank.').waitFor();
  s = await api('/api/settings');
  assert.equal(s.meta.appName, 'Settings Test 06');
  await page.getByRole('button', { name: 'Reset' }).click();
  assert.equal(await name.inputValue(), 'Settings Test 06');
  assert.equal(await page.locator('.field.invalid').count(), 0);

  // removing a rule
  await rules.getByRole('button', { name: `Remove rule ${at}` }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast(page, 'Application settings saved.');
  s = await api('/api/settings');
  assert.ok(!s.rateLimits.rules.some((r) => r.label === '/api/test06/'));
  assertNoProblems(page);
  await page.context().close();
});

test('mail settings: SMTP server and test emails', async () => {
  const sink = await smtpSink();
  const page = await openPage(browser);
  try {
    await goto(page, '/settings/mail');
    await page.getByLabel('Sender name').fill('Test Sender 06');
    await page.getByRole('switch', { name: 'Use an SMTP mail server' }).check();
    await page.getByLabel('SMTP server host').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(sink.port));
    await page.getByLabel('Username').fill('');
    await page.getByRole('button', { name: 'Show more options' }).click();
    await page.getByLabel('TLS encryption').waitFor();
    await shot(page, '06-settings-mail');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Mail settings saved.');
    const s = await api('/api/settings');
    assert.equal(s.meta.senderName, 'Test Sender 06');
    assert.equal(s.smtp.enabled, true);
    assert.equal(s.smtp.port, sink.port);
    assert.equal(s.smtp.password, undefined);

    // a test email through the SMTP server
    await page.getByRole('button', { name: 'Send test email' }).click();
    const panel = page.getByRole('dialog', { name: 'Send test email' });
    assert.equal(await panel.getByLabel('To email address').inputValue(), ADMIN.email);
    await panel.getByLabel('Password reset').check();
    await panel.getByLabel('To email address').fill('someone06@example.com');
    await panel.getByRole('button', { name: 'Send' }).click();
    await toast(page, 'Test email sent to someone06@example.com.');
    await panel.waitFor({ state: 'detached' });
    // (the server may also have mailed a login alert to the superuser by now)
    const toSomeone = sink.messages.filter((m) => /^To: .*someone06@example\.com/m.test(m));
    assert.equal(toSomeone.length, 1, `one message to someone06@example.com: ${sink.messages.join('\n----\n')}`);

    // without SMTP (and no sendmail on this machine) the server reports why it could not send
    await page.getByRole('switch', { name: 'Use an SMTP mail server' }).uncheck();
    await page.getByRole('button', { name: 'Send test email' }).click();
    await panel.getByText('the test uses the saved ones').waitFor();
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Mail settings saved.');
    await page.getByRole('button', { name: 'Send test email' }).click();
    await panel.getByLabel('To email address').fill('not an email');
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.locator('.field.invalid', { hasText: 'To email address' }).locator('.field-error').waitFor();
    await panel.getByLabel('To email address').fill('someone06@example.com');
    await panel.getByRole('button', { name: 'Send' }).click();
    await panel.getByRole('alert').filter({ hasText: 'The test email was not sent.' }).waitFor();
    await shot(page, '06-settings-mail-test-error');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    assertNoProblems(page);
  } finally {
    sink.server.close();
    await page.context().close();
  }
});

test('files storage: S3 fields are validated by the server and the connection can be tested', async () => {
  const page = await openPage(browser);
  await goto(page, '/settings/storage');
  await page.getByRole('switch', { name: 'Use S3 storage' }).check();
  await page.getByRole('note').getByText('Existing files are not moved').waitFor();
  await page.getByRole('button', { name: 'Save changes' }).click();
  for (const label of ['Endpoint', 'Bucket', 'Region', 'Access key']) {
    await page.locator('.field.invalid', { hasText: label }).getByText('Cannot be blank.').waitFor();
  }
  await page.getByLabel('Endpoint').fill('http://127.0.0.1:9');
  await page.getByLabel('Bucket').fill('bucket06');
  await page.getByLabel('Region').fill('us-east-1');
  await page.getByLabel('Access key').fill('key06');
  await page.getByLabel('Secret').fill('secret06');
  await page.getByRole('checkbox', { name: 'Force path-style addressing' }).check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast(page, 'Files storage settings saved.');
  const s3 = (await api('/api/settings')).s3;
  assert.deepEqual(s3, { enabled: true, bucket: 'bucket06', region: 'us-east-1', endpoint: 'http://127.0.0.1:9', accessKey: 'key06', forcePathStyle: true });
  // the secret is write-only: blank in the form and kept when saving other changes
  assert.equal(await page.getByLabel('Secret').inputValue(), '');

  // nothing listens on port 9: the test fails and says why
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByRole('alert').filter({ hasText: 'S3 connection failed.' }).waitFor();
  await shot(page, '06-settings-storage');

  await page.getByRole('switch', { name: 'Use S3 storage' }).uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast(page, 'Files storage settings saved.');
  assert.equal((await api('/api/settings')).s3.enabled, false);
  assertNoProblems(page);
  await page.context().close();
});

test('crons: the registered jobs are listed and one can be run now', async () => {
  const crons = await api('/api/crons');
  assert.ok(crons.length >= 1);
  const page = await openPage(browser);
  await goto(page, '/settings/crons');
  for (const c of crons) await page.locator('tr', { hasText: c.id }).getByText(c.expression).waitFor();
  const job = crons.find((c) => c.id === '__pbOTPCleanup__') || crons[0];
  await page.getByRole('button', { name: `Run ${job.id} now` }).click();
  await toast(page, `Started "${job.id}".`);
  await shot(page, '06-settings-crons');
  assertNoProblems(page);
  await page.context().close();
});

test('superusers: create a second superuser, then delete it; yourself can not be deleted', async () => {
  const page = await openPage(browser);
  await goto(page, '/settings/superusers');
  await page.locator('tr', { hasText: ADMIN.email }).waitFor();
  assert.ok(await page.getByRole('button', { name: `Delete ${ADMIN.email}` }).isDisabled());

  await page.getByRole('button', { name: 'New superuser' }).click();
  const panel = page.getByRole('dialog', { name: 'New superuser' });
  await panel.getByLabel('Email').fill('second06@example.com');
  await panel.getByLabel('Password', { exact: true }).fill('Second-password-06');
  await panel.getByLabel('Password confirm').fill('something else');
  await panel.getByRole('button', { name: 'Create superuser' }).click();
  await panel.getByText("Values don't match.").waitFor();
  await panel.getByLabel('Password confirm').fill('Second-password-06');
  await panel.getByRole('button', { name: 'Create superuser' }).click();
  await toast(page, 'Created the superuser second06@example.com.');
  await page.locator('tr', { hasText: 'second06@example.com' }).waitFor();
  await shot(page, '06-settings-superusers');

  // change its password, then log in with it
  await page.getByRole('button', { name: 'Edit second06@example.com' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit second06@example.com' });
  await edit.getByLabel('Change password').check();
  await edit.getByLabel('Password', { exact: true }).fill('Changed-password-06');
  await edit.getByLabel('Password confirm').fill('Changed-password-06');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await toast(page, 'Saved second06@example.com.');
  const login = await fetch(`${process.env.COFFER_URL || 'http://127.0.0.1:8090'}/api/collections/_superusers/auth-with-password`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identity: 'second06@example.com', password: 'Changed-password-06' }),
  });
  assert.equal(login.status, 200);

  await page.getByRole('button', { name: 'Delete second06@example.com' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Delete' }).click();
  await toast(page, 'Deleted second06@example.com.');
  await page.locator('tr', { hasText: 'second06@example.com' }).waitFor({ state: 'detached' });
  const list = await api('/api/collections/_superusers/records?perPage=100');
  assert.ok(!list.items.some((r) => r.email === 'second06@example.com'));
  assertNoProblems(page);
  await page.context().close();
});

test('settings in dark mode and on a phone', async () => {
  const page = await openPage(browser, { colorScheme: 'dark' });
  await goto(page, '/settings/application');
  await page.getByLabel('Application name').waitFor();
  await page.locator('summary', { hasText: 'Trusted proxy' }).click();
  await page.getByText('Your IP as the server sees it').waitFor();
  await shot(page, '06-settings-dark');
  await page.context().close();

  const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await goto(phone, '/settings/mail');
  await phone.getByLabel('Sender name').waitFor();
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide`);
  await phone.getByRole('link', { name: 'Backups' }).click();
  await phone.waitForURL(/#\/settings\/backups/);
  await phone.getByRole('heading', { name: /Backups/ }).waitFor();
  await phone.getByRole('heading', { name: 'Backup settings' }).waitFor();
  await shot(phone, '06-settings-phone');
  assertNoProblems(phone);
  await phone.context().close();
});
