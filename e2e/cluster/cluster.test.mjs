// Several Coffer instances on one database behave as one server. Run by coffer-server's ClusterIT against three
// `coffer serve` processes on one PostgreSQL database and one shared data directory:
//   COFFER_CLUSTER_URLS=http://a,http://b,http://c  COFFER_CLUSTER_PIDS=pidA,pidB,pidC (the java processes)
//   COFFER_SUPERUSER_EMAIL / COFFER_SUPERUSER_PASSWORD
// The tests run in order and share the cluster: the kill -9 test stops the first instance for good.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import PocketBase from 'pocketbase';
import { EventSource } from 'eventsource';

// Node 20 has no global EventSource; the SDK's realtime service uses the global one.
globalThis.EventSource = EventSource;

const urls = (process.env.COFFER_CLUSTER_URLS || '').split(',').filter(Boolean);
const pids = (process.env.COFFER_CLUSTER_PIDS || '').split(',').filter(Boolean).map(Number);
if (urls.length !== 3 || pids.length !== 3) throw new Error('COFFER_CLUSTER_URLS and COFFER_CLUSTER_PIDS must name 3 instances');
const email = process.env.COFFER_SUPERUSER_EMAIL;
const password = process.env.COFFER_SUPERUSER_PASSWORD;

function guest(i) {
  const pb = new PocketBase(urls[i]);
  pb.autoCancellation(false);
  return pb;
}

async function superuser(i) {
  const pb = guest(i);
  await pb.collection('_superusers').authWithPassword(email, password);
  return pb;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const unique = (prefix) => `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Waits until check() returns a truthy value (polling), failing with describe() after timeoutMs. */
async function eventually(check, timeoutMs, describe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await sleep(200);
  }
}

const NOTES = unique('notes');

test('every instance lists the three live instances in /api/health (superusers only)', async () => {
  for (let i = 0; i < 3; i++) {
    const pb = await superuser(i);
    const health = await pb.health.check();
    const instances = health.data.instances;
    assert.equal(instances.length, 3, JSON.stringify(instances));
    assert.deepEqual(instances.map((x) => x.address).sort(), [...urls].sort());
    assert.equal(instances[0].self, true);
    assert.equal(instances[0].address, urls[i]);
    const anonymous = await guest(i).health.check();
    assert.equal(anonymous.data.instances, undefined);
  }
});

test('a collection created and then changed on B is used by the very next request on A and C', async () => {
  const b = await superuser(1);
  await b.collections.create({
    name: NOTES,
    type: 'base',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'public', type: 'bool' },
      { name: 'attachment', type: 'file', maxSelect: 1, maxSize: 1048576 },
    ],
    listRule: 'public = true',
    viewRule: 'public = true',
    createRule: '',
    updateRule: '',
    deleteRule: '',
  });
  // no wait: the change is acknowledged by the other instances before B answers
  const created = await guest(0).collection(NOTES).create({ title: 'first', public: true });
  assert.equal(created.title, 'first');
  const listed = await guest(2).collection(NOTES).getList(1, 10);
  assert.deepEqual(listed.items.map((r) => r.id), [created.id]);

  await b.collections.update(NOTES, { createRule: null });
  await assert.rejects(guest(0).collection(NOTES).create({ title: 'refused', public: true }), (e) => e.status === 400 || e.status === 403);
  await assert.rejects(guest(2).collection(NOTES).create({ title: 'refused', public: true }), (e) => e.status === 400 || e.status === 403);
  await b.collections.update(NOTES, { createRule: '' });
  await guest(2).collection(NOTES).create({ title: 'allowed again', public: false });
});

/** The content of a record's attachment as served by instance i: [status, text]. */
async function attachment(i, record) {
  const res = await fetch(`${urls[i]}/api/files/${record.collectionId}/${record.id}/${record.attachment}`);
  return [res.status, res.status === 200 ? await res.text() : ''];
}

test('a file uploaded through A is served by B and C', async () => {
  const made = await guest(0).collection(NOTES).create({ title: 'with a file', public: true, attachment: new File(['shared bytes'], 'shared.txt', { type: 'text/plain' }) });
  assert.match(made.attachment, /^shared_\w+\.txt$/);
  for (const i of [1, 2]) assert.deepEqual(await attachment(i, made), [200, 'shared bytes']);
});

test('a record change made on A or B reaches a realtime subscriber on C, with the list rule applied, in order', async (t) => {
  const listener = guest(2);
  t.after(() => listener.realtime.unsubscribe());
  const events = [];
  await listener.collection(NOTES).subscribe('*', (e) => events.push([e.action, e.record.title]));

  const a = guest(0);
  const b = guest(1);
  const hidden = await a.collection(NOTES).create({ title: 'hidden', public: false });
  const shown = await a.collection(NOTES).create({ title: 'shown', public: true });
  await b.collection(NOTES).update(shown.id, { title: 'shown, edited' });
  await b.collection(NOTES).update(hidden.id, { title: 'hidden, now public', public: true });
  await a.collection(NOTES).delete(shown.id);
  const expected = [
    ['create', 'shown'],
    ['update', 'shown, edited'],
    ['update', 'hidden, now public'],
    ['delete', 'shown, edited'],
  ];
  await eventually(() => events.length >= expected.length, 10_000, () => JSON.stringify(events));
  await sleep(300);
  assert.deepEqual(events, expected);
});

test('behind a load balancer: a subscription request reaching A for a stream held by C is applied on C', async (t) => {
  const controller = new AbortController();
  t.after(() => controller.abort());
  const frames = [];
  let clientId = null;
  const res = await fetch(`${urls[2]}/api/realtime`, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event:(.*)$/m.exec(frame)?.[1];
          const data = JSON.parse(/^data:(.*)$/m.exec(frame)?.[1] || 'null');
          if (event === 'PB_CONNECT') clientId = data.clientId;
          else frames.push([event, data.action, data.record?.title]);
        }
      }
    } catch { /* aborted */ }
  })();
  await eventually(() => clientId, 5_000, () => 'no PB_CONNECT from C');
  const post = (i, body, token) => fetch(`${urls[i]}/api/realtime`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: token } : {}) }, body: JSON.stringify(body),
  });
  assert.equal((await post(0, { clientId, subscriptions: [`${NOTES}/*`] })).status, 204);
  assert.equal((await post(0, { clientId: 'nobody0000', subscriptions: [`${NOTES}/*`] })).status, 404);
  const su = await superuser(1);
  assert.equal((await post(1, { clientId, subscriptions: [`${NOTES}/*`] }, su.authStore.token)).status, 204, 'binds the superuser');
  assert.equal((await post(0, { clientId, subscriptions: [] })).status, 403, 'another auth than the bound one');
  await guest(1).collection(NOTES).create({ title: 'through the balancer', public: true });
  await eventually(() => frames.length > 0, 5_000, () => 'no event on the stream held by C');
  assert.deepEqual(frames, [[`${NOTES}/*`, 'create', 'through the balancer']]);
});

test("an OAuth2 redirect landing on A reaches the realtime client waiting on C; an unknown state fails", async (t) => {
  const waiting = guest(2);
  t.after(() => waiting.realtime.unsubscribe());
  const received = [];
  await waiting.realtime.subscribe('@oauth2', (data) => received.push(data));
  const state = waiting.realtime.clientId;
  const landed = await fetch(`${urls[0]}/api/oauth2-redirect?state=${encodeURIComponent(state)}&code=the-code`, { redirect: 'manual' });
  assert.match(landed.headers.get('location') || '', /oauth2-redirect-success/);
  await eventually(() => received.length > 0, 5_000, () => 'no @oauth2 message on C');
  assert.deepEqual(received, [{ state, code: 'the-code' }]);
  const unknown = await fetch(`${urls[1]}/api/oauth2-redirect?state=nobody0000&code=x`, { redirect: 'manual' });
  assert.match(unknown.headers.get('location') || '', /oauth2-redirect-failure/);
});

test('a rate limit counts the requests made to every instance together', async () => {
  const b = await superuser(1);
  await b.settings.update({ rateLimits: { enabled: true, rules: [{ label: `${NOTES}:list`, maxRequests: 4, duration: 60, audience: '@guest' }] } });
  try {
    const statuses = [];
    for (let k = 0; k < 6; k++) {
      try {
        await guest(k % 3).collection(NOTES).getList(1, 1);
        statuses.push(200);
      } catch (e) {
        statuses.push(e.status);
      }
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
  } finally {
    await b.settings.update({ rateLimits: { enabled: false } });
  }
  await guest(0).collection(NOTES).getList(1, 1);
});

test('a restore on B holds the writes of every instance while it runs, then every instance serves the restored data and files', async () => {
  const b = await superuser(1);
  const kept = await guest(2).collection(NOTES).create({ title: 'in the backup', public: true, attachment: new File(['kept bytes'], 'kept.txt', { type: 'text/plain' }) });
  await b.backups.create('cluster_restore.zip');
  const extra = unique('afterbackup');
  await b.collections.create({ name: extra, type: 'base', fields: [{ name: 't', type: 'text' }], createRule: '' });
  const late = await guest(0).collection(NOTES).create({ title: 'after the backup', public: true, attachment: new File(['late bytes'], 'late.txt', { type: 'text/plain' }) });
  await guest(0).collection(NOTES).delete(kept.id);
  assert.deepEqual(await attachment(1, kept), [404, '']);
  await b.backups.restore('cluster_restore.zip');
  // a write right after: held while the restore runs (or done before it starts), never failed
  const during = await guest(0).collection(NOTES).create({ title: 'around the restore', public: true });
  assert.ok(during.id);
  for (const i of [0, 2]) {
    const su = await superuser(i);
    await eventually(async () => {
      try {
        await su.collections.getOne(extra);
        return false;
      } catch (e) {
        return e.status === 404;
      }
    }, 30_000, () => `instance ${i} still has the collection made after the backup`);
    await assert.rejects(guest(i).collection(NOTES).getOne(late.id), (e) => e.status === 404);
    assert.equal((await guest(i).collection(NOTES).getOne(kept.id)).title, 'in the backup');
    assert.deepEqual(await attachment(i, kept), [200, 'kept bytes'], `the backup's file, served by instance ${i}`);
    assert.deepEqual(await attachment(i, late), [404, '']);
    await guest(i).collection(NOTES).create({ title: `after the restore ${i}`, public: true });
  }
  await b.backups.delete('cluster_restore.zip');
});

test('kill -9 of A while A and B take writes loses no acknowledged write, and B and C keep serving', async () => {
  const acknowledged = [];
  let fromA = 0;
  let killed = false;
  const writeToA = async () => {
    const pb = guest(0);
    while (!killed) {
      try {
        acknowledged.push((await pb.collection(NOTES).create({ title: unique('wA'), public: true })).id);
        fromA++;
      } catch (e) {
        if (!killed) throw e; // only a request cut by the kill may fail
      }
    }
  };
  const writeToB = async (n) => {
    const pb = guest(1);
    for (let k = 0; k < n; k++) acknowledged.push((await pb.collection(NOTES).create({ title: unique('wB'), public: true })).id);
  };
  const writers = [writeToA(), writeToA(), writeToB(40), writeToB(40)];
  await eventually(() => fromA >= 10, 20_000, () => `${fromA} writes acknowledged by A`);
  process.kill(pids[0], 'SIGKILL');
  killed = true;
  await Promise.all(writers);
  assert.ok(fromA >= 10 && acknowledged.length >= 90, `${fromA} writes through A, ${acknowledged.length} in all`);

  const b = guest(1);
  const stored = new Set();
  for (let i = 0; i < acknowledged.length; i += 50) {
    const ids = acknowledged.slice(i, i + 50);
    const page = await b.collection(NOTES).getList(1, 50, { filter: ids.map((id) => `id = "${id}"`).join(' || ') });
    page.items.forEach((r) => stored.add(r.id));
  }
  assert.deepEqual(acknowledged.filter((id) => !stored.has(id)), []);
  const c = guest(2);
  const after = await c.collection(NOTES).create({ title: 'after the kill', public: true });
  assert.equal((await b.collection(NOTES).getOne(after.id)).title, 'after the kill');
});

test('an every-minute automatic backup runs once per minute across the cluster, with an instance dead', async () => {
  const b = await superuser(1);
  await b.settings.update({ backups: { cron: '* * * * *', cronMaxKeep: 10 } });
  const minuteOf = (key) => /_(\d{12})\d\d\.zip$/.exec(key)?.[1];
  const autos = async () => (await b.backups.getFullList()).map((x) => x.key).filter((k) => k.startsWith('@auto_pb_backup_'));
  const startMinute = new Date().toISOString().replace(/\D/g, '').slice(0, 12);
  // the next scheduled minute, with the first instance dead (previous test): B and C both try, one runs it
  const seen = await eventually(async () => {
    const keys = (await autos()).filter((k) => minuteOf(k) > startMinute);
    return keys.length > 0 ? keys : null;
  }, 90_000, () => 'no scheduled minute produced a backup');
  await sleep(3_000); // a duplicate of the last minute would be written by now
  const keys = (await autos()).filter((k) => minuteOf(k) > startMinute);
  const perMinute = {};
  keys.forEach((k) => { perMinute[minuteOf(k)] = (perMinute[minuteOf(k)] || 0) + 1; });
  assert.ok(seen.length >= 1);
  for (const [minute, count] of Object.entries(perMinute)) assert.equal(count, 1, `minute ${minute}: ${JSON.stringify(keys)}`);
  await b.settings.update({ backups: { cron: '' } });
});
