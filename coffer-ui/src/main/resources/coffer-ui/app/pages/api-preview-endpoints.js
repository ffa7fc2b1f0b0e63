// The endpoints the API preview lists for a collection, by its type (base, view, auth): which there are, in which
// group, which are turned off, and the docs of the record endpoints (list, view, create, update, delete).
// Realtime and batch are in api-preview-realtime-batch.js, the auth endpoints in api-preview-auth.js.
import { html } from 'lit';
import {
  isMulti, sampleValue, sampleRecord, sampleBody, fileFields, exampleFilter, firstMatch, exampleSort, exampleExpand,
  err, forbiddenSuperusers, notFound, requiredExample,
} from './api-preview-samples.js';
import { Raw, jsStr, dartStr, literal, jsHead, dartHead, curl, curlForm } from './api-preview-snippets.js';
import { access, Q, bodyParams } from './api-preview-params.js';
import { realtimeDoc, batchDoc } from './api-preview-realtime-batch.js';
import {
  authMethodsDoc, passwordDoc, oauth2Doc, otpDoc, refreshDoc, verificationDoc, passwordResetDoc, emailChangeDoc,
} from './api-preview-auth.js';

/** The endpoint docs of a collection: [{key, title, group, off, offNote, doc()}]. */
export function endpoints(c, ctx) {
  const name = c.name;
  const rec = `/api/collections/${encodeURIComponent(name)}/records`;
  const isView = c.type === 'view';
  const isAuth = c.type === 'auth';
  const expand = exampleExpand(c);
  const list = [];

  list.push({
    key: 'list', title: 'List/Search', group: 'Records',
    doc: () => ({
      description: html`Fetches a page of <strong>${name}</strong> records, with sorting and filtering.`,
      snippets: {
        js: `${jsHead()}// one page of records (page 1, 50 per page), filtered and sorted
const resultList = await pb.collection(${jsStr(name)}).getList(1, 50, {
  filter: ${jsStr(exampleFilter(c))},
  sort: ${jsStr(exampleSort(c))},
});

// every record at once (the SDK requests page after page)
const records = await pb.collection(${jsStr(name)}).getFullList({
  sort: ${jsStr(exampleSort(c))},
});

// the first record matching a filter
const record = await pb.collection(${jsStr(name)}).getFirstListItem(${jsStr(firstMatch(c))}${expand ? `, {
  expand: ${jsStr(expand)},
}` : ''});
`,
        dart: `${dartHead()}// one page of records (page 1, 50 per page), filtered and sorted
final resultList = await pb.collection(${dartStr(name)}).getList(
  page: 1,
  perPage: 50,
  filter: ${dartStr(exampleFilter(c))},
  sort: ${dartStr(exampleSort(c))},
);

// every record at once (the SDK requests page after page)
final records = await pb.collection(${dartStr(name)}).getFullList(
  sort: ${dartStr(exampleSort(c))},
);

// the first record matching a filter
final record = await pb.collection(${dartStr(name)}).getFirstListItem(
  ${dartStr(firstMatch(c))},${expand ? `\n  expand: ${dartStr(expand)},` : ''}
);
`,
        curl: curl('GET', `${rec}?page=1&perPage=50&sort=${encodeURIComponent(exampleSort(c))}&filter=${encodeURIComponent(exampleFilter(c))}`,
          { auth: c.listRule === null ? 'SUPERUSER_TOKEN' : '' }),
      },
      parts: [{
        method: 'GET', path: rec, access: [access(c.listRule, 'list')],
        query: [Q.page, Q.perPage, Q.sort(c), Q.filter(c), Q.expand(c), Q.fields, Q.skipTotal],
        responses: [
          { status: 200, body: { page: 1, perPage: 30, totalItems: 2, totalPages: 1, items: [sampleRecord(c, 0), sampleRecord(c, 1)] } },
          { ...err(400, 'Something went wrong while processing your request.'), note: 'For example an invalid filter or sort.' },
          ...(c.listRule === null ? [forbiddenSuperusers()] : []),
        ],
      }],
    }),
  });

  list.push({
    key: 'view', title: 'View', group: 'Records',
    doc: () => ({
      description: html`Fetches one <strong>${name}</strong> record by its id.`,
      snippets: {
        js: `${jsHead()}const record = await pb.collection(${jsStr(name)}).getOne('RECORD_ID'${expand ? `, {\n  expand: ${jsStr(expand)},\n}` : ''});\n`,
        dart: `${dartHead()}final record = await pb.collection(${dartStr(name)}).getOne(\n  'RECORD_ID',${expand ? `\n  expand: ${dartStr(expand)},` : ''}\n);\n`,
        curl: curl('GET', `${rec}/RECORD_ID`, { auth: c.viewRule === null ? 'SUPERUSER_TOKEN' : '' }),
      },
      parts: [{
        method: 'GET', path: `${rec}/:id`, access: [access(c.viewRule, 'record')],
        query: [Q.expand(c), Q.fields],
        responses: [
          { status: 200, body: sampleRecord(c, 0) },
          ...(c.viewRule === null ? [forbiddenSuperusers()] : []),
          notFound(),
        ],
      }],
    }),
  });

  if (!isView) {
    list.push({ key: 'create', title: 'Create', group: 'Records', doc: () => createDoc(c, rec, false) });
    list.push({ key: 'update', title: 'Update', group: 'Records', doc: () => createDoc(c, rec, true) });
    list.push({
      key: 'delete', title: 'Delete', group: 'Records',
      doc: () => ({
        description: html`Deletes one <strong>${name}</strong> record by its id. Its files are deleted with it, and so are records
          relating to it through a relation field with cascade delete.`,
        snippets: {
          js: `${jsHead()}await pb.collection(${jsStr(name)}).delete('RECORD_ID');\n`,
          dart: `${dartHead()}await pb.collection(${dartStr(name)}).delete('RECORD_ID');\n`,
          curl: curl('DELETE', `${rec}/RECORD_ID`, { auth: c.deleteRule === null ? 'SUPERUSER_TOKEN' : 'TOKEN' }),
        },
        parts: [{
          method: 'DELETE', path: `${rec}/:id`, access: [access(c.deleteRule, 'record')],
          responses: [
            { status: 204, body: null, note: 'No content.' },
            err(400, 'Failed to delete record. Make sure that the record is not part of a required relation reference.'),
            ...(c.deleteRule === null ? [forbiddenSuperusers()] : []),
            notFound(),
          ],
        }],
      }),
    });
  }

  list.push({ key: 'realtime', title: 'Realtime', group: 'Records', doc: () => realtimeDoc(c) });

  if (!isView) {
    list.push({
      key: 'batch', title: 'Batch', group: 'Records',
      off: ctx.batch && !ctx.batch.enabled,
      offNote: html`Batch requests are turned off in the application settings (Settings → Application): <code>POST /api/batch</code> answers 403 until you turn them on.`,
      doc: () => batchDoc(c, ctx.batch),
    });
  }

  if (isAuth) {
    const superusers = name === '_superusers';
    list.push({
      key: 'auth-methods', title: 'List auth methods', group: 'Auth',
      doc: () => authMethodsDoc(c, ctx.authMethods),
    });
    list.push({
      key: 'auth-password', title: 'Auth with password', group: 'Auth',
      off: !c.passwordAuth?.enabled,
      offNote: 'Password auth is turned off for this collection (its options): the endpoint answers 403.',
      doc: () => passwordDoc(c),
    });
    if (!superusers) {
      list.push({
        key: 'auth-oauth2', title: 'Auth with OAuth2', group: 'Auth',
        off: !c.oauth2?.enabled,
        offNote: 'OAuth2 is turned off for this collection (its options): the endpoint answers 403.',
        doc: () => oauth2Doc(c),
      });
    }
    list.push({
      key: 'auth-otp', title: 'Auth with OTP', group: 'Auth',
      off: !c.otp?.enabled,
      offNote: 'One-time passwords are turned off for this collection (its options): both endpoints answer 403.',
      doc: () => otpDoc(c),
    });
    list.push({ key: 'auth-refresh', title: 'Auth refresh', group: 'Auth', doc: () => refreshDoc(c) });
    if (!superusers) list.push({ key: 'verification', title: 'Verification', group: 'Auth', doc: () => verificationDoc(c) });
    list.push({ key: 'password-reset', title: 'Password reset', group: 'Auth', doc: () => passwordResetDoc(c) });
    list.push({ key: 'email-change', title: 'Email change', group: 'Auth', doc: () => emailChangeDoc(c) });
  }
  return list;
}

function createDoc(c, rec, forUpdate) {
  const name = c.name;
  const rule = forUpdate ? c.updateRule : c.createRule;
  const body = sampleBody(c, forUpdate);
  const files = fileFields(c);
  const jsBody = { ...body };
  for (const f of files) {
    // a text file where any type goes, else a placeholder for the file's bytes
    const anyType = !(f.mimeTypes || []).length || f.mimeTypes.includes('text/plain');
    const content = anyType ? "['example content']" : `[/* ${f.mimeTypes.join(' or ')} content */]`;
    const file = (i) => new Raw(`new File(${content}, ${jsStr(sampleValue({ ...f, maxSelect: 1 }, i))})`);
    jsBody[f.name] = isMulti(f) ? [file(0), file(1)] : file(0);
  }
  const dartFiles = files.flatMap((f) => {
    const one = (i) => `    http.MultipartFile.fromString(\n      ${dartStr(f.name)},\n      'example content',\n      filename: ${dartStr(sampleValue({ ...f, maxSelect: 1 }, i))},\n    ),`;
    return isMulti(f) ? [one(0), one(1)] : [one(0)];
  });
  const verb = forUpdate ? 'update' : 'create';
  const id = forUpdate ? `'RECORD_ID', ` : '';
  const js = `${jsHead()}// example ${verb} body${files.length ? '\n// (files are File or Blob objects, for example input.files[0] in a browser;\n// the SDK then sends multipart/form-data)' : ''}
const data = ${literal(jsBody, 'js')};

const record = await pb.collection(${jsStr(name)}).${verb}(${id}data);
${!forUpdate && c.type === 'auth' && c.name !== '_superusers' ? `
// (optional) send the verification email
await pb.collection(${jsStr(name)}).requestVerification(${jsStr(body.email)});
` : ''}`;
  const dart = `${dartHead(files.length ? "import 'package:http/http.dart' as http;\n" : '')}// example ${verb} body
final body = <String, dynamic>${literal(body, 'dart')};

final record = await pb.collection(${dartStr(name)}).${verb}(
  ${forUpdate ? "'RECORD_ID',\n  " : ''}body: body,${files.length ? `\n  files: [\n${dartFiles.join('\n')}\n  ],` : ''}
);
`;
  const path = forUpdate ? `${rec}/RECORD_ID` : rec;
  const token = rule === null ? 'SUPERUSER_TOKEN' : 'TOKEN';
  const curlCode = files.length
    ? curl(forUpdate ? 'PATCH' : 'POST', path, { auth: token, form: curlForm(body, files) })
    : curl(forUpdate ? 'PATCH' : 'POST', path, { auth: token, body });
  const responses = [
    { status: 200, body: sampleRecord(c, forUpdate ? 1 : 0) },
    err(400, forUpdate ? 'Failed to update record.' : 'Failed to create record.', {
      [requiredExample(c)]: { code: 'validation_required', message: 'Cannot be blank.' },
    }),
  ];
  if (rule === null) responses.push(forbiddenSuperusers());
  if (forUpdate) responses.push(notFound());
  return {
    description: forUpdate
      ? html`Updates one <strong>${c.name}</strong> record: send only the fields to change.`
      : html`Creates a <strong>${c.name}</strong> record.`,
    extra: html`<p class="hint">Send the body as <code>application/json</code> or <code>multipart/form-data</code>; files can only be
      sent as <code>multipart/form-data</code> (the other values then go as form values, or as JSON in an
      <code>@jsonPayload</code> part).</p>`,
    snippets: { js, dart, curl: curlCode },
    parts: [{
      method: forUpdate ? 'PATCH' : 'POST', path: forUpdate ? `${rec}/:id` : rec,
      access: [access(rule, forUpdate ? 'record' : 'create')],
      body: bodyParams(c, forUpdate),
      query: [Q.expand(c), Q.fields],
      responses,
    }],
  };
}
