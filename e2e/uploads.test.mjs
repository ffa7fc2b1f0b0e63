// Records with files and every other field type through the SDK: when a body holds a File, the SDK sends
// multipart/form-data with the plain values as form fields and one `@jsonPayload` part per object or array value;
// every one of them must arrive. Also a geoPoint sent as a JSON string in a form or urlencoded body. Runs on a
// fresh data dir: the test superuser makes its own collections.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { baseUrl, newClient, superuserClient, uniqueName } from './support.mjs';

let pb;
let tags;
let items;
const tagIds = [];

before(async () => {
  pb = await superuserClient();
  tags = await pb.collections.create({
    name: uniqueName('tags'), type: 'base', listRule: '', viewRule: '',
    fields: [{ name: 'name', type: 'text' }],
  });
  for (const name of ['red', 'green', 'blue']) {
    tagIds.push((await pb.collection(tags.name).create({ name })).id);
  }
  items = await pb.collections.create({
    name: uniqueName('items'), type: 'base',
    listRule: '', viewRule: '', createRule: '', updateRule: '', deleteRule: '',
    fields: [
      { name: 'title', type: 'text' },
      { name: 'cover', type: 'file', maxSelect: 1, maxSize: 1048576 },
      { name: 'docs', type: 'file', maxSelect: 5, maxSize: 1048576 },
      { name: 'meta', type: 'json' },
      { name: 'labels', type: 'select', values: ['a', 'b', 'c'], maxSelect: 3 },
      { name: 'refs', type: 'relation', collectionId: tags.id, maxSelect: 3 },
      { name: 'n', type: 'number' },
      { name: 'flag', type: 'bool' },
      { name: 'loc', type: 'geoPoint' },
      { name: 'when', type: 'date' },
    ],
  });
});

const file = (name, text) => new File([text], name, { type: 'text/plain' });
const stored = (name) => new RegExp(`^${name.replace(/\.txt$/, '')}_[a-z0-9]{10}\\.txt$`);

describe('a record with files and every other field type', () => {
  test('create sends every value beside the file, and update changes them all', async () => {
    const client = newClient();
    const created = await client.collection(items.name).create({
      title: 'with a file',
      cover: file('cover.txt', 'cover'),
      docs: [file('one.txt', '1'), file('two.txt', '2')],
      meta: { m: 1, nested: { list: [1, 'x', null] } },
      labels: ['a', 'b'],
      refs: [tagIds[0], tagIds[2]],
      n: 42.5,
      flag: true,
      loc: { lon: 12.4964, lat: 41.9028 },
      when: '2024-05-06 07:08:09.123Z',
    });
    assert.equal(created.title, 'with a file');
    assert.match(created.cover, stored('cover.txt'));
    assert.equal(created.docs.length, 2);
    assert.match(created.docs[0], stored('one.txt'));
    assert.match(created.docs[1], stored('two.txt'));
    assert.deepEqual(created.meta, { m: 1, nested: { list: [1, 'x', null] } });
    assert.deepEqual(created.labels, ['a', 'b']);
    assert.deepEqual(created.refs, [tagIds[0], tagIds[2]]);
    assert.equal(created.n, 42.5);
    assert.equal(created.flag, true);
    assert.deepEqual(created.loc, { lon: 12.4964, lat: 41.9028 });
    assert.equal(created.when, '2024-05-06 07:08:09.123Z');

    const fetched = await client.collection(items.name).getOne(created.id);
    assert.deepEqual(fetched, created);

    const updated = await client.collection(items.name).update(created.id, {
      title: 'updated',
      'docs+': file('three.txt', '3'),
      meta: ['now', 'a', 'list'],
      labels: ['c'],
      refs: [tagIds[1]],
      n: 0,
      flag: false,
      loc: { lon: -73.9857, lat: 40.7484 },
      when: '2025-01-02 03:04:05.000Z',
    });
    assert.equal(updated.title, 'updated');
    assert.equal(updated.cover, created.cover);
    assert.deepEqual(updated.docs.slice(0, 2), created.docs);
    assert.match(updated.docs[2], stored('three.txt'));
    assert.deepEqual(updated.meta, ['now', 'a', 'list']);
    assert.deepEqual(updated.labels, ['c']);
    assert.deepEqual(updated.refs, [tagIds[1]]);
    assert.equal(updated.n, 0);
    assert.equal(updated.flag, false);
    assert.deepEqual(updated.loc, { lon: -73.9857, lat: 40.7484 });
    assert.equal(updated.when, '2025-01-02 03:04:05.000Z');

    const content = await fetch(`${baseUrl}/api/files/${items.id}/${created.id}/${updated.docs[2]}`);
    assert.equal(content.status, 200);
    assert.equal(await content.text(), '3');
  });

  test('an update with only a file keeps the other values, and a null json value clears it', async () => {
    const client = newClient();
    const created = await client.collection(items.name).create({
      title: 'keep me', cover: file('alpha.txt', 'a'), meta: { keep: true }, labels: ['b'], n: 7, flag: true,
    });
    const replaced = await client.collection(items.name).update(created.id, { cover: file('beta.txt', 'b') });
    assert.match(replaced.cover, stored('beta.txt'));
    assert.equal(replaced.title, 'keep me');
    assert.deepEqual(replaced.meta, { keep: true });
    assert.deepEqual(replaced.labels, ['b']);
    assert.equal(replaced.n, 7);
    assert.equal(replaced.flag, true);

    const cleared = await client.collection(items.name).update(created.id, { meta: null, docs: [file('gamma.txt', 'c')] });
    assert.equal(cleared.meta, null);
    assert.equal(cleared.docs.length, 1);
  });

  test('a geoPoint sent as a JSON string in a form or urlencoded body is the point it holds', async () => {
    const form = new FormData();
    form.append('title', 'form point');
    form.append('loc', JSON.stringify({ lon: 2.2945, lat: 48.8584 }));
    form.append('cover', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    const fromForm = await newClient().collection(items.name).create(form);
    assert.deepEqual(fromForm.loc, { lon: 2.2945, lat: 48.8584 });

    const res = await fetch(`${baseUrl}/api/collections/${items.name}/records`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: 'urlencoded point', loc: JSON.stringify({ lon: -0.1276, lat: 51.5072 }) }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual((await res.json()).loc, { lon: -0.1276, lat: 51.5072 });
  });
});
