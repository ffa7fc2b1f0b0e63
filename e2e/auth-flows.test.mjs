// The auth flows through the official SDK: password login and refresh, password reset and OTP with the mail
// caught by a small SMTP server this script runs, and the OAuth2 authorization-code flow against a fake
// provider this script runs. Works on a fresh data dir with the runner's superuser.
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { mailCatcher } from './mail-catcher.mjs';
import { newClient, rejectsWithStatus, superuserClient } from './support.mjs';

const COLLECTION = `flows_${Date.now().toString(36)}`;
const PASSWORD = 'first-password-1';
const NEW_PASSWORD = 'second-password-2';
const EMAIL = 'flow.user@example.com';

// ---------------------------------------------------------------- a minimal SMTP server that keeps messages
const { server: smtp, mails, mailTo } = mailCatcher();

// ---------------------------------------------------------------- a fake OAuth2 provider (GitLab-shaped)
const tokenRequests = [];
const provider = createHttpServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url.startsWith('/token')) {
      tokenRequests.push(new URLSearchParams(body));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'fake-access-token', token_type: 'Bearer', expires_in: 3600 }));
    } else if (req.url.startsWith('/userinfo')) {
      const ok = req.headers.authorization === 'Bearer fake-access-token';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? {
        id: 424242, name: 'Oauth Person', username: 'oauth_person', email: 'oauth.person@example.com',
        avatar_url: '', state: 'active', confirmed_at: '2024-01-01T00:00:00Z',
      } : { error: 'unauthorized' }));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
});

const listen = (server) => new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server.address().port)));

let su;
let providerUrl;

before(async () => {
  const smtpPort = await listen(smtp);
  providerUrl = `http://127.0.0.1:${await listen(provider)}`;
  su = await superuserClient();
  await su.settings.update({
    meta: { appName: 'Flows', appURL: 'http://localhost:8090', senderName: 'Flows', senderAddress: 'noreply@example.com' },
    smtp: { enabled: true, host: '127.0.0.1', port: smtpPort, tls: false, username: '', password: '' },
  });
  await su.collections.create({
    name: COLLECTION,
    type: 'auth',
    listRule: 'id = @request.auth.id',
    viewRule: 'id = @request.auth.id',
    createRule: '',
    fields: [{ name: 'name', type: 'text' }],
    passwordAuth: { enabled: true, identityFields: ['email'] },
    otp: { enabled: true, duration: 180, length: 8 },
    oauth2: {
      enabled: true,
      mappedFields: { name: 'name' },
      providers: [{
        name: 'gitlab',
        clientId: 'test-client',
        clientSecret: 'test-secret',
        authURL: `${providerUrl}/authorize`,
        tokenURL: `${providerUrl}/token`,
        userInfoURL: `${providerUrl}/userinfo`,
      }],
    },
  });
  await newClient().collection(COLLECTION).create({ email: EMAIL, password: PASSWORD, passwordConfirm: PASSWORD });
});

after(() => {
  smtp.close();
  provider.close();
});

describe('auth flows through the SDK', () => {
  test('authWithPassword and authRefresh', async () => {
    const pb = newClient();
    const auth = await pb.collection(COLLECTION).authWithPassword(EMAIL, PASSWORD);
    assert.equal(auth.record.email, EMAIL);
    const refreshed = await pb.collection(COLLECTION).authRefresh();
    assert.equal(refreshed.record.id, auth.record.id);
    assert.equal(typeof refreshed.token, 'string');
  });

  test('requestPasswordReset → mail → confirmPasswordReset → login with the new password', async () => {
    const pb = newClient();
    const since = mails.length;
    assert.equal(await pb.collection(COLLECTION).requestPasswordReset(EMAIL), true);
    const mail = await mailTo(EMAIL, since);
    const token = mail.text.match(/eyJ[\w-]+\.[\w-]+\.[\w-]+/)?.[0];
    assert.ok(token, `a token in the mail:\n${mail.text.slice(0, 500)}`);
    assert.equal(await pb.collection(COLLECTION).confirmPasswordReset(token, NEW_PASSWORD, NEW_PASSWORD), true);
    await rejectsWithStatus(pb.collection(COLLECTION).authWithPassword(EMAIL, PASSWORD), 400);
    const auth = await pb.collection(COLLECTION).authWithPassword(EMAIL, NEW_PASSWORD);
    assert.equal(auth.record.email, EMAIL);
    // the token worked once
    await rejectsWithStatus(pb.collection(COLLECTION).confirmPasswordReset(token, PASSWORD, PASSWORD), 400);
  });

  test('requestOTP → code from the mail → authWithOTP', async () => {
    const pb = newClient();
    const since = mails.length;
    const { otpId } = await pb.collection(COLLECTION).requestOTP(EMAIL);
    assert.equal(typeof otpId, 'string');
    const mail = await mailTo(EMAIL, since);
    const code = mail.text.match(/\b\d{8}\b/)?.[0];
    assert.ok(code, `an 8-digit code in the mail:\n${mail.text.slice(0, 500)}`);
    await rejectsWithStatus(pb.collection(COLLECTION).authWithOTP(otpId, code === '00000000' ? '11111111' : '00000000'), 400);
    const auth = await pb.collection(COLLECTION).authWithOTP(otpId, code);
    assert.equal(auth.record.email, EMAIL);
    assert.equal(auth.record.verified, true, 'a code sent to the address verifies it');
  });

  test('OAuth2 authorization code flow against a fake provider', async () => {
    const pb = newClient();
    const methods = await pb.collection(COLLECTION).listAuthMethods();
    assert.equal(methods.oauth2.enabled, true);
    const gitlab = methods.oauth2.providers.find((p) => p.name === 'gitlab');
    assert.ok(gitlab, 'the provider is listed');
    assert.ok(gitlab.authURL.startsWith(`${providerUrl}/authorize?`), gitlab.authURL);
    assert.ok(gitlab.authURL.endsWith('&redirect_uri='), gitlab.authURL);
    assert.ok(gitlab.codeVerifier.length >= 43);

    const redirect = 'http://127.0.0.1:1/callback';
    const first = await pb.collection(COLLECTION).authWithOAuth2Code('gitlab', 'code-1', gitlab.codeVerifier, redirect);
    assert.equal(first.meta.isNew, true);
    assert.equal(first.meta.email, 'oauth.person@example.com');
    assert.equal(first.record.email, 'oauth.person@example.com');
    assert.equal(first.record.name, 'Oauth Person');
    assert.equal(first.record.verified, true);
    const sent = tokenRequests.at(-1);
    assert.equal(sent.get('code'), 'code-1');
    assert.equal(sent.get('code_verifier'), gitlab.codeVerifier);
    assert.equal(sent.get('redirect_uri'), redirect);

    const again = await newClient().collection(COLLECTION)
      .authWithOAuth2Code('gitlab', 'code-2', gitlab.codeVerifier, redirect);
    assert.equal(again.meta.isNew, false);
    assert.equal(again.record.id, first.record.id);
  });
});
