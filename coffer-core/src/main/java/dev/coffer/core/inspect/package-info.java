/**
 * Sample data inspection: reads CSV (RFC 4180, with a header row), a JSON array of objects or NDJSON with
 * bounded memory, profiles each column and proposes a base collection for it (field types, required flags,
 * select values, text lengths, a unique index). Transport-free: the collections API and the {@code import}
 * command both use it.
 */
package dev.coffer.core.inspect;
