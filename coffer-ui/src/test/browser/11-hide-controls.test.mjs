// The application setting "hide collection create and edit controls" takes them off the collections page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, goto, shot, assertNoProblems, api } from './support.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
  await api('/api/collections', { method: 'POST', body: { name: 'hide11_notes', type: 'base', fields: [{ name: 'title', type: 'text' }] } });
});
after(async () => {
  await api('/api/settings', { method: 'PATCH', body: { meta: { hideControls: false } } });
  await browser?.close();
});

test('with hideControls on, collections can be browsed but not created or changed', async () => {
  await api('/api/settings', { method: 'PATCH', body: { meta: { hideControls: true } } });
  const page = await openPage(browser);
  await goto(page, '/collections?collection=hide11_notes');
  await page.getByRole('heading', { name: 'hide11_notes' }).waitFor();
  await page.getByRole('button', { name: 'New record' }).first().waitFor();
  await shot(page, '11-hide-controls');
  assert.equal(await page.getByRole('button', { name: 'New collection' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Edit collection' }).count(), 0);

  await api('/api/settings', { method: 'PATCH', body: { meta: { hideControls: false } } });
  await page.reload();
  await page.getByRole('button', { name: 'Edit collection' }).waitFor();
  await page.getByRole('button', { name: 'New collection' }).first().waitFor();
  assertNoProblems(page);
  await page.context().close();
});
