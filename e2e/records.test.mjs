// Records CRUD through the official SDK: lists (paging, sort, filter, totals), getFullList, getFirstListItem with
// bound filter params, getOne, create (JSON and multipart with a file), update modifiers, delete, expand and list
// rules. Needs the collections of e2e/fixtures/records/data.db (see e2e/README.md); `books`, `categories` and
// `notes` are only read, `items` gets new records with unique titles.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ClientResponseError } from 'pocketbase';
import { DATETIME, baseUrl, newClient, rejectsWithStatus, server, uniqueName } from './support.mjs';

const PASSWORD = '1234567890';
const ALICE = { id: 'e2ealice0000001', email: 'alice@example.com' };
const BOB = { id: 'e2ebob000000001', email: 'bob@example.com' };
const NEWS = 'e2ecategory0001';
const QUOTED_TITLE = `He said "hi" & it's fine`;

async function userClient(user) {
  const pb = newClient();
  await pb.collection('users').authWithPassword(user.email, PASSWORD);
  return pb;
}

describe('records getList', () => {
  test('pages a filtered, sorted list and reports totals', async () => {
    const books = newClient().collection('books');

    const page2 = await books.getList(2, 10, { filter: 'n > 50', sort: '-n' });
    assert.equal(page2.page, 2);
    assert.equal(page2.perPage, 10);
    assert.equal(page2.totalItems, 20);
    assert.equal(page2.totalPages, 2);
    assert.deepEqual(page2.items.map((b) => b.n), [150, 140, 130, 120, 110, 100, 90, 80, 70, 60]);

    const page1 = await books.getList(1, 10, { filter: 'n > 50', sort: '-n' });
    assert.deepEqual(page1.items.map((b) => b.title), [
      'Book 25', 'Book 24', 'Book 23', 'Book 22', 'Book 21', 'Book 20', 'Book 19', 'Book 18', 'Book 17', 'Book 16',
    ]);
  });

  test('items carry the collection, the system fields and every field value', async () => {
    const { items } = await newClient().collection('books').getList(1, 1, { sort: 'n' });
    const [first] = items;

    assert.deepEqual(Object.keys(first).sort(),
      ['category', 'collectionId', 'collectionName', 'created', 'id', 'n', 'tags', 'title', 'updated']);
    assert.equal(first.id, 'e2ebookquoted01');
    assert.equal(first.collectionName, 'books');
    assert.match(first.collectionId, /^pbc_\d+$/);
    assert.equal(first.title, QUOTED_TITLE);
    assert.equal(first.n, 5);
    assert.deepEqual(first.tags, ['c']);
    assert.equal(first.category, 'e2ecategory0002');
    assert.match(first.created, DATETIME);
    assert.match(first.updated, DATETIME);
  });

  test('filters on a multi-select with ~ and sorts on two fields', async () => {
    const list = await newClient().collection('books').getList(1, 50, { filter: "tags ~ 'b'", sort: '-tags,n' });
    assert.equal(list.totalItems, 8);
    assert.equal(list.totalPages, 1);
    assert.deepEqual(list.items.map((b) => b.n), [30, 60, 90, 120, 150, 180, 210, 240]);
  });

  test('a page past the end is empty but keeps the totals', async () => {
    const list = await newClient().collection('books').getList(5, 10);
    assert.equal(list.page, 5);
    assert.equal(list.totalItems, 26);
    assert.equal(list.totalPages, 3);
    assert.deepEqual(list.items, []);
  });

  test('an invalid filter is a 400', async () => {
    await rejectsWithStatus(newClient().collection('books').getList(1, 10, { filter: 'nosuchfield = 1' }), 400);
  });
});

describe('records getFullList and getFirstListItem', () => {
  test('getFullList fetches every record across several batches in sort order', async () => {
    const all = await newClient().collection('books').getFullList({ sort: 'n', batch: 10 });
    assert.equal(all.length, 26);
    assert.equal(all[0].id, 'e2ebookquoted01');
    assert.deepEqual(all.slice(1).map((b) => b.n), Array.from({ length: 25 }, (_, i) => (i + 1) * 10));
  });

  test('getFirstListItem binds a value with both kinds of quotes through pb.filter', async () => {
    const pb = newClient();
    const found = await pb.collection('books').getFirstListItem(pb.filter('title = {:t}', { t: QUOTED_TITLE }));
    assert.equal(found.id, 'e2ebookquoted01');
    assert.equal(found.title, QUOTED_TITLE);

    const book = await pb.collection('books').getFirstListItem(pb.filter('title = {:t} && n = {:n}', { t: 'Book 07', n: 70 }));
    assert.equal(book.id, 'e2ebook00000007');
  });

  test('getFirstListItem without a match is a 404 ClientResponseError', async () => {
    const pb = newClient();
    await rejectsWithStatus(pb.collection('books').getFirstListItem(pb.filter('title = {:t}', { t: 'no such book' })), 404);
  });
});

describe('records getOne and expand', () => {
  test('getOne returns the record', async () => {
    const book = await newClient().collection('books').getOne('e2ebook00000003');
    assert.equal(book.title, 'Book 03');
    assert.equal(book.n, 30);
    assert.deepEqual(book.tags, ['a', 'b']);
    assert.equal(book.expand, undefined);
  });

  test('an unknown id is a 404', async () => {
    const error = await rejectsWithStatus(newClient().collection('books').getOne('nosuchrecord000'), 404);
    assert.equal(error.response.status, 404);
  });

  test('expand puts the related record under expand', async () => {
    const book = await newClient().collection('books').getOne('e2ebook00000001', { expand: 'category' });
    assert.equal(book.category, NEWS);
    assert.equal(book.expand.category.id, NEWS);
    assert.equal(book.expand.category.name, 'news');
    assert.equal(book.expand.category.collectionName, 'categories');
  });

  test('expand works on list items too', async () => {
    const { items } = await newClient().collection('books').getList(1, 2, { sort: 'n', filter: 'n >= 10', expand: 'category' });
    assert.deepEqual(items.map((b) => b.expand.category.name), ['news', 'tech']);
  });
});

describe('records create, update, delete', () => {
  test('create from JSON returns the stored record', async () => {
    const title = uniqueName('json');
    const created = await newClient().collection('items').create({ title, n: 3, tags: ['a', 'c'], category: NEWS });

    assert.match(created.id, /^[a-z0-9]{15}$/);
    assert.equal(created.collectionName, 'items');
    assert.equal(created.title, title);
    assert.equal(created.n, 3);
    assert.deepEqual(created.tags, ['a', 'c']);
    assert.equal(created.category, NEWS);
    assert.equal(created.file, '');
    assert.match(created.created, DATETIME);
    if (server === 'pocketbase') {
      // PocketBase stamps each autodate field with its own clock reading, so about one create in 150 gets
      // `created` and `updated` a millisecond apart (either way round); Coffer stamps both from one reading.
      assert.ok(Math.abs(Date.parse(created.created) - Date.parse(created.updated)) <= 5,
        `created ${created.created} and updated ${created.updated} are more than 5 ms apart`);
    } else {
      assert.equal(created.created, created.updated);
    }

    const again = await newClient().collection('items').getOne(created.id);
    assert.deepEqual(again, created);
  });

  test('create with expand returns the related record', async () => {
    const created = await newClient().collection('items').create({ title: uniqueName('exp'), category: NEWS }, { expand: 'category' });
    assert.equal(created.expand.category.name, 'news');
  });

  test('create with a file (FormData + Blob) stores it under a suffixed name', async () => {
    const pb = newClient();
    const form = new FormData();
    form.append('title', uniqueName('file'));
    form.append('n', '2');
    form.append('file', new Blob(['hello world\n'], { type: 'text/plain' }), 'hello.txt');

    const created = await pb.collection('items').create(form);
    assert.match(created.file, /^hello_[a-z0-9]{10}\.txt$/);
    assert.equal(created.n, 2);

    const url = pb.files.getURL(created, created.file);
    assert.equal(typeof url, 'string');
    assert.equal(url, `${baseUrl}/api/files/${created.collectionId}/${created.id}/${created.file}`);
  });

  test('a guest create on a collection with a superuser-only createRule is a 403', async () => {
    await rejectsWithStatus(newClient().collection('books').create({ title: uniqueName('nope') }), 403);
  });

  test('update applies number and multi-select modifiers', async () => {
    const items = newClient().collection('items');
    const created = await items.create({ title: uniqueName('mod'), n: 10, tags: ['a', 'b'] });

    const plus = await items.update(created.id, { 'n+': 5, 'tags+': 'x' });
    assert.equal(plus.n, 15);
    assert.deepEqual(plus.tags, ['a', 'b', 'x']);

    const minus = await items.update(created.id, { 'n-': 3, 'tags-': ['a', 'x'] });
    assert.equal(minus.n, 12);
    assert.deepEqual(minus.tags, ['b']);

    const plain = await items.update(created.id, { title: 'renamed' });
    assert.equal(plain.title, 'renamed');
    assert.equal(plain.n, 12);
    assert.deepEqual(plain.tags, ['b']);
    assert.equal((await items.getOne(created.id)).title, 'renamed');
  });

  test('delete removes the record; getOne is then a 404 ClientResponseError', async () => {
    const items = newClient().collection('items');
    const created = await items.create({ title: uniqueName('del') });

    assert.equal(await items.delete(created.id), true);
    const error = await rejectsWithStatus(items.getOne(created.id), 404);
    assert.ok(error instanceof ClientResponseError);
    await rejectsWithStatus(items.delete(created.id), 404);
  });
});

describe('records list and view rules', () => {
  test('a guest sees no notes and cannot view one', async () => {
    const notes = newClient().collection('notes');
    const list = await notes.getList(1, 10);
    assert.equal(list.totalItems, 0);
    assert.deepEqual(list.items, []);
    await rejectsWithStatus(notes.getOne('e2enotealice001'), 404);
  });

  test('a logged-in user sees exactly their own notes', async () => {
    const alice = (await userClient(ALICE)).collection('notes');
    const mine = await alice.getList(1, 10, { sort: 'title' });
    assert.equal(mine.totalItems, 2);
    assert.deepEqual(mine.items.map((n) => n.title), ['alice note 1', 'alice note 2']);
    assert.equal((await alice.getOne('e2enotealice002')).owner, ALICE.id);
    await rejectsWithStatus(alice.getOne('e2enotebob00001'), 404);

    const bob = (await userClient(BOB)).collection('notes');
    assert.deepEqual((await bob.getFullList()).map((n) => n.id), ['e2enotebob00001']);
  });
});
