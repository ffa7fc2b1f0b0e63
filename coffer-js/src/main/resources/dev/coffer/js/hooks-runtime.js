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

  // e.record: reads and writes go to the record being handled
  function liveRecord(h) {
    const r = {
      get(key) { return parse(h.recordGet(String(key))); },
      set(key, value) { h.recordSet(String(key), JSON.stringify(value === undefined ? null : value)); },
      getString(key) { const v = r.get(key); return v == null ? '' : String(v); },
      getInt(key) { return Math.trunc(Number(r.get(key)) || 0); },
      getFloat(key) { return Number(r.get(key)) || 0; },
      getBool(key) { return !!r.get(key); },
      load(data) { for (const [k, v] of Object.entries(data || {})) r.set(k, v); },
      collection() { return new Collection(parse(h.recordCollection())); },
      publicExport() { return parse(h.recordJson()); },
      toJSON() { return parse(h.recordJson()); },
    };
    Object.defineProperty(r, 'id', { get() { return r.getString('id'); }, enumerable: true });
    return r;
  }

  function authRecord(h) {
    const json = h.authJson();
    if (json == null) return null;
    const data = parse(json);
    return new Record(data.collectionId, data);
  }

  global.__cofferEvent = function (h) {
    const e = {
      next() { h.next(); },
      json(status, data) { h.json(status, JSON.stringify(data === undefined ? null : data)); },
      string(status, text) { h.string(status, String(text)); },
      html(status, text) { h.html(status, String(text)); },
      noContent(status) { h.noContent(status); },
      redirect(status, url) { h.redirect(status, String(url)); },
      requestInfo() {
        const info = parse(h.requestInfo());
        info.auth = authRecord(h);
        return info;
      },
      hasSuperuserAuth() { return h.isSuperuser(); },
      bindBody(target) {
        const body = parse(h.requestInfo()).body;
        if (target && typeof target === 'object') Object.assign(target, body);
        return body;
      },
      request: {
        pathValue(name) { return h.pathValue(String(name)); },
        header: { get(name) { return h.header(String(name)); } },
      },
      app: global.$app,
    };
    Object.defineProperty(e.request, 'method', { get() { return h.method(); }, enumerable: true });
    Object.defineProperty(e.request, 'url', {
      get() { return { path: h.path(), query() { return parse(h.queryJson()); } }; },
      enumerable: true,
    });
    Object.defineProperty(e, 'auth', { get() { return authRecord(h); }, enumerable: true });
    if (h.hasRecord()) {
      e.record = liveRecord(h);
      Object.defineProperty(e, 'collection', {
        get() { return new Collection(parse(h.recordCollection())); },
        enumerable: true,
      });
    }
    return e;
  };

  for (const name of ['routerAdd', 'routerUse', 'cronAdd', 'cronRemove']) {
    global[name] = () => {};
  }
})(globalThis);
