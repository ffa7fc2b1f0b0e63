// What pb_hooks code sees besides the prelude: PocketBase's error classes, $apis, Middleware, the event `e` a handler
// gets (PocketBase's names, over the host's JsEvent) and cronAdd/cronRemove. The loader evaluates this first too;
// hooks-register.js then replaces the registration functions there.
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
  // a field error of an ApiError's data, answered as {code, message}
  class ValidationError extends Error {
    constructor(code, message) {
      super(message || '');
      this.code = code || '';
      this.__validationError = true;
    }
  }
  global.ValidationError = ValidationError;

  const sentence = (text) => {
    const t = String(text || '').trim();
    if (!t) return t;
    const s = t.charAt(0).toUpperCase() + t.slice(1);
    return /[.!?]$/.test(s) ? s : s + '.';
  };
  // an error's data as PocketBase answers it: objects nested, ValidationErrors as {code, message}, anything else
  // as an invalid value (a thrown error's data never leaks other values)
  const errorData = (data) => {
    const out = {};
    for (const [key, value] of Object.entries(data || {})) {
      if (value && value.__validationError) out[key] = { code: value.code, message: sentence(value.message) };
      else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Error)) {
        out[key] = errorData(value);
      } else out[key] = { code: 'validation_invalid_value', message: 'Invalid value.' };
    }
    return out;
  };
  global.__cofferErrorData = (data) => JSON.stringify(errorData(data));

  global.ApiError = ApiError;
  global.BadRequestError = errorClass(400, 'Something went wrong while processing your request.');
  global.UnauthorizedError = errorClass(401, 'Missing or invalid authentication.');
  global.ForbiddenError = errorClass(403, "You are not allowed to perform this request.");
  global.NotFoundError = errorClass(404, "The requested resource wasn't found.");
  global.TooManyRequestsError = errorClass(429, 'Too Many Requests.');
  global.InternalServerError = errorClass(500, 'Something went wrong while processing your request.');

  const parse = (json) => (json == null ? null : JSON.parse(json));
  const H = Symbol('host');

  // middlewares and handlers of $apis, run by the host
  const builtin = (name, ...args) => ({ __builtin: name, args: args.map((a) => String(a)) });
  global.$apis = {
    requireGuestOnly: () => builtin('requireGuestOnly'),
    requireAuth: (...collections) => builtin('requireAuth', ...collections),
    requireSuperuserAuth: () => builtin('requireSuperuserAuth'),
    requireSuperuserOrOwnerAuth: (param) => builtin('requireSuperuserOrOwnerAuth', param || 'id'),
    skipSuccessActivityLog: () => builtin('skipSuccessActivityLog'),
    gzip: () => builtin('gzip'),
    bodyLimit: (bytes) => builtin('bodyLimit', bytes),
    static: (dir, indexFallback) => ({ __static: true, dir: String(dir), indexFallback: !!indexFallback }),
  };
  global.Middleware = function Middleware(func, priority, id) {
    return { __middleware: true, func, priority: Math.trunc(Number(priority) || 0), id: id ? String(id) : '' };
  };

  // a record the app holds (e.record, e.auth, e.records[i]): reads and writes go to it
  class HeldRecord {
    constructor(h) { Object.defineProperty(this, '__handle', { value: h, enumerable: false }); }
    get id() { return this.__handle.id(); }
    set id(v) { this.set('id', v); }
    get(key) { return parse(this.__handle.get(String(key))); }
    set(key, value) { this.__handle.set(String(key), JSON.stringify(value === undefined ? null : value)); }
    load(data) { for (const [k, v] of Object.entries(data || {})) this.set(k, v); }
    collection() { return new Collection(parse(this.__handle.collectionJson())); }
    isNew() { return this.__handle.isNew(); }
    isSuperuser() { return this.__handle.isSuperuser(); }
    setPassword(password) { this.set('password', String(password)); }
    original() { return new HeldRecord(this.__handle.original()); }
    hide(...names) { this.__handle.hide(JSON.stringify(names.flat().map(String))); return this; }
    unhide(...names) { this.__handle.unhide(JSON.stringify(names.flat().map(String))); return this; }
    withCustomData(on) { this.__handle.withCustomData(!!on); return this; }
    publicExport() { return parse(this.__handle.json()); }
    toJSON() { return parse(this.__handle.json()); }
  }
  global.__cofferRecordAccessors(HeldRecord.prototype);
  const held = (h) => (h == null ? null : new HeldRecord(h));

  class HookRequest {
    constructor(h) { this[H] = h; }
    get method() { return this[H].method(); }
    get url() {
      const h = this[H];
      return {
        path: h.path(),
        // the query as an object, with get()/has() as Go's url.Values has
        query() {
          const values = parse(h.queryJson());
          const q = Object.create({
            get(name) { return values[name] == null ? '' : String(values[name]); },
            has(name) { return Object.prototype.hasOwnProperty.call(values, name); },
          });
          return Object.assign(q, values);
        },
      };
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
      if (hasRecord) this.record = held(h.record());
      const extras = h.extrasJson();
      if (extras != null) Object.assign(this, JSON.parse(extras));
    }
    next() {
      if (this._message) this[H].setMessageJson(JSON.stringify(this._message));
      if (this._meta !== undefined) this[H].setMetaJson(JSON.stringify(this._meta));
      if (this._createData !== undefined) this[H].setCreateDataJson(JSON.stringify(this._createData));
      if (this._subscriptions !== undefined) this[H].setSubscriptionsJson(JSON.stringify(this._subscriptions));
      this[H].next();
    }
    json(status, data) { this[H].json(status, JSON.stringify(data === undefined ? null : data)); }
    string(status, text) { this[H].string(status, String(text)); }
    html(status, text) { this[H].html(status, String(text)); }
    noContent(status) { this[H].noContent(status); }
    redirect(status, url) { this[H].redirect(status, String(url)); }
    requestInfo() {
      const info = parse(this[H].requestInfo());
      info.auth = held(this[H].auth());
      return info;
    }
    hasSuperuserAuth() { return this[H].isSuperuser(); }
    isSuperuser() { return this[H].isSuperuser(); }
    realIP() { return this[H].realIP(); }
    remoteIP() { return this[H].remoteIP(); }
    bindBody(target) {
      const body = parse(this[H].requestInfo()).body;
      if (target && typeof target === 'object') Object.assign(target, body);
      return body;
    }
    get request() { return new HookRequest(this[H]); }
    get response() {
      const h = this[H];
      return {
        header() {
          return { set(k, v) { h.setHeader(String(k), String(v)); }, add(k, v) { h.addHeader(String(k), String(v)); } };
        },
      };
    }
    get auth() { return held(this[H].auth()); }
    get records() {
      if (!this._records) {
        const h = this[H];
        this._records = Array.from({ length: h.recordCount() }, (_, i) => held(h.recordAt(i)));
      }
      return this._records;
    }
    get collection() {
      const json = this[H].collectionJson();
      return json == null ? null : new Collection(parse(json));
    }
    get message() {
      if (this._message === undefined) this._message = parse(this[H].messageJson());
      return this._message;
    }
    set message(value) { this._message = value; }
    get token() { return this[H].token(); }
    set token(value) { this[H].setToken(String(value)); }
    get authMethod() { return this[H].authMethod(); }
    get meta() {
      if (this._meta === undefined) this._meta = parse(this[H].metaJson());
      return this._meta;
    }
    set meta(value) { this._meta = value; }
    get error() {
      const message = this[H].errorMessage();
      return message == null ? null : new Error(message);
    }
    get app() { return global.$app; }
    get model() { return this.record || this.collection; }
    get subscriptions() {
      if (this._subscriptions === undefined) this._subscriptions = parse(this[H].subscriptionsJson());
      return this._subscriptions;
    }
    set subscriptions(value) { this._subscriptions = value; }
    get providerName() { return this[H].providerName(); }
    get isNewRecord() { return this[H].isNewRecord(); }
    get oauth2User() { return parse(this[H].oauth2UserJson()); }
    get createData() {
      if (this._createData === undefined) this._createData = parse(this[H].createDataJson());
      return this._createData;
    }
    set createData(value) { this._createData = value; }
    get(key) { return parse(this[H].getValue(String(key))); }
    set(key, value) { this[H].setValue(String(key), JSON.stringify(value === undefined ? null : value)); }
    get result() {
      if (this._result === undefined) {
        this._result = parse(this[H].resultJson());
        if (this._result) this._result.items = this.records;
      }
      return this._result;
    }
  }

  global.SubscriptionMessage = function SubscriptionMessage(data) {
    this.name = (data && data.name) || '';
    this.data = data && data.data != null ? data.data : '';
  };

  // $filesystem: files to set on a record's file field ($filesystem.fileFromBytes(bytes, name), fileFromPath(path))
  const latin1 = (bytes) => {
    const list = typeof bytes === 'string' ? toBytes(bytes) : Array.from(bytes || []);
    let out = '';
    for (let i = 0; i < list.length; i += 8192) out += String.fromCharCode.apply(null, list.slice(i, i + 8192));
    return out;
  };
  // $mails: an auth record's emails, as the auth API sends them
  const recordRef = (r) => (r && r.__handle ? r.__handle : { id: r.id, collectionId: r.get('collectionId') || r.__collection });
  global.$mails = {
    sendRecordVerification: (app, r) => global.__cofferHost.sendAuthMail('verification', recordRef(r), ''),
    sendRecordPasswordReset: (app, r) => global.__cofferHost.sendAuthMail('password-reset', recordRef(r), ''),
    sendRecordChangeEmail: (app, r, newEmail) =>
      global.__cofferHost.sendAuthMail('email-change', recordRef(r), String(newEmail)),
    sendRecordOTP: (app, r, otpId, pass) =>
      global.__cofferHost.sendAuthMail('otp', recordRef(r), String(otpId) + ':' + String(pass)),
    sendRecordAuthAlert: (app, r, info) => global.__cofferHost.sendAuthMail('auth-alert', recordRef(r), String(info || '')),
  };

  global.$filesystem = {
    fileFromBytes: (bytes, name) => ({ __file: true, name: String(name), latin1: latin1(bytes) }),
    fileFromPath: (path) => ({ __file: true, name: $filepath.base(String(path)), path: String(path) }),
  };

  global.__cofferEvent = (h, hasRecord) => new HookEvent(h, hasRecord);

  // $template: Go-template views, parsed by the host (and kept until their files change)
  const templates = global.__cofferTemplates;
  const renderer = (render) => ({ render: (data) => render(JSON.stringify(data === undefined ? null : data)) });
  global.$template = {
    loadFiles: (...files) => renderer((data) => templates.renderFiles(JSON.stringify(files.map(String)), data)),
    loadString: (...texts) => renderer((data) => templates.renderStrings(JSON.stringify(texts.map(String)), data)),
  };

  // registration is done by the loader; a running handler may still add or remove cron jobs
  for (const name of ['routerAdd', 'routerUse']) {
    global[name] = () => { throw new Error(name + ' can only be called while the hooks files load'); };
  }
  const cron = global.__cofferCron;
  global.cronAdd = (id, expr, fn) => { if (cron) cron.add(String(id), String(expr), fn); };
  global.cronRemove = (id) => { if (cron) cron.remove(String(id)); };
})(globalThis);
