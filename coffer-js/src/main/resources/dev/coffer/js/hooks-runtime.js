// What a pb_hooks handler gets when it runs: the event `e` (PocketBase's names, over the host's JsEvent), PocketBase's
// error classes, and the registration functions as no-ops (a handler's source is evaluated on its own).
(function (global) {
  'use strict';

  class ApiError extends Error {
    constructor(status, message, data) {
      super(message || '');
      this.status = status || 400;
      this.data = data || {};
      this.__apiError = true;
    }
  }
  const errorClass = (status, fallback) => class extends ApiError {
    constructor(message, data) { super(status, message || fallback, data); }
  };
  global.ApiError = ApiError;
  global.BadRequestError = errorClass(400, 'Something went wrong while processing your request.');
  global.UnauthorizedError = errorClass(401, 'The request requires valid record authorization token.');
  global.ForbiddenError = errorClass(403, "You are not allowed to perform this request.");
  global.NotFoundError = errorClass(404, "The requested resource wasn't found.");
  global.TooManyRequestsError = errorClass(429, 'Too Many Requests.');
  global.InternalServerError = errorClass(500, 'Something went wrong while processing your request.');

  const parse = (json) => (json == null ? null : JSON.parse(json));

  const H = Symbol('host');

  // e.record: reads and writes go to the record being handled
  class LiveRecord {
    constructor(h) { this[H] = h; }
    get id() { return this.getString('id'); }
    get(key) { return parse(this[H].recordGet(String(key))); }
    set(key, value) { this[H].recordSet(String(key), JSON.stringify(value === undefined ? null : value)); }
    getString(key) { const v = this.get(key); return v == null ? '' : String(v); }
    getInt(key) { return Math.trunc(Number(this.get(key)) || 0); }
    getFloat(key) { return Number(this.get(key)) || 0; }
    getBool(key) { return !!this.get(key); }
    load(data) { for (const [k, v] of Object.entries(data || {})) this.set(k, v); }
    collection() { return new Collection(parse(this[H].recordCollection())); }
    publicExport() { return parse(this[H].recordJson()); }
    toJSON() { return parse(this[H].recordJson()); }
  }

  function authRecord(h) {
    const json = h.authJson();
    if (json == null) return null;
    const data = parse(json);
    return new Record(data.collectionId, data);
  }

  class HookRequest {
    constructor(h) { this[H] = h; }
    get method() { return this[H].method(); }
    get url() {
      const h = this[H];
      return { path: h.path(), query() { return parse(h.queryJson()); } };
    }
    get header() {
      const h = this[H];
      return { get(name) { return h.header(String(name)); } };
    }
    pathValue(name) { return this[H].pathValue(String(name)); }
  }

  // a handler's e: methods on the prototype, the host and the record made once per event
  class HookEvent {
    constructor(h, hasRecord) {
      this[H] = h;
      if (hasRecord) this.record = new LiveRecord(h);
    }
    next() { this[H].next(); }
    json(status, data) { this[H].json(status, JSON.stringify(data === undefined ? null : data)); }
    string(status, text) { this[H].string(status, String(text)); }
    html(status, text) { this[H].html(status, String(text)); }
    noContent(status) { this[H].noContent(status); }
    redirect(status, url) { this[H].redirect(status, String(url)); }
    requestInfo() {
      const info = parse(this[H].requestInfo());
      info.auth = authRecord(this[H]);
      return info;
    }
    hasSuperuserAuth() { return this[H].isSuperuser(); }
    bindBody(target) {
      const body = parse(this[H].requestInfo()).body;
      if (target && typeof target === 'object') Object.assign(target, body);
      return body;
    }
    get request() { return new HookRequest(this[H]); }
    get auth() { return authRecord(this[H]); }
    get collection() { return new Collection(parse(this[H].recordCollection())); }
    get app() { return global.$app; }
  }

  global.__cofferEvent = (h, hasRecord) => new HookEvent(h, hasRecord);

  for (const name of ['routerAdd', 'routerUse', 'cronAdd', 'cronRemove']) {
    global[name] = () => {};
  }
})(globalThis);
