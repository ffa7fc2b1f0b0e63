// The globals a pb_migrations file sees, in PocketBase's names: migrate(), Collection, Field and the typed field
// constructors, Record, unmarshal(), and the app handed to a migration. Models are plain objects here (the JSON the
// collections and records APIs use); the host (JsAppHost) takes and gives JSON text.
(function (global, host) {
  'use strict';

  const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

  class FieldsList extends Array {
    static get [Symbol.species]() { return Array; }

    static from(list) {
      const out = new FieldsList();
      for (const f of list || []) out.push(f instanceof Field ? f : new Field(f));
      return out;
    }

    getById(id) { return this.find((f) => f.id === id) || null; }

    getByName(name) { return this.find((f) => f.name === name) || null; }

    fieldNames() { return this.map((f) => f.name); }

    indexOfField(field) {
      if (field.id) {
        const i = this.findIndex((f) => f.id === field.id);
        if (i >= 0) return i;
      }
      return field.name ? this.findIndex((f) => f.name === field.name && !(field.id && f.id && f.id !== field.id)) : -1;
    }

    // adds each field at the end, or replaces in place the one with its id (or else its name)
    add(...fields) {
      for (const raw of fields) {
        const field = raw instanceof Field ? raw : new Field(raw);
        const i = this.indexOfField(field);
        if (i >= 0) this[i] = field; else this.push(field);
      }
    }

    // moves or inserts the fields at position pos, removing the one with the same id (or else name) first
    addAt(pos, ...fields) {
      let at = pos;
      for (const raw of fields) {
        const field = raw instanceof Field ? raw : new Field(raw);
        const i = this.indexOfField(field);
        if (i >= 0) this.splice(i, 1);
        const where = Math.max(0, Math.min(at, this.length));
        this.splice(where, 0, field);
        at = where + 1;
      }
    }

    removeById(id) {
      const i = this.findIndex((f) => f.id === id);
      if (i >= 0) this.splice(i, 1);
    }

    removeByName(name) {
      const i = this.findIndex((f) => f.name === name);
      if (i >= 0) this.splice(i, 1);
    }
  }

  function Field(data) {
    if (!(this instanceof Field)) return new Field(data);
    Object.assign(this, copy(data || {}));
  }

  const fieldTypes = {
    TextField: 'text', NumberField: 'number', BoolField: 'bool', EmailField: 'email', URLField: 'url',
    EditorField: 'editor', DateField: 'date', AutodateField: 'autodate', SelectField: 'select', JSONField: 'json',
    FileField: 'file', RelationField: 'relation', PasswordField: 'password', GeoPointField: 'geoPoint',
  };
  for (const [name, type] of Object.entries(fieldTypes)) {
    const ctor = function (data) {
      if (!(this instanceof ctor)) return new ctor(data);
      Field.call(this, data);
      this.type = type;
    };
    Object.defineProperty(ctor, 'name', { value: name });
    ctor.prototype = Object.create(Field.prototype);
    ctor.prototype.constructor = ctor;
    global[name] = ctor;
  }

  function Collection(data) {
    if (!(this instanceof Collection)) return new Collection(data);
    load(this, copy(data || {}));
  }

  function load(collection, data) {
    for (const key of Object.keys(collection)) delete collection[key];
    Object.assign(collection, data);
    collection.fields = FieldsList.from(data.fields);
    if (!Array.isArray(collection.indexes)) collection.indexes = collection.indexes == null ? [] : collection.indexes;
  }

  Collection.prototype.isAuth = function () { return this.type === 'auth'; };
  Collection.prototype.isView = function () { return this.type === 'view'; };
  Collection.prototype.isBase = function () { return !this.type || this.type === 'base'; };

  function Record(collection, data) {
    if (!(this instanceof Record)) return new Record(collection, data);
    Object.defineProperty(this, '__collection', {
      value: typeof collection === 'string' ? collection : (collection && (collection.id || collection.name)) || '',
      enumerable: false, writable: true,
    });
    Object.defineProperty(this, '__data', { value: copy(data || {}), enumerable: false, writable: true });
  }

  Record.prototype.collection = function () { return global.$app.findCollectionByNameOrId(this.__collection); };
  Record.prototype.get = function (key) { return this.__data[key]; };
  Record.prototype.set = function (key, value) { this.__data[key] = value; };
  Record.prototype.load = function (data) { Object.assign(this.__data, copy(data || {})); };
  Record.prototype.publicExport = function () { return copy(this.__data); };
  Record.prototype.toJSON = function () { return copy(this.__data); };
  Record.prototype.isNew = function () { return !this.__data.id || !this.__saved; };
  Object.defineProperty(Record.prototype, 'id', {
    get() { return this.__data.id || ''; },
    set(v) { this.__data.id = v; },
  });
  Record.prototype.setPassword = function (password) { this.__data.password = password; };

  // the typed getters and auth helpers PocketBase's records have, over a record's get() and set()
  function addRecordAccessors(proto) {
    proto.getString = function (key) { const v = this.get(key); return v == null ? '' : String(v); };
    proto.getInt = function (key) { return Math.trunc(Number(this.get(key)) || 0); };
    proto.getFloat = function (key) { return Number(this.get(key)) || 0; };
    proto.getBool = function (key) { return !!this.get(key); };
    proto.getStringSlice = function (key) {
      const v = this.get(key);
      if (v == null || v === '') return [];
      return (Array.isArray(v) ? v : [v]).map(String);
    };
    proto.getDateTime = function (key) { return this.getString(key); };
    proto.email = function () { return this.getString('email'); };
    proto.setEmail = function (email) { this.set('email', email); };
    proto.verified = function () { return this.getBool('verified'); };
    proto.setVerified = function (verified) { this.set('verified', !!verified); };
    proto.emailVisibility = function () { return this.getBool('emailVisibility'); };
    proto.setEmailVisibility = function (v) { this.set('emailVisibility', !!v); };
    proto.tokenKey = function () { return this.getString('tokenKey'); };
  }
  addRecordAccessors(Record.prototype);

  // merges data into target as decoding JSON into an existing value does: objects key by key, anything else replaced
  function merge(target, data) {
    for (const [key, value] of Object.entries(data)) {
      if (isPlainObject(value) && isPlainObject(target[key])) merge(target[key], value);
      else target[key] = copy(value);
    }
  }

  function unmarshal(data, target) {
    if (!isPlainObject(data)) throw new Error('unmarshal: the data must be an object');
    if (target instanceof Record) {
      target.load(data);
      return target;
    }
    merge(target, data);
    if (target instanceof Collection && data.fields !== undefined) target.fields = FieldsList.from(target.fields);
    return target;
  }

  const parse = (json) => (json == null ? null : JSON.parse(json));
  const notFound = () => new Error('sql: no rows in result set');

  // {:name} placeholders with values bound by the host as parameters
  function query(sql) {
    let params = {};
    const q = {
      bind(values) { params = Object.assign({}, params, values || {}); return q; },
      execute() { return host.execute(sql, JSON.stringify(params)); },
      all(result) {
        const rows = parse(host.query(sql, JSON.stringify(params)));
        if (Array.isArray(result)) result.push(...rows);
        return rows;
      },
      one(result) {
        const rows = parse(host.query(sql, JSON.stringify(params)));
        if (!rows.length) throw notFound();
        if (result && typeof result === 'object') Object.assign(result, rows[0]);
        return rows[0];
      },
    };
    return q;
  }

  // dbx's query builder over plain SQL: simple names (a, t.a) are quoted, anything else is taken as written
  const ident = (name) => {
    const m = /^\s*([A-Za-z_][\w.]*|\*|[A-Za-z_]\w*\.\*)(\s+(?:as\s+)?([A-Za-z_]\w*))?\s*$/i.exec(String(name));
    if (!m) return String(name);
    const quoted = m[1].endsWith('*') ? m[1].replace(/^([A-Za-z_]\w*)\.\*$/, '[[$1]].*') : '[[' + m[1] + ']]';
    return m[3] ? quoted + ' AS [[' + m[3] + ']]' : quoted;
  };
  const orderTerm = (term) => {
    const m = /^\s*([A-Za-z_][\w.]*)\s*(asc|desc)?\s*$/i.exec(String(term));
    return m ? '[[' + m[1] + ']]' + (m[2] ? ' ' + m[2].toUpperCase() : '') : String(term);
  };
  function selectQuery(run) {
    const st = { cols: [], distinct: false, from: [], joins: [], where: null, order: [], group: [], having: null,
      limit: -1, offset: -1 };
    const and = (a, b) => (a && a.sql ? (b && b.sql ? dbxJoin('AND', [a, b]) : a) : b);
    const build = () => {
      const params = {};
      const take = (e) => { if (e && e.params) Object.assign(params, e.params); return e && e.sql ? e.sql : ''; };
      let sql = 'SELECT ' + (st.distinct ? 'DISTINCT ' : '') + (st.cols.length ? st.cols.join(', ') : '*');
      if (st.from.length) sql += ' FROM ' + st.from.join(', ');
      for (const j of st.joins) sql += ' ' + j.kind + ' ' + j.table + (j.on && j.on.sql ? ' ON ' + take(j.on) : '');
      const where = take(st.where);
      if (where) sql += ' WHERE ' + where;
      if (st.group.length) sql += ' GROUP BY ' + st.group.join(', ');
      const having = take(st.having);
      if (having) sql += ' HAVING ' + having;
      if (st.order.length) sql += ' ORDER BY ' + st.order.join(', ');
      if (st.limit >= 0) sql += ' LIMIT ' + st.limit;
      if (st.offset >= 0) sql += (st.limit >= 0 ? '' : ' LIMIT ' + Number.MAX_SAFE_INTEGER) + ' OFFSET ' + st.offset;
      return { sql, params };
    };
    const q = {
      select(...cols) { st.cols = cols.flat().map(ident); return q; },
      andSelect(...cols) { st.cols.push(...cols.flat().map(ident)); return q; },
      distinct(on) { st.distinct = on !== false; return q; },
      from(...tables) { st.from = tables.flat().map(ident); return q; },
      innerJoin(table, on) { st.joins.push({ kind: 'INNER JOIN', table: ident(table), on }); return q; },
      leftJoin(table, on) { st.joins.push({ kind: 'LEFT JOIN', table: ident(table), on }); return q; },
      rightJoin(table, on) { st.joins.push({ kind: 'RIGHT JOIN', table: ident(table), on }); return q; },
      where(e) { st.where = e || null; return q; },
      andWhere(e) { st.where = and(st.where, e); return q; },
      orWhere(e) { st.where = st.where && st.where.sql ? dbxJoin('OR', [st.where, e]) : e; return q; },
      groupBy(...cols) { st.group = cols.flat().map(ident); return q; },
      andGroupBy(...cols) { st.group.push(...cols.flat().map(ident)); return q; },
      having(e) { st.having = e || null; return q; },
      andHaving(e) { st.having = and(st.having, e); return q; },
      orderBy(...terms) { st.order = terms.flat().map(orderTerm); return q; },
      andOrderBy(...terms) { st.order.push(...terms.flat().map(orderTerm)); return q; },
      limit(n) { st.limit = Math.trunc(Number(n)); return q; },
      offset(n) { st.offset = Math.trunc(Number(n)); return q; },
      build() { return build(); },
      all(result) {
        const { sql, params } = build();
        const rows = run(sql, params);
        if (Array.isArray(result)) result.push(...rows);
        return rows;
      },
      one(result) {
        const { sql, params } = build();
        const rows = run(sql, params);
        if (!rows.length) throw notFound();
        if (result && typeof result === 'object') {
          if (result instanceof Record) { result.__collection = rows[0].__collection; result.__data = rows[0].__data; }
          else Object.assign(result, rows[0]);
        }
        return rows[0];
      },
    };
    return q;
  }
  const rowsOf = (sql, params) => parse(host.query(sql, JSON.stringify(params)));
  const qname = (t) => '{{' + t + '}}';
  function writeQuery(sql, params) {
    return { execute: () => host.execute(sql, JSON.stringify(params)) };
  }
  const db = {
    newQuery: query,
    select: (...cols) => selectQuery(rowsOf).select(...cols),
    insert(table, values) {
      const params = {};
      const names = Object.keys(values || {});
      names.forEach((k, i) => { params['v' + i] = values[k]; });
      return writeQuery('INSERT INTO ' + qname(table) + ' (' + names.map((k) => '[[' + k + ']]').join(', ')
        + ') VALUES (' + names.map((k, i) => '{:v' + i + '}').join(', ') + ')', params);
    },
    update(table, values, where) {
      const params = Object.assign({}, where && where.params);
      const sets = Object.keys(values || {}).map((k, i) => { params['u' + i] = values[k]; return '[[' + k + ']] = {:u' + i + '}'; });
      return writeQuery('UPDATE ' + qname(table) + ' SET ' + sets.join(', ')
        + (where && where.sql ? ' WHERE ' + where.sql : ''), params);
    },
    delete(table, where) {
      return writeQuery('DELETE FROM ' + qname(table) + (where && where.sql ? ' WHERE ' + where.sql : ''),
        Object.assign({}, where && where.params));
    },
  };

  const collectionRef = (c) => (typeof c === 'string' ? c : c.id || c.name);
  const toRecord = (collection, json) => {
    const data = parse(json);
    if (data == null) throw notFound();
    const record = new Record(data.collectionId || collectionRef(collection), data);
    Object.defineProperty(record, '__saved', { value: true, enumerable: false, writable: true });
    return record;
  };

  // $dbx expressions: SQL with [[column]] names and {:name} parameters
  let dbxCount = 0;
  function dbxExp(sql, params) { return { __dbx: true, sql: String(sql), params: Object.assign({}, params || {}) }; }
  function dbxJoin(op, exprs) {
    const list = exprs.filter((e) => e && e.sql);
    if (!list.length) return dbxExp('', {});
    return dbxExp(list.map((e) => '(' + e.sql + ')').join(' ' + op + ' '),
      Object.assign({}, ...list.map((e) => e.params)));
  }
  function dbxHash(values) {
    return dbxJoin('AND', Object.entries(values || {}).map(([k, v]) => {
      if (v === null || v === undefined) return dbxExp('[[' + k + ']] IS NULL');
      const p = 'p' + (dbxCount++);
      return dbxExp('[[' + k + ']] = {:' + p + '}', { [p]: v });
    }));
  }
  function dbxWhere(exprs) { return dbxJoin('AND', exprs); }
  const $dbx = {
    exp: dbxExp,
    hashExp: dbxHash,
    and: (...e) => dbxJoin('AND', e),
    or: (...e) => dbxJoin('OR', e),
    not: (e) => dbxExp('NOT (' + e.sql + ')', e.params),
    in(col, ...values) {
      if (!values.length) return dbxExp('0=1');
      const params = {};
      const names = values.map((v) => { const p = 'p' + (dbxCount++); params[p] = v; return '{:' + p + '}'; });
      return dbxExp('[[' + col + ']] IN (' + names.join(', ') + ')', params);
    },
    like(col, ...values) {
      return dbxJoin('AND', values.map((v) => {
        const p = 'p' + (dbxCount++);
        return dbxExp('[[' + col + ']] LIKE {:' + p + '}', { [p]: '%' + v + '%' });
      }));
    },
  };

  const app = {
    findCollectionByNameOrId(nameOrId) {
      const json = host.findCollection(String(nameOrId));
      if (json == null) throw notFound();
      return new Collection(parse(json));
    },
    findAllCollections(...types) {
      return parse(host.allCollections()).filter((c) => !types.length || types.includes(c.type))
        .map((c) => new Collection(c));
    },
    findRecordById(collection, id) { return toRecord(collection, host.findRecord(collectionRef(collection), String(id))); },
    findFirstRecordByData(collection, key, value) {
      return toRecord(collection, host.findFirstRecordByData(collectionRef(collection), String(key),
        JSON.stringify(value)));
    },
    findAuthRecordByEmail(collection, email) {
      return toRecord(collection, host.findFirstRecordByData(collectionRef(collection), 'email', JSON.stringify(email)));
    },
    save(model) {
      if (model && model.__handle) {
        host.saveHeld(model.__handle);
      } else if (model instanceof Collection) {
        load(model, parse(host.saveCollection(JSON.stringify(model))));
      } else if (model instanceof Record) {
        model.__data = parse(host.saveRecord(model.__collection, JSON.stringify(model.__data)));
        model.__saved = true;
      } else if (model && model.__settings) {
        Object.assign(model, parse(host.saveSettings(JSON.stringify(model))));
      } else {
        throw new Error('save: not a Collection, a Record or the settings');
      }
    },
    delete(model) {
      if (model && model.__handle) host.deleteHeld(model.__handle);
      else if (model instanceof Collection) host.deleteCollection(model.id || model.name);
      else if (model instanceof Record) host.deleteRecord(model.__collection, model.id);
      else throw new Error('delete: not a Collection or a Record');
    },
    findRecordsByFilter(collection, filter, sort, limit, offset, params) {
      return parse(host.findRecordsByFilter(collectionRef(collection), String(filter || ''), String(sort || ''),
        Math.trunc(Number(limit) || 0), Math.trunc(Number(offset) || 0), JSON.stringify(params || {})))
        .map((d) => toRecord(collection, JSON.stringify(d)));
    },
    findFirstRecordByFilter(collection, filter, params) {
      const found = app.findRecordsByFilter(collection, filter, '', 1, 0, params);
      if (!found.length) throw notFound();
      return found[0];
    },
    findAllRecords(collection, ...exprs) {
      const where = dbxWhere(exprs);
      return parse(host.findRecordsWhere(collectionRef(collection), where.sql, JSON.stringify(where.params), 0))
        .map((d) => toRecord(collection, JSON.stringify(d)));
    },
    findRecordsByIds(collection, ids) {
      const list = (ids || []).map(String);
      if (!list.length) return [];
      const params = {};
      const names = list.map((id, i) => { params['id' + i] = id; return '{:id' + i + '}'; });
      return parse(host.findRecordsWhere(collectionRef(collection), '[[id]] IN (' + names.join(',') + ')',
        JSON.stringify(params), 0)).map((d) => toRecord(collection, JSON.stringify(d)));
    },
    countRecords(collection, ...exprs) {
      const where = dbxWhere(exprs);
      return host.countRecordsWhere(collectionRef(collection), where.sql, JSON.stringify(where.params));
    },
    settings() {
      const s = parse(host.settings());
      Object.defineProperty(s, '__settings', { value: true, enumerable: false });
      return s;
    },
    newMailClient() {
      return { send(message) { host.sendMail(JSON.stringify(message)); } };
    },
    importCollections(collections, deleteMissing) {
      host.importCollections(JSON.stringify(collections), !!deleteMissing);
    },
    db() { return db; },
    // records of a collection through the query builder: $app.recordQuery("posts").andWhere(...).all(records)
    recordQuery(collection) {
      const name = typeof collection === 'string' ? app.findCollectionByNameOrId(collection).name : collection.name;
      const run = (sql, params) => parse(host.recordsBySql(name, sql, JSON.stringify(params)))
        .map((d) => toRecord(name, JSON.stringify(d)));
      return selectQuery(run).select(name + '.*').from(name);
    },
    runInTransaction(fn) { host.transaction(() => fn(app)); },
    logger() { return host.logger(); },
    isBootstrapped() { return true; },
    // a key/value store shared by every engine of the app
    store() {
      return {
        get(key) { return parse(host.storeGet(String(key))); },
        set(key, value) { host.storeSet(String(key), JSON.stringify(value === undefined ? null : value)); },
        has(key) { return host.storeHas(String(key)); },
        remove(key) { host.storeRemove(String(key)); },
        getAll() {
          const out = {};
          for (const k of parse(host.storeKeys())) out[k] = parse(host.storeGet(k));
          return out;
        },
        length() { return parse(host.storeKeys()).length; },
      };
    },
    // the connected realtime clients: {id: {id, hasSubscription(name), subscriptions(), send(message)}}
    subscriptionsBroker() {
      return {
        clients() {
          const out = {};
          for (const id of parse(host.realtimeClients())) {
            out[id] = {
              id,
              hasSubscription: (name) => host.realtimeHasSubscription(id, String(name)),
              subscriptions: () => parse(host.realtimeSubscriptions(id)),
              send: (message) => host.realtimeSend(id, String(message.name),
                typeof message.data === 'string' ? message.data : JSON.stringify(message.data)),
            };
          }
          return out;
        },
        totalClients() { return parse(host.realtimeClients()).length; },
      };
    },
  };

  let registered = null;
  function migrate(up, down) {
    if (typeof up !== 'function') throw new Error('migrate: the first argument must be a function');
    registered = { up, down: typeof down === 'function' ? down : null };
  }

  global.FieldsList = FieldsList;
  global.Field = Field;
  global.Collection = Collection;
  global.Record = Record;
  global.unmarshal = unmarshal;
  global.migrate = migrate;
  global.$app = app;
  global.$dbx = $dbx;
  global.__cofferRecordAccessors = addRecordAccessors;
  global.MailerMessage = function MailerMessage(data) { Object.assign(this, copy(data || {})); };
  global.__coffer = {
    run(direction) {
      if (registered == null) throw new Error('the file does not call migrate()');
      const fn = direction === 'down' ? registered.down : registered.up;
      if (fn) fn(app);
    },
  };
})(globalThis, globalThis.__cofferHost);
