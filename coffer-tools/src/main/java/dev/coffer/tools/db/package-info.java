/**
 * A thin JDBC layer over the engines Coffer runs on: the {@link dev.coffer.tools.db.Database} (an SQLite file with
 * one writer and pooled readers, or a PostgreSQL or MariaDB server through a HikariCP pool), the
 * {@link dev.coffer.tools.db.Dialect} and {@link dev.coffer.tools.db.Ddl} that hold every piece of engine-specific
 * SQL, {@link dev.coffer.tools.db.SchemaChange}, which runs a transaction's schema statements so that its rollback
 * undoes them on every engine, and {@link dev.coffer.tools.db.TableCopy}, which moves tables between engines.
 * SQLite's syntax, as PocketBase writes its schema ({@link dev.coffer.tools.db.TableDefinition},
 * {@link dev.coffer.tools.db.IndexDefinition}), is the portable description each engine translates.
 */
package dev.coffer.tools.db;
