// Collections through the official SDK (`pb.collections.*`) as the superuser: create a base collection with
// text, number, select, relation and autodate fields; list, getOne, getFirstListItem; schema changes on a
// collection holding records (rename a field, add a unique index, add and delete fields); auth and view
// collections; import; scaffolds; truncate; delete (and a referenced collection that can't be); who may call
// the collections API at all. Runs on a fresh data dir: every collection it makes has a unique name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DATETIME, newClient, rejectsWithStatus, superuserClient, uniqueName } from './support.mjs';

const USERS_COLLECTION_ID = '_pb_users_auth_';
const PASSWORD = '1234567890';

/** A base collection `posts_…` with records-friendly public rules and the five field kinds under test. */
async function createPosts(pb, extra = {}) {
  return pb.collections.create({
    name: uniqueName('posts'),
    type: 'base',
    listRule: '',
    viewRule: '',
    createRule: '',
    updateRule: '',
    deleteRule: null,
    fields: [
      { name: 'title', type: 'text', max: 200 },
      { name: 'n', type: 'number', onlyInt: true },
      { name: 'tag', type: 'select', values: ['a', 'b', 'c'], maxSelect: 1 },
      { name: 'owner', type: 'relation', collectionId: USERS_COLLECTION_ID, maxSelect: 1 },
      { name: 'created', type: 'autodate', onCreate: true, onUpdate: false },
      { name: 'updated', type: 'autodate', onCreate: true, onUpdate: true },
    ],
    ...extra,
  });
}

/** A user of the default `users` auth collection (its createRule is public), logged in on a new client. */
async function newUserClient() {
  const email = `${uniqueName('user')}@example.com`;
  const guest = newClient();
  const user = await guest.collection('users').create({ email, password: PASSWORD, passwordConfirm: PASSWORD });
  await guest.collection('users').authWithPassword(email, PASSWORD);
  return { pb: guest, user };
}

const fieldNames = (collection) => collection.fields.map((f) => f.name);
const field = (collection, name) => collection.fields.find((f) => f.name === name);

describe('collections create and read', () => {
  test('create returns the collection with the id field prepended and every field typed', async () => {
    const pb = await superuserClient();
    const posts = await createPosts(pb);

    assert.match(posts.id, /^pbc_\d+$/);
    assert.match(posts.name, /^posts_/);
    assert.equal(posts.type, 'base');
    assert.equal(posts.system, false);
    assert.equal(posts.listRule, '');
    assert.equal(posts.deleteRule, null);
    assert.deepEqual(posts.indexes, []);
    assert.match(posts.created, DATETIME);
    assert.match(posts.updated, DATETIME);
    assert.deepEqual(fieldNames(posts), ['id', 'title', 'n', 'tag', 'owner', 'created', 'updated']);

    const id = field(posts, 'id');
    assert.equal(id.type, 'text');
    assert.equal(id.system, true);
    assert.equal(id.primaryKey, true);
    assert.equal(id.autogeneratePattern, '[a-z0-9]{15}');
    assert.equal(field(posts, 'title').type, 'text');
    assert.equal(field(posts, 'title').max, 200);
    assert.equal(field(posts, 'n').type, 'number');
    assert.equal(field(posts, 'n').onlyInt, true);
    assert.deepEqual(field(posts, 'tag').values, ['a', 'b', 'c']);
    assert.equal(field(posts, 'tag').maxSelect, 1);
    assert.equal(field(posts, 'owner').type, 'relation');
    assert.equal(field(posts, 'owner').collectionId, USERS_COLLECTION_ID);
    assert.equal(field(posts, 'updated').onUpdate, true);
    for (const f of posts.fields) {
      assert.equal(typeof f.id, 'string');
      assert.ok(f.id.length > 0, `field ${f.name} has an id`);
    }
  });

  test('getOne by name and by id, getFirstListItem and getList find it', async () => {
    const pb = await superuserClient();
    const posts = await createPosts(pb);

    const byName = await pb.collections.getOne(posts.name);
    const byId = await pb.collections.getOne(posts.id);
    assert.deepEqual(byName, posts);
    assert.deepEqual(byId, posts);

    const first = await pb.collections.getFirstListItem(`name = "${posts.name}"`);
    assert.equal(first.id, posts.id);

    const list = await pb.collections.getList(1, 50, { filter: `name ~ "posts_" && type = "base"`, sort: '-created' });
    assert.ok(list.items.some((c) => c.id === posts.id));
    assert.ok(list.items.every((c) => c.type === 'base' && c.name.startsWith('posts_')));

    const all = await pb.collections.getFullList({ sort: 'name' });
    const names = all.map((c) => c.name);
    for (const expected of ['_superusers', 'users', posts.name]) {
      assert.ok(names.includes(expected), `getFullList has ${expected}`);
    }
    assert.deepEqual(names, [...names].sort());
  });

  test('an unknown collection is a 404 and an invalid one a 400 with field errors', async () => {
    const pb = await superuserClient();
    await rejectsWithStatus(pb.collections.getOne(uniqueName('missing')), 404);

    const err = await rejectsWithStatus(pb.collections.create({ name: 'no spaces allowed', type: 'base' }), 400);
    assert.equal(typeof err.response.data.name?.code, 'string');

    const posts = await createPosts(pb);
    const dup = await rejectsWithStatus(pb.collections.create({ name: posts.name, type: 'base' }), 400);
    assert.equal(typeof dup.response.data.name?.code, 'string');
  });
});

describe('collections schema changes keep the records', () => {
  test('records created through pb.collection(name) follow a rename, a new index, an added and a deleted field', async () => {
    const pb = await superuserClient();
    const { user } = await newUserClient();
    let posts = await createPosts(pb);
    const records = pb.collection(posts.name);

    const created = [];
    for (const [i, tag] of ['a', 'b', 'c'].entries()) {
      created.push(await records.create({ title: `Post ${i + 1}`, n: (i + 1) * 10, tag, owner: user.id }));
    }
    assert.equal(created[0].title, 'Post 1');
    assert.equal(created[0].owner, user.id);
    assert.match(created[0].created, DATETIME);
    assert.equal((await records.getList(1, 10)).totalItems, 3);

    // Rename title → headline: same field id, new name.
    const titleId = field(posts, 'title').id;
    posts = await pb.collections.update(posts.id, {
      fields: posts.fields.map((f) => (f.name === 'title' ? { ...f, name: 'headline' } : f)),
    });
    assert.deepEqual(fieldNames(posts), ['id', 'headline', 'n', 'tag', 'owner', 'created', 'updated']);
    assert.equal(field(posts, 'headline').id, titleId);
    const renamed = await records.getFullList({ sort: 'n' });
    assert.deepEqual(renamed.map((r) => r.headline), ['Post 1', 'Post 2', 'Post 3']);
    assert.ok(renamed.every((r) => !('title' in r)), 'no record keeps the old name');
    assert.deepEqual(renamed.map((r) => r.id), created.map((r) => r.id));
    assert.equal((await records.getFirstListItem('headline = "Post 2"')).id, created[1].id);

    // A unique index on the renamed field: a duplicate create fails.
    const index = `CREATE UNIQUE INDEX \`idx_headline_${posts.name}\` ON \`${posts.name}\` (\`headline\`)`;
    posts = await pb.collections.update(posts.name, { indexes: [index] });
    assert.deepEqual(posts.indexes, [index]);
    const dup = await rejectsWithStatus(records.create({ headline: 'Post 1', n: 99 }), 400);
    assert.equal(dup.response.data.headline?.code, 'validation_not_unique');
    await records.create({ headline: 'Post 4', n: 40, tag: 'a' });

    // Add a field: existing records read its zero value; new ones can set it.
    posts = await pb.collections.update(posts.id, { fields: [...posts.fields, { name: 'published', type: 'bool' }] });
    assert.equal(field(posts, 'published').type, 'bool');
    const withBool = await records.getFullList({ sort: 'n' });
    assert.deepEqual(withBool.map((r) => r.published), [false, false, false, false]);
    assert.deepEqual(withBool.map((r) => r.headline), ['Post 1', 'Post 2', 'Post 3', 'Post 4']);
    const published = await records.create({ headline: 'Post 5', n: 50, published: true });
    assert.equal(published.published, true);

    // Delete a field: it leaves every record, the others keep their values.
    posts = await pb.collections.update(posts.id, { fields: posts.fields.filter((f) => f.name !== 'tag') });
    assert.deepEqual(fieldNames(posts), ['id', 'headline', 'n', 'owner', 'created', 'updated', 'published']);
    const withoutTag = await records.getFullList({ sort: 'n' });
    assert.ok(withoutTag.every((r) => !('tag' in r)), 'no record has the deleted field');
    assert.deepEqual(withoutTag.map((r) => [r.headline, r.n, r.published]), [
      ['Post 1', 10, false], ['Post 2', 20, false], ['Post 3', 30, false], ['Post 4', 40, false], ['Post 5', 50, true],
    ]);
    assert.equal(withoutTag[0].owner, user.id);
    assert.equal(withoutTag[0].created, created[0].created);
    await rejectsWithStatus(records.getList(1, 10, { filter: 'tag = "a"' }), 400);
  });
});

describe('auth and view collections', () => {
  test('an auth collection gets the auth system fields and its users can sign in', async () => {
    const pb = await superuserClient();
    const members = await pb.collections.create({ name: uniqueName('members'), type: 'auth', createRule: '' });

    assert.equal(members.type, 'auth');
    for (const name of ['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified']) {
      assert.ok(fieldNames(members).includes(name), `auth collection has ${name}`);
      assert.equal(field(members, name).system, true, `${name} is a system field`);
    }
    assert.equal(field(members, 'password').hidden, true);
    assert.equal(field(members, 'tokenKey').hidden, true);
    assert.equal(members.passwordAuth.enabled, true);
    assert.deepEqual(members.passwordAuth.identityFields, ['email']);
    assert.equal(typeof members.authToken.duration, 'number');
    assert.equal(members.authToken.secret, undefined, 'token secrets are never returned');

    const email = `${uniqueName('m')}@example.com`;
    await newClient().collection(members.name).create({ email, password: PASSWORD, passwordConfirm: PASSWORD });
    const auth = await newClient().collection(members.name).authWithPassword(email, PASSWORD);
    assert.equal(auth.record.collectionId, members.id);
  });

  test('a view collection lists the rows of its query over a base collection', async () => {
    const pb = await superuserClient();
    const posts = await createPosts(pb);
    for (const [title, n] of [['low', 1], ['mid', 50], ['high', 100]]) {
      await pb.collection(posts.name).create({ title, n });
    }

    const view = await pb.collections.create({
      name: uniqueName('big_posts'),
      type: 'view',
      listRule: '',
      viewRule: '',
      viewQuery: `SELECT id, title, n FROM ${posts.name} WHERE n >= 50`,
    });
    assert.equal(view.type, 'view');
    assert.deepEqual(fieldNames(view), ['id', 'title', 'n']);
    assert.equal(field(view, 'title').type, 'text');
    assert.equal(field(view, 'n').type, 'number');

    const rows = await newClient().collection(view.name).getList(1, 10, { sort: 'n' });
    assert.equal(rows.totalItems, 2);
    assert.deepEqual(rows.items.map((r) => [r.title, r.n]), [['mid', 50], ['high', 100]]);
    assert.ok(rows.items.every((r) => r.collectionName === view.name));
    await rejectsWithStatus(pb.collection(view.name).create({ title: 'x', n: 1 }), 400);
    await rejectsWithStatus(pb.collections.truncate(view.name), 400);
  });
});

describe('collections import, scaffolds, truncate and delete', () => {
  test('import with deleteMissing=false adds the collections and keeps the others', async () => {
    const pb = await superuserClient();
    const before = await pb.collections.getFullList();
    const tags = uniqueName('tags');
    const tagsId = `pbc_${Math.floor(Math.random() * 1e9)}`;
    const articles = uniqueName('articles');

    await pb.collections.import([
      { id: tagsId, name: tags, type: 'base', fields: [{ name: 'label', type: 'text', required: true }] },
      {
        name: articles,
        type: 'base',
        listRule: '',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'body', type: 'editor' },
          { name: 'score', type: 'number' },
        ],
      },
    ], false);

    const importedTags = await pb.collections.getOne(tags);
    assert.equal(importedTags.id, tagsId, 'an imported collection keeps its given id');
    assert.deepEqual(fieldNames(importedTags), ['id', 'label']);
    assert.equal(field(importedTags, 'label').required, true);
    const importedArticles = await pb.collections.getOne(articles);
    assert.deepEqual(fieldNames(importedArticles), ['id', 'title', 'body', 'score']);
    assert.equal(importedArticles.listRule, '');

    const after = await pb.collections.getFullList();
    const afterIds = new Set(after.map((c) => c.id));
    assert.ok(before.every((c) => afterIds.has(c.id)), 'no collection was deleted');
    assert.equal(after.length, before.length + 2);

    const rec = await pb.collection(articles).create({ title: 'imported', score: 3 });
    assert.equal(rec.title, 'imported');
  });

  test('getScaffolds returns blank auth, base and view collections', async () => {
    const pb = await superuserClient();
    const scaffolds = await pb.collections.getScaffolds();

    assert.deepEqual(Object.keys(scaffolds).sort(), ['auth', 'base', 'view']);
    for (const type of ['auth', 'base', 'view']) {
      assert.equal(scaffolds[type].type, type);
      assert.equal(scaffolds[type].id, '');
      assert.equal(scaffolds[type].name, '');
    }
    assert.ok(fieldNames(scaffolds.base).includes('id'));
    for (const name of ['id', 'password', 'tokenKey', 'email', 'emailVisibility', 'verified']) {
      assert.ok(fieldNames(scaffolds.auth).includes(name), `auth scaffold has ${name}`);
    }
    assert.equal(scaffolds.view.viewQuery, '');
  });

  test('truncate deletes every record and keeps the collection', async () => {
    const pb = await superuserClient();
    const posts = await createPosts(pb);
    for (let i = 0; i < 4; i++) {
      await pb.collection(posts.name).create({ title: `t${i}`, n: i });
    }
    assert.equal((await pb.collection(posts.name).getList(1, 1)).totalItems, 4);

    assert.equal(await pb.collections.truncate(posts.name), true);
    assert.equal((await pb.collection(posts.name).getList(1, 1)).totalItems, 0);
    assert.equal((await pb.collections.getOne(posts.id)).name, posts.name);
  });

  test('delete removes a collection; a referenced one cannot be deleted until its referrer is gone', async () => {
    const pb = await superuserClient();
    const parents = await createPosts(pb);
    const children = await pb.collections.create({
      name: uniqueName('children'),
      type: 'base',
      fields: [{ name: 'parent', type: 'relation', collectionId: parents.id, maxSelect: 1 }],
    });

    const refused = await rejectsWithStatus(pb.collections.delete(parents.name), 400);
    assert.equal(typeof refused.response.message, 'string');
    assert.equal((await pb.collections.getOne(parents.id)).id, parents.id);

    assert.equal(await pb.collections.delete(children.id), true);
    await rejectsWithStatus(pb.collections.getOne(children.id), 404);
    await rejectsWithStatus(pb.collection(children.name).getList(1, 1), 404);
    assert.equal(await pb.collections.delete(parents.name), true);
    await rejectsWithStatus(pb.collections.getOne(parents.name), 404);
  });

  test('system collections cannot be deleted', async () => {
    const pb = await superuserClient();
    await rejectsWithStatus(pb.collections.delete('_superusers'), 400);
    assert.equal((await pb.collections.getOne('_superusers')).system, true);
  });
});

describe('collections API access', () => {
  test('a guest gets 401 and a regular user 403 on getList, getOne and create', async () => {
    const guest = newClient();
    const guestErr = await rejectsWithStatus(guest.collections.getList(), 401);
    assert.equal(guestErr.response.message, 'The request requires valid record authorization token.');
    await rejectsWithStatus(guest.collections.getOne('users'), 401);

    const { pb: user } = await newUserClient();
    await rejectsWithStatus(user.collections.getList(), 403);
    await rejectsWithStatus(user.collections.getOne('users'), 403);
    await rejectsWithStatus(user.collections.create({ name: uniqueName('nope'), type: 'base' }), 403);
  });
});
