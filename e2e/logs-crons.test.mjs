// Request logs and cron jobs through the official SDK (`pb.logs.*`, `pb.crons.*`): a request shows up in the
// log list with PocketBase's request data, the stats count it, one log reads back by id, failed requests are
// logged at error level, the built-in cron jobs are listed and run on demand, and only superusers may call
// either API. Runs on a fresh data dir; every test looks only at the log rows its own unique marker matches.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DATETIME, newClient, rejectsWithStatus, superuserClient, uniqueName } from './support.mjs';

/** Logs are written in the background (PocketBase batches them for up to 3 s): poll until `filter` matches. */
async function waitForLogs(pb, filter, count = 1) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const list = await pb.logs.getList(1, 50, { filter, sort: '-created' });
    if (list.items.length >= count || Date.now() > deadline) {
      return list;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('logs', () => {
  test('a request is logged with its method, url, status and auth', async () => {
    const pb = await superuserClient();
    const marker = uniqueName('marker');
    const guest = newClient();
    await guest.send(`/api/health?${marker}=1`, { headers: { 'User-Agent': `sdk-${marker}` } });

    const list = await waitForLogs(pb, pb.filter('message ~ {:m}', { m: marker }));
    assert.equal(list.totalItems, 1);
    const log = list.items[0];
    assert.equal(log.message, `GET /api/health?${marker}=1`);
    assert.equal(log.level, 0);
    assert.match(log.created, DATETIME);
    assert.equal(log.data.type, 'request');
    assert.equal(log.data.method, 'GET');
    assert.equal(log.data.url, `/api/health?${marker}=1`);
    assert.equal(log.data.status, 200);
    assert.equal(typeof log.data.execTime, 'number');
    assert.equal(log.data.auth, '');
    assert.equal(log.data.userAgent, `sdk-${marker}`);

    const one = await pb.logs.getOne(log.id);
    assert.deepEqual(one, log);

    const byData = await pb.logs.getList(1, 10, { filter: pb.filter('data.userAgent = {:ua}', { ua: `sdk-${marker}` }) });
    assert.deepEqual(byData.items.map((l) => l.id), [log.id]);
  });

  test('a failed request is logged at error level with the error', async () => {
    const pb = await superuserClient();
    const marker = uniqueName('missing');
    await rejectsWithStatus(newClient().collection(marker).getList(1, 1), 404);
    const list = await waitForLogs(pb, pb.filter('message ~ {:m}', { m: marker }));
    assert.equal(list.items.length, 1);
    assert.equal(list.items[0].level, 8);
    assert.equal(list.items[0].data.status, 404);
    assert.equal(typeof list.items[0].data.error, 'string');
    assert.ok(list.items[0].data.error.length > 0);
  });

  test('a superuser request names its auth collection', async () => {
    const pb = await superuserClient();
    const marker = uniqueName('su');
    await pb.send(`/api/health?${marker}=1`, {});
    const list = await waitForLogs(pb, pb.filter('message ~ {:m}', { m: marker }));
    assert.equal(list.items[0].data.auth, '_superusers');
  });

  test('stats count the matching logs per hour', async () => {
    const pb = await superuserClient();
    const marker = uniqueName('stats');
    const guest = newClient();
    await guest.send(`/api/health?${marker}=1`, {});
    await guest.send(`/api/health?${marker}=2`, {});
    const filter = pb.filter('message ~ {:m}', { m: marker });
    await waitForLogs(pb, filter, 2);
    const stats = await pb.logs.getStats({ filter });
    assert.ok(Array.isArray(stats));
    assert.equal(stats.reduce((sum, s) => sum + s.total, 0), 2);
    for (const s of stats) {
      assert.match(s.date, /^\d{4}-\d{2}-\d{2} \d{2}:00:00\.000Z$/);
    }
    assert.deepEqual(await pb.logs.getStats({ filter: pb.filter('message = {:m}', { m: `none-${marker}` }) }), []);
  });

  test('bad filters, unknown ids and guests are refused', async () => {
    const pb = await superuserClient();
    await rejectsWithStatus(pb.logs.getList(1, 10, { filter: 'unknownField = 1' }), 400);
    const stats = await rejectsWithStatus(pb.logs.getStats({ filter: 'level >' }), 400);
    assert.equal(stats.response.message, 'Invalid filter format.');
    const missing = await rejectsWithStatus(pb.logs.getOne('missing0000000'), 404);
    assert.equal(missing.response.message, "The requested resource wasn't found.");
    await rejectsWithStatus(newClient().logs.getList(), 401);
    await rejectsWithStatus(newClient().logs.getStats(), 401);
  });
});

describe('crons', () => {
  test('the built-in jobs are listed with their schedules', async () => {
    const pb = await superuserClient();
    const jobs = await pb.crons.getFullList();
    const byId = Object.fromEntries(jobs.map((j) => [j.id, j.expression]));
    assert.equal(byId.__pbLogsCleanup__, '0 */6 * * *');
    assert.equal(byId.__pbDBOptimize__, '0 0 * * *');
    assert.equal(byId.__pbMFACleanup__, '0 * * * *');
    assert.equal(byId.__pbOTPCleanup__, '0 * * * *');
    for (const job of jobs) {
      assert.deepEqual(Object.keys(job).sort(), ['expression', 'id']);
    }
  });

  test('a job runs on demand; an unknown one is 404; guests get 401', async () => {
    const pb = await superuserClient();
    assert.equal(await pb.crons.run('__pbOTPCleanup__'), true);
    const err = await rejectsWithStatus(pb.crons.run(uniqueName('nojob')), 404);
    assert.equal(err.response.message, 'Missing or invalid cron job.');
    await rejectsWithStatus(newClient().crons.getFullList(), 401);
    await rejectsWithStatus(newClient().crons.run('__pbOTPCleanup__'), 401);
  });
});
