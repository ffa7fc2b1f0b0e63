/**
 * PocketBase's system migrations for the SQLite data layout: what a new data directory needs so that Coffer runs
 * on it and PocketBase (v0.39.11) later opens it as its own.
 *
 * <p>{@link dev.coffer.core.migrations.SystemMigrations} is the entry point. It creates {@code _migrations},
 * {@code _params}, {@code _collections} and the system collections ({@code _superusers}, {@code users},
 * {@code _externalAuths}, {@code _mfas}, {@code _otps}, {@code _authOrigins}) byte for byte as PocketBase does,
 * records the same migration file names, stores the default settings row, and creates {@code _logs} in
 * {@code auxiliary.db}. The later PocketBase migrations (v0.23 follow-ups, the auth alert template update and the
 * index normalisation) are applied the way PocketBase applies them when an older data directory lacks them.
 *
 * <p>The schema statements here are SQLite's on purpose: on SQLite they reproduce PocketBase's stored schema text
 * exactly. They run through the database's {@link dev.coffer.tools.db.Ddl#portable}, which passes them unchanged
 * on SQLite and translates them for a database server; catalogue lookups come from the
 * {@link dev.coffer.tools.db.Ddl} too, so the same migrations build a new PostgreSQL database.
 */
package dev.coffer.core.migrations;
