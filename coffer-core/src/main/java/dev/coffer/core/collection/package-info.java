/** The collection model: type, schema, rules, indexes and auth options. */
package dev.coffer.core.collection;
