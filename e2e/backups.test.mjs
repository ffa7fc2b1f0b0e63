// Backups through the official SDK (`pb.backups.*`): create, list, download with a superuser file token,
// upload, delete, name validation, who may call the API, and a restore that brings back the data as of the
// backup while the server keeps answering. Runs on the shared fresh data dir: the restored backup is the state
// this script found plus its own collection, which it deletes at the end.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DATETIME, baseUrl, newClient, rejectsWithStatus, superuserClient, uniqueName } from './support.mjs';

function backupName(prefix) {
  return `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}.zip`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `check` until it returns true (errors such as a restarting server count as false). */
async function eventually(check, timeoutMs = 25000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  assert.fail('condition not reached in time');
}

describe('backups', () => {
  test('only superusers may use the backups API', async () => {
    await rejectsWithStatus(newClient().backups.getFullList(), 401);
    await rejectsWithStatus(newClient().backups.create(''), 401);
    const res = await fetch(`${baseUrl}/api/backups/none.zip?token=invalid`);
    assert.equal(res.status, 403);
  });

  test('create, list, download, upload and delete', async () => {
    const pb = await superuserClient();
    const name = backupName('e2e');
    assert.equal(await pb.backups.create(name), true);
    const listed = (await pb.backups.getFullList()).find((b) => b.key === name);
    assert.ok(listed, 'the new backup is listed');
    assert.ok(listed.size > 0);
    assert.match(listed.modified, DATETIME);

    const err = await rejectsWithStatus(pb.backups.create('Not Valid!.zip'), 400);
    assert.equal(err.response.data.name.code, 'validation_match_invalid');
    const dup = await rejectsWithStatus(pb.backups.create(name), 400);
    assert.equal(dup.response.data.name.code, 'validation_backup_name_exists');

    const token = await pb.files.getToken();
    const res = await fetch(pb.backups.getDownloadURL(token, name));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition'), /^attachment; filename=/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 2)], [0x50, 0x4b], 'a zip archive');

    const uploadedName = backupName('e2e_up');
    const form = new FormData();
    form.append('file', new File([bytes], uploadedName, { type: 'application/zip' }));
    assert.equal(await pb.backups.upload(form), true);
    const keys = (await pb.backups.getFullList()).map((b) => b.key);
    assert.ok(keys.includes(uploadedName));
    const notZip = new FormData();
    notZip.append('file', new File(['plain text'], backupName('e2e_txt'), { type: 'text/plain' }));
    const bad = await rejectsWithStatus(pb.backups.upload(notZip), 400);
    assert.equal(bad.response.data.file.code, 'validation_invalid_mime_type');

    assert.equal(await pb.backups.delete(uploadedName), true);
    assert.equal(await pb.backups.delete(name), true);
    await rejectsWithStatus(pb.backups.delete(name), 400);
    const left = (await pb.backups.getFullList()).map((b) => b.key);
    assert.ok(!left.includes(name) && !left.includes(uploadedName));
  });

  test('restore brings back the data as of the backup', async () => {
    const pb = await superuserClient();
    const collection = uniqueName('backed');
    await pb.collections.create({ name: collection, type: 'base', fields: [{ name: 'title', type: 'text' }] });
    const kept = await pb.collection(collection).create({ title: 'before the backup' });
    const name = backupName('e2e_restore');
    await pb.backups.create(name);
    const dropped = await pb.collection(collection).create({ title: 'after the backup' });

    assert.equal(await pb.backups.restore(name), true);
    await eventually(async () => {
      try {
        await pb.collection(collection).getOne(dropped.id);
        return false;
      } catch (err) {
        return err.status === 404;
      }
    });
    const again = await superuserClient();
    assert.equal((await again.collection(collection).getOne(kept.id)).title, 'before the backup');
    await eventually(async () => (await again.health.check()).data.canBackup === true);
    await again.backups.delete(name);
    await again.collections.delete(collection);
  });
});
