// The docs of the two endpoints of the API preview that are shared by every collection rather than under its URL:
// realtime (Server-Sent Events subscriptions to its records) and batch (several writes in one transaction).
import { html, nothing } from 'lit';
import { sampleRecord, sampleBody, firstAuthName, err, requiredExample } from './api-preview-samples.js';
import { baseUrl, jsStr, dartStr, shStr, literal, jsHead, dartHead, curl } from './api-preview-snippets.js';
import { access, anyone, bytes } from './api-preview-params.js';

export function realtimeDoc(c) {
  const name = c.name;
  const authName = firstAuthName(c);
  return {
    description: html`Subscribes to changes of <strong>${name}</strong> records (create, update, delete) over Server-Sent Events.
      The SDKs open the connection and send the subscriptions for you.`,
    warning: c.type === 'view'
      ? html`The records of a view collection change only when its source collections change, and those changes send no
        events for the view: a subscription to it receives nothing.`
      : nothing,
    snippets: {
      js: `${jsHead()}// (optional) log in first: the list and view rules then see the record as @request.auth
// await pb.collection(${jsStr(authName)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// every change in the collection (events go through the list rule)
pb.collection(${jsStr(name)}).subscribe('*', function (e) {
  console.log(e.action); // "create", "update" or "delete"
  console.log(e.record);
}, { /* optional: filter, expand, fields, headers */ });

// the changes of one record (events go through the view rule)
pb.collection(${jsStr(name)}).subscribe('RECORD_ID', function (e) {
  console.log(e.action, e.record);
});

// stop listening
pb.collection(${jsStr(name)}).unsubscribe('RECORD_ID'); // one record
pb.collection(${jsStr(name)}).unsubscribe('*'); // the whole collection
pb.collection(${jsStr(name)}).unsubscribe(); // every subscription of the collection
`,
      dart: `${dartHead()}// (optional) log in first: the list and view rules then see the record as @request.auth
// await pb.collection(${dartStr(authName)}).authWithPassword('test@example.com', 'YOUR_PASSWORD');

// every change in the collection (events go through the list rule)
pb.collection(${dartStr(name)}).subscribe('*', (e) {
  print(e.action); // "create", "update" or "delete"
  print(e.record);
});

// the changes of one record (events go through the view rule)
pb.collection(${dartStr(name)}).subscribe('RECORD_ID', (e) {
  print(e.action);
  print(e.record);
});

// stop listening
pb.collection(${dartStr(name)}).unsubscribe('RECORD_ID'); // one record
pb.collection(${dartStr(name)}).unsubscribe('*'); // the whole collection
pb.collection(${dartStr(name)}).unsubscribe(); // every subscription of the collection
`,
      curl: `# 1. open the event stream; the first event (PB_CONNECT) carries the client id
curl -N ${shStr(`${baseUrl()}/api/realtime`)}

# 2. in another shell, subscribe that client (with the caller's token, if any)
${curl('POST', '/api/realtime', { auth: 'TOKEN', body: { clientId: 'CLIENT_ID', subscriptions: [`${name}/*`, `${name}/RECORD_ID`] } })}`,
    },
    parts: [
      {
        heading: 'Connect',
        method: 'GET', path: '/api/realtime', access: [anyone('Opens the event stream (text/event-stream).')],
        responses: [{ status: 200, label: 'PB_CONNECT', text: `id:CLIENT_ID\nevent:PB_CONNECT\ndata:{"clientId":"CLIENT_ID"}`, note: 'The first event of the stream.' }],
      },
      {
        heading: 'Subscribe',
        method: 'POST', path: '/api/realtime',
        access: [
          { ...access(c.listRule, 'realtime'), topic: `${name}/*` },
          { ...access(c.viewRule, 'realtime'), topic: `${name}/RECORD_ID` },
        ],
        body: [
          { name: 'clientId', type: 'String', required: true, notes: ['The id from the PB_CONNECT event.'] },
          {
            name: 'subscriptions', type: 'String[]', notes: [html`The topics, replacing the previous ones: <code>${name}/*</code> for
            the whole collection, <code>${name}/RECORD_ID</code> for one record. A topic may end in
            <code>?options=</code> with URL-encoded JSON <code>{"query": {"filter", "expand", "fields"}, "headers": {}}</code>.`],
          },
        ],
        responses: [
          { status: 204, body: null, note: 'Subscribed.' },
          { status: 200, label: 'event', body: { action: 'create', record: sampleRecord(c, 0) }, note: html`Each change arrives as an event named after the topic (for example <code>${name}/*</code>) with this data.` },
          err(404, 'Missing or invalid client id.'),
        ],
      },
    ],
  };
}

export function batchDoc(c, batch) {
  const name = c.name;
  const body = sampleBody(c, false);
  const limits = batch
    ? html`<p class="hint">Limits set in the settings: at most <strong>${batch.maxRequests}</strong> requests per batch, a
      <strong>${batch.timeout} s</strong> transaction timeout${batch.maxBodySize ? html`, a body of at most <strong>${bytes(batch.maxBodySize)}</strong>` : nothing}.</p>`
    : nothing;
  return {
    description: html`Creates, updates, upserts and deletes several records (of <strong>${name}</strong> and other collections) in one request and
      one transaction: all succeed or none.`,
    extra: limits,
    snippets: {
      js: `${jsHead()}const batch = pb.createBatch();

batch.collection(${jsStr(name)}).create(${literal(body, 'js')});
batch.collection(${jsStr(name)}).update('RECORD_ID', { /* fields to change */ });
batch.collection(${jsStr(name)}).upsert({ id: 'RECORD_ID2', /* fields */ });
batch.collection(${jsStr(name)}).delete('RECORD_ID3');

const results = await batch.send(); // [{status, body}, …] in the same order
`,
      dart: `${dartHead()}final batch = pb.createBatch();

batch.collection(${dartStr(name)}).create(body: <String, dynamic>${literal(body, 'dart')});
batch.collection(${dartStr(name)}).update('RECORD_ID', body: {/* fields to change */});
batch.collection(${dartStr(name)}).upsert(body: {'id': 'RECORD_ID2' /* , fields */});
batch.collection(${dartStr(name)}).delete('RECORD_ID3');

final results = await batch.send(); // [{status, body}, …] in the same order
`,
      curl: curl('POST', '/api/batch', {
        auth: 'TOKEN',
        body: {
          requests: [
            { method: 'POST', url: `/api/collections/${name}/records`, body },
            { method: 'DELETE', url: `/api/collections/${name}/records/RECORD_ID3` },
          ],
        },
      }),
    },
    parts: [{
      method: 'POST', path: '/api/batch',
      access: [{ tone: 'primary', label: 'Per request', note: 'Each request is checked as its own endpoint would be, with the caller\'s auth (the collection\'s create, update or delete rule).' }],
      body: [
        {
          name: 'requests', type: 'Array', required: true, notes: [html`Each <code>{method, url, headers?, body?}</code>:
          <code>POST /api/collections/${name}/records</code> (create), <code>PATCH …/records/:id</code> (update),
          <code>PUT …/records</code> (upsert: the body needs an id), <code>DELETE …/records/:id</code>.`],
        },
        { name: 'requests.N.field', type: 'File', notes: [html`With <code>multipart/form-data</code>, the JSON goes in an <code>@jsonPayload</code> part and files in parts named <code>requests.N.fieldName</code>.`] },
      ],
      responses: [
        { status: 200, body: [{ status: 200, body: sampleRecord(c, 0) }, { status: 204, body: null }] },
        err(400, 'Batch transaction failed.', {
          requests: {
            0: {
              code: 'batch_request_failed', message: 'Batch request failed.',
              response: { status: 400, message: 'Failed to create record.', data: { [requiredExample(c)]: { code: 'validation_required', message: 'Cannot be blank.' } } },
            },
          },
        }),
        err(403, 'Batch requests are not allowed.'),
      ],
    }],
  };
}
