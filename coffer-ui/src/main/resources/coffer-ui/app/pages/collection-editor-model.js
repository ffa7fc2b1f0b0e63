// What the collection editor knows about collections: the types, the tabs of each type (History: the record
// history options, Events: events mode and the events rule of base collections, both Coffer extensions), which
// tab shows an error of the API's answer, the blank collections of each type (GET /api/collections/meta/scaffolds)
// and the created/updated fields of a new collection.
import { api } from '../api.js';

export const TYPES = [
  { value: 'base', label: 'Base collection' },
  { value: 'auth', label: 'Auth collection' },
  { value: 'view', label: 'View collection' },
];

export const TABS = {
  base: ['fields', 'rules', 'history', 'events'],
  auth: ['fields', 'rules', 'options', 'history'],
  view: ['query', 'rules'],
};
export const TAB_LABELS = { fields: 'Fields', rules: 'API rules', query: 'Query', options: 'Options', history: 'History', events: 'Events' };

export const RULE_KEYS = ['listRule', 'viewRule', 'createRule', 'updateRule', 'deleteRule', 'authRule', 'manageRule'];
const OPTION_KEYS = ['passwordAuth', 'oauth2', 'otp', 'mfa', 'authAlert', 'authToken', 'passwordResetToken', 'emailChangeToken',
  'verificationToken', 'fileToken', 'verificationTemplate', 'resetPasswordTemplate', 'confirmEmailChangeTemplate'];

/** Which tab shows the error of a top-level key of the error data ('' for the header, null for none). */
export function tabOfError(key, type) {
  if (key === 'name' || key === 'type') return '';
  if (key === 'fields') return type === 'view' ? 'query' : 'fields';
  if (key === 'indexes') return 'fields';
  if (key === 'viewQuery') return 'query';
  if (RULE_KEYS.includes(key)) return 'rules';
  if (OPTION_KEYS.includes(key)) return 'options';
  if (key === 'history' || key === 'historyRule') return type === 'view' ? null : 'history';
  if (key === 'mode' || key === 'eventsRule') return type === 'base' ? 'events' : null;
  return null;
}

let scaffoldsPromise = null;
/** The blank collections of each type (fetched anew for each new collection: their index names are random). */
export function loadScaffolds(fresh = false) {
  if (fresh || !scaffoldsPromise) {
    scaffoldsPromise = api.send('api/collections/meta/scaffolds').catch((e) => {
      scaffoldsPromise = null;
      throw e;
    });
  }
  return scaffoldsPromise;
}

/** The created/updated autodate fields PocketBase adds to a new collection of the dashboard. */
export function timestampFields() {
  return [
    { id: '', name: 'created', type: 'autodate', system: false, hidden: false, presentable: false, onCreate: true, onUpdate: false },
    { id: '', name: 'updated', type: 'autodate', system: false, hidden: false, presentable: false, onCreate: true, onUpdate: true },
  ];
}
