// The docs of an auth collection's endpoints in the API preview: list auth methods, auth with password, OAuth2 and
// OTP, auth refresh, and the two-step flows (verification, password reset, email change).
import { html, nothing } from 'lit';
import { SAMPLE_DATE, err, authResponse, authErrors, authMethodsFromConfig, identityExample } from './api-preview-samples.js';
import { baseUrl, jsStr, dartStr, jsHead, dartHead, curl } from './api-preview-snippets.js';
import { authAccess, anyone, Q } from './api-preview-params.js';

const authQuery = (c) => [Q.expand(c), Q.fields];

/** List auth methods: the server's live answer (live) when it could be read, else one made from the options. */
export function authMethodsDoc(c, live) {
  const name = c.name;
  const col = `/api/collections/${encodeURIComponent(name)}`;
  return {
    description: html`The ways to authenticate with <strong>${name}</strong>, as this server answers them now
      (OAuth2 providers with their auth URLs, whether password, OTP and MFA are on).`,
    snippets: {
      js: `${jsHead()}const result = await pb.collection(${jsStr(name)}).listAuthMethods();\n`,
      dart: `${dartHead()}final result = await pb.collection(${dartStr(name)}).listAuthMethods();\n`,
      curl: curl('GET', `${col}/auth-methods`),
    },
    parts: [{
      method: 'GET', path: `${col}/auth-methods`, access: [anyone()], query: [Q.fields],
      responses: [{ status: 200, body: live || authMethodsFromConfig(c), note: live ? 'The live answer of this server.' : '' }],
    }],
  };
}

export function passwordDoc(c) {
  const name = c.name;
  const fields = c.passwordAuth?.identityFields || [];
  const ident = identityExample(c);
  return {
    description: html`Authenticates a <strong>${name}</strong> record with its ${fields.length
      ? html`${fields.map((f, i) => html`${i ? ' or ' : ''}<strong>${f}</strong>`)}` : 'identity'} and <strong>password</strong>;
      answers a token and the record.`,
    snippets: {
      js: `${jsHead()}const authData = await pb.collection(${jsStr(name)}).authWithPassword(
  ${jsStr(ident)},
  'YOUR_PASSWORD',
);

// the SDK keeps the auth data in pb.authStore
console.log(pb.authStore.isValid);
console.log(pb.authStore.token);
console.log(pb.authStore.record.id);

// log out
pb.authStore.clear();
`,
      dart: `${dartHead()}final authData = await pb.collection(${dartStr(name)}).authWithPassword(
  ${dartStr(ident)},
  'YOUR_PASSWORD',
);

// the SDK keeps the auth data in pb.authStore
print(pb.authStore.isValid);
print(pb.authStore.token);
print(pb.authStore.record?.id);

// log out
pb.authStore.clear();
`,
      curl: curl('POST', `/api/collections/${name}/auth-with-password`, { body: { identity: ident, password: 'YOUR_PASSWORD' } }),
    },
    parts: [{
      method: 'POST', path: `/api/collections/${name}/auth-with-password`, access: [authAccess(c)],
      body: [
        { name: 'identity', type: 'String', required: true, notes: [html`The record's ${fields.length ? fields.join(' or ') : 'identity'} (identity fields: ${fields.length ? fields.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`) : 'none'}).`] },
        { name: 'password', type: 'String', required: true, notes: ['The record\'s password.'] },
        { name: 'identityField', type: 'String', notes: [html`Which identity field to search (one of ${fields.map((f, i) => html`${i ? ', ' : ''}<code>${f}</code>`)}); left out, each is tried.`] },
      ],
      query: authQuery(c),
      responses: [
        { status: 200, body: authResponse(c) },
        err(400, 'Failed to authenticate.', { identity: { code: 'validation_required', message: 'Cannot be blank.' } }),
        ...authErrors(c),
      ],
    }],
  };
}

export function oauth2Doc(c) {
  const name = c.name;
  const providers = (c.oauth2?.providers || []).map((p) => p.name);
  const provider = providers[0] || 'google';
  return {
    description: html`Authenticates (or signs up) a <strong>${name}</strong> record with an OAuth2 provider; answers a token, the record and the
      provider's data in <code>meta</code>.`,
    extra: html`<p class="hint">Configured providers: ${providers.length ? providers.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`) : 'none yet'}.
      Register <code>${baseUrl()}/api/oauth2-redirect</code> as the redirect URL in each provider's app.</p>`,
    snippets: {
      js: `${jsHead()}// one call: opens the provider's page in a popup and waits for the answer through realtime
const authData = await pb.collection(${jsStr(name)}).authWithOAuth2({ provider: ${jsStr(provider)} });

// or, with your own redirect handling, exchange the code yourself:
// const authData = await pb.collection(${jsStr(name)}).authWithOAuth2Code(provider, code, codeVerifier, redirectURL);

console.log(pb.authStore.record.id);
console.log(authData.meta); // the provider's data (name, avatarURL, accessToken…)
`,
      dart: `${dartHead("import 'package:url_launcher/url_launcher.dart';\n")}// one call: opens the provider's page and waits for the answer through realtime
final authData = await pb.collection(${dartStr(name)}).authWithOAuth2(${dartStr(provider)}, (url) async {
  await launchUrl(url);
});

// or, with your own redirect handling, exchange the code yourself:
// final authData = await pb.collection(${dartStr(name)}).authWithOAuth2Code(provider, code, codeVerifier, redirectUrl);

print(pb.authStore.record?.id);
print(authData.meta); // the provider's data (name, avatarURL, accessToken…)
`,
      curl: curl('POST', `/api/collections/${name}/auth-with-oauth2`, {
        body: { provider, code: 'OAUTH2_CODE', codeVerifier: 'CODE_VERIFIER', redirectURL: `${baseUrl()}/api/oauth2-redirect` },
      }),
    },
    parts: [{
      method: 'POST', path: `/api/collections/${name}/auth-with-oauth2`, access: [authAccess(c, 'Anyone the provider authenticates')],
      body: [
        { name: 'provider', type: 'String', required: true, notes: [html`The provider's name${providers.length ? html` (${providers.map((p, i) => html`${i ? ', ' : ''}<code>${p}</code>`)})` : nothing}.`] },
        { name: 'code', type: 'String', required: true, notes: ['The authorization code the provider sent to the redirect URL.'] },
        { name: 'codeVerifier', type: 'String', required: true, notes: ['The code verifier (PKCE) from List auth methods.'] },
        { name: 'redirectURL', type: 'String', required: true, notes: ['The redirect URL used in the authorization request.'] },
        { name: 'createData', type: 'Object', notes: [html`Values for the new record when this is a sign-up (the create rule and validation apply; no files). ${c.createRule === null ? 'The create rule is null, so new records can\'t sign up this way.' : ''}`] },
      ],
      query: authQuery(c),
      responses: [
        {
          status: 200,
          body: authResponse(c, {
            meta: {
              id: 'abc123', name: 'John Doe', username: 'john.doe', email: 'john@example.com', avatarURL: 'https://example.com/avatar.png',
              accessToken: '…', refreshToken: '…', expiry: SAMPLE_DATE, isNew: false, rawUser: {},
            },
          }),
        },
        err(400, 'An error occurred while submitting the form.', { provider: { code: 'validation_required', message: 'Cannot be blank.' } }),
        ...authErrors(c),
      ],
    }],
  };
}

export function otpDoc(c) {
  const name = c.name;
  return {
    description: html`Authenticates a <strong>${name}</strong> record with a one-time password sent to its email: first request the password
      (the answer has an <code>otpId</code>), then send the otpId with the password from the email.
      ${c.otp?.duration ? html`The password is valid for ${Math.round(c.otp.duration / 60) || 1} minute(s).` : nothing}`,
    snippets: {
      js: `${jsHead()}// 1. send the one-time password to the email (an otpId comes back even for unknown emails)
const result = await pb.collection(${jsStr(name)}).requestOTP('test@example.com');

// 2. authenticate with the otpId and the password from the email
const authData = await pb.collection(${jsStr(name)}).authWithOTP(result.otpId, 'PASSWORD_FROM_EMAIL');
`,
      dart: `${dartHead()}// 1. send the one-time password to the email (an otpId comes back even for unknown emails)
final result = await pb.collection(${dartStr(name)}).requestOTP('test@example.com');

// 2. authenticate with the otpId and the password from the email
final authData = await pb.collection(${dartStr(name)}).authWithOTP(result.otpId, 'PASSWORD_FROM_EMAIL');
`,
      curl: `${curl('POST', `/api/collections/${name}/request-otp`, { body: { email: 'test@example.com' } })}

${curl('POST', `/api/collections/${name}/auth-with-otp`, { body: { otpId: 'OTP_ID', password: 'PASSWORD_FROM_EMAIL' } })}`,
    },
    parts: [
      {
        heading: 'Request OTP',
        method: 'POST', path: `/api/collections/${name}/request-otp`, access: [anyone('The answer never tells whether the email exists.')],
        body: [{ name: 'email', type: 'String', required: true, notes: ['The record\'s email address.'] }],
        responses: [
          { status: 200, body: { otpId: 'p1o2i3u4y5t6r7e' } },
          err(400, 'An error occurred while validating the submitted data.', { email: { code: 'validation_is_email', message: 'Must be a valid email address.' } }),
          err(429, 'Too Many Requests.'),
        ],
      },
      {
        heading: 'Auth with OTP',
        method: 'POST', path: `/api/collections/${name}/auth-with-otp`, access: [authAccess(c, 'Anyone with a valid OTP')],
        body: [
          { name: 'otpId', type: 'String', required: true, notes: ['The id the OTP request answered.'] },
          { name: 'password', type: 'String', required: true, notes: ['The one-time password from the email.'] },
        ],
        query: authQuery(c),
        responses: [
          { status: 200, body: authResponse(c) },
          err(400, 'Invalid or expired OTP.'),
          ...authErrors(c),
        ],
      },
    ],
  };
}

export function refreshDoc(c) {
  const name = c.name;
  return {
    description: html`Answers a fresh token and the current record data for a <strong>${name}</strong> record that is already authenticated
      (for example when your app starts again with a stored token).`,
    snippets: {
      js: `${jsHead()}const authData = await pb.collection(${jsStr(name)}).authRefresh();

console.log(pb.authStore.isValid);
console.log(pb.authStore.token);
`,
      dart: `${dartHead()}final authData = await pb.collection(${dartStr(name)}).authRefresh();

print(pb.authStore.isValid);
print(pb.authStore.token);
`,
      curl: curl('POST', `/api/collections/${name}/auth-refresh`, { auth: 'RECORD_TOKEN' }),
    },
    parts: [{
      method: 'POST', path: `/api/collections/${name}/auth-refresh`,
      access: [{ ...authAccess(c, `An authenticated ${name} record`), note: html`Send the record's token in the <code>Authorization</code> header.${c.authRule ? html` The record must still match the auth rule.` : nothing}` }],
      query: authQuery(c),
      responses: [
        { status: 200, body: authResponse(c) },
        err(401, 'The request requires valid record authorization token.'),
        err(403, 'The authorized record is not allowed to perform this action.'),
        err(404, 'Missing auth record context.'),
      ],
    }],
  };
}

function twoStepDoc(c, { description, request, confirm, js, dart }) {
  return {
    description,
    snippets: {
      js: `${jsHead()}${js}`,
      dart: `${dartHead()}${dart}`,
      curl: `${curl('POST', request.path, { body: request.example, auth: request.auth })}\n\n${curl('POST', confirm.path, { body: confirm.example })}`,
    },
    parts: [request, confirm].map((p) => ({
      heading: p.heading, method: 'POST', path: p.path, access: [p.access], body: p.body,
      responses: [{ status: 204, body: null, note: p.ok }, ...p.errors],
    })),
  };
}

export function verificationDoc(c) {
  const name = c.name;
  const base = `/api/collections/${name}`;
  return twoStepDoc(c, {
    description: html`Sends a <strong>${name}</strong> record a verification email, then confirms the email with the token from its link.`,
    request: {
      heading: 'Request verification', path: `${base}/request-verification`, access: anyone('The answer never tells whether the email exists.'),
      example: { email: 'test@example.com' }, ok: 'Sent (or nothing to do).',
      body: [{ name: 'email', type: 'String', required: true, notes: ['The email of the record to verify.'] }],
      errors: [err(400, 'An error occurred while validating the submitted data.', { email: { code: 'validation_required', message: 'Cannot be blank.' } })],
    },
    confirm: {
      heading: 'Confirm verification', path: `${base}/confirm-verification`, access: anyone('Whoever holds the token from the email.'),
      example: { token: 'VERIFICATION_TOKEN' }, ok: 'The record is now verified.',
      body: [{ name: 'token', type: 'String', required: true, notes: ['The token from the verification link.'] }],
      errors: [err(400, 'An error occurred while validating the submitted data.', { token: { code: 'validation_invalid_token', message: 'Invalid or expired token.' } })],
    },
    js: `// 1. send the verification email
await pb.collection(${jsStr(name)}).requestVerification('test@example.com');

// 2. confirm with the token from the email's link
await pb.collection(${jsStr(name)}).confirmVerification('VERIFICATION_TOKEN');
`,
    dart: `// 1. send the verification email
await pb.collection(${dartStr(name)}).requestVerification('test@example.com');

// 2. confirm with the token from the email's link
await pb.collection(${dartStr(name)}).confirmVerification('VERIFICATION_TOKEN');
`,
  });
}

export function passwordResetDoc(c) {
  const name = c.name;
  const base = `/api/collections/${name}`;
  return twoStepDoc(c, {
    description: html`Sends a <strong>${name}</strong> record a password reset email, then sets the new password with the token from its link.
      Resetting logs the record out everywhere.`,
    request: {
      heading: 'Request password reset', path: `${base}/request-password-reset`, access: anyone('The answer never tells whether the email exists.'),
      example: { email: 'test@example.com' }, ok: 'Sent (or nothing to do).',
      body: [{ name: 'email', type: 'String', required: true, notes: ['The email of the record.'] }],
      errors: [err(400, 'An error occurred while validating the submitted data.', { email: { code: 'validation_required', message: 'Cannot be blank.' } })],
    },
    confirm: {
      heading: 'Confirm password reset', path: `${base}/confirm-password-reset`, access: anyone('Whoever holds the token from the email.'),
      example: { token: 'RESET_TOKEN', password: 'New-pass-456', passwordConfirm: 'New-pass-456' }, ok: 'The password was changed.',
      body: [
        { name: 'token', type: 'String', required: true, notes: ['The token from the reset link.'] },
        { name: 'password', type: 'String', required: true, notes: ['The new password.'] },
        { name: 'passwordConfirm', type: 'String', required: true, notes: ['The new password again.'] },
      ],
      errors: [err(400, 'An error occurred while validating the submitted data.', { token: { code: 'validation_invalid_token', message: 'Invalid or expired token.' } })],
    },
    js: `// 1. send the reset email
await pb.collection(${jsStr(name)}).requestPasswordReset('test@example.com');

// 2. set the new password with the token from the email's link
await pb.collection(${jsStr(name)}).confirmPasswordReset(
  'RESET_TOKEN',
  'NEW_PASSWORD',
  'NEW_PASSWORD',
);
`,
    dart: `// 1. send the reset email
await pb.collection(${dartStr(name)}).requestPasswordReset('test@example.com');

// 2. set the new password with the token from the email's link
await pb.collection(${dartStr(name)}).confirmPasswordReset(
  'RESET_TOKEN',
  'NEW_PASSWORD',
  'NEW_PASSWORD',
);
`,
  });
}

export function emailChangeDoc(c) {
  const name = c.name;
  const base = `/api/collections/${name}`;
  return twoStepDoc(c, {
    description: html`Lets an authenticated <strong>${name}</strong> record change its email: the request sends a confirmation link to the new
      address; confirming (with the record's password) changes the email and logs the record out everywhere.`,
    request: {
      heading: 'Request email change', path: `${base}/request-email-change`, auth: 'RECORD_TOKEN',
      access: { tone: 'primary', label: `The authenticated ${name} record`, note: html`Send the record's token in the <code>Authorization</code> header.` },
      example: { newEmail: 'new@example.com' }, ok: 'The confirmation email was sent.',
      body: [{ name: 'newEmail', type: 'String', required: true, notes: ['The new email address (not used by another record).'] }],
      errors: [
        err(400, 'An error occurred while validating the submitted data.', { newEmail: { code: 'validation_record_email_exists', message: 'The email is invalid or already in use.' } }),
        err(401, 'The request requires valid record authorization token.'),
        err(403, 'The authorized record is not allowed to perform this action.'),
      ],
    },
    confirm: {
      heading: 'Confirm email change', path: `${base}/confirm-email-change`, access: anyone('Whoever holds the token from the email and the record\'s password.'),
      example: { token: 'EMAIL_CHANGE_TOKEN', password: 'YOUR_PASSWORD' }, ok: 'The email was changed.',
      body: [
        { name: 'token', type: 'String', required: true, notes: ['The token from the confirmation link.'] },
        { name: 'password', type: 'String', required: true, notes: ['The record\'s current password.'] },
      ],
      errors: [err(400, 'An error occurred while validating the submitted data.', { token: { code: 'validation_invalid_token', message: 'Invalid or expired token.' } })],
    },
    js: `await pb.collection(${jsStr(name)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// 1. send the confirmation email to the new address
await pb.collection(${jsStr(name)}).requestEmailChange('new@example.com');

// 2. confirm with the token from the email's link and the record's password
// (this logs the record out everywhere)
await pb.collection(${jsStr(name)}).confirmEmailChange('EMAIL_CHANGE_TOKEN', 'YOUR_PASSWORD');
`,
    dart: `await pb.collection(${dartStr(name)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// 1. send the confirmation email to the new address
await pb.collection(${dartStr(name)}).requestEmailChange('new@example.com');

// 2. confirm with the token from the email's link and the record's password
// (this logs the record out everywhere)
await pb.collection(${dartStr(name)}).confirmEmailChange('EMAIL_CHANGE_TOKEN', 'YOUR_PASSWORD');
`,
  });
}
