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
  Record.prototype.getString = function (key) { const v = this.__data[key]; return v == null ? '' : String(v); };
  Record.prototype.getInt = function (key) { return Math.trunc(Number(this.__data[key]) || 0); };
  Record.prototype.getFloat = function (key) { return Number(this.__data[key]) || 0; };
  Record.prototype.getBool = function (key) { return !!this.__data[key]; };
  Record.prototype.load = function (data) { Object.assign(this.__data, copy(data || {})); };
  Record.prototype.publicExport = function () { return copy(this.__data); };
  Record.prototype.toJSON = function () { return copy(this.__data); };
  Object.defineProperty(Record.prototype, 'id', {
    get() { return this.__data.id || ''; },
    set(v) { this.__data.id = v; },
  });
  Record.prototype.setPassword = function (password) { this.__data.password = password; };
  Record.prototype.setEmail = function (email) { this.__data.email = email; };
  Record.prototype.setVerified = function (verified) { this.__data.verified = !!verified; };

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

  const collectionRef = (c) => (typeof c === 'string' ? c : c.id || c.name);
  const toRecord = (collection, json) => {
    const data = parse(json);
    if (data == null) throw notFound();
    return new Record(data.collectionId || collectionRef(collection), data);
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
      if (model instanceof Collection) {
        load(model, parse(host.saveCollection(JSON.stringify(model))));
      } else if (model instanceof Record) {
        model.__data = parse(host.saveRecord(model.__collection, JSON.stringify(model.__data)));
      } else {
        throw new Error('save: not a Collection or a Record');
      }
    },
    delete(model) {
      if (model instanceof Collection) host.deleteCollection(model.id || model.name);
      else if (model instanceof Record) host.deleteRecord(model.__collection, model.id);
      else throw new Error('delete: not a Collection or a Record');
    },
    importCollections(collections, deleteMissing) {
      host.importCollections(JSON.stringify(collections), !!deleteMissing);
    },
    db() { return { newQuery: query }; },
    runInTransaction(fn) { return fn(app); },
    logger() { return host.logger(); },
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
  global.__coffer = {
    run(direction) {
      if (registered == null) throw new Error('the file does not call migrate()');
      const fn = direction === 'down' ? registered.down : registered.up;
      if (fn) fn(app);
    },
  };
})(globalThis, globalThis.__cofferHost);
