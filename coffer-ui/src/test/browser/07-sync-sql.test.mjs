// Settings → Export collections (JSON, pb_schema.json download), Import collections (validation, the diff against
// the current collections, merge, the server's errors, applying it) and the SQL console (results, NULL, errors,
// write statements, history, dark mode).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openPage, goto, api, shot, assertNoProblems } from './support.mjs';

const NOTES = 'sync07_notes';
const OLD = 'sync07_old';
const TAGS = 'sync07_tags';

let browser;
before(async () => {
  browser = await launchBrowser();
  await api('/api/collections', {
    method: 'POST',
    body: {
      name: NOTES, type: 'base', listRule: '', createRule: null,
      fields: [{ name: 'title', type: 'text', required: true }, { name: 'done', type: 'bool' }],
    },
  });
  await api('/api/collections', { method: 'POST', body: { name: OLD, type: 'base', fields: [{ name: 'x', type: 'text' }] } });
  await api(`/api/collections/${NOTES}/records`, { method: 'POST', body: { title: 'first' } });
});
after(async () => { await browser?.close(); });

let inLayout; // whether the settings layout renders these sections (found out once)

/**
 * Opens a settings section: through the settings layout (#/settings/NAME) when it renders the section's element,
 * else by mounting the element in the page (the way the settings layout does).
 */
async function openSection(page, name, tag) {
  await goto(page, `/settings/${name}`);
  await page.waitForLoadState('networkidle');
  const el = page.locator(tag);
  if (inLayout !== false) inLayout = await el.waitFor({ state: 'attached', timeout: 3000 }).then(() => true, () => false);
  if (inLayout) return el;
  const href = await page.getAttribute('link[rel=modulepreload]', 'href');
  const url = new URL(href.replace(/main\.js$/, `pages/settings-${name}.js`), page.url()).href;
  await page.evaluate(async ([u, t]) => {
    await import(u);
    const main = document.querySelector('.app-main');
    for (const child of main.children) child.hidden = true;
    const wrap = document.createElement('section');
    wrap.className = 'content';
    wrap.append(document.createElement(t));
    main.append(wrap);
  }, [url, tag]);
  await el.waitFor({ state: 'attached' });
  return el;
}

test('export shows every collection as JSON and downloads pb_schema.json', async () => {
  const page = await openPage(browser);
  const section = await openSection(page, 'export', 'c-settings-export');
  await section.getByRole('heading', { name: 'Export collections' }).waitFor();
  const code = section.getByLabel('the exported JSON', { exact: true });
  await code.waitFor();
  const shown = JSON.parse(await code.textContent());
  const notes = shown.find((c) => c.name === NOTES);
  assert.ok(notes, 'the collection is in the JSON');
  assert.ok(shown.some((c) => c.name === '_superusers'), 'system collections are included');
  assert.equal(notes.created, undefined, 'no dates');
  assert.deepEqual(notes.fields.map((f) => f.name), ['id', 'title', 'done']);
  assert.equal(shown[0].type, 'auth', 'auth collections first');
  await shot(page, '07-export');

  // select none, then one
  const all = section.getByLabel('Select all');
  await all.uncheck();
  await section.getByText('Select the collections to export.').waitFor();
  assert.ok(await section.getByRole('button', { name: 'Download as JSON' }).isDisabled());
  await section.getByRole('checkbox', { name: NOTES, exact: true }).check();
  await section.getByText('pb_schema.json · 1 collection', { exact: true }).waitFor();
  assert.deepEqual(JSON.parse(await code.textContent()).map((c) => c.name), [NOTES]);
  await all.check();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    section.getByRole('button', { name: 'Download as JSON' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'pb_schema.json');
  const file = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(file, shown);
  assertNoProblems(page);
  await page.context().close();
});

test('import validates the JSON, shows the diff, merges and applies it', async () => {
  const page = await openPage(browser);
  const section = await openSection(page, 'import', 'c-settings-import');
  await section.getByRole('heading', { name: 'Import collections' }).waitFor();
  const box = section.getByLabel('Collections (JSON)');

  // not JSON, not an array, not collections
  await box.fill('[{"name": ');
  await section.getByRole('alert').filter({ hasText: 'Invalid JSON' }).waitFor();
  assert.ok(await section.getByRole('button', { name: 'Import', exact: true }).isDisabled());
  await box.fill('{"name": "x"}');
  await section.getByRole('alert').filter({ hasText: 'must be an array of collections' }).waitFor();
  await box.fill('[{"type": "base"}]');
  await section.getByRole('alert').filter({ hasText: 'Collection 1: it has no name.' }).waitFor();

  // the current configuration with: a new field, a changed rule, a removed field, a new collection, a collection left out
  const current = (await api('/api/collections?perPage=500')).items;
  const next = current.filter((c) => c.name !== OLD).map((c) => structuredClone(c));
  const notes = next.find((c) => c.name === NOTES);
  notes.fields = notes.fields.filter((f) => f.name !== 'done');
  notes.fields.push({ name: 'priority', type: 'number', onlyInt: true });
  notes.listRule = 'title != ""';
  next.push({ name: TAGS, type: 'base', listRule: '', fields: [{ name: 'label', type: 'text', required: true }] });
  await box.fill(JSON.stringify(next, null, 2));

  const summary = section.getByRole('list', { name: 'Detected changes' });
  await summary.waitFor();
  await summary.getByText(TAGS).waitFor();
  assert.match(await summary.textContent(), new RegExp(`Deleted\\s*${OLD}`));
  assert.match(await summary.textContent(), new RegExp(`Changed\\s*${NOTES}`));
  assert.match(await summary.textContent(), new RegExp(`Added\\s*${TAGS}`));
  const card = section.getByRole('article', { name: `Changes of ${NOTES}` });
  await card.locator('tr', { hasText: 'priority' }).filter({ hasText: 'Added' }).waitFor();
  await card.locator('tr', { hasText: 'done' }).filter({ hasText: 'Removed' }).waitFor();
  const rule = card.locator('tr', { has: page.getByRole('rowheader', { name: 'listRule' }) });
  assert.match(await rule.locator('.diff-old').textContent(), /""\s*anyone/);
  assert.equal((await rule.locator('.diff-new').textContent()).trim(), 'title != ""');
  const loss = section.getByRole('alert').filter({ hasText: 'Data loss' });
  assert.match(await loss.textContent(), new RegExp(`collection "${OLD}" and all its records`));
  assert.match(await loss.textContent(), new RegExp(`field "${NOTES}.done" and its data`));
  await section.getByRole('heading', { name: 'Detected changes' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, '07-import-diff');

  // merge keeps what the import leaves out
  await section.getByLabel('Merge with the existing collections').check();
  await section.getByText('Data loss').waitFor({ state: 'detached' });
  assert.doesNotMatch(await summary.textContent(), /Deleted/);
  await section.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('The collections were imported.').waitFor();
  await section.getByText('Detected changes').waitFor({ state: 'detached' });
  assert.equal(await box.inputValue(), '');

  const notesNow = await api(`/api/collections/${NOTES}`);
  assert.deepEqual(notesNow.fields.map((f) => f.name).sort(), ['done', 'id', 'priority', 'title'], 'merged: done is kept');
  assert.equal(notesNow.listRule, 'title != ""');
  const tags = await api(`/api/collections/${TAGS}`);
  assert.deepEqual(tags.fields.map((f) => f.name), ['id', 'label']);
  await api(`/api/collections/${OLD}`); // still there
  assert.equal((await api(`/api/collections/${NOTES}/records`)).totalItems, 1, 'the records are kept');

  // the same configuration again, from a file: nothing to do
  await section.getByLabel('JSON file to import').setInputFiles({
    name: 'pb_schema.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify([await api(`/api/collections/${NOTES}`)])),
  });
  await section.getByText('The collections are already up to date').waitFor();
  assert.match(await box.inputValue(), new RegExp(`"name":"${NOTES}"`));

  // the server's validation error
  await box.fill(JSON.stringify([{ name: 'sync07 bad name', type: 'base', fields: [] }]));
  await section.getByRole('button', { name: 'Import', exact: true }).click();
  const failure = section.getByRole('alert').filter({ hasText: 'The import failed' });
  await failure.waitFor();
  assert.match(await failure.textContent(), /Failed to import collections\./);
  assert.match(await failure.textContent(), /collections: Data validations failed for collection "sync07 bad name"/);
  await section.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Clear' }).click();
  await page.waitForFunction(() => document.querySelector('c-settings-import textarea').value === '');
  await section.getByRole('alert').filter({ hasText: 'The import failed' }).waitFor({ state: 'detached' });
  assertNoProblems(page);
  await page.context().close();
});

test('the SQL console runs queries, shows NULL, errors, affected rows and a history', async () => {
  const page = await openPage(browser);
  const section = await openSection(page, 'sql', 'c-settings-sql');
  await section.getByRole('heading', { name: 'SQL console' }).waitFor();
  await section.getByText('Queries run directly on the database.').waitFor();
  const editor = section.getByLabel('SQL query');

  await editor.fill('SELECT 1 AS one, NULL AS n');
  await section.getByRole('button', { name: 'Run' }).click();
  const table = section.getByRole('table', { name: 'Query result' });
  await table.waitFor();
  assert.deepEqual((await table.locator('thead th').allTextContents()).map((x) => x.trim()), ['Row#', 'one', 'n']);
  const cells = table.locator('tbody tr').first().locator('td');
  assert.equal(await cells.nth(1).textContent(), '1');
  assert.equal(await cells.nth(2).locator('.sql-null').textContent(), 'NULL');
  await section.getByRole('status').filter({ hasText: /1\s*row/ }).waitFor();
  await shot(page, '07-sql');

  await editor.fill(`SELECT id, title, done FROM ${NOTES}`);
  await editor.press('Control+Enter');
  await table.locator('td', { hasText: 'first' }).waitFor();

  // an invalid query: the error inline, Ctrl+Enter runs
  await editor.fill('SELEC 1');
  await editor.press('Control+Enter');
  const error = section.getByRole('alert').filter({ hasText: 'The query failed.' });
  await error.waitFor();
  assert.match(await error.textContent(), /syntax error/);

  // a write statement asks first, then tells the affected rows
  await editor.fill(`UPDATE ${NOTES} SET title = 'changed' WHERE title = 'first'`);
  await section.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Run' }).click();
  await section.getByText(/1 row affected/).waitFor();
  assert.equal((await api(`/api/collections/${NOTES}/records`)).items[0].title, 'changed');

  // the history: newest first, click to run again
  const history = section.getByRole('complementary', { name: 'Query history' });
  const items = history.getByRole('listitem');
  assert.equal(await items.count(), 3, 'the failed query is not kept');
  assert.match((await items.first().textContent()).trim(), /^UPDATE/);
  await history.getByRole('button', { name: 'SELECT 1 AS one, NULL AS n' }).click();
  await table.locator('.sql-null').waitFor();
  assert.equal(await editor.inputValue(), 'SELECT 1 AS one, NULL AS n');
  assert.match((await items.first().textContent()).trim(), /^SELECT 1 AS one/);
  await items.nth(1).getByRole('button', { name: 'Remove from history' }).click();
  await items.nth(2).waitFor({ state: 'detached' });
  assert.equal(await items.count(), 2);
  assertNoProblems(page);
  await page.context().close();

  // dark mode, and the history kept in the browser
  const dark = await openPage(browser, { colorScheme: 'dark' });
  const darkSection = await openSection(dark, 'sql', 'c-settings-sql');
  assert.equal(await darkSection.getByRole('complementary', { name: 'Query history' }).getByRole('listitem').count(), 0,
    'a new browser context has its own history');
  await darkSection.getByLabel('SQL query').fill(`SELECT name, type, system FROM _collections WHERE name LIKE 'sync07%' OR name = 'users' ORDER BY name`);
  await darkSection.getByRole('button', { name: 'Run' }).click();
  await darkSection.getByRole('table', { name: 'Query result' }).locator('td', { hasText: TAGS }).waitFor();
  await shot(dark, '07-sql-dark');
  assertNoProblems(dark);
  await dark.context().close();
});
