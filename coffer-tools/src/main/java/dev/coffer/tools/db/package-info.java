/**
 * A thin JDBC layer: the {@link dev.coffer.tools.db.Database} (one writer, pooled readers) and the
 * {@link dev.coffer.tools.db.Dialect} that holds every piece of engine-specific SQL.
 */
package dev.coffer.tools.db;
