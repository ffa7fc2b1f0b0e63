// Shared helpers of the dashboard browser tests: the browser, pages that collect console errors, a superuser
// login, API calls for setting up data, and screenshots.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The server under test (run.sh starts it). */
export const BASE = (process.env.COFFER_URL || 'http://127.0.0.1:8090').replace(/\/$/, '');

/** The superuser the installer test creates; every later test logs in with it. */
export const ADMIN = { email: 'admin@example.com', password: 'Admin-password-1' };

const SHOTS = process.env.COFFER_SCREENSHOTS || fileURLToPath(new URL('./screenshots/', import.meta.url));
mkdirSync(SHOTS, { recursive: true });

/** Headless Chromium (Debian's), with the flags this machine needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The superuser's token and record, from the API. */
export async function adminAuth() {
  const res = await fetch(`${BASE}/api/collections/_superusers/auth-with-password`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ identity: ADMIN.email, password: ADMIN.password }),
  });
  assert.equal(res.status, 200, `superuser login for the test setup: ${await res.clone().text()}`);
  return res.json();
}

/** Calls the API as the superuser (for setting up and checking data); resolves to the parsed answer. */
export async function api(path, { method = 'GET', body, expect = [200, 204] } = {}) {
  const { token } = await adminAuth();
  const res = await fetch(`${BASE}${path}`, {
    method, headers: { Authorization: token, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  assert.ok(expect.includes(res.status), `${method} ${path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * A new page in its own context, logged in as the superuser unless login is false. Console errors and uncaught
 * errors are collected in page.problems (a 4xx answer the API is expected to give is not a problem).
 */
export async function openPage(browser, { login = true, viewport = { width: 1280, height: 800 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
    page.problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  if (login) {
    const auth = await adminAuth();
    await context.addInitScript(([k, v]) => {
      if (window !== window.top) return; // not in frames (a sandboxed preview has no storage)
      if (!sessionStorage.getItem('coffer_test_logged_in')) {
        localStorage.setItem(k, v);
        sessionStorage.setItem('coffer_test_logged_in', '1');
      }
    }, ['coffer_superuser_auth', JSON.stringify({ token: auth.token, record: auth.record })]);
  }
  return page;
}

/** Opens a dashboard route ("/collections?collection=posts") and waits for the shell. */
export async function goto(page, route = '/') {
  await page.goto(`${BASE}/_/#${route}`);
  await page.waitForSelector('coffer-app > :not(noscript)', { state: 'attached' });
}

/** Saves a screenshot as NAME.png in the screenshots folder. */
export async function shot(page, name) {
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

/** Fails with the console errors and uncaught errors the page had. */
export function assertNoProblems(page) {
  assert.deepEqual(page.problems, [], 'console errors or uncaught errors in the page');
}
