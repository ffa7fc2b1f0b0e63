// The form of a collection's records: GET /api/collections/{id}/ui-schema (the server says which widget edits
// each field, with its validation and options), cached per collection version.
import { api } from '../api.js';

const cache = new Map(); // collection id → {updated, schema}

/** The ui-schema of a collection (cached until the collection changes). */
export async function loadSchema(collection) {
  const hit = cache.get(collection.id);
  if (hit && hit.updated === collection.updated) return hit.schema;
  const schema = await api.collections().uiSchema(collection.id);
  cache.set(collection.id, { updated: collection.updated, schema });
  return schema;
}

/** The fields of the schema that hold relations, for asking the API to expand them. */
export function relationNames(schema) {
  return (schema?.fields || []).filter((f) => f.widget === 'relation').map((f) => f.name);
}
