// A PocketBase app run unchanged: the server serves e2e/apps/hooks/ (its pb_migrations/ make the `posts` and
// `counters` collections, a seed post and the app's name; its pb_hooks/ add routes, a global middleware, record
// hooks, mails, cron jobs, outgoing HTTP requests, templates, $security and $os helpers). This script checks what
// the app does through the official SDK. It starts an SMTP catcher and a small HTTP server of its own on loopback.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { EventSource } from 'eventsource';
import { mailCatcher } from './mail-catcher.mjs';
import {
  assertErrorBody, baseUrl, newClient, rejectsWithStatus, sleep, superuserClient, uniqueName,
} from './support.mjs';

// Node 20 has no global EventSource; the SDK's realtime service uses the global one.
globalThis.EventSource = EventSource;

const { server: smtp, mails, mailTo } = mailCatcher();

// the target of the app's $http.send calls: echoes what it got
const echoServer = createHttpServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    if (req.url.startsWith('/echo')) {
      res.writeHead(201, {
        'content-type': 'application/json',
        'x-reply': 'from-node',
        'set-cookie': 'session=abc123; Path=/',
      });
      res.end(JSON.stringify({
        method: req.method,
        url: req.url,
        contentType: req.headers['content-type'],
        from: req.headers['x-from'],
        body: JSON.parse(body || 'null'),
      }));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('nothing at ' + req.url);
    }
  });
});

const listen = (server) => new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));

let su;
let echoUrl;

before(async () => {
  const smtpPort = await listen(smtp);
  echoUrl = `http://127.0.0.1:${await listen(echoServer)}`;
  su = await superuserClient();
  await su.settings.update({
    smtp: { enabled: true, host: '127.0.0.1', port: smtpPort, tls: false, username: '', password: '' },
  });
});

after(() => {
  smtp.close();
  echoServer.close();
});

/** A new user of the default `users` collection and a client signed in as that user. */
async function newUser() {
  const email = `${uniqueName('user')}@example.com`;
  await newClient().collection('users').create({ email, password: 'user-password-1', passwordConfirm: 'user-password-1' });
  const pb = newClient();
  const auth = await pb.collection('users').authWithPassword(email, 'user-password-1');
  return { pb, email, auth };
}

/** Polls `read` until `check` accepts its result (up to 5 s), then returns it. */
async function eventually(read, check, what) {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) assert.fail(`${what}: last value ${JSON.stringify(value)}`);
    await sleep(100);
  }
}

async function counter(name) {
  return (await newClient().collection('counters').getFirstListItem(`name = "${name}"`)).value;
}

describe('migrations', () => {
  test('the JS migrations made the collections, the seed post and the settings', async () => {
    const posts = await su.collections.getOne('posts');
    assert.equal(posts.type, 'base');
    assert.deepEqual(posts.fields.map((f) => f.name),
      ['id', 'title', 'slug', 'views', 'status', 'author', 'internal', 'attachment', 'created', 'updated', 'summary']);
    const byName = Object.fromEntries(posts.fields.map((f) => [f.name, f]));
    assert.equal(byName.title.required, true);
    assert.equal(byName.status.type, 'select');
    assert.deepEqual(byName.status.values, ['draft', 'published']);
    assert.equal(byName.author.type, 'relation');
    assert.equal(byName.author.collectionId, '_pb_users_auth_');
    assert.equal(byName.summary.type, 'text');
    assert.equal(byName.summary.max, 60);
    assert.equal(posts.listRule, '');
    // the second migration changed the delete rule
    assert.equal(posts.deleteRule, "@request.auth.id != ''");

    const counters = await su.collections.getOne('counters');
    assert.deepEqual(counters.fields.map((f) => f.name), ['id', 'name', 'value']);
    assert.equal(counters.createRule, null);

    const welcome = await newClient().collection('posts').getFirstListItem('slug = "welcome"');
    assert.equal(welcome.title, 'Welcome');
    assert.equal(welcome.status, 'published');
    assert.equal(welcome.views, 7);

    const settings = await su.settings.getAll();
    assert.equal(settings.meta.appName, 'Hooks App');
    assert.equal(settings.meta.senderName, 'Hooks Robot');
    assert.equal(settings.meta.senderAddress, 'robot@hooks.example.com');
  });
});

describe('routes', () => {
  test('routerAdd with a path parameter answers JSON, routerUse adds a header to every response', async () => {
    const res = await fetch(`${baseUrl}/hello/Ann`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.equal(res.headers.get('x-hooks-app'), 'hooks-e2e');
    assert.deepEqual(await res.json(), { message: 'Hello Ann' });

    assert.deepEqual(await newClient().send('/hello/Bob', {}), { message: 'Hello Bob' });

    // built-in routes pass through the global middleware too, and so do errors
    const health = await fetch(`${baseUrl}/api/health`);
    assert.equal(health.headers.get('x-hooks-app'), 'hooks-e2e');
    const missing = await fetch(`${baseUrl}/api/collections/nothing_here/records`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-hooks-app'), 'hooks-e2e');
  });

  test('a CommonJS module required from __hooks inside a handler', async () => {
    assert.deepEqual(await newClient().send('/api/hooks/greet/Zoe', {}),
      { greeting: 'Hello Zoe!', slug: 'hooks-migrations-together' });
  });

  test('e.string, e.html, e.redirect and e.noContent', async () => {
    const text = await fetch(`${baseUrl}/api/hooks/text`);
    assert.equal(text.status, 200);
    assert.match(text.headers.get('content-type'), /^text\/plain/);
    assert.equal(await text.text(), 'plain text from a hook');

    const page = await fetch(`${baseUrl}/api/hooks/page`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /^text\/html/);
    assert.equal(await page.text(), '<p>html from a hook</p>');

    const moved = await fetch(`${baseUrl}/api/hooks/old-page`, { redirect: 'manual' });
    assert.equal(moved.status, 307);
    assert.equal(moved.headers.get('location'), '/api/hooks/page');
    const followed = await fetch(`${baseUrl}/api/hooks/old-page`);
    assert.equal(await followed.text(), '<p>html from a hook</p>');

    const empty = await fetch(`${baseUrl}/api/hooks/nothing`, { method: 'DELETE' });
    assert.equal(empty.status, 204);
    assert.equal(await empty.text(), '');
  });

  test('onBootstrap ran before the first request', async () => {
    assert.deepEqual(await newClient().send('/api/hooks/booted', {}), { bootstrapped: true });
  });

  test('e.requestInfo(): method, query, headers, JSON and form bodies, auth', async () => {
    const guest = await newClient().send('/api/hooks/echo/abc', {
      method: 'POST',
      query: { lang: 'de', page: 2 },
      headers: { 'X-Hooks-Test': 'yes' },
      body: { a: 1, b: [1, 2], c: { d: 'e' } },
    });
    assert.deepEqual(guest, {
      id: 'abc',
      method: 'POST',
      query: { lang: 'de', page: '2' },
      header: 'yes',
      body: { a: 1, b: [1, 2], c: { d: 'e' } },
      auth: '',
      authCollection: '',
      isSuperuser: false,
      path: '/api/hooks/echo/abc',
      queryParam: 'de',
    });

    // an urlencoded form: PocketBase reads numbers and booleans in it as such
    const form = await fetch(`${baseUrl}/api/hooks/echo/xyz`, {
      method: 'POST',
      body: new URLSearchParams({ name: 'Ann', n: '12', ok: 'true' }),
    });
    assert.deepEqual((await form.json()).body, { name: 'Ann', n: 12, ok: true });

    const { pb, auth } = await newUser();
    const asUser = await pb.send('/api/hooks/echo/u', { method: 'POST', body: {} });
    assert.equal(asUser.auth, auth.record.id);
    assert.equal(asUser.authCollection, 'users');
    assert.equal(asUser.isSuperuser, false);

    const asSuperuser = await su.send('/api/hooks/echo/s', { method: 'POST', body: {} });
    assert.equal(asSuperuser.authCollection, '_superusers');
    assert.equal(asSuperuser.isSuperuser, true);
  });

  test('e.bindBody into a DynamicModel', async () => {
    const full = await newClient().send('/api/hooks/bind', {
      method: 'POST',
      body: { title: 'Bound', count: 3, active: true, tags: ['x', 'y'], meta: { k: 'v' }, ignored: 1 },
    });
    assert.deepEqual(full, { title: 'Bound', count: 3, active: true, tags: ['x', 'y'], meta: { k: 'v' } });

    // missing values keep the model's initial ones
    const partial = await newClient().send('/api/hooks/bind', { method: 'POST', body: { title: 'Only' } });
    assert.deepEqual(partial, { title: 'Only', count: 0, active: false, tags: [], meta: {} });
  });

  test('$apis.requireAuth() and $apis.requireSuperuserAuth()', async () => {
    const guestErr = await rejectsWithStatus(newClient().send('/api/hooks/me', {}), 401);
    assertErrorBody(guestErr, 401, 'The request requires valid record authorization token.');

    const { pb, auth, email } = await newUser();
    assert.deepEqual(await pb.send('/api/hooks/me', {}), { id: auth.record.id, email, collection: 'users' });
    const userErr = await rejectsWithStatus(pb.send('/api/hooks/admin', {}), 403);
    assertErrorBody(userErr, 403, 'The authorized record is not allowed to perform this action.');

    await rejectsWithStatus(newClient().send('/api/hooks/admin', {}), 401);
    assert.deepEqual(await su.send('/api/hooks/admin', {}), { superuser: 'test@example.com' });
  });

  test('middlewares: global ones by priority, then the route\'s, then the handler; they can refuse or pass values on', async () => {
    const err = await rejectsWithStatus(newClient().send('/api/hooks/guarded', {}), 403);
    assertErrorBody(err, 403, 'Missing pass.');
    assert.deepEqual(await newClient().send('/api/hooks/guarded', { headers: { 'X-Pass': 'yes' } }),
      { passed: 'checked', trail: 'first>global>route>handler' });
  });

  test('errors thrown in handlers', async () => {
    const pb = newClient();
    const bad = await rejectsWithStatus(pb.send('/api/hooks/fail/bad', {}), 400);
    assertErrorBody(bad, 400, 'Invalid request data.', {
      title: { code: 'invalid_title', message: 'The title is not valid.' },
    });
    const forbidden = await rejectsWithStatus(pb.send('/api/hooks/fail/forbidden', {}), 403);
    assertErrorBody(forbidden, 403, 'You are not allowed to perform this request.');
    const missing = await rejectsWithStatus(pb.send('/api/hooks/fail/missing', {}), 404);
    assertErrorBody(missing, 404, 'Nothing here.');
    // an ApiError's data keeps only validation errors: any other value reads as a generic one
    const teapot = await rejectsWithStatus(pb.send('/api/hooks/fail/teapot', {}), 418);
    assertErrorBody(teapot, 418, "I'm a teapot.", { kind: { code: 'validation_invalid_value', message: 'Invalid value.' } });
    // a plain JS error is a 400 that hides its message
    const plain = await rejectsWithStatus(pb.send('/api/hooks/fail/other', {}), 400);
    assertErrorBody(plain, 400, 'Something went wrong while processing your request.');
  });
});

describe('record hooks', () => {
  test('onRecordCreateRequest derives the slug and forces guests to drafts; onRecordCreate fills the summary', async () => {
    const marker = uniqueName('post');
    const before = await counter('posts_created');
    const guest = newClient();
    const created = await guest.collection('posts').create({
      title: `A rather long title ${marker}`,
      status: 'published',
      internal: 'secret',
    });
    assert.equal(created.slug, `a-rather-long-title-${marker.replace(/_/g, '-')}`);
    assert.equal(created.status, 'draft');
    assert.equal(created.summary, 'A rather long tit...');
    // onRecordEnrich: `internal` hidden, a computed field added
    assert.equal('internal' in created, false);
    assert.equal(created.titleLength, `A rather long title ${marker}`.length);

    // onRecordAfterCreateSuccess counted it
    assert.equal(await counter('posts_created'), before + 1);

    // the superuser may publish, and gives its own slug and summary
    const published = await su.collection('posts').create({
      title: `Published ${marker}`, slug: `custom-${marker}`, status: 'published', summary: 'Short.',
    });
    assert.equal(published.slug, `custom-${marker}`);
    assert.equal(published.status, 'published');
    assert.equal(published.summary, 'Short.');
    assert.equal(await counter('posts_created'), before + 2);

  });

  test('onRecordCreateRequest can refuse a create', async () => {
    const before = await counter('posts_created');
    const err = await rejectsWithStatus(newClient().collection('posts').create({ title: 'Buy SPAM now' }), 400);
    assertErrorBody(err, 400, "Spam isn't welcome.", {
      title: { code: 'spam_title', message: 'The title looks like spam.' },
    });
    assert.equal(await counter('posts_created'), before);
  });

  test('onRecordViewRequest hides drafts from guests; onRecordEnrich shapes every read', async () => {
    const draft = await newClient().collection('posts').create({ title: uniqueName('draft') });
    const err = await rejectsWithStatus(newClient().collection('posts').getOne(draft.id), 404);
    assertErrorBody(err, 404, "The post isn't published yet.");
    const { pb } = await newUser();
    assert.equal((await pb.collection('posts').getOne(draft.id)).id, draft.id);

    const welcome = await newClient().collection('posts').getFirstListItem('slug = "welcome"');
    const viewed = await newClient().collection('posts').getOne(welcome.id);
    assert.equal(viewed.title, 'Welcome');
    assert.equal(viewed.titleLength, 7);
    assert.equal('internal' in viewed, false);
    // like a hidden field, superusers still get it
    assert.equal((await su.collection('posts').getOne(welcome.id)).internal, 'seeded by a migration');
  });

  test('onRecordsListRequest limits guests to 10 per page', async () => {
    const err = await rejectsWithStatus(newClient().collection('posts').getList(1, 11), 400);
    assertErrorBody(err, 400, 'Guests can list at most 10 posts per page.', {
      perPage: { code: 'too_many', message: 'At most 10.' },
    });
    const page = await newClient().collection('posts').getList(1, 10, { filter: 'slug = "welcome"' });
    assert.equal(page.totalItems, 1);
    assert.equal(page.items[0].titleLength, 7);
    assert.equal('internal' in page.items[0], false);
    const { pb } = await newUser();
    assert.equal((await pb.collection('posts').getList(1, 50)).perPage, 50);
  });

  test('onRecordUpdateRequest compares with the original record', async () => {
    const post = await su.collection('posts').create({ title: uniqueName('pub'), status: 'published' });
    const guest = newClient();
    const err = await rejectsWithStatus(guest.collection('posts').update(post.id, { status: 'draft' }), 403);
    assertErrorBody(err, 403, "A published post can't go back to draft.");
    const renamed = await guest.collection('posts').update(post.id, { title: `${post.title} (edited)` });
    assert.equal(renamed.title, `${post.title} (edited)`);
    assert.equal(renamed.status, 'published');
  });

  test('onRecordDeleteRequest protects the welcome post; the delete rule from the second migration applies', async () => {
    const welcome = await newClient().collection('posts').getFirstListItem('slug = "welcome"');
    const { pb } = await newUser();
    const err = await rejectsWithStatus(pb.collection('posts').delete(welcome.id), 400);
    assertErrorBody(err, 400, "The welcome post can't be deleted.");

    const post = await su.collection('posts').create({ title: uniqueName('gone'), status: 'published' });
    await rejectsWithStatus(newClient().collection('posts').delete(post.id), 404);
    assert.equal(await pb.collection('posts').delete(post.id), true);
    await rejectsWithStatus(su.collection('posts').getOne(post.id), 404);
  });

  test('onRecordAuthRequest adds meta to the auth response', async () => {
    const { auth, email } = await newUser();
    assert.deepEqual(auth.meta, { welcome: `Welcome back, ${email}!`, method: 'password' });
    assert.equal(auth.record.email, email);
    assert.ok(auth.token);
  });
});

describe('$app in handlers', () => {
  test('finding, counting and querying records, collections and settings', async () => {
    const marker = uniqueName('stats');
    await su.collection('posts').create({ title: `Top ${marker}`, status: 'published', views: 1000000 });
    const stats = await newClient().send('/api/hooks/stats', {});

    const all = await su.collection('posts').getFullList({ fields: 'id,title,views,status' });
    const published = all.filter((p) => p.status === 'published');
    assert.equal(stats.count, all.length);
    assert.equal(stats.publishedTotal, published.length);
    assert.equal(stats.publishedTitles[0], `Top ${marker}`);
    assert.ok(stats.publishedTitles.includes('Welcome'));
    assert.equal(stats.publishedTitles.length, Math.min(10, published.length));
    const welcome = all.find((p) => p.title === 'Welcome');
    assert.equal(stats.welcomeId, welcome.id);
    assert.equal(stats.byIdTitle, 'Welcome');
    assert.deepEqual(stats.collection, {
      name: 'posts',
      type: 'base',
      fields: ['id', 'title', 'slug', 'views', 'status', 'author', 'internal', 'attachment', 'created', 'updated', 'summary'],
    });
    const expectedRows = all.filter((p) => p.views >= 7)
      .sort((a, b) => b.views - a.views || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0))
      .map((p) => ({ title: p.title, views: p.views }));
    assert.deepEqual(stats.rows, expectedRows);
    assert.equal(stats.rows[0].title, `Top ${marker}`);
    assert.equal(stats.appName, 'Hooks App');
  });

  test('$app.runInTransaction keeps all or nothing; saves in hooks run the model hooks', async () => {
    const before = await counter('posts_created');
    const titles = [uniqueName('tx'), uniqueName('tx'), uniqueName('tx')];

    const failed = await newClient().send('/api/hooks/posts/batch', { method: 'POST', body: { titles, failAt: 2 } })
      .catch((err) => err.response);
    assert.equal(failed.error, 'Stopped at 2.');
    assert.equal(failed.ids.length, 2);
    for (const id of failed.ids) {
      await rejectsWithStatus(su.collection('posts').getOne(id), 404);
    }
    assert.equal(await counter('posts_created'), before);

    const done = await newClient().send('/api/hooks/posts/batch', { method: 'POST', body: { titles } });
    assert.equal(done.ids.length, 3);
    const saved = await Promise.all(done.ids.map((id) => su.collection('posts').getOne(id)));
    assert.deepEqual(saved.map((p) => p.title), titles);
    // onRecordCreate ran (summary), onRecordCreateRequest didn't (no API request: no slug)
    assert.deepEqual(saved.map((p) => p.summary), titles.map((t) => (t.length <= 20 ? t : `${t.slice(0, 17)}...`)));
    assert.deepEqual(saved.map((p) => p.slug), ['', '', '']);
    assert.equal(await counter('posts_created'), before + 3);
  });

  test('$app.delete from a superuser-only route', async () => {
    const slug = uniqueName('del').replace(/_/g, '-');
    const post = await su.collection('posts').create({ title: slug, slug });
    await rejectsWithStatus(newClient().send(`/api/hooks/posts/${slug}`, { method: 'DELETE' }), 401);
    assert.deepEqual(await su.send(`/api/hooks/posts/${slug}`, { method: 'DELETE' }), { deleted: post.id });
    await rejectsWithStatus(su.collection('posts').getOne(post.id), 404);
  });

  test('a record with a file made by $filesystem.fileFromBytes', async () => {
    const title = uniqueName('file');
    const made = await newClient().send('/api/hooks/posts-with-file', {
      method: 'POST', body: { title, content: 'hello from a hook file' },
    });
    assert.match(made.attachment, /^note_[a-z0-9]+\.txt$/);
    const post = await su.collection('posts').getOne(made.id);
    assert.equal(post.attachment, made.attachment);
    const res = await fetch(su.files.getURL(post, post.attachment));
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'hello from a hook file');
  });

  test('$app.logger() writes to the logs', async () => {
    const marker = uniqueName('log');
    assert.deepEqual(await newClient().send(`/api/hooks/log/${marker}`, {}), { logged: true });
    const rows = await eventually(
      () => su.logs.getList(1, 10, { filter: su.filter('data.marker = {:m}', { m: marker }) }),
      (list) => list.items.length === 1,
      'the hook log entry');
    const row = rows.items[0];
    assert.equal(row.message, 'hooks log entry');
    assert.equal(row.level, 0);
    assert.equal(row.data.marker, marker);
    assert.equal(row.data.answer, 42);
  });
});

describe('mails', () => {
  test('a MailerMessage sent from a route, its subject changed by onMailerSend', async () => {
    const to = `${uniqueName('mail')}@example.com`;
    const since = mails.length;
    assert.deepEqual(await newClient().send('/api/hooks/mail', {
      method: 'POST', body: { to, name: 'Zed', subject: 'Greetings' },
    }), { sent: true });
    const mail = await mailTo(to, since);
    assert.match(mail.raw, /^Subject: \[Hooks\] Greetings\r?$/m);
    assert.match(mail.raw, /^From: "?Hooks Robot"? <robot@hooks\.example\.com>\r?$/m);
    assert.match(mail.text, /<p>Hello Zed, this mail comes from a hook\.<\/p>/);
  });

  test("onMailerSend changes PocketBase's own mails too", async () => {
    const { email } = await newUser();
    const since = mails.length;
    await newClient().collection('users').requestPasswordReset(email);
    const mail = await mailTo(email, since);
    assert.match(mail.raw, /^Subject: \[Hooks\] Reset your Hooks App password\r?$/m);
  });
});

describe('cron', () => {
  test('cronAdd jobs are listed (cronRemove ones are not) and run on demand', async () => {
    const jobs = await su.crons.getFullList();
    assert.deepEqual(jobs.find((j) => j.id === 'hooksCounter'), { id: 'hooksCounter', expression: '*/5 * * * *' });
    assert.equal(jobs.some((j) => j.id === 'hooksTemporary'), false);

    const before = await counter('cron');
    assert.equal(await su.crons.run('hooksCounter'), true);
    await eventually(() => counter('cron'), (value) => value === before + 1, 'the cron counter');
    await rejectsWithStatus(newClient().crons.run('hooksCounter'), 401);
  });
});

describe('services', () => {
  test('$http.send to another server', async () => {
    const res = await newClient().send('/api/hooks/ext', { query: { url: echoUrl } });
    const echoed = {
      method: 'POST',
      url: '/echo?from=hooks',
      contentType: 'application/json',
      from: 'pocketbase-hooks',
      body: { ping: 'pong', n: 1 },
    };
    assert.deepEqual(res, {
      statusCode: 201,
      json: echoed,
      replyHeader: ['from-node'],
      cookie: 'abc123',
      body: JSON.stringify(echoed),
      missingStatus: 404,
      missingBody: 'nothing at /missing',
    });
  });

  test('$template.loadFiles with a layout and a page, and $template.loadString', async () => {
    const res = await fetch(`${baseUrl}/api/hooks/template/${encodeURIComponent('<i>Ann')}?admin=1`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    const html = await res.text();
    assert.match(html, /<title>Hello &lt;i&gt;Ann<\/title>/);
    assert.match(html, /<h1>Hello &lt;i&gt;Ann!<\/h1>/);
    assert.match(html, /<p class="admin">You are an admin\.<\/p>/);
    assert.match(html, /<ul><li>one<\/li><li>two<\/li><li>three<\/li><\/ul>/);
    assert.match(html, /<footer>3 items<\/footer>/);
    assert.doesNotMatch(html, /Default app/);

    const guest = await (await fetch(`${baseUrl}/api/hooks/template/Bo`)).text();
    assert.match(guest, /<p class="guest">You are a guest\.<\/p>/);

    const text = await fetch(`${baseUrl}/api/hooks/template-string?name=Zoe`);
    assert.equal(await text.text(), 'Hi Zoe, you have 3 new messages.');
  });

  test('$security helpers', async () => {
    const res = await newClient().send('/api/hooks/security', {});
    assert.match(res.random, /^[A-Za-z0-9]{24}$/);
    assert.match(res.randomDigits, /^[0-9]{8}$/);
    assert.equal(res.md5, createHash('md5').update('hello').digest('hex'));
    assert.equal(res.sha256, createHash('sha256').update('hello').digest('hex'));
    assert.equal(res.sha512, createHash('sha512').update('hello').digest('hex'));
    assert.equal(res.hs256, createHmac('sha256', 'mac-secret').update('hello').digest('hex'));
    assert.equal(res.equal, true);
    assert.equal(res.notEqual, false);
    assert.equal(res.encryptedDiffers, true);
    assert.equal(res.decrypted, 'secret text');
    assert.deepEqual(res.claims, { sub: 'user123', role: 'tester', hasExp: true });
    assert.equal(res.badSignature, 'rejected');

    // an HS256 JWT whose signature checks out with the key
    const [header, payload, signature] = res.token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url')), { alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload, 'base64url'));
    assert.equal(claims.sub, 'user123');
    assert.equal(claims.role, 'tester');
    const now = Date.now() / 1000;
    assert.ok(claims.exp > now + 3500 && claims.exp < now + 3700, `exp ${claims.exp}`);
    assert.equal(signature, createHmac('sha256', 'jwt-signing-key').update(`${header}.${payload}`).digest('base64url'));

    const again = await newClient().send('/api/hooks/security', {});
    assert.notEqual(again.random, res.random);
  });

  test('$os.getenv and $os.readFile', async () => {
    assert.deepEqual(await newClient().send('/api/hooks/os', {}), {
      home: process.env.HOME ?? '',
      motd: 'Message of the day: hooks are fun.',
      hooksDirName: 'pb_hooks',
    });
  });

  test('a custom realtime message to subscribed clients; realtime records are enriched too', async () => {
    const listener = newClient();
    const notices = [];
    const created = [];
    await listener.realtime.subscribe('hooks/notices', (data) => notices.push(data));
    await listener.collection('posts').subscribe('*', (event) => created.push(event));
    try {
      const title = uniqueName('live');
      assert.deepEqual(await su.send('/api/hooks/notify', { method: 'POST', body: { text: 'hi all' } }), { sent: 1 });
      await su.collection('posts').create({ title, status: 'published', internal: 'x' });
      await eventually(async () => notices.length + created.length, (n) => n >= 2, 'the realtime messages');
      assert.deepEqual(notices, [{ text: 'hi all' }]);
      assert.equal(created[0].action, 'create');
      assert.equal(created[0].record.title, title);
      assert.equal(created[0].record.titleLength, title.length);
      assert.equal('internal' in created[0].record, false);
      await rejectsWithStatus(newClient().send('/api/hooks/notify', { method: 'POST', body: { text: 'x' } }), 401);
    } finally {
      await listener.realtime.unsubscribe();
    }
  });
});
