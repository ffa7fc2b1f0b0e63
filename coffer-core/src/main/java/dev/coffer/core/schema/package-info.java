/**
 * Keeps the database schema in line with the collections: creates, alters and drops record tables, views and
 * indexes when a collection changes, and infers the fields of a view query. Everything runs inside the
 * caller's write transaction.
 */
package dev.coffer.core.schema;
