// Realtime over WebSocket (a Coffer extension: skipped against PocketBase) through the example client
// examples/realtime-ws/coffer-realtime-ws.js, with the SDK making the changes; an SSE subscriber of the SDK on the same
// server gets the same record payloads.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EventSource } from 'eventsource';
import WebSocket from 'ws';
import { CofferRealtime } from '../examples/realtime-ws/coffer-realtime-ws.js';
import { baseUrl, server, sleep, superuserClient, uniqueName } from './support.mjs';

globalThis.EventSource = EventSource;
const skip = server === 'pocketbase' ? 'a Coffer extension' : false;

/** Waits until `list` holds n items (or fails after 10 s). */
async function atLeast(list, n) {
  for (let i = 0; i < 200 && list.length < n; i++) await sleep(50);
  assert.ok(list.length >= n, `expected ${n} events, got ${list.length}`);
}

describe('realtime over WebSocket', { skip }, () => {
  test('guests and superusers get the events their rules allow, with options, and the SSE payload', async () => {
    const su = await superuserClient();
    const name = uniqueName('wsnotes');
    await su.collections.create({
      name, type: 'base', listRule: 'public = true', viewRule: 'public = true',
      fields: [{ name: 'title', type: 'text' }, { name: 'public', type: 'bool' }],
    });
    const guest = new CofferRealtime(baseUrl, { WebSocket });
    const admin = new CofferRealtime(baseUrl, { WebSocket, token: su.authStore.token });
    const guestEvents = [];
    const adminEvents = [];
    const sseEvents = [];
    try {
      await guest.subscribe(`${name}/*`, (e) => guestEvents.push(e));
      await admin.subscribe(`${name}/*`, (e) => adminEvents.push(e), { query: { fields: 'id,title' } });
      await su.collection(name).subscribe('*', (e) => sseEvents.push(e));

      const hidden = await su.collection(name).create({ title: 'hidden', public: false });
      const shown = await su.collection(name).create({ title: 'shown', public: true });
      await atLeast(adminEvents, 2);
      await atLeast(guestEvents, 1);
      await atLeast(sseEvents, 2);
      assert.deepEqual(adminEvents.map((e) => e.record), [{ id: hidden.id, title: 'hidden' }, { id: shown.id, title: 'shown' }]);
      await sleep(200);
      assert.equal(guestEvents.length, 1);
      assert.equal(guestEvents[0].action, 'create');
      assert.deepEqual(guestEvents[0].record, sseEvents.find((e) => e.record.id === shown.id).record);

      const off = await guest.subscribe(`${name}/${shown.id}`, (e) => guestEvents.push(e));
      await su.collection(name).update(shown.id, { title: 'renamed' });
      await atLeast(guestEvents, 3); // once for posts/*, once for the record's own topic
      await off();
      await guest.unsubscribe(`${name}/*`);
      await su.collection(name).delete(shown.id);
      await sleep(300);
      assert.equal(guestEvents.length, 3);
    } finally {
      guest.close();
      admin.close();
      await su.realtime.unsubscribe();
    }
  });

  test('after a dropped connection the client reconnects and subscribes again', async () => {
    const su = await superuserClient();
    const name = uniqueName('wsagain');
    await su.collections.create({ name, type: 'base', listRule: '', viewRule: '', fields: [{ name: 'title', type: 'text' }] });
    const connects = [];
    const rt = new CofferRealtime(baseUrl, { WebSocket, onConnect: (id, again) => connects.push({ id, again }) });
    const events = [];
    try {
      await rt.subscribe(`${name}/*`, (e) => events.push(e));
      rt.ws.terminate(); // the network drops: no close handshake
      for (let i = 0; i < 100 && connects.length < 2; i++) await sleep(50);
      assert.equal(connects.length, 2);
      assert.equal(connects[1].again, true);
      assert.notEqual(connects[1].id, connects[0].id);
      await su.collection(name).create({ title: 'after reconnect' });
      await atLeast(events, 1);
      assert.equal(events[0].record.title, 'after reconnect');
    } finally {
      rt.close();
    }
  });

  test('a bad token is refused with 401 and the connection goes on as a guest', async () => {
    const rt = new CofferRealtime(baseUrl, { WebSocket });
    try {
      await assert.rejects(rt.auth('not-a-token'), (e) => e.status === 401 && e.type === 'error');
      const ack = await rt.request({ type: 'ping' });
      assert.equal(ack.type, 'pong');
    } finally {
      rt.close();
    }
  });
});
