// The collection editor: a base collection with a field of every type, options and rules; rename, delete,
// reorder and an index; an auth collection's options; a view with its live preview; server errors shown in
// place; duplicate, truncate, delete; phone size and dark mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { api, launchBrowser, openPage, goto, shot, assertNoProblems } from './support.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
  await api('/api/collections', { method: 'POST', body: { name: 'ce_target', type: 'base', fields: [{ name: 'name', type: 'text' }] } });
  for (const name of ['alpha', 'beta', 'gamma']) {
    await api('/api/collections/ce_target/records', { method: 'POST', body: { name } });
  }
});
after(async () => { await browser?.close(); });

/**
 * Opens the collection editor: the collections page's "+ New collection" button when the page has one, else the
 * element mounted by hand (as the records page does). id: the collection to edit, or null for a new one.
 */
async function openEditor(page, id = null, { viaButton = true } = {}) {
  await goto(page, '/collections');
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const button = page.getByRole('button', { name: /New collection/ });
  if (!id && viaButton && await button.count()) {
    await button.first().click();
  } else {
    await page.evaluate(async (target) => {
      const base = new URL('.', document.querySelector('script[type="module"][src]').src).href;
      await import(`${base}pages/collection-editor.js`);
      const { api: client } = await import(`${base}api.js`);
      document.querySelector('c-collection-editor')?.remove();
      const el = document.createElement('c-collection-editor');
      el.collection = target ? await client.send(`api/collections/${target}`) : null;
      window.ceEvents = [];
      for (const type of ['saved', 'deleted', 'close']) {
        el.addEventListener(type, (e) => {
          window.ceEvents.push({ type, detail: e.detail });
          if (type === 'close') el.remove();
        });
      }
      document.body.append(el);
    }, id);
  }
  await page.locator('c-collection-editor .panel').waitFor();
  await page.locator('c-collection-editor .ce').waitFor();
}

const editor = (page) => page.locator('c-collection-editor');
const row = (page, name) => page.locator(`.ce-field[data-field-name="${name}"]`);

async function addField(page, typeLabel, name) {
  await editor(page).getByRole('button', { name: 'New field', exact: true }).click();
  await page.locator('.ce-type-picker').getByRole('button', { name: typeLabel, exact: true }).click();
  await page.locator('.ce-field.ce-open .ce-field-name input').fill(name);
  const r = row(page, name);
  await r.locator('.ce-field-settings').waitFor();
  return r;
}

/** Drags a field by its handle with the mouse (the browser's drag and drop) onto the top edge of another one. */
async function dragField(page, name, before) {
  const handle = row(page, name).locator('.ce-drag');
  await row(page, before).evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await handle.hover();
  await page.mouse.down();
  const box = await row(page, before).boundingBox();
  await page.mouse.move(box.x + 40, box.y + 12, { steps: 6 });
  await page.mouse.move(box.x + 40, box.y + 5, { steps: 2 });
  await page.mouse.up();
}

async function tab(page, name) {
  await editor(page).getByRole('tab', { name }).click();
}

async function saveAndWaitClosed(page, label = 'Save changes') {
  await editor(page).getByRole('button', { name: label, exact: true }).click();
  await editor(page).waitFor({ state: 'detached' });
}

const byName = (c) => Object.fromEntries(c.fields.map((f) => [f.name, f]));

test('a base collection with a field of every type, their options and rules', async () => {
  const page = await openPage(browser);
  await openEditor(page);
  await editor(page).getByLabel('Name', { exact: true }).fill('ce_posts');
  await shot(page, '02-collection-new');

  let r = await addField(page, 'Plain text', 'title');
  await r.getByLabel('Min length').fill('2');
  await r.getByLabel('Max length').fill('120');
  await r.getByLabel('Validation pattern').fill('^[A-Za-z ]+$');
  await r.getByLabel('Nonempty').check();
  await r.getByLabel('Presentable').check();
  await shot(page, '02-collection-fields');

  r = await addField(page, 'Rich editor', 'body');
  await r.getByLabel('Max size (bytes)').fill('100000');
  await r.getByLabel('Strip URLs domain').check();
  await shot(page, '02-collection-fields-editor');

  r = await addField(page, 'Number', 'score');
  await r.getByLabel('Min', { exact: true }).fill('0');
  await r.getByLabel('Max', { exact: true }).fill('10');
  await r.getByLabel('No decimals').check();
  await shot(page, '02-collection-fields-number');

  r = await addField(page, 'Bool', 'published');
  await r.getByLabel('Help text').fill('Shown to everyone when set');
  await r.getByLabel('Hidden').check();
  await shot(page, '02-collection-fields-bool');

  r = await addField(page, 'Email', 'contact');
  await r.getByLabel('Only domains').fill('example.com, example.org');
  await r.getByLabel('Only domains').blur();
  await shot(page, '02-collection-fields-email');

  r = await addField(page, 'URL', 'site');
  await r.getByLabel('Except domains').fill('spam.test');
  await r.getByLabel('Except domains').blur();
  await shot(page, '02-collection-fields-url');

  r = await addField(page, 'Date/time', 'due');
  await r.getByLabel('Min date (UTC)').fill('2024-01-01T08:30:00');
  await r.getByLabel('Min date (UTC)').blur();
  await shot(page, '02-collection-fields-date');

  r = await addField(page, 'Autodate', 'touched');
  await r.getByLabel('Set on').selectOption('update');
  await shot(page, '02-collection-fields-autodate');

  r = await addField(page, 'Select', 'tags');
  for (const v of ['news', 'tech', 'life']) {
    await r.getByLabel('New choice').fill(v);
    await r.getByLabel('New choice').press('Enter');
  }
  await r.getByLabel('Single or multiple').selectOption('multiple');
  await r.getByLabel('Max select').fill('2');
  await shot(page, '02-collection-fields-select');

  r = await addField(page, 'File', 'attachments');
  await r.getByLabel('Single or multiple').selectOption('multiple');
  await r.getByLabel('Max files').fill('5');
  await r.getByRole('button', { name: 'Images' }).click();
  await r.getByLabel('New mime type').fill('application/pdf');
  await r.getByLabel('New mime type').press('Enter');
  await r.getByLabel('Thumb sizes').fill('100x50, 300x0');
  await r.getByLabel('Thumb sizes').blur();
  await r.getByLabel('Protected').check();
  await shot(page, '02-collection-fields-file');

  r = await addField(page, 'Relation', 'target');
  await r.getByLabel('Collection', { exact: true }).selectOption({ label: 'ce_target' });
  await r.getByLabel('Single or multiple').selectOption('multiple');
  await r.getByLabel('Min select').fill('1');
  await r.getByLabel('Max select').fill('3');
  await r.getByLabel('Cascade delete').selectOption('true');
  await shot(page, '02-collection-fields-relation');

  r = await addField(page, 'JSON', 'meta');
  await r.getByLabel('Max size (bytes)').fill('2048');
  await shot(page, '02-collection-fields-json');

  r = await addField(page, 'Password', 'pin');
  await r.getByLabel('Min length').fill('4');
  await r.getByLabel('Max length').fill('20');
  await r.getByLabel('Bcrypt cost').fill('11');
  await shot(page, '02-collection-fields-password');

  r = await addField(page, 'Geo point', 'place');
  await r.getByLabel('Nonempty').check();
  await shot(page, '02-collection-fields-geopoint');

  // rules: list for everyone, view for signed-in users, create stays superusers only, update by an expression
  await tab(page, 'API rules');
  await editor(page).getByRole('button', { name: 'Unlock List/Search rule' }).click();
  await editor(page).getByRole('button', { name: 'Unlock View rule' }).click();
  const viewRule = editor(page).getByLabel('View rule', { exact: true });
  if (await editor(page).locator('[data-rule="viewRule"] c-filter-input').count()) {
    // typed with the completion of the filter input
    await viewRule.pressSequentially('@request.auth.i');
    const option = editor(page).getByRole('option').filter({ hasText: '@request.auth.id' }).first();
    await option.waitFor();
    await shot(page, '02-collection-rules-autocomplete');
    await option.click();
    await viewRule.pressSequentially((await viewRule.inputValue()).endsWith(' ') ? '!= ""' : ' != ""');
  } else {
    await viewRule.pressSequentially('@request.auth.id != ""');
  }
  await editor(page).getByRole('button', { name: 'Unlock Update rule' }).click();
  await editor(page).getByLabel('Update rule', { exact: true }).fill('score > 5');
  await editor(page).getByRole('button', { name: 'Lock Update rule (superusers only)' }).click();
  await editor(page).getByRole('button', { name: 'Unlock Update rule' }).click();
  assert.equal(await editor(page).getByLabel('Update rule', { exact: true }).inputValue(), 'score > 5', 'unlocking restores the rule');
  await shot(page, '02-collection-rules');

  await saveAndWaitClosed(page, 'Create');
  const c = await api('/api/collections/ce_posts');
  assert.deepEqual(c.fields.map((f) => [f.name, f.type]), [
    ['id', 'text'], ['title', 'text'], ['body', 'editor'], ['score', 'number'], ['published', 'bool'], ['contact', 'email'],
    ['site', 'url'], ['due', 'date'], ['tags', 'select'], ['attachments', 'file'], ['target', 'relation'], ['meta', 'json'],
    ['pin', 'password'], ['place', 'geoPoint'], ['created', 'autodate'], ['updated', 'autodate'], ['touched', 'autodate'],
  ]); // a new autodate field goes last, the others before the trailing autodate fields (as PocketBase adds them)
  const f = byName(c);
  const target = await api('/api/collections/ce_target');
  assert.deepEqual([f.title.min, f.title.max, f.title.pattern, f.title.required, f.title.presentable], [2, 120, '^[A-Za-z ]+$', true, true]);
  assert.deepEqual([f.body.maxSize, f.body.convertURLs], [100000, true]);
  assert.deepEqual([f.score.min, f.score.max, f.score.onlyInt], [0, 10, true]);
  assert.deepEqual([f.published.help, f.published.hidden], ['Shown to everyone when set', true]);
  assert.deepEqual(f.contact.onlyDomains, ['example.com', 'example.org']);
  assert.deepEqual(f.site.exceptDomains, ['spam.test']);
  assert.equal(f.due.min, '2024-01-01 08:30:00.000Z');
  assert.deepEqual([f.touched.onCreate, f.touched.onUpdate], [false, true]);
  assert.deepEqual([f.tags.values, f.tags.maxSelect], [['news', 'tech', 'life'], 2]);
  assert.deepEqual([f.attachments.maxSelect, f.attachments.thumbs, f.attachments.protected], [5, ['100x50', '300x0'], true]);
  assert.deepEqual(f.attachments.mimeTypes, ['image/jpeg', 'image/png', 'image/svg+xml', 'image/gif', 'image/webp', 'application/pdf']);
  assert.deepEqual([f.target.collectionId, f.target.minSelect, f.target.maxSelect, f.target.cascadeDelete], [target.id, 1, 3, true]);
  assert.equal(f.meta.maxSize, 2048);
  assert.deepEqual([f.pin.min, f.pin.max, f.pin.cost], [4, 20, 11]);
  assert.equal(f.place.required, true);
  assert.deepEqual([f.created.onCreate, f.created.onUpdate, f.updated.onUpdate], [true, false, true]);
  assert.deepEqual([c.listRule, c.viewRule, c.createRule, c.updateRule, c.deleteRule], ['', '@request.auth.id != ""', null, 'score > 5', null]);
  assertNoProblems(page);
  await page.context().close();
});

test('rename and delete fields (confirmed), reorder by drag and keys, add an index, unsaved changes', async () => {
  const page = await openPage(browser);
  await openEditor(page, 'ce_posts');
  await row(page, 'meta').getByLabel('Field name').fill('metadata');
  // delete a field, restore it, delete it again: it stays listed until saved
  await row(page, 'place').getByRole('button', { name: 'Options of place' }).click();
  await row(page, 'place').getByRole('button', { name: 'Delete field place' }).click();
  await row(page, 'place').getByText('Deleted on save').waitFor();
  await row(page, 'place').getByRole('button', { name: 'Restore place' }).click();
  await row(page, 'place').getByRole('button', { name: 'Options of place' }).click();
  await row(page, 'place').getByRole('button', { name: 'Delete field place' }).click();
  // drag "published" above "title", then move "score" up with the keyboard button
  await dragField(page, 'published', 'title');
  await row(page, 'score').getByRole('button', { name: 'Move score up' }).focus();
  await page.keyboard.press('Enter');
  assert.deepEqual((await page.locator('.ce-field').evaluateAll((els) => els.map((e) => e.dataset.fieldName))).slice(0, 5),
    ['id', 'published', 'title', 'score', 'body']);

  // an index: unique on title and score
  await editor(page).getByRole('button', { name: 'New index' }).click();
  const dialog = page.getByRole('dialog', { name: 'New index' });
  await dialog.getByLabel('Unique').check();
  await dialog.getByRole('button', { name: 'title', exact: true }).click();
  await dialog.getByRole('button', { name: 'score', exact: true }).click();
  assert.match(await dialog.getByLabel('SQL').inputValue(), /^CREATE UNIQUE INDEX `idx_\w+` ON `ce_posts` \(\n {2}`title`,\n {2}`score`\n\)$/);
  await shot(page, '02-collection-indexes-dialog');
  await dialog.getByRole('button', { name: 'Add index' }).click();
  await editor(page).getByRole('button', { name: /Edit index idx_/ }).waitFor();
  await shot(page, '02-collection-indexes');

  // closing with unsaved changes asks first
  await editor(page).getByRole('button', { name: 'Close', exact: true }).first().click();
  const ask = page.getByRole('dialog', { name: 'Confirm' });
  await ask.getByText('You have unsaved changes. Discard them?').waitFor();
  await ask.getByRole('button', { name: 'Cancel' }).click();

  // saving lists the renamed and deleted fields first
  await editor(page).getByRole('button', { name: 'Save changes' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm collection changes' });
  await confirm.getByText('Renamed the field meta → metadata').waitFor();
  await confirm.getByText('Deleted the field place').waitFor();
  await shot(page, '02-collection-changes-confirm');
  await confirm.getByRole('button', { name: 'Save changes' }).click();
  await editor(page).waitFor({ state: 'detached' });

  const c = await api('/api/collections/ce_posts');
  assert.deepEqual(c.fields.map((f) => f.name), ['id', 'published', 'title', 'score', 'body', 'contact', 'site', 'due',
    'tags', 'attachments', 'target', 'metadata', 'pin', 'created', 'updated', 'touched']);
  assert.equal(c.indexes.length, 1);
  assert.match(c.indexes[0], /^CREATE UNIQUE INDEX `idx_\w+` ON `ce_posts` \(\s*`title`,\s*`score`\s*\)$/);
  assert.deepEqual(await page.evaluate(() => window.ceEvents.map((e) => e.type)), ['saved', 'close']);

  // Ctrl+S saves and keeps the panel open; a renamed indexed field renames the index column
  await openEditor(page, 'ce_posts');
  await row(page, 'title').getByLabel('Field name').fill('headline');
  await page.keyboard.press('Control+s');
  await page.getByRole('dialog', { name: 'Confirm collection changes' }).getByRole('button', { name: 'Save changes' }).click();
  await editor(page).locator('footer').getByRole('button', { name: 'Save changes' }).and(page.locator(':disabled')).waitFor();
  assert.ok(await editor(page).locator('.panel').isVisible(), 'the panel stays open');
  const renamed = await api('/api/collections/ce_posts');
  assert.match(renamed.indexes[0], /`headline`,\s*`score`/);
  await page.keyboard.press('Escape');
  await editor(page).waitFor({ state: 'detached' });
  assertNoProblems(page);
  await page.context().close();
});

test('an auth collection and its options', async () => {
  const page = await openPage(browser);
  await openEditor(page);
  await editor(page).getByLabel('Name', { exact: true }).fill('ce_members');
  await editor(page).getByLabel('Type').selectOption('auth');
  for (const name of ['email', 'emailVisibility', 'verified', 'password', 'tokenKey']) {
    assert.ok(await row(page, name).getByLabel('Field name').isDisabled(), `${name} is locked`);
  }
  await tab(page, 'Options');
  const opts = editor(page).locator('c-auth-options');
  const section = (id) => opts.locator(`[data-section="${id}"]`);

  await section('otp').locator(':scope > summary').click();
  await section('otp').getByLabel('Enable').check();
  await section('otp').getByLabel('Duration (in seconds)').fill('300');

  await section('tokens').locator(':scope > summary').click();
  await section('tokens').getByLabel('Auth token duration (in seconds)').fill('3600');

  await section('oauth2').locator(':scope > summary').click();
  await section('oauth2').getByRole('button', { name: 'Add provider' }).click();
  const picker = page.getByRole('dialog', { name: 'Add OAuth2 provider' });
  await picker.getByLabel('Search').fill('git');
  await picker.getByRole('button', { name: /GitHub/ }).click();
  const settings = page.getByRole('dialog', { name: 'GitHub settings' });
  await settings.getByLabel('Client ID').fill('gh-client-id');
  await settings.getByLabel('Client secret').fill('gh-client-secret');
  await settings.getByRole('button', { name: 'Add provider' }).click();
  await section('oauth2').locator('[data-provider="github"]').waitFor();
  await opts.locator('.ce-auth-head').scrollIntoViewIfNeeded();
  await shot(page, '02-collection-auth-options');

  await section('tpl-verificationTemplate').locator(':scope > summary').click();
  await section('tpl-verificationTemplate').getByLabel('Subject').fill('Welcome to {APP_NAME}, please verify');
  await section('tpl-verificationTemplate').getByRole('button', { name: 'Preview' }).click();
  const frame = section('tpl-verificationTemplate').locator('iframe');
  assert.equal(await frame.getAttribute('sandbox'), '');
  const srcdoc = await frame.evaluate((el) => el.srcdoc);
  assert.ok(!srcdoc.includes('{APP_URL}') && !srcdoc.includes('{TOKEN}') && srcdoc.includes('/confirm-verification/'), 'placeholders filled');
  await section('tpl-verificationTemplate').locator('.ce-mail-subject').getByText(/Welcome to .+, please verify/).waitFor();
  await shot(page, '02-collection-auth-template');

  await saveAndWaitClosed(page, 'Create');
  const c = await api('/api/collections/ce_members');
  assert.equal(c.type, 'auth');
  assert.deepEqual([c.otp.enabled, c.otp.duration], [true, 300]);
  assert.equal(c.authToken.duration, 3600);
  assert.equal(c.oauth2.enabled, true);
  assert.deepEqual(c.oauth2.providers.map((p) => [p.name, p.clientId]), [['github', 'gh-client-id']]);
  assert.equal(c.verificationTemplate.subject, 'Welcome to {APP_NAME}, please verify');
  assert.deepEqual(c.fields.map((f) => f.name), ['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified', 'created', 'updated']);

  // invalidating the issued auth tokens sends a new secret (never shown back)
  await openEditor(page, 'ce_members');
  await tab(page, 'Options');
  await section('tokens').locator(':scope > summary').click();
  await section('tokens').getByLabel('Invalidate all previously issued auth tokens').check();
  const patch = page.waitForRequest((r) => r.method() === 'PATCH' && r.url().includes('/api/collections/'));
  await saveAndWaitClosed(page);
  const sent = JSON.parse((await patch).postData());
  assert.equal(sent.authToken.secret.length, 50);
  assert.equal(sent.fileToken.secret, undefined);
  assertNoProblems(page);
  await page.context().close();
});

test('a view collection with the live preview of its query', async () => {
  const page = await openPage(browser);
  await openEditor(page);
  await editor(page).getByLabel('Name', { exact: true }).fill('ce_view');
  await editor(page).getByLabel('Type').selectOption('view');
  const query = editor(page).getByLabel('Select query');
  await query.fill('SELECT id, name, nope FROM ce_target');
  await editor(page).locator('.ce-query-error').getByText(/no such column: nope/).waitFor();
  await query.fill("SELECT id, name, (name || '!') AS shout FROM ce_target ORDER BY name");
  const preview = editor(page).getByRole('region', { name: 'Query preview' });
  await preview.getByRole('cell', { name: 'gamma!' }).waitFor();
  await preview.getByLabel('Fields of the view').getByText('shout').waitFor();
  await shot(page, '02-collection-view-query');
  await tab(page, 'API rules');
  await editor(page).getByRole('button', { name: 'Unlock List/Search rule' }).click();
  assert.equal(await editor(page).getByRole('button', { name: /Create rule/ }).count(), 0, 'views have list and view rules only');
  await saveAndWaitClosed(page, 'Create');
  const c = await api('/api/collections/ce_view');
  assert.equal(c.type, 'view');
  assert.deepEqual(c.fields.map((f) => f.name), ['id', 'name', 'shout']);
  assert.equal(c.listRule, '');
  assertNoProblems(page);
  await page.context().close();
});

test('server validation errors show at their field and rule, and mark the tab', async () => {
  const page = await openPage(browser);
  await openEditor(page, null, { viaButton: false });
  await editor(page).getByLabel('Name', { exact: true }).fill('ce_errors');
  await addField(page, 'Plain text', 'dup');
  await addField(page, 'Number', 'dup2');
  await row(page, 'dup2').getByLabel('Field name').fill('dup');
  await tab(page, 'API rules');
  await editor(page).getByRole('button', { name: 'Unlock List/Search rule' }).click();
  await editor(page).getByLabel('List/Search rule', { exact: true }).fill('nope = 1');
  await tab(page, 'Fields');
  await editor(page).getByRole('button', { name: 'Create', exact: true }).click();
  await editor(page).locator('.ce-field').getByRole('alert').first().waitFor();
  assert.ok(await editor(page).getByRole('tab', { name: /API rules.*has errors/ }).isVisible(), 'the rules tab is marked');
  await shot(page, '02-collection-error');
  await tab(page, 'API rules');
  await editor(page).locator('[data-rule="listRule"]').getByRole('alert').getByText(/nope/).waitFor();
  await shot(page, '02-collection-error-rule');
  // fix both and save
  await editor(page).getByLabel('List/Search rule', { exact: true }).fill('dup != ""');
  await tab(page, 'Fields');
  await editor(page).locator('.ce-field[data-field-type="number"]').getByLabel('Field name').fill('amount');
  await saveAndWaitClosed(page, 'Create');
  const c = await api('/api/collections/ce_errors');
  assert.deepEqual(c.fields.map((f) => f.name), ['id', 'dup', 'amount', 'created', 'updated']);
  assert.equal(c.listRule, 'dup != ""');
  assertNoProblems(page);
  await page.context().close();
});

test('duplicate, truncate and delete a collection', async () => {
  const page = await openPage(browser);
  await openEditor(page, 'ce_target');
  const menu = () => editor(page).getByRole('button', { name: 'Collection actions' }).click();
  // Copy JSON puts the collection on the clipboard
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await menu();
  await editor(page).getByRole('menuitem', { name: 'Copy JSON' }).click();
  await page.getByText('Collection JSON copied to the clipboard.').waitFor();
  assert.equal(JSON.parse(await page.evaluate(() => navigator.clipboard.readText())).name, 'ce_target');
  // the menu works with the keyboard: it opens on its first item, arrows move, Esc closes
  await editor(page).getByRole('button', { name: 'Collection actions' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'Duplicate');
  await page.keyboard.press('Escape');
  assert.equal(await editor(page).getByRole('menu').count(), 0);
  assert.ok(await editor(page).locator('.panel').isVisible(), 'Esc in the menu closes only the menu');
  await menu();
  await editor(page).getByRole('menuitem', { name: 'Duplicate' }).click();
  assert.equal(await editor(page).getByLabel('Name', { exact: true }).inputValue(), 'ce_target_duplicate');
  await saveAndWaitClosed(page, 'Create');
  const dup = await api('/api/collections/ce_target_duplicate');
  assert.deepEqual(dup.fields.map((f) => f.name), ['id', 'name']);

  // truncate: every record goes
  await openEditor(page, 'ce_target');
  await menu();
  await editor(page).getByRole('menuitem', { name: 'Truncate' }).click();
  await page.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Truncate' }).click();
  await page.getByText('All records of "ce_target" were deleted.').waitFor();
  assert.equal((await api('/api/collections/ce_target/records')).totalItems, 0);

  // delete: refused while other collections use it, the server's reason shown
  await menu();
  await editor(page).getByRole('menuitem', { name: 'Delete' }).click();
  let dialog = page.getByRole('dialog', { name: 'Delete collection' });
  const del = dialog.getByRole('button', { name: 'Delete', exact: true });
  assert.ok(await del.isDisabled(), 'Delete waits for the name');
  await dialog.getByLabel(/Type the collection name/).fill('ce_target');
  await del.click();
  await dialog.getByRole('alert').getByText(/reference|view|ce_posts|ce_view/i).waitFor();
  await shot(page, '02-collection-delete-refused');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Escape');
  await editor(page).waitFor({ state: 'detached' });

  // rename (confirmed), then delete
  await openEditor(page, 'ce_target_duplicate');
  await editor(page).getByLabel('Name', { exact: true }).fill('ce_target_copy');
  await editor(page).getByRole('button', { name: 'Save changes' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm collection changes' });
  await confirm.getByText('Renamed the collection ce_target_duplicate → ce_target_copy').waitFor();
  await confirm.getByRole('button', { name: 'Save changes' }).click();
  await editor(page).waitFor({ state: 'detached' });
  await openEditor(page, 'ce_target_copy');
  await menu();
  await editor(page).getByRole('menuitem', { name: 'Delete' }).click();
  dialog = page.getByRole('dialog', { name: 'Delete collection' });
  await dialog.getByLabel(/Type the collection name/).fill('ce_target_copy');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await editor(page).waitFor({ state: 'detached' });
  assert.deepEqual(await page.evaluate(() => window.ceEvents.map((e) => [e.type, e.detail])), [['deleted', dup.id], ['close', null]]);
  await api('/api/collections/ce_target_copy', { expect: [404] });
  assertNoProblems(page);
  await page.context().close();
});

test('the editor at phone size and in dark mode', async () => {
  const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await openEditor(phone, 'ce_posts');
  // touch dragging on the handle: "pin" above "metadata"
  await phone.evaluate(() => {
    const handle = document.querySelector('.ce-field[data-field-name="pin"] .ce-drag');
    handle.scrollIntoView({ block: 'center' });
    const from = handle.getBoundingClientRect();
    const to = document.querySelector('.ce-field[data-field-name="metadata"]').getBoundingClientRect();
    const ev = (type, y) => new PointerEvent(type, { pointerType: 'touch', pointerId: 7, bubbles: true, clientX: from.x + 5, clientY: y });
    handle.dispatchEvent(ev('pointerdown', from.y + 5));
    handle.dispatchEvent(ev('pointermove', to.y + 3));
    handle.dispatchEvent(ev('pointerup', to.y + 3));
  });
  const order = await phone.locator('.ce-field').evaluateAll((els) => els.map((e) => e.dataset.fieldName));
  assert.deepEqual(order.slice(order.indexOf('target') + 1, order.indexOf('target') + 3), ['pin', 'metadata']);
  await row(phone, 'tags').getByRole('button', { name: 'Options of tags' }).click();
  await shot(phone, '02-collection-phone');
  const width = await phone.evaluate(() => document.querySelector('c-collection-editor .panel-body').scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
  // Esc with unsaved changes (the reorder) asks before closing
  await phone.keyboard.press('Escape');
  await phone.getByRole('dialog', { name: 'Confirm' }).getByRole('button', { name: 'Discard' }).click();
  await editor(phone).waitFor({ state: 'detached' });
  assert.deepEqual(await phone.evaluate(() => window.ceEvents.map((e) => e.type)), ['close']);
  assertNoProblems(phone);
  await phone.context().close();

  const dark = await openPage(browser, { colorScheme: 'dark' });
  await goto(dark, '/collections?collection=ce_members');
  const gear = dark.getByRole('button', { name: 'Edit collection' });
  if (await gear.count()) {
    await gear.click(); // the records page's header opens the editor
    await editor(dark).locator('.ce').waitFor();
  } else {
    await openEditor(dark, 'ce_members');
  }
  assert.equal(await editor(dark).getByLabel('Name', { exact: true }).inputValue(), 'ce_members');
  await row(dark, 'email').getByRole('button', { name: 'Options of email' }).click();
  await shot(dark, '02-collection-dark');
  await tab(dark, 'Options');
  await dark.locator('[data-section="oauth2"] > summary').click();
  await shot(dark, '02-collection-dark-options');
  assertNoProblems(dark);
  await dark.context().close();
});
