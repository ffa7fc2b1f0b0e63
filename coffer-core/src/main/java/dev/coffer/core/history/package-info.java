/**
 * Record history and the audit list: every change of a record in a collection with history on (and of every
 * superuser, collection and settings save) kept with who made it and the changed fields' old and new values, in the
 * change's own transaction; read back as pages, as a record at a past time or version, and as deleted records.
 */
package dev.coffer.core.history;
