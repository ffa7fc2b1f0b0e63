/**
 * Sample data: reads CSV (RFC 4180, with a header row), a JSON array of objects or NDJSON with bounded memory,
 * profiles each column and proposes a base collection for it ({@link dev.coffer.core.inspect.SampleInference}:
 * field types, required flags, select values, text lengths, unique indexes), and loads such a file into a
 * collection through the records' normal validation, in batches, resumably ({@link
 * dev.coffer.core.inspect.RecordImport}). Transport-free: the collections API, the {@code import} command and the
 * dashboard's import wizard (through the API) use it.
 */
package dev.coffer.core.inspect;
