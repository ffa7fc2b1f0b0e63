// require() of CommonJS modules for pb_hooks: a path (absolute, or relative to the requiring module's folder, the
// hooks folder for a hooks file) or a package name looked up in node_modules folders from there upwards. Each module
// runs once per engine, under its own file name, so errors point at its lines.
(function (global, host) {
  'use strict';

  const cache = Object.create(null);

  const join = (a, b) => {
    const parts = (b.startsWith('/') ? b : a + '/' + b).split('/');
    const out = [];
    for (const p of parts) {
      if (p === '' || p === '.') continue;
      if (p === '..') out.pop(); else out.push(p);
    }
    return '/' + out.join('/');
  };
  const dirname = (p) => p.slice(0, Math.max(1, p.lastIndexOf('/')));

  function candidates(base) {
    return [base, base + '.js', base + '.json', base + '/index.js'];
  }

  function resolve(name, from) {
    const tries = [];
    if (name.startsWith('/') || name.startsWith('./') || name.startsWith('../')) {
      tries.push(...candidates(join(from, name)));
    } else {
      for (let dir = from; ; dir = dirname(dir)) {
        tries.push(...candidates(join(dir, 'node_modules/' + name)));
        if (dir === '/' || dir === '') break;
      }
    }
    for (const t of tries) {
      if (host.isDirectory(t)) {
        const pkg = host.readModule(t + '/package.json');
        if (pkg != null) {
          const main = JSON.parse(pkg).main;
          if (main) {
            const found = candidates(join(t, main)).find((c) => host.readModule(c) != null);
            if (found) return found;
          }
        }
        continue;
      }
      if (host.readModule(t) != null) return t;
    }
    throw new Error("Cannot find module '" + name + "'");
  }

  function load(path) {
    if (cache[path]) return cache[path].exports;
    const module = { exports: {}, id: path, filename: path, loaded: false };
    cache[path] = module;
    const text = host.readModule(path);
    if (path.endsWith('.json')) {
      module.exports = JSON.parse(text);
    } else {
      const fn = host.evalModule(path,
        '(function (exports, require, module, __filename, __dirname) {' + text + '\n})');
      fn(module.exports, makeRequire(dirname(path)), module, path, dirname(path));
    }
    module.loaded = true;
    return module.exports;
  }

  function makeRequire(from) {
    return (name) => load(resolve(String(name), from));
  }

  global.require = makeRequire(global.__hooks);
})(globalThis, globalThis.__cofferHost);
