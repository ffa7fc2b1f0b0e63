/**
 * The app's log: {@link dev.coffer.core.logs.AppLogger} queues log rows and
 * {@link dev.coffer.core.logs.LogBatcher} writes them to {@code _logs} in {@code auxiliary.db} on one
 * background thread; {@link dev.coffer.core.logs.LogStore} lists, reads, counts and deletes them.
 */
package dev.coffer.core.logs;
