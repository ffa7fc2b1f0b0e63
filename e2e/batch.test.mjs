// Batch requests through the official SDK (`pb.createBatch()`): create, update, upsert and delete committed
// together, a failing sub-request rolling the whole batch back, and the refusal while batches are disabled.
// Runs on a fresh data dir: as the superuser it enables batches (restoring the previous batch settings after)
// and makes its own `batch_…` collection, deleted at the end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rejectsWithStatus, superuserClient, uniqueName } from './support.mjs';

describe('batch', () => {
  let pb;
  let previous;
  let name;

  before(async () => {
    pb = await superuserClient();
    previous = (await pb.settings.getAll()).batch;
    await pb.settings.update({ batch: { enabled: true, maxRequests: 50, timeout: 3, maxBodySize: 0 } });
    name = uniqueName('batch');
    await pb.collections.create({
      name,
      type: 'base',
      listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '',
      fields: [{ name: 'title', type: 'text', required: true }],
    });
  });

  after(async () => {
    await pb.collections.delete(name);
    await pb.settings.update({ batch: previous });
  });

  test('create, update, upsert and delete are committed together', async () => {
    const first = await pb.collection(name).create({ title: 'first' });
    const second = await pb.collection(name).create({ title: 'second' });
    const third = await pb.collection(name).create({ title: 'third' });
    const newId = `b${Date.now().toString(36)}`.padEnd(15, '0').slice(0, 15);

    const batch = pb.createBatch();
    batch.collection(name).create({ title: 'created' });
    batch.collection(name).update(first.id, { title: 'first updated' });
    batch.collection(name).upsert({ id: second.id, title: 'second upserted' });
    batch.collection(name).upsert({ id: newId, title: 'upsert created' });
    batch.collection(name).delete(third.id);
    const results = await batch.send();

    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 204]);
    assert.equal(results[0].body.title, 'created');
    assert.equal(results[1].body.title, 'first updated');
    assert.equal(results[2].body.id, second.id);
    assert.equal(results[3].body.id, newId);
    assert.equal(results[4].body, null);

    const titles = (await pb.collection(name).getFullList({ sort: 'title' })).map((r) => r.title);
    assert.deepEqual(titles, ['created', 'first updated', 'second upserted', 'upsert created']);
    for (const r of await pb.collection(name).getFullList()) {
      await pb.collection(name).delete(r.id);
    }
  });

  test('a failing sub-request rolls the whole batch back', async () => {
    const kept = await pb.collection(name).create({ title: 'kept' });
    const batch = pb.createBatch();
    batch.collection(name).create({ title: 'rolled back' });
    batch.collection(name).update(kept.id, { title: 'changed' });
    batch.collection(name).create({ title: '' });
    const err = await rejectsWithStatus(batch.send(), 400);
    assert.equal(err.response.message, 'Batch transaction failed.');
    assert.deepEqual(Object.keys(err.response.data.requests), ['2']);
    const failed = err.response.data.requests['2'];
    assert.equal(failed.code, 'batch_request_failed');
    assert.equal(failed.message, 'Batch request failed.');
    assert.equal(failed.response.status, 400);
    assert.equal(failed.response.data.title.code, 'validation_required');

    const records = await pb.collection(name).getFullList();
    assert.deepEqual(records.map((r) => r.title), ['kept']);
    await pb.collection(name).delete(kept.id);
  });

  test('batches are refused while disabled', async () => {
    await pb.settings.update({ batch: { enabled: false } });
    try {
      const batch = pb.createBatch();
      batch.collection(name).create({ title: 'never' });
      const err = await rejectsWithStatus(batch.send(), 403);
      assert.equal(err.response.message, 'Batch requests are not allowed.');
    } finally {
      await pb.settings.update({ batch: { enabled: true } });
    }
    assert.equal((await pb.collection(name).getFullList()).length, 0);
  });
});
