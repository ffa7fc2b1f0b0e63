// Webhooks through the official SDK, verified by the Standard Webhooks reference library (Coffer extensions:
// skipped against the reference PocketBase): webhooks turned on, one kept as a `_webhooks` record, a record created
// through the SDK delivered to a receiver here and verified with `standardwebhooks`, the delivery logged, the secret
// rotated (both secrets verify for a day), a test event, and the job queue's list. Makes its own collection.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { server, sleep, superuserClient, uniqueName } from './support.mjs';

const skip = server === 'pocketbase' ? 'a Coffer extension' : false;

describe('webhooks', { skip }, () => {
  let pb;
  let name;
  let receiver;
  let url;
  const received = [];

  before(async () => {
    receiver = createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('thanks');
      });
    });
    await new Promise((ok) => receiver.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${receiver.address().port}/hook`;
    pb = await superuserClient();
    name = uniqueName('orders');
    await pb.collections.create({
      name, type: 'base', listRule: '', viewRule: '', createRule: '',
      fields: [{ name: 'total', type: 'number' }, { name: 'internal', type: 'text', hidden: true }],
    });
    await pb.send('/api/webhooks/install', { method: 'POST' });
  });

  after(async () => {
    await pb.collections.delete(name);
    receiver.close();
  });

  async function arrival(predicate) {
    for (let i = 0; i < 300; i++) {
      const found = received.find((r) => predicate(JSON.parse(r.body)));
      if (found) return found;
      await sleep(50);
    }
    throw new Error(`no matching delivery among ${received.length}`);
  }

  test('a record change is delivered signed, verifiable with the Standard Webhooks library, and logged', async () => {
    const hook = await pb.collection('_webhooks').create({
      name: 'big orders', url, events: [`${name}.create`, `${name}.update`], filter: 'total >= 100', enabled: true,
    });
    assert.match(hook.secret, /^whsec_/);
    await pb.collection(name).create({ total: 5 });
    const big = await pb.collection(name).create({ total: 250, internal: 'x' });
    const delivery = await arrival((b) => b.data?.record?.id === big.id);
    const payload = new Webhook(hook.secret).verify(delivery.body, delivery.headers);
    assert.equal(payload.type, `${name}.create`);
    assert.equal(payload.data.record.total, 250);
    assert.equal(payload.data.record.internal, undefined);
    assert.equal(payload.data.previous, null);
    assert.throws(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(delivery.body,
      delivery.headers));
    assert.equal(received.filter((r) => JSON.parse(r.body).data?.record?.total === 5).length, 0);

    let log;
    for (let i = 0; i < 100; i++) {
      log = await pb.collection('_webhookDeliveries').getFullList({ filter: `webhook = "${hook.id}"` });
      if (log.length) break;
      await sleep(50);
    }
    assert.equal(log.length, 1);
    assert.equal(log[0].status, 200);
    assert.equal(log[0].success, true);
    assert.equal(log[0].response, 'thanks');
    assert.equal(log[0].messageId, delivery.headers['webhook-id']);

    // rotation: the old secret keeps verifying beside the new one
    const fresh = `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
    await pb.collection('_webhooks').update(hook.id, { secret: fresh });
    await pb.collection(name).update(big.id, { total: 300 });
    const update = await arrival((b) => b.type === `${name}.update`);
    assert.equal(new Webhook(fresh).verify(update.body, update.headers).data.previous.total, 250);
    assert.equal(new Webhook(hook.secret).verify(update.body, update.headers).data.record.total, 300);

    const { messageId } = await pb.send(`/api/webhooks/${hook.id}/test`, { method: 'POST' });
    const ping = await arrival((b) => b.type === 'webhook.test');
    assert.equal(ping.headers['webhook-id'], messageId);
    new Webhook(fresh).verify(ping.body, ping.headers);

    const jobs = await pb.send('/api/jobs', { query: { type: 'coffer:webhook', state: 'done' } });
    assert.ok(jobs.totalItems >= 3);
    await pb.collection('_webhooks').delete(hook.id);
  });

  test('a target on this server itself is refused', async () => {
    await assert.rejects(pb.collection('_webhooks').create({
      url: `${pb.baseURL}/api/collections`, events: ['*'], enabled: true,
    }), (err) => err.status === 400 && err.response.data.url.code === 'validation_invalid_url');
  });
});
