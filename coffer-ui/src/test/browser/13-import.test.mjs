// The import wizard: a CSV picked on the collections page is examined by the server, its proposal reviewed and
// edited (name, a type changed), the collection created and the rows imported with a progress bar, the refused row
// listed with its reason; then an NDJSON file into an existing collection from the records header.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, goto, api, shot, assertNoProblems } from './support.mjs';

const NAME = 'import12_people';
let browser;
let dir;
before(async () => {
  browser = await launchBrowser();
  dir = mkdtempSync(join(tmpdir(), 'coffer-12-'));
});
after(async () => {
  await browser?.close();
  await api(`/api/collections/${NAME}`, { method: 'DELETE', expect: [204, 404] });
  rmSync(dir, { recursive: true, force: true });
});

/** 30 people; row 17's age is "n/a", so the column is proposed as text. */
function peopleCsv() {
  const statuses = ['new', 'active', 'gone'];
  const lines = ['Full Name,email,age,member,joined,status'];
  for (let i = 1; i <= 30; i++) {
    lines.push(`"Person ${i}, Jr.",p${i}@example.com,${i === 17 ? 'n/a' : 20 + i},${i % 2 ? 'yes' : 'no'},2024-02-${String(1 + (i % 28)).padStart(2, '0')},${statuses[i % 3]}`);
  }
  return `${lines.join('\n')}\n`;
}

test('import a CSV into a new collection, then NDJSON into it', async () => {
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, peopleCsv());
  const page = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await goto(page, '/collections');
  await page.getByRole('button', { name: 'Import data' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import data' });
  await wizard.getByLabel('File').setInputFiles(csv);

  // the proposal: types, required flags, profiles, the unique index
  await wizard.getByLabel('Collection name').waitFor();
  assert.equal(await wizard.getByLabel('Collection name').inputValue(), 'people');
  assert.equal(await wizard.getByLabel('Field name of Full Name').inputValue(), 'Full_Name');
  assert.equal(await wizard.getByLabel('Type of email').inputValue(), 'email');
  assert.equal(await wizard.getByLabel('Type of member').inputValue(), 'bool');
  assert.equal(await wizard.getByLabel('Type of joined').inputValue(), 'date');
  assert.equal(await wizard.getByLabel('Type of status').inputValue(), 'select');
  assert.equal(await wizard.getByLabel('Type of age').inputValue(), 'text', 'one age is n/a');
  assert.ok(await wizard.getByLabel('email is required').isChecked());
  await wizard.getByText('0 empty · 30 distinct').first().waitFor();
  await wizard.getByText('CREATE UNIQUE INDEX `idx_people_email`').waitFor();
  await shot(page, 'import-review');

  // edits: the name, a field name, the age as a number (row 17 will be refused)
  await wizard.getByLabel('Collection name').fill(NAME);
  await wizard.getByLabel('Field name of Full Name').fill('name');
  await wizard.getByLabel('Type of age').selectOption('number');
  await wizard.getByRole('button', { name: 'Create collection and import' }).click();
  await wizard.getByText('Done:').waitFor({ timeout: 30000 });
  await wizard.getByText('30 / 30 rows (100%) · 29 imported · 1 rejected').waitFor();
  const rejected = wizard.locator('.import-rejected tbody tr');
  assert.equal(await rejected.count(), 1);
  assert.match(await rejected.first().innerText(), /^17\s+age The submitted number is not properly formatted\./);
  await shot(page, 'import-done');

  const created = await api(`/api/collections/${NAME}`);
  assert.deepEqual(created.fields.map((f) => `${f.name}:${f.type}`),
    ['id:text', 'name:text', 'email:email', 'age:number', 'member:bool', 'joined:date', 'status:select', 'created:autodate', 'updated:autodate']);
  assert.ok(created.indexes.some((x) => x.includes('`email`')));
  const list = await api(`/api/collections/${NAME}/records?perPage=100&sort=age`);
  assert.equal(list.totalItems, 29);
  assert.equal(list.items[0].name, 'Person 1, Jr.');
  assert.equal(list.items[0].member, true);
  assert.equal(list.items[0].joined, '2024-02-02 00:00:00.000Z');

  // the records page shows the new collection; an NDJSON file goes into it from the header's Import button
  await page.getByRole('button', { name: 'Close' }).last().click();
  await page.getByRole('heading', { name: NAME }).waitFor();
  const nd = join(dir, 'more.ndjson');
  writeFileSync(nd, '{"name":"Zed","email":"zed@example.com","age":99,"member":false,"joined":"2024-03-01","status":"new"}\n'
    + '{"name":"Amy","email":"p1@example.com","joined":"2024-03-02","status":"gone"}\n');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const again = page.getByRole('dialog', { name: 'Import data' });
  await again.getByLabel('File').setInputFiles(nd);
  await again.getByText('Existing collection').waitFor();
  assert.equal(await again.getByLabel('Collection to import into').inputValue(), created.id);
  await again.getByRole('button', { name: 'Import', exact: true }).click();
  await again.getByText('2 / 2 rows (100%) · 1 imported · 1 rejected').waitFor({ timeout: 30000 })
    .catch(async (e) => { await shot(page, 'import-existing-failed'); throw e; });
  assert.match(await again.locator('.import-rejected tbody tr').first().innerText(), /email Value must be unique\./);
  await shot(page, 'import-existing');
  assert.equal((await api(`/api/collections/${NAME}/records?perPage=1`)).totalItems, 30);
  assertNoProblems(page);
  await page.context().close();
});

test('a file the server cannot read is explained in the wizard', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'a,a\n1,2\n');
  const page = await openPage(browser);
  await goto(page, '/collections');
  await page.getByRole('button', { name: 'Import data' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import data' });
  await wizard.getByLabel('File').setInputFiles(bad);
  await wizard.getByRole('alert').filter({ hasText: 'Columns 1 and 2 of the header row are both named "a".' }).waitFor();
  await page.context().close();
});
