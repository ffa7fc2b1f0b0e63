// The dashboard's client of Coffer's public HTTP API (the same API the PocketBase SDKs use).
// It keeps the superuser's token in localStorage, turns error answers into ApiError (PocketBase's error
// shape: status, message, data) and keeps one realtime connection for every subscription.

const AUTH_KEY = 'coffer_superuser_auth';

/** The API root: the dashboard lives at <root>/_/, so the API is at <root>/api/. */
export const apiRoot = location.pathname.replace(/\/_\/.*$/, '/').replace(/\/?$/, '/');

/** An error answer of the API, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, message, data = {}, body = null) {
    super(message || `Request failed (${status})`);
    this.status = status;
    this.data = data || {};
    this.body = body; // the whole answer (an MFA challenge's {mfaId} is not in the error shape)
  }

  /** The validation error of one field ({code, message}), or undefined. */
  field(name) {
    return this.data?.[name];
  }
}

function encodeQuery(query) {
  const parts = [];
  for (const [k, v] of Object.entries(query || {})) {
    if (v === undefined || v === null || v === '') continue;
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

/** True when the body must go as multipart/form-data (it holds a File or Blob, alone or in a list). */
function hasFiles(body) {
  if (!body || typeof body !== 'object' || body instanceof FormData) return false;
  return Object.values(body).some((v) => v instanceof Blob || (Array.isArray(v) && v.some((x) => x instanceof Blob)));
}

/**
 * A multipart body as PocketBase reads it: each File or Blob as a part under its key (use "field+" to add files
 * to a multiple file field, "field-" with names to remove some), every other value in one @jsonPayload part.
 */
export function toFormData(body) {
  const form = new FormData();
  const json = {};
  for (const [k, v] of Object.entries(body)) {
    const list = Array.isArray(v) ? v : [v];
    if (list.length && list.every((x) => x instanceof Blob)) {
      for (const f of list) form.append(k, f);
    } else {
      json[k] = v;
    }
  }
  form.append('@jsonPayload', JSON.stringify(json));
  return form;
}

class Client {
  constructor() {
    this.listeners = new Set();
    this.load();
    this.realtime = new Realtime(this);
  }

  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(AUTH_KEY) || 'null');
      this.token = saved?.token || '';
      this.superuser = saved?.record || null;
    } catch {
      this.token = '';
      this.superuser = null;
    }
  }

  get isLoggedIn() {
    return !!this.token && !!this.superuser;
  }

  /** Calls fn on every login and logout. */
  onAuthChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  saveAuth(token, record) {
    this.token = token || '';
    this.superuser = token ? record : null;
    if (this.token) {
      localStorage.setItem(AUTH_KEY, JSON.stringify({ token: this.token, record: this.superuser }));
    } else {
      localStorage.removeItem(AUTH_KEY);
    }
    for (const fn of this.listeners) fn(this.superuser);
  }

  logout() {
    this.realtime.disconnect();
    this.saveAuth('', null);
  }

  url(path, query) {
    return `${apiRoot}${path.replace(/^\//, '')}${encodeQuery(query)}`;
  }

  /** Sends a request; resolves to the parsed JSON answer (null for 204), throws ApiError. */
  async send(path, { method = 'GET', query, body, headers = {}, signal, token } = {}) {
    const h = { ...headers };
    const auth = token ?? this.token;
    if (auth) h.Authorization = auth;
    let payload = body;
    if (hasFiles(body)) {
      payload = toFormData(body);
    } else if (body !== undefined && !(body instanceof FormData) && !(body instanceof Blob)) {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(this.url(path, query), { method, headers: h, body: payload, signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, 'Could not reach the server.');
    }
    const text = await res.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
    }
    if (!res.ok) {
      if (res.status === 401 && auth && auth === this.token && token === undefined) {
        this.logout();
      }
      const err = data && typeof data === 'object' ? data : {};
      throw new ApiError(res.status, err.message || (typeof data === 'string' ? data : ''), err.data, data);
    }
    return data;
  }

  /** A file or thumbnail URL of a record's file (with a file token for protected files when given). */
  fileUrl(record, filename, { thumb, token, download } = {}) {
    if (!filename) return '';
    const col = record.collectionId || record.collectionName;
    return this.url(`api/files/${encodeURIComponent(col)}/${encodeURIComponent(record.id)}/${encodeURIComponent(filename)}`,
      { thumb, token, download: download ? 1 : undefined });
  }

  /** Logs in; resolves to {token, record}, or to {mfaId} when a second factor is needed. */
  async authWithPassword(email, password) {
    let res;
    try {
      res = await this.send('api/collections/_superusers/auth-with-password', {
        method: 'POST', body: { identity: email, password }, token: '',
      });
    } catch (err) {
      if (err.status === 401 && err.body?.mfaId) return { mfaId: err.body.mfaId };
      throw err;
    }
    this.saveAuth(res.token, res.record);
    return res;
  }

  async authWithOtp(otpId, password, mfaId) {
    const res = await this.send('api/collections/_superusers/auth-with-otp', {
      method: 'POST', body: { otpId, password }, query: { mfaId }, token: '',
    });
    this.saveAuth(res.token, res.record);
    return res;
  }

  async authRefresh() {
    const res = await this.send('api/collections/_superusers/auth-refresh', { method: 'POST' });
    this.saveAuth(res.token, res.record);
    return res;
  }

  // --- resources ---------------------------------------------------------------------------------

  records(collection) {
    const base = `api/collections/${encodeURIComponent(collection)}/records`;
    return {
      list: (page = 1, perPage = 30, query = {}, signal) =>
        this.send(base, { query: { page, perPage, ...query }, signal }),
      getOne: (id, query = {}) => this.send(`${base}/${encodeURIComponent(id)}`, { query }),
      create: (body, query = {}) => this.send(base, { method: 'POST', body, query }),
      update: (id, body, query = {}) => this.send(`${base}/${encodeURIComponent(id)}`, { method: 'PATCH', body, query }),
      delete: (id) => this.send(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    };
  }

  collections() {
    const base = 'api/collections';
    return {
      all: async () => {
        const out = [];
        for (let page = 1; ; page++) {
          const res = await this.send(base, { query: { page, perPage: 500, sort: 'name' } });
          out.push(...res.items);
          if (res.items.length < 500) return out;
        }
      },
      getOne: (id) => this.send(`${base}/${encodeURIComponent(id)}`),
      create: (body) => this.send(base, { method: 'POST', body }),
      update: (id, body) => this.send(`${base}/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
      delete: (id) => this.send(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      truncate: (id) => this.send(`${base}/${encodeURIComponent(id)}/truncate`, { method: 'DELETE' }),
      scaffolds: () => this.send(`${base}/meta/scaffolds`),
      import: (collections, deleteMissing) =>
        this.send(`${base}/import`, { method: 'PUT', body: { collections, deleteMissing } }),
      uiSchema: (id) => this.send(`${base}/${encodeURIComponent(id)}/ui-schema`),
    };
  }
}

/** One EventSource to /api/realtime shared by every subscription; resubscribes after reconnects. */
class Realtime {
  constructor(client) {
    this.client = client;
    this.handlers = new Map(); // topic -> Set of EventSource listeners
    this.source = null;
    this.clientId = '';
  }

  /** Subscribes fn(event) to a topic ("collection/*" or "collection/id"); returns the unsubscribe function. */
  subscribe(topic, fn) {
    const listener = (msg) => {
      let data = null;
      try {
        data = JSON.parse(msg.data);
      } catch {
        return;
      }
      fn(data);
    };
    if (!this.handlers.has(topic)) this.handlers.set(topic, new Set());
    this.handlers.get(topic).add(listener);
    this.connect();
    this.source.addEventListener(topic, listener);
    this.sync();
    return () => {
      const set = this.handlers.get(topic);
      set?.delete(listener);
      if (set?.size === 0) this.handlers.delete(topic);
      this.source?.removeEventListener(topic, listener);
      if (this.handlers.size === 0) this.disconnect();
      else this.sync();
    };
  }

  connect() {
    if (this.source) return;
    this.source = new EventSource(this.client.url('api/realtime'));
    this.source.addEventListener('PB_CONNECT', (msg) => {
      try {
        this.clientId = JSON.parse(msg.data).clientId;
      } catch {
        this.clientId = msg.lastEventId;
      }
      this.sync();
    });
    for (const [topic, listeners] of this.handlers) {
      for (const listener of listeners) this.source.addEventListener(topic, listener);
    }
  }

  sync() {
    clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => {
      if (!this.clientId) return;
      this.client.send('api/realtime', {
        method: 'POST', body: { clientId: this.clientId, subscriptions: [...this.handlers.keys()] },
      }).catch(() => {});
    }, 10);
  }

  disconnect() {
    this.source?.close();
    this.source = null;
    this.clientId = '';
  }
}

export const api = new Client();
