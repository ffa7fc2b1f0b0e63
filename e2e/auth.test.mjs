// Health and password auth through the official SDK: `_superusers` login, token refresh, error shapes.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { getTokenPayload } from 'pocketbase';
import {
  DATETIME,
  SUPERUSERS_COLLECTION_ID,
  assertErrorBody,
  newClient,
  rejectsWithStatus,
  sleep,
  superuser,
  superuserClient,
} from './support.mjs';

describe('health', () => {
  test('health.check() answers 200 for a guest', async () => {
    const health = await newClient().health.check();
    assert.deepEqual(health, { code: 200, message: 'API is healthy.', data: {} });
  });
});

describe('_superusers auth-with-password', () => {
  test('returns a token and the superuser record and fills the auth store', async () => {
    const pb = newClient();
    const auth = await pb.collection('_superusers').authWithPassword(superuser.email, superuser.password);

    assert.equal(typeof auth.token, 'string');
    assert.equal(auth.token.split('.').length, 3, 'a JWT');
    assert.equal(auth.record.email, superuser.email);
    assert.equal(auth.record.collectionName, '_superusers');
    assert.equal(auth.record.collectionId, SUPERUSERS_COLLECTION_ID);

    assert.equal(pb.authStore.token, auth.token);
    assert.equal(pb.authStore.record.id, auth.record.id);
    assert.equal(pb.authStore.isValid, true);
    assert.equal(pb.authStore.isSuperuser, true);
  });

  test('the record has exactly the public auth fields (no password, no tokenKey)', async () => {
    const { record } = await newClient().collection('_superusers').authWithPassword(superuser.email, superuser.password);

    assert.deepEqual(Object.keys(record).sort(), [
      'collectionId', 'collectionName', 'created', 'email', 'emailVisibility', 'id', 'updated', 'verified',
    ]);
    assert.match(record.id, /^[a-z0-9]{15}$/);
    assert.match(record.created, DATETIME);
    assert.match(record.updated, DATETIME);
    assert.equal(typeof record.emailVisibility, 'boolean');
    assert.equal(typeof record.verified, 'boolean');
  });

  test('the token is a refreshable auth token for that record, valid for one day', async () => {
    const { token, record } = await newClient().collection('_superusers').authWithPassword(superuser.email, superuser.password);
    const now = Math.floor(Date.now() / 1000);

    const payload = getTokenPayload(token);
    assert.equal(payload.type, 'auth');
    assert.equal(payload.id, record.id);
    assert.equal(payload.collectionId, SUPERUSERS_COLLECTION_ID);
    assert.equal(payload.refreshable, true);
    // _superusers default authToken duration: 86400 s
    assert.ok(Math.abs(payload.exp - (now + 86400)) <= 120, `exp ${payload.exp} should be about now + 86400 (${now + 86400})`);
  });

  test('a wrong password rejects with 400 "Failed to authenticate." and leaves the auth store empty', async () => {
    const pb = newClient();
    const err = await rejectsWithStatus(
      pb.collection('_superusers').authWithPassword(superuser.email, 'wrong-password'), 400);

    assertErrorBody(err, 400, 'Failed to authenticate.');
    assert.equal(err.message, 'Failed to authenticate.');
    assert.equal(pb.authStore.token, '');
    assert.equal(pb.authStore.isValid, false);
  });

  test('an unknown identity rejects with the same 400', async () => {
    const err = await rejectsWithStatus(
      newClient().collection('_superusers').authWithPassword('nobody@example.com', superuser.password), 400);
    assertErrorBody(err, 400, 'Failed to authenticate.');
  });

  test('blank identity and password reject with 400 field errors', async () => {
    const err = await rejectsWithStatus(newClient().collection('_superusers').authWithPassword('', ''), 400);
    assertErrorBody(err, 400, 'An error occurred while validating the submitted data.', {
      identity: { code: 'validation_required', message: 'Cannot be blank.' },
      password: { code: 'validation_required', message: 'Cannot be blank.' },
    });
  });
});

describe('_superusers auth-refresh', () => {
  test('returns a new valid token for the same record', async () => {
    const pb = await superuserClient();
    const first = { token: pb.authStore.token, record: pb.authStore.record };
    // token claims have no iat: wait for `exp` to move on so the new token differs
    await sleep(1100);

    const refreshed = await pb.collection('_superusers').authRefresh();

    assert.notEqual(refreshed.token, first.token);
    assert.equal(refreshed.record.id, first.record.id);
    assert.equal(refreshed.record.email, superuser.email);
    assert.ok(getTokenPayload(refreshed.token).exp > getTokenPayload(first.token).exp);
    assert.equal(pb.authStore.token, refreshed.token);
    assert.equal(pb.authStore.isValid, true);
    assert.equal(pb.authStore.isSuperuser, true);
  });

  test('the refreshed token authenticates further requests', async () => {
    const pb = await superuserClient();
    const { token } = await pb.collection('_superusers').authRefresh();

    const other = newClient();
    other.authStore.save(token, null);
    const again = await other.collection('_superusers').authRefresh();
    assert.equal(again.record.email, superuser.email);
  });

  test('without a token it rejects with 401', async () => {
    const err = await rejectsWithStatus(newClient().collection('_superusers').authRefresh(), 401);
    assertErrorBody(err, 401, 'The request requires valid record authorization token.');
  });

  test('a token with a forged signature counts as no token (401)', async () => {
    const pb = await superuserClient();
    const [header, payload] = pb.authStore.token.split('.');
    const forgedSignature = createHmac('sha256', 'not-the-signing-key').update(`${header}.${payload}`).digest('base64url');
    pb.authStore.save(`${header}.${payload}.${forgedSignature}`, pb.authStore.record);

    const err = await rejectsWithStatus(pb.collection('_superusers').authRefresh(), 401);
    assertErrorBody(err, 401, 'The request requires valid record authorization token.');
  });

  test('an unsigned (alg "none") token counts as no token (401)', async () => {
    const pb = await superuserClient();
    const [, payload] = pb.authStore.token.split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    pb.authStore.save(`${header}.${payload}.`, pb.authStore.record);

    await rejectsWithStatus(pb.collection('_superusers').authRefresh(), 401);
  });

  test("a superuser token can't refresh on the users collection (403)", async () => {
    const pb = await superuserClient();
    const err = await rejectsWithStatus(pb.collection('users').authRefresh(), 403);
    // PocketBase names the collection of the token's record here, not the requested one
    assertErrorBody(err, 403, 'The request requires auth record from _superusers collection.');
  });
});

describe('auth collection context', () => {
  test('the default users auth collection exists and rejects unknown credentials with 400', async () => {
    const err = await rejectsWithStatus(
      newClient().collection('users').authWithPassword('nobody@example.com', '1234567890'), 400);
    assertErrorBody(err, 400, 'Failed to authenticate.');
  });

  test('superuser credentials do not authenticate on users', async () => {
    const err = await rejectsWithStatus(
      newClient().collection('users').authWithPassword(superuser.email, superuser.password), 400);
    assertErrorBody(err, 400, 'Failed to authenticate.');
  });

  test('an unknown collection rejects with 404', async () => {
    const err = await rejectsWithStatus(
      newClient().collection('no_such_collection').authWithPassword('a@example.com', '1234567890'), 404);
    assertErrorBody(err, 404, 'Missing or invalid collection context.');
  });

  test('a collection that is not an auth collection rejects with 404', async () => {
    const err = await rejectsWithStatus(
      newClient().collection('_otps').authWithPassword('a@example.com', '1234567890'), 404);
    assertErrorBody(err, 404, 'Missing or invalid auth collection context.');
  });
});
