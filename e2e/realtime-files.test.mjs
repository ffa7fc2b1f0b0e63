// Realtime (SSE) record events and file downloads through the SDK, on the records fixture (fixtures/records/):
// `items` (all rules public), `notes` (list/view `owner = @request.auth.id`), users alice and bob. The files tests
// make their own collection (as the test superuser) with an image field listing thumb sizes and a protected field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { EventSource } from 'eventsource';
import { baseUrl, newClient, superuserClient, uniqueName } from './support.mjs';

// Node 20 has no global EventSource; the SDK's realtime service uses the global one.
globalThis.EventSource = EventSource;

const PASSWORD = '1234567890';
const ALICE = 'e2ealice0000001';
const BOB = 'e2ebob000000001';

async function userClient(email) {
  const pb = newClient();
  await pb.collection('users').authWithPassword(email, PASSWORD);
  return pb;
}

/** Collects the events a subscription callback receives; `next(n)` waits until n have arrived (or times out). */
function eventLog(label) {
  const events = [];
  let waiters = [];
  const log = {
    events,
    callback: (event) => {
      events.push(event);
      waiters = waiters.filter((w) => (events.length >= w.count ? (w.done(), false) : true));
    },
    async until(count, timeoutMs = 5000) {
      if (events.length >= count) return events;
      await new Promise((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`${label}: ${events.length} of ${count} events after ${timeoutMs} ms: `
          + JSON.stringify(events.map((e) => [e.action, e.record?.id])))), timeoutMs);
        waiters.push({ count, done: () => { clearTimeout(timer); done(); } });
      });
      return events;
    },
  };
  return log;
}

const summary = (events) => events.map((e) => [e.action, e.record.id]);
const settle = () => new Promise((ok) => setTimeout(ok, 500));

test('items/* and items/<id> subscriptions get create, update, delete events in order; unsubscribe stops them', async (t) => {
  const listener = newClient();
  const writer = newClient();
  t.after(() => listener.realtime.unsubscribe());

  const all = eventLog('items/*');
  const unsubscribeAll = await listener.collection('items').subscribe('*', all.callback);
  assert.equal(listener.realtime.isConnected, true);
  assert.match(listener.realtime.clientId, /^[A-Za-z0-9]{40}$/);

  const a = await writer.collection('items').create({ title: uniqueName('rt_a'), n: 1 });
  await all.until(1);
  assert.deepEqual(summary(all.events), [['create', a.id]]);
  assert.equal(all.events[0].record.title, a.title);
  assert.equal(all.events[0].record.collectionName, 'items');
  assert.equal(all.events[0].record.created, a.created);

  const one = eventLog(`items/${a.id}`);
  await listener.collection('items').subscribe(a.id, one.callback);

  const b = await writer.collection('items').create({ title: uniqueName('rt_b'), n: 2 });
  await writer.collection('items').update(a.id, { n: 10 });
  await writer.collection('items').update(b.id, { n: 20 });
  await writer.collection('items').delete(a.id);

  await all.until(5);
  assert.deepEqual(summary(all.events), [['create', a.id], ['create', b.id], ['update', a.id], ['update', b.id], ['delete', a.id]]);
  assert.equal(all.events[2].record.n, 10);
  assert.equal(all.events[3].record.n, 20);
  assert.equal(all.events[4].record.n, 10);
  await one.until(2);
  assert.deepEqual(summary(one.events), [['update', a.id], ['delete', a.id]]);
  assert.equal(one.events[0].record.n, 10);

  // Only the items/* subscription goes; the record one stays (its record is gone, so it gets nothing more).
  await unsubscribeAll();
  assert.equal(listener.realtime.isConnected, true);
  await writer.collection('items').update(b.id, { n: 21 });
  await writer.collection('items').delete(b.id);
  await settle();
  assert.equal(all.events.length, 5, `no events after unsubscribe: ${JSON.stringify(summary(all.events))}`);
  assert.equal(one.events.length, 2);

  // Removing the last subscription closes the stream.
  await listener.collection('items').unsubscribe();
  assert.equal(listener.realtime.isConnected, false);
});

test('notes/*: each user only gets the events of notes the list rule lets them see', async (t) => {
  const su = await superuserClient();
  const alice = await userClient('alice@example.com');
  const bob = await userClient('bob@example.com');
  const guest = newClient();
  t.after(() => Promise.all([alice, bob, guest].map((pb) => pb.realtime.unsubscribe())));

  const aliceLog = eventLog('alice notes/*');
  const bobLog = eventLog('bob notes/*');
  const guestLog = eventLog('guest notes/*');
  await alice.collection('notes').subscribe('*', aliceLog.callback);
  await bob.collection('notes').subscribe('*', bobLog.callback);
  await guest.collection('notes').subscribe('*', guestLog.callback);

  const bobNote = await su.collection('notes').create({ title: uniqueName('bob_note'), owner: BOB });
  const aliceNote = await su.collection('notes').create({ title: uniqueName('alice_note'), owner: ALICE });
  await su.collection('notes').update(bobNote.id, { title: 'bob edited' });
  await su.collection('notes').delete(bobNote.id);
  await su.collection('notes').delete(aliceNote.id);

  await bobLog.until(3);
  await aliceLog.until(2);
  await settle();
  assert.deepEqual(summary(bobLog.events), [['create', bobNote.id], ['update', bobNote.id], ['delete', bobNote.id]]);
  assert.equal(bobLog.events[1].record.title, 'bob edited');
  assert.equal(bobLog.events[0].record.owner, BOB);
  assert.deepEqual(summary(aliceLog.events), [['create', aliceNote.id], ['delete', aliceNote.id]]);
  assert.equal(aliceLog.events[0].record.owner, ALICE);
  assert.deepEqual(guestLog.events, []);
});

// ---------------------------------------------------------------- files

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** An 8-bit RGB PNG of width x height with a colour gradient. */
function makePng(width, height) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, default compression/filter, no interlace
  const raw = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3); // filter byte 0
    for (let x = 0; x < width; x++) raw.set([(x * 255) / width, (y * 255) / height, 128], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** {format, width, height} read from a PNG IHDR or a JPEG SOFn header. */
function imageSize(buf) {
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { format: 'png', width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  }
  if (buf[0] === 0xff && buf[1] === 0xd8) {
    let i = 2;
    while (i + 9 < buf.length) {
      if (buf[i] !== 0xff) { i++; continue; }
      const marker = buf[i + 1];
      const length = buf.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { format: 'jpeg', width: buf.readUInt16BE(i + 7), height: buf.readUInt16BE(i + 5) };
      }
      i += 2 + length;
    }
  }
  throw new Error(`not a PNG or JPEG: ${buf.subarray(0, 16).toString('hex')}`);
}

async function download(url) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
}

async function makeFilesCollection(su) {
  const name = uniqueName('photos');
  await su.collections.create({
    name,
    type: 'base',
    listRule: '@request.auth.id != ""',
    viewRule: '@request.auth.id != ""',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'image', type: 'file', maxSelect: 1, maxSize: 1048576, mimeTypes: ['image/png'], thumbs: ['100x100', '50x0'] },
      { name: 'secret', type: 'file', maxSelect: 1, maxSize: 1048576, protected: true },
    ],
  });
  return name;
}

test('files: an image thumb of a listed size is 100x100; a protected file needs a file token', async () => {
  const su = await superuserClient();
  const alice = await userClient('alice@example.com');
  const collection = await makeFilesCollection(su);

  const png = makePng(240, 160);
  assert.deepEqual(imageSize(png), { format: 'png', width: 240, height: 160 });
  const secretBytes = Buffer.from(`secret ${uniqueName('bytes')}\n`);
  const record = await su.collection(collection).create({
    title: 'pic',
    image: new File([png], 'pic.png', { type: 'image/png' }),
    secret: new File([secretBytes], 'secret.txt', { type: 'text/plain' }),
  });
  assert.match(record.image, /^pic_[a-z0-9]{10}\.png$/);
  assert.match(record.secret, /^secret_[a-z0-9]{10}\.txt$/);

  // The original, then the 100x100 thumb (center crop of the 240x160 image) and the listed 50x0 one.
  const original = await download(alice.files.getURL(record, record.image));
  assert.equal(original.status, 200);
  assert.ok(original.body.equals(png), 'the original comes back byte for byte');

  const thumbUrl = alice.files.getURL(record, record.image, { thumb: '100x100' });
  assert.equal(thumbUrl, `${baseUrl}/api/files/${record.collectionId}/${record.id}/${record.image}?thumb=100x100`);
  const thumb = await download(thumbUrl);
  assert.equal(thumb.status, 200);
  const size = imageSize(thumb.body);
  assert.deepEqual([size.width, size.height], [100, 100], `thumb header ${JSON.stringify(size)}`);
  assert.equal(thumb.type, `image/${size.format}`);

  const wide = imageSize((await download(alice.files.getURL(record, record.image, { thumb: '50x0' }))).body);
  assert.deepEqual([wide.width, wide.height], [50, 33]);

  // Protected: 404 without a token, the right bytes with alice's file token.
  const plain = await download(alice.files.getURL(record, record.secret));
  assert.equal(plain.status, 404);
  const token = await alice.files.getToken();
  assert.equal(token.split('.').length, 3);
  const withToken = await download(alice.files.getURL(record, record.secret, { token }));
  assert.equal(withToken.status, 200);
  assert.ok(withToken.body.equals(secretBytes), `protected bytes: ${withToken.body.toString()}`);
  // A guest can't get a file token.
  await assert.rejects(newClient().files.getToken(), (err) => err.status === 401);
});
