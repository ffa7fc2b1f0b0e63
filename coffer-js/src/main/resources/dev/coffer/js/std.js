// PocketBase's standard globals for hooks and migrations: $security, $http, $os, $filepath, toString(), toBytes(),
// readerToString(), sleep(), arrayOf(), DynamicModel, the null*() shape helpers and FormData. The host (JsStdHost)
// takes and gives strings, numbers and booleans; bytes cross as binary strings (one char per byte) and structures as
// JSON text. Byte arrays given to scripts are plain arrays of numbers marked with Symbol.for('coffer.bytes'), so that
// toString() and friends treat them as bytes, the way PocketBase treats its []byte values.
(function (global, host) {
  'use strict';

  const BYTES = Symbol.for('coffer.bytes');
  const MODEL = Symbol.for('coffer.arrayOf.model');
  const MODE_DIR = 2147483648; // Go's os.ModeDir

  // calls the host; a failure it reports becomes a JS Error with its message
  function call(fn) {
    try {
      return fn();
    } catch (e) {
      const message = host.takeError();
      if (message != null) throw new Error(message);
      throw e;
    }
  }

  const str = (v) => (v == null ? '' : String(v));
  const int = (v) => {
    const n = Math.trunc(Number(v));
    return Number.isFinite(n) ? n : 0;
  };
  const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v)
    && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null
      || v instanceof DynamicModel);

  // ------------------------------------------------------------------ bytes

  function markBytes(list) {
    Object.defineProperty(list, BYTES, { value: true });
    return list;
  }

  function bytesFromBinary(bin) {
    const out = new Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return markBytes(out);
  }

  function binaryFromList(list) {
    let out = '';
    for (let i = 0; i < list.length; i += 8192) {
      const chunk = [];
      const end = Math.min(list.length, i + 8192);
      for (let j = i; j < end; j++) chunk.push(Number(list[j]) & 0xff);
      out += String.fromCharCode.apply(null, chunk);
    }
    return out;
  }

  function isBytes(v) {
    return (Array.isArray(v) && v[BYTES] === true) || v instanceof ArrayBuffer || ArrayBuffer.isView(v);
  }

  // the binary string of a byte value (marked array, typed array, ArrayBuffer)
  function binaryOf(v) {
    if (v instanceof ArrayBuffer) return binaryFromList(new Uint8Array(v));
    if (ArrayBuffer.isView(v)) return binaryFromList(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return binaryFromList(v);
  }

  // a list whose items are all byte-like numbers (or numeric strings), as Go casts a list to []byte
  function numberList(v) {
    if (!Array.isArray(v)) return null;
    const out = [];
    for (const item of v) {
      const n = typeof item === 'number' ? item : typeof item === 'string' && item.trim() !== '' ? Number(item) : NaN;
      if (!Number.isFinite(n) || n < 0) return null;
      out.push(Math.trunc(n) & 0xff);
    }
    return out;
  }

  // the bytes (as a binary string) a Go []byte parameter gets from a JS value: text as UTF-8, bytes as they are
  function binaryParam(v, what) {
    if (v == null) return '';
    if (typeof v === 'string') return host.utf8Encode(v);
    if (isBytes(v)) return binaryOf(v);
    const list = numberList(v);
    if (list) return binaryFromList(list);
    throw new TypeError(what + ': expected a string or a byte array');
  }

  // ------------------------------------------------------------------ Go-like formatting

  // a number as Go's strconv.FormatFloat(f, 'f', -1, 64) writes it (no exponent)
  function formatNumber(n) {
    if (Number.isNaN(n)) return 'NaN';
    if (n === Infinity) return '+Inf';
    if (n === -Infinity) return '-Inf';
    if (Object.is(n, -0)) return '-0';
    const s = String(n);
    const e = s.indexOf('e');
    if (e < 0) return s;
    const sign = s[0] === '-' ? '-' : '';
    const mantissa = s.slice(sign.length, e);
    const exp = Number(s.slice(e + 1));
    const dot = mantissa.indexOf('.');
    const digits = mantissa.replace('.', '');
    const point = (dot < 0 ? mantissa.length : dot) + exp; // position of the decimal point in digits
    if (point <= 0) return sign + '0.' + '0'.repeat(-point) + digits;
    if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
    return sign + digits.slice(0, point) + '.' + digits.slice(point);
  }

  const pad = (n, w) => String(n).padStart(w, '0');

  // a Date as Go's time.Time String() writes it (in UTC)
  function formatDate(d) {
    if (Number.isNaN(d.getTime())) return '';
    let frac = d.getUTCMilliseconds() ? '.' + pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '') : '';
    return pad(d.getUTCFullYear(), 4) + '-' + pad(d.getUTCMonth() + 1, 2) + '-' + pad(d.getUTCDate(), 2) + ' '
      + pad(d.getUTCHours(), 2) + ':' + pad(d.getUTCMinutes(), 2) + ':' + pad(d.getUTCSeconds(), 2) + frac
      + ' +0000 UTC';
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

  function base64(bin) {
    let out = '';
    for (let i = 0; i < bin.length; i += 3) {
      const a = bin.charCodeAt(i);
      const b = i + 1 < bin.length ? bin.charCodeAt(i + 1) : 0;
      const c = i + 2 < bin.length ? bin.charCodeAt(i + 2) : 0;
      const n = (a << 16) | (b << 8) | c;
      out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63]
        + (i + 1 < bin.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bin.length ? B64[n & 63] : '=');
    }
    return out;
  }

  // JSON as Go's encoding/json writes a value: object keys sorted, bytes as base64, <, >, & escaped
  function goJson(value) {
    const prepare = (v) => {
      if (v == null || typeof v !== 'object') return v;
      if (isBytes(v)) return base64(binaryOf(v));
      if (typeof v.toJSON === 'function') return v;
      if (Array.isArray(v)) return v.map(prepare);
      const out = {};
      for (const k of Object.keys(v).sort()) out[k] = prepare(v[k]);
      return out;
    };
    const text = JSON.stringify(prepare(value));
    if (text === undefined) return '';
    return text.replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  }

  // the string Go's cast.ToStringE gives, or undefined when it gives an error
  function castString(v) {
    if (v == null) return '';
    switch (typeof v) {
      case 'string': return v;
      case 'boolean': return v ? 'true' : 'false';
      case 'number': return formatNumber(v);
      case 'bigint': return v.toString();
      default:
        if (isBytes(v)) return host.utf8Decode(binaryOf(v));
        if (v instanceof Date) return formatDate(v);
        if (v instanceof Error) return v.message;
        return undefined;
    }
  }

  // ------------------------------------------------------------------ plain globals

  function toString(value, maxReaderBytes) {
    const s = castString(value);
    return s !== undefined ? s : goJson(value);
  }

  function toBytes(value, maxReaderBytes) {
    if (value == null) return markBytes([]);
    if (typeof value === 'string') return bytesFromBinary(host.utf8Encode(value));
    if (isBytes(value)) return bytesFromBinary(binaryOf(value));
    const list = numberList(value);
    if (list) return markBytes(list);
    const s = castString(value);
    return bytesFromBinary(host.utf8Encode(s !== undefined ? s : goJson(value)));
  }

  // deprecated in PocketBase in favour of toString; readers are strings or bytes here
  function readerToString(reader, maxBytes) {
    const limit = int(maxBytes);
    if (limit > 0 && (typeof reader === 'string' || isBytes(reader))) {
      const bin = typeof reader === 'string' ? host.utf8Encode(reader) : binaryOf(reader);
      return host.utf8Decode(bin.slice(0, limit));
    }
    return toString(reader);
  }

  function sleep(milliseconds) {
    call(() => host.sleep(int(milliseconds)));
  }

  // an empty list for query results of the model's shape (the shape stays reachable as list[MODEL])
  function arrayOf(model) {
    const list = [];
    Object.defineProperty(list, MODEL, { value: model });
    return list;
  }

  // a row shape for db queries: the keys and the zero values that give each column's type
  function DynamicModel(shape) {
    if (!(this instanceof DynamicModel)) return new DynamicModel(shape);
    if (shape === null || typeof shape !== 'object' || Array.isArray(shape) || Object.keys(shape).length === 0) {
      throw new Error('[DynamicModel] missing shape data');
    }
    for (const key of Object.keys(shape).sort()) {
      const v = shape[key];
      this[key] = v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.parse(JSON.stringify(v)) : v;
    }
  }

  // ------------------------------------------------------------------ $security

  const security = {
    randomString: (length) => call(() => host.randomString(int(length), null, true)),
    randomStringWithAlphabet: (length, alphabet) => call(() => host.randomString(int(length), str(alphabet), true)),
    pseudorandomString: (length) => call(() => host.randomString(int(length), null, false)),
    pseudorandomStringWithAlphabet: (length, alphabet) =>
      call(() => host.randomString(int(length), str(alphabet), false)),
    // PocketBase's optional regexp/syntax flags are not supported: patterns always read as Perl-like RE2
    randomStringByRegex: (pattern) => call(() => host.randomStringByRegex(str(pattern))),

    md5: (text) => host.digest('md5', str(text)),
    sha256: (text) => host.digest('sha256', str(text)),
    sha512: (text) => host.digest('sha512', str(text)),
    hs256: (text, secret) => host.hmac('sha256', str(text), str(secret)),
    hs512: (text, secret) => host.hmac('sha512', str(text), str(secret)),
    equal: (hash1, hash2) => host.equal(str(hash1), str(hash2)),

    createJWT(payload, signingKey, secDuration) {
      const claims = { exp: Math.floor(Date.now() / 1000) + int(secDuration) };
      if (payload != null) Object.assign(claims, payload);
      return call(() => host.signJwt(goJson(claims), str(signingKey)));
    },
    parseJWT: (token, verificationKey) => JSON.parse(call(() => host.parseJwt(str(token), str(verificationKey), true))),
    parseUnverifiedJWT: (token) => JSON.parse(call(() => host.parseJwt(str(token), '', false))),

    encrypt: (data, key) => call(() => host.encrypt(binaryParam(data, 'encrypt'), str(key))),
    decrypt: (cipherText, key) => call(() => host.decrypt(str(cipherText), str(key))),
  };

  // ------------------------------------------------------------------ $http

  // fields of a multipart body; kept for scripts that build one, but $http.send does not send it yet
  class FormData {
    constructor() { Object.defineProperty(this, 'data', { value: new Map() }); }
    append(key, value) { const l = this.data.get(key) || []; l.push(value); this.data.set(key, l); }
    set(key, value) { this.data.set(key, [value]); }
    delete(key) { this.data.delete(key); }
    get(key) { const l = this.data.get(key); return l && l.length ? l[0] : null; }
    getAll(key) { return (this.data.get(key) || []).slice(); }
    has(key) { return this.data.has(key); }
    keys() { return [...this.data.keys()]; }
    values() { return [...this.data.values()].flat(); }
    entries() { return [...this.data.entries()].flatMap(([k, l]) => l.map((v) => [k, v])); }
  }

  const isTokenChar = (c) => /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(c);
  const isCookieValueChar = (c) => c >= ' ' && c < '\x7f' && c !== '"' && c !== ';' && c !== '\\';

  // [value, quoted] or null when the value has bytes a cookie can't
  function cookieValue(raw, allowQuotes) {
    let v = raw;
    let quoted = false;
    if (allowQuotes && v.length > 1 && v[0] === '"' && v[v.length - 1] === '"') {
      v = v.slice(1, -1);
      quoted = true;
    }
    for (const c of v) if (!isCookieValueChar(c)) return null;
    return [v, quoted];
  }

  // the cookies of Set-Cookie lines, by name, with the fields of Go's http.Cookie
  function parseCookies(lines) {
    const out = {};
    for (const line of lines) {
      const parts = line.trim().split(';');
      if (parts.length === 1 && parts[0] === '') continue;
      const first = parts[0].trim();
      const eq = first.indexOf('=');
      if (eq < 0) continue;
      const name = first.slice(0, eq).trim();
      if (name === '' || ![...name].every(isTokenChar)) continue;
      const parsed = cookieValue(first.slice(eq + 1), true);
      if (!parsed) continue;
      const c = {
        name, value: parsed[0], quoted: parsed[1], path: '', domain: '', expires: null, rawExpires: '',
        maxAge: 0, secure: false, httpOnly: false, sameSite: 0, partitioned: false, raw: line, unparsed: [],
      };
      for (let i = 1; i < parts.length; i++) {
        const part = parts[i].trim();
        if (part === '') continue;
        const at = part.indexOf('=');
        const attr = (at < 0 ? part : part.slice(0, at)).trim().toLowerCase();
        const val = cookieValue(at < 0 ? '' : part.slice(at + 1), false);
        if (!val) { c.unparsed.push(part); continue; }
        const v = val[0];
        switch (attr) {
          case 'samesite': {
            const lv = v.toLowerCase();
            c.sameSite = lv === 'lax' ? 2 : lv === 'strict' ? 3 : lv === 'none' ? 4 : 1;
            break;
          }
          case 'secure': c.secure = true; break;
          case 'httponly': c.httpOnly = true; break;
          case 'partitioned': c.partitioned = true; break;
          case 'domain': c.domain = v; break;
          case 'path': c.path = v; break;
          case 'max-age': {
            if (!/^[+-]?\d+$/.test(v)) break;
            let secs = Number(v);
            if (secs !== 0 && v[0] === '0') break;
            if (secs <= 0) secs = -1;
            c.maxAge = secs;
            break;
          }
          case 'expires': {
            c.rawExpires = v;
            const t = Date.parse(v.replace(/^(\w+, \d\d)-(\w+)-(\d{4})/, '$1 $2 $3'));
            c.expires = Number.isNaN(t) ? null : new Date(t);
            break;
          }
          default: c.unparsed.push(part);
        }
      }
      out[name] = c;
    }
    return out;
  }

  function send(params) {
    const p = params || {};
    const method = 'method' in p ? str(castString(p.method)) : 'GET';
    const url = str(castString(p.url));
    const timeout = int(p.timeout);
    const headers = {};
    if (p.headers != null && typeof p.headers === 'object') {
      for (const [k, v] of Object.entries(p.headers)) headers[k] = str(castString(v));
    }
    let body = '';
    if (isPlainObject(p.data) && Object.keys(p.data).length > 0) {
      body = host.utf8Encode(goJson(p.data)); // the deprecated "data" option: the object as JSON
    } else if (p.body instanceof FormData) {
      throw new Error('$http.send: multipart FormData bodies are not supported yet');
    } else if (isBytes(p.body)) {
      body = binaryOf(p.body);
    } else {
      body = host.utf8Encode(str(castString(p.body)));
    }
    const r = call(() => host.httpSend(method, url, JSON.stringify(headers), body, timeout));
    const bin = r.body();
    const resHeaders = JSON.parse(r.headers());
    const result = {
      statusCode: r.statusCode(),
      headers: resHeaders,
      cookies: parseCookies(resHeaders['Set-Cookie'] || []),
      raw: host.utf8Decode(bin), // deprecated in PocketBase in favour of body
      body: bytesFromBinary(bin),
    };
    // the body read as JSON on first use: any JSON value, or null when the body is empty or not JSON
    Object.defineProperty(result, 'json', {
      enumerable: true,
      configurable: true,
      get() {
        let json = null;
        if (bin.length > 0) {
          try { json = JSON.parse(result.raw); } catch (e) { json = null; }
        }
        Object.defineProperty(result, 'json', { value: json, enumerable: true, writable: true, configurable: true });
        return json;
      },
    });
    return result;
  }

  // ------------------------------------------------------------------ $os

  function goTime(ms) {
    const d = new Date(ms);
    Object.defineProperty(d, 'unix', { value: () => Math.floor(ms / 1000) });
    Object.defineProperty(d, 'unixMilli', { value: () => ms });
    return d;
  }

  function fileInfo(o) {
    return {
      name: () => o.name,
      size: () => o.size,
      mode: () => o.mode,
      isDir: () => o.isDir,
      modTime: () => goTime(o.modTime),
      sys: () => null,
    };
  }

  function dirEntry(o) {
    return {
      name: () => o.name,
      isDir: () => o.isDir,
      type: () => o.type,
      info: () => fileInfo(o),
    };
  }

  const os = {
    args: JSON.parse(host.args()),
    getenv: (key) => host.getenv(str(key)),
    tempDir: () => host.tempDir(),
    getwd: () => host.getwd(),
    stat: (name) => fileInfo(JSON.parse(call(() => host.stat(str(name))))),
    readFile: (name) => bytesFromBinary(call(() => host.readFile(str(name)))),
    writeFile: (name, data, perm) =>
      call(() => host.writeFile(str(name), binaryParam(data, 'writeFile'), perm === undefined ? 0o644 : int(perm))),
    readDir: (name) => JSON.parse(call(() => host.readDir(str(name)))).map(dirEntry),
    truncate: (name, size) => call(() => host.truncate(str(name), int(size))),
    mkdir: (name, perm) => call(() => host.mkdir(str(name), perm === undefined ? 0o755 : int(perm))),
    mkdirAll: (path, perm) => call(() => host.mkdirAll(str(path), perm === undefined ? 0o755 : int(perm))),
    rename: (oldpath, newpath) => call(() => host.rename(str(oldpath), str(newpath))),
    remove: (name) => call(() => host.remove(str(name))),
    removeAll: (path) => call(() => host.removeAll(str(path))),
  };

  // ------------------------------------------------------------------ $filepath (slash-separated paths)

  function clean(path) {
    if (path === '') return '.';
    const rooted = path[0] === '/';
    const parts = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
        else if (!rooted) parts.push('..');
        continue;
      }
      parts.push(part);
    }
    const out = (rooted ? '/' : '') + parts.join('/');
    return out === '' ? '.' : out;
  }

  function base(path) {
    if (path === '') return '.';
    const trimmed = path.replace(/\/+$/, '');
    if (trimmed === '') return '/';
    return trimmed.slice(trimmed.lastIndexOf('/') + 1);
  }

  function rel(basepath, targpath) {
    const b = clean(basepath);
    const t = clean(targpath);
    if (b === t) return '.';
    const segments = (p) => p.split('/').filter((s) => s !== '' && s !== '.');
    const bs = segments(b);
    const ts = segments(t);
    if ((b[0] === '/') !== (t[0] === '/')) {
      throw new Error("Rel: can't make " + targpath + ' relative to ' + basepath);
    }
    let i = 0;
    while (i < bs.length && i < ts.length && bs[i] === ts[i]) i++;
    if (bs[i] === '..') throw new Error("Rel: can't make " + targpath + ' relative to ' + basepath);
    const up = bs.slice(i).map(() => '..');
    return up.concat(ts.slice(i)).join('/') || '.';
  }

  // Go's filepath.Match pattern as a RegExp: * and ? stop at '/', [...] classes, \ escapes
  function matchRegExp(pattern) {
    let re = '^';
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i];
      if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else if (c === '\\') {
        if (++i >= pattern.length) throw new Error('syntax error in pattern');
        re += '\\' + pattern[i];
      } else if (c === '[') {
        let j = i + 1;
        let cls = '[';
        if (pattern[j] === '^') { cls += '^/'; j++; }
        let first = true;
        while (j < pattern.length && (pattern[j] !== ']' || first)) {
          if (pattern[j] === ']' && first) throw new Error('syntax error in pattern');
          let ch = pattern[j];
          if (ch === '\\') { j++; ch = pattern[j]; if (ch === undefined) throw new Error('syntax error in pattern'); }
          if (ch === '-' && !first && pattern[j + 1] !== ']') cls += '-';
          else cls += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
          first = false;
          j++;
        }
        if (j >= pattern.length || first) throw new Error('syntax error in pattern');
        re += cls + ']';
        i = j;
      } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    try {
      return new RegExp(re + '$', 'u');
    } catch (e) {
      throw new Error('syntax error in pattern');
    }
  }

  const filepath = {
    clean: (path) => clean(str(path)),
    base: (path) => base(str(path)),
    dir: (path) => {
      const p = str(path);
      return clean(p.slice(0, p.lastIndexOf('/') + 1));
    },
    ext: (path) => {
      const p = str(path);
      for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
      return '';
    },
    isAbs: (path) => str(path).startsWith('/'),
    join: (...elems) => {
      const parts = elems.map(str).filter((e) => e !== '');
      return parts.length === 0 ? '' : clean(parts.join('/'));
    },
    split: (path) => {
      const p = str(path);
      const i = p.lastIndexOf('/');
      return [p.slice(0, i + 1), p.slice(i + 1)];
    },
    splitList: (path) => (str(path) === '' ? [] : str(path).split(':')),
    toSlash: (path) => str(path),
    fromSlash: (path) => str(path),
    rel: (basepath, targpath) => rel(str(basepath), str(targpath)),
    match: (pattern, name) => matchRegExp(str(pattern)).test(str(name)),
  };

  // ------------------------------------------------------------------ globals

  global.$security = security;
  global.$http = { send };
  global.$os = os;
  global.$filepath = filepath;
  global.FormData = FormData;
  global.toString = toString;
  global.toBytes = toBytes;
  global.readerToString = readerToString;
  global.sleep = sleep;
  global.arrayOf = arrayOf;
  global.DynamicModel = DynamicModel;
  // nullable shape values for DynamicModel: they start as null
  global.nullString = () => null;
  global.nullFloat = () => null;
  global.nullInt = () => null;
  global.nullBool = () => null;
  global.nullArray = () => null;
  global.nullObject = () => null;
})(globalThis, globalThis.__cofferStd);
