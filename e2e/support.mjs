// Shared helpers for the SDK end-to-end tests: where the server is, fresh SDK clients, error assertions.
// Every *.test.mjs file imports from here; none of them starts or stops a server.
import assert from 'node:assert/strict';
import PocketBase, { BaseAuthStore, ClientResponseError } from 'pocketbase';

function requiredEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through SdkEndToEndIT or see e2e/README.md`);
  }
  return value;
}

/** Base URL of the server under test, e.g. http://127.0.0.1:8090 (no trailing slash). */
export const baseUrl = requiredEnv('COFFER_URL').replace(/\/+$/, '');

/**
 * Which server runs: `coffer` or `pocketbase` (set by e2e/run.sh). Only for the few places where the reference
 * gives a weaker guarantee than Coffer's; every other assertion holds for both.
 */
export const server = process.env.COFFER_E2E_SERVER || 'coffer';

/** A superuser that exists on the server under test. */
export const superuser = Object.freeze({
  email: requiredEnv('COFFER_SUPERUSER_EMAIL'),
  password: requiredEnv('COFFER_SUPERUSER_PASSWORD'),
});

/** The fixed id PocketBase gives the `_superusers` collection (the SDK relies on it too). */
export const SUPERUSERS_COLLECTION_ID = 'pbc_3142635823';

/** PocketBase's datetime layout: `2006-01-02 15:04:05.000Z`. */
export const DATETIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A new SDK client with its own in-memory auth store and auto-cancellation off,
 * so tests never share auth state or cancel each other's requests.
 */
export function newClient() {
  const pb = new PocketBase(baseUrl, new BaseAuthStore());
  pb.autoCancellation(false);
  return pb;
}

/** A new SDK client already authenticated as the test superuser. */
export async function superuserClient() {
  const pb = newClient();
  await pb.collection('_superusers').authWithPassword(superuser.email, superuser.password);
  return pb;
}

/**
 * Asserts that `promise` rejects with the SDK's ClientResponseError carrying HTTP `status`,
 * and returns that error for further checks (`err.response` is the parsed JSON body).
 */
export async function rejectsWithStatus(promise, status) {
  let error;
  await assert.rejects(promise, (err) => {
    error = err;
    return true;
  });
  assert.ok(error instanceof ClientResponseError, `expected a ClientResponseError, got ${error}`);
  assert.equal(error.status, status, `expected HTTP ${status}, got ${error.status}: ${JSON.stringify(error.response)}`);
  return error;
}

/** Asserts PocketBase's error body shape `{status, message, data}` exactly. */
export function assertErrorBody(error, status, message, data = {}) {
  assert.deepEqual(error.response, { status, message, data });
}

/** A name no other test (or earlier run against the same server) uses, for collections and records. */
export function uniqueName(prefix) {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
