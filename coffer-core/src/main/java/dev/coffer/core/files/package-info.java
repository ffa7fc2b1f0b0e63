/**
 * Record files in storage: where a record's uploads and thumbnails live, and writing, removing and reading
 * them as records are saved and deleted.
 */
package dev.coffer.core.files;
