// Record history, field rules and the event log through the official SDK (Coffer extensions: skipped against the
// reference PocketBase): a collection with `history.enabled`, its changes read with `pb.send`, a record read as it
// was (`getOne` with `?at=`), a version written back, a deleted record restored with its id, and the audit list;
// a field with a read rule and mask seen by its owner and by another user, refused in a filter and against its
// write rule; an events-mode collection followed with a long poll and rebuilt by a replay. Makes its own
// collections, deleted at the end.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newClient, rejectsWithStatus, server, sleep, superuserClient, uniqueName } from './support.mjs';

const skip = server === 'pocketbase' ? 'a Coffer extension' : false;

describe('record history', { skip }, () => {
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

describe('field rules and the event log', { skip }, () => {
  let pb;
  let user;
  let userId;
  let accounts;
  let ledger;

  before(async () => {
    pb = await superuserClient();
    accounts = uniqueName('accounts');
    ledger = uniqueName('ledger');
    const email = `${uniqueName('reader')}@example.com`;
    userId = (await pb.collection('users').create({ email, password: '1234567890', passwordConfirm: '1234567890' })).id;
    user = newClient();
    await user.collection('users').authWithPassword(email, '1234567890');
    await pb.collections.create({
      name: accounts,
      type: 'base',
      listRule: '', viewRule: '', updateRule: '',
      fields: [
        { name: 'owner', type: 'text' },
        { name: 'phone', type: 'text', readRule: 'owner = @request.auth.id', writeRule: 'owner = @request.auth.id', mask: 'last4' },
      ],
    });
    await pb.collections.create({
      name: ledger,
      type: 'base',
      mode: 'events',
      listRule: '', viewRule: '', createRule: '',
      eventsRule: '@request.auth.id != ""',
      fields: [{ name: 'title', type: 'text' }, { name: 'amount', type: 'number' }],
    });
  });

  after(async () => {
    await pb.collections.delete(accounts);
    await pb.collections.delete(ledger);
    await pb.collection('users').delete(userId);
  });

  test('a read-ruled field is the owner\'s to read and write, masked for others', async () => {
    const mine = await pb.collection(accounts).create({ owner: userId, phone: '5551234567' });
    const theirs = await pb.collection(accounts).create({ owner: 'someone', phone: '5559876543' });
    assert.equal((await user.collection(accounts).getOne(mine.id)).phone, '5551234567');
    assert.equal((await user.collection(accounts).getOne(theirs.id)).phone, '******6543');
    const listed = await user.collection(accounts).getFullList({ sort: 'id' });
    assert.ok(!JSON.stringify(listed).includes('5559876543'));
    await rejectsWithStatus(user.collection(accounts).getList(1, 10, { filter: 'phone ~ "555"' }), 400);
    const denied = await rejectsWithStatus(user.collection(accounts).update(theirs.id, { phone: '0' }), 400);
    assert.equal(denied.response.data.phone.code, 'validation_field_not_writable');
    assert.equal((await user.collection(accounts).update(mine.id, { phone: '5550000000' })).phone, '5550000000');
  });

  test('the events of an events-mode collection are followed with a long poll and replayed', async () => {
    const first = await user.collection(ledger).create({ title: 'one', amount: 1 });
    const page = await user.send('/api/events', { query: { collection: ledger } });
    assert.deepEqual(page.items.map((i) => [i.recordId, i.action]), [[first.id, 'create']]);
    const poll = user.send('/api/events', { query: { collection: ledger, after: page.cursor, wait: 15 } });
    await sleep(300);
    const second = await user.collection(ledger).create({ title: 'two', amount: 2 });
    const woken = await poll;
    assert.equal(woken.items[0].recordId, second.id);
    assert.ok(woken.cursor > page.cursor);
    await rejectsWithStatus(newClient().send('/api/events', { query: { collection: ledger } }), 401);

    const before = await pb.collection(ledger).getFullList({ sort: 'id' });
    await pb.send('/api/sql', { method: 'POST', body: { query: `DELETE FROM ${ledger}` } });
    assert.equal((await pb.collection(ledger).getFullList()).length, 0);
    const replay = await pb.send(`/api/collections/${ledger}/events/replay`, { method: 'POST' });
    assert.equal(replay.applied, 2);
    assert.deepEqual(await pb.collection(ledger).getFullList({ sort: 'id' }), before);
  });
});
