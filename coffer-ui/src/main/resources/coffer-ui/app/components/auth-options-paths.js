// Reading and creating the nested option objects of an auth collection ("otp.emailTemplate") for the parts of
// the auth options (auth-options.js and its -oauth2 and -mail modules).
import { clone } from './field-settings-shared.js';

/** The value at a dotted path of an object, or undefined. */
export function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** The object at a dotted path, made (as a copy of fallback) when missing or not an object. */
export function ensurePath(obj, path, fallback) {
  const keys = path.split('.');
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    if (!o[keys[i]] || typeof o[keys[i]] !== 'object') o[keys[i]] = {};
    o = o[keys[i]];
  }
  const last = keys[keys.length - 1];
  if (!o[last] || typeof o[last] !== 'object') o[last] = clone(fallback);
  return o[last];
}
