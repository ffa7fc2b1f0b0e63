/** Backups of the data directory: consistent zip snapshots, their store, restoring one in place, auto backups. */
package dev.coffer.core.backup;
