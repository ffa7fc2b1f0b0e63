// Backups: create, list, download, restore (a collection made after the backup is gone), upload, delete, and the
// automatic backups setting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, goto, api, shot, assertNoProblems } from './support.mjs';

const FIRST = 'test08_first.zip';
const UPLOADED = 'test08_uploaded.zip';
let browser;
let dir;
before(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'coffer-08-'));
});
after(async () => {
  await browser?.close();
  for (const key of [FIRST, UPLOADED]) await api(`/api/backups/${key}`, { method: 'DELETE', expect: [204, 400, 404] });
  await api('/api/settings', { method: 'PATCH', body: { backups: { cron: '' } } });
  rmSync(dir, { recursive: true, force: true });
});

const toast = (page, text) => page.locator('.toast').filter({ hasText: text }).last().waitFor();
const row = (page, key) => page.locator('.backups-table tbody tr', { hasText: key });

test('create, download, restore, upload and delete backups', async () => {
  const page = await openPage(browser);
  await goto(page, '/settings/backups');
  await page.getByRole('heading', { name: 'Backup settings' }).waitFor();

  // create: a bad name is refused in the panel, then a good one
  await page.getByRole('button', { name: 'Create backup' }).click();
  const create = page.getByRole('dialog', { name: 'Create backup' });
  await create.getByLabel('Backup name').fill('Bad Name');
  await create.getByRole('button', { name: 'Start backup' }).click();
  await create.getByRole('alert').filter({ hasText: 'ending with ".zip"' }).waitFor();
  await create.getByLabel('Backup name').fill(FIRST);
  await create.getByRole('button', { name: 'Start backup' }).click();
  await toast(page, `Created the backup ${FIRST}.`);
  await create.waitFor({ state: 'detached' });
  await row(page, FIRST).waitFor();
  assert.ok((await api('/api/backups')).some((b) => b.key === FIRST));

  // download (with a file token)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download ${FIRST}` }).click(),
  ]);
  assert.equal(download.suggestedFilename(), FIRST);
  const saved = join(dir, FIRST);
  await download.saveAs(saved);
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), 'PK', 'a zip file');

  // a collection made after the backup is gone once the backup is restored
  await api('/api/collections', { method: 'POST', body: { name: 'backups08_after', type: 'base', fields: [{ name: 'title', type: 'text' }] } });
  await page.getByRole('button', { name: `Restore ${FIRST}` }).click();
  const restore = page.getByRole('dialog', { name: 'Restore backup' });
  const restoreButton = restore.getByRole('button', { name: 'Restore backup' });
  assert.ok(await restoreButton.isDisabled(), 'the name must be typed first');
  await restore.getByLabel('Backup name to confirm').fill('wrong.zip');
  assert.ok(await restoreButton.isDisabled());
  await restore.getByLabel('Backup name to confirm').fill(FIRST);
  await restoreButton.click();
  await restore.getByRole('status').filter({ hasText: 'the server is replacing its data' }).waitFor();
  // the page reloads when the server is back
  await page.waitForEvent('load', { timeout: 60000 });
  await page.getByRole('heading', { name: 'Backup settings' }).waitFor();
  await row(page, FIRST).waitFor();
  await api('/api/collections/backups08_after', { expect: [404] });

  // upload a zip (the downloaded backup under another name)
  const toUpload = join(dir, UPLOADED);
  copyFileSync(saved, toUpload);
  await page.getByLabel('Upload backup').setInputFiles(toUpload);
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Upload' }).click();
  await toast(page, `Uploaded ${UPLOADED}.`);
  await row(page, UPLOADED).waitFor();
  assert.ok((await api('/api/backups')).some((b) => b.key === UPLOADED));
  await shot(page, '08-backups');

  // delete, after a confirmation
  await page.getByRole('button', { name: `Delete ${UPLOADED}` }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Delete' }).click();
  await toast(page, `Deleted ${UPLOADED}.`);
  await row(page, UPLOADED).waitFor({ state: 'detached' });
  assert.ok(!(await api('/api/backups')).some((b) => b.key === UPLOADED));
  assertNoProblems(page);
  await page.context().close();
});

test('automatic backups: a schedule from the presets, how many to keep', async () => {
  const page = await openPage(browser);
  await goto(page, '/settings/backups');
  await page.getByRole('switch', { name: 'Automatic backups' }).check();
  await page.getByLabel('Schedule presets').selectOption({ label: 'Every Sunday at 00:00' });
  assert.equal(await page.getByLabel('Cron expression (UTC)').inputValue(), '0 0 * * 0');
  await page.getByText('Runs every Sunday at 00:00 (UTC).').waitFor();
  await page.getByLabel('Automatic backups to keep').fill('5');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await toast(page, 'Backup settings saved.');
  let backups = (await api('/api/settings')).backups;
  assert.equal(backups.cron, '0 0 * * 0');
  assert.equal(backups.cronMaxKeep, 5);
  // the schedule is a registered cron job
  assert.ok((await api('/api/crons')).some((c) => c.expression === '0 0 * * 0'), 'the auto backup job is registered');
  await shot(page, '08-backups-settings');

  await page.getByRole('switch', { name: 'Automatic backups' }).uncheck();
  await page.keyboard.press('Control+s');
  await toast(page, 'Backup settings saved.');
  backups = (await api('/api/settings')).backups;
  assert.equal(backups.cron, '');
  assertNoProblems(page);
  await page.context().close();
});
