// Record history through the official SDK (a Coffer extension: skipped against the reference PocketBase): a
// collection with `history.enabled`, its changes read with `pb.send`, a record read as it was (`getOne` with
// `?at=`), a version written back, a deleted record restored with its id, and the audit list. Makes its own
// `history_…` collection, deleted at the end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newClient, rejectsWithStatus, server, sleep, superuserClient, uniqueName } from './support.mjs';

describe('record history', { skip: server === 'pocketbase' ? 'a Coffer extension' : false }, () => {
  let pb;
  let name;

  before(async () => {
    pb = await superuserClient();
    name = uniqueName('history');
    await pb.collections.create({
      name,
      type: 'base',
      listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '',
      history: { enabled: true, retentionDays: 30 },
      historyRule: null,
      fields: [{ name: 'title', type: 'text' }, { name: 'count', type: 'number' }],
    });
  });

  after(async () => {
    await pb.collections.delete(name);
  });

  const history = (id, query = {}) =>
    pb.send(`/api/collections/${name}/records/${id}/history`, { query });

  test('changes are listed newest first, with who made them and old and new values', async () => {
    const created = await pb.collection(name).create({ title: 'one', count: 1 });
    await sleep(5);
    const afterCreate = new Date().toISOString();
    await sleep(5);
    await pb.collection(name).update(created.id, { title: 'two' });
    await pb.collection(name).update(created.id, { 'count+': 2 });

    const page = await history(created.id);
    assert.equal(page.totalItems, 3);
    assert.deepEqual(page.items.map((i) => i.action), ['update', 'update', 'create']);
    assert.deepEqual(page.items[1].changes.title, { old: 'one', new: 'two' });
    assert.deepEqual(page.items[0].changes.count, { old: 1, new: 3 });
    assert.match(page.items[0].actor, /^_superusers\//);
    assert.equal((await history(created.id, { field: 'title' })).totalItems, 2);

    const then = await pb.collection(name).getOne(created.id, { query: { at: afterCreate } });
    assert.equal(then.title, 'one');
    assert.equal(then.count, 1);

    // a guest may not read it (historyRule null), and sees no such history
    await rejectsWithStatus(newClient().send(`/api/collections/${name}/records/${created.id}/history`, {}), 403);
  });

  test('a version is written back and a deleted record comes back with its id', async () => {
    const r = await pb.collection(name).create({ title: 'keep me', count: 5 });
    await pb.collection(name).update(r.id, { title: 'changed' });
    const restored = await pb.send(`/api/collections/${name}/records/${r.id}/restore`, {
      method: 'POST', body: { version: 1 },
    });
    assert.equal(restored.title, 'keep me');

    await pb.collection(name).delete(r.id);
    const deleted = await pb.send(`/api/collections/${name}/history`, { query: { action: 'delete' } });
    assert.ok(deleted.items.some((i) => i.recordId === r.id));
    const back = await pb.send(`/api/collections/${name}/records/${r.id}/restore`, { method: 'POST', body: {} });
    assert.equal(back.id, r.id);
    assert.equal((await pb.collection(name).getOne(r.id)).title, 'keep me');
  });

  test('schema changes are in the audit list', async () => {
    const audit = await pb.send('/api/audit', { query: { kind: 'collections', perPage: 50 } });
    assert.ok(audit.items.some((i) => i.action === 'create' && i.changes.name?.new === name));
  });
});
