// The globals a pb_hooks file sees while it is loaded: each registration hands the handler's source to the host,
// which runs it later in an engine of its pool (as PocketBase does, a handler sees only its own scope and the
// globals, not the file's other variables).
(function (global, register) {
  'use strict';

  const source = (fn, what) => {
    if (typeof fn !== 'function') throw new Error(what + ': the handler must be a function');
    return fn;
  };

  global.routerAdd = function (method, path, handler, ...middlewares) {
    if (middlewares.length) throw new Error('routerAdd: route middlewares are not supported yet');
    register.route(String(method).toUpperCase(), String(path), source(handler, 'routerAdd'));
  };

  const recordHooks = ['onRecordCreateRequest', 'onRecordUpdateRequest', 'onRecordDeleteRequest',
    'onRecordViewRequest', 'onRecordCreate', 'onRecordUpdate', 'onRecordDelete', 'onRecordAfterCreateSuccess',
    'onRecordAfterUpdateSuccess', 'onRecordAfterDeleteSuccess'];
  for (const name of recordHooks) {
    global[name] = function (handler, ...tags) {
      register.hook(name, source(handler, name), tags.map(String).join('\u0000'));
    };
  }

  global.onBootstrap = function (handler) { register.hook('onBootstrap', source(handler, 'onBootstrap'), ''); };
  global.onServe = function (handler) { register.hook('onServe', source(handler, 'onServe'), ''); };
  global.onTerminate = function (handler) { register.hook('onTerminate', source(handler, 'onTerminate'), ''); };
})(globalThis, globalThis.__cofferRegister);
