// Settings through the official SDK (`pb.settings.*`): read all sections as the superuser with the secrets
// left out, change a value and read it back, validation errors, the S3 and email test endpoints' refusals,
// and who may call the settings API at all. Runs on a fresh data dir.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { newClient, rejectsWithStatus, superuserClient, uniqueName } from './support.mjs';

const PASSWORD = '1234567890';

describe('settings', () => {
  test('getAll returns every section and leaves the secrets out', async () => {
    const pb = await superuserClient();
    const settings = await pb.settings.getAll();
    for (const section of ['meta', 'smtp', 's3', 'backups', 'batch', 'rateLimits', 'trustedProxy', 'logs']) {
      assert.equal(typeof settings[section], 'object', `section ${section}`);
    }
    assert.equal(typeof settings.meta.appName, 'string');
    assert.equal(settings.smtp.password, undefined);
    assert.equal(settings.s3.secret, undefined);
    assert.equal(settings.backups.s3.secret, undefined);
  });

  test('update changes a value, keeps the others and answers with the new settings', async () => {
    const pb = await superuserClient();
    const before = await pb.settings.getAll();
    const appName = uniqueName('app');
    const updated = await pb.settings.update({ meta: { appName }, logs: { maxDays: 3 } });
    assert.equal(updated.meta.appName, appName);
    assert.equal(updated.meta.appURL, before.meta.appURL);
    assert.equal(updated.logs.maxDays, 3);
    const read = await pb.settings.getAll();
    assert.equal(read.meta.appName, appName);
    assert.equal(read.logs.maxDays, 3);
    await pb.settings.update({ meta: { appName: before.meta.appName }, logs: { maxDays: before.logs.maxDays } });
  });

  test('an invalid value is refused with field errors and nothing changes', async () => {
    const pb = await superuserClient();
    const before = await pb.settings.getAll();
    const err = await rejectsWithStatus(pb.settings.update({ meta: { appName: '', senderAddress: 'not-an-email' } }), 400);
    assert.equal(err.response.data.meta.appName.code, 'validation_required');
    assert.equal(err.response.data.meta.senderAddress.code, 'validation_is_email');
    const after = await pb.settings.getAll();
    assert.equal(after.meta.appName, before.meta.appName);
  });

  test('testS3 needs a filesystem and refuses while S3 is disabled', async () => {
    const pb = await superuserClient();
    const missing = await rejectsWithStatus(pb.settings.testS3(''), 400);
    assert.equal(missing.response.data.filesystem.code, 'validation_required');
    const disabled = await rejectsWithStatus(pb.settings.testS3('storage'), 400);
    assert.match(disabled.response.message, /Failed to test the S3 filesystem/);
  });

  test('testEmail validates its input', async () => {
    const pb = await superuserClient();
    const err = await rejectsWithStatus(pb.settings.testEmail('users', 'not-an-email', 'verification'), 400);
    assert.equal(err.response.data.email.code, 'validation_is_email');
  });

  test('only superusers may read or change the settings', async () => {
    const guest = newClient();
    await rejectsWithStatus(guest.settings.getAll(), 401);
    await rejectsWithStatus(guest.settings.update({ meta: { appName: 'x' } }), 401);

    const email = `${uniqueName('user')}@example.com`;
    const user = newClient();
    await user.collection('users').create({ email, password: PASSWORD, passwordConfirm: PASSWORD });
    await user.collection('users').authWithPassword(email, PASSWORD);
    await rejectsWithStatus(user.settings.getAll(), 403);
    await rejectsWithStatus(user.settings.update({ meta: { appName: 'x' } }), 403);
  });
});
