package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings {@code data.db} and {@code auxiliary.db} to the state PocketBase v0.39.11's system migrations leave
 * them in, recording the same file names in {@code _migrations} so that PocketBase skips them later.
 *
 * <p>A new, empty database ends up as a fresh PocketBase data directory: the {@code _migrations},
 * {@code _params} and {@code _collections} tables, the six system collections ({@code _mfas}, {@code _otps},
 * {@code _externalAuths}, {@code _authOrigins}, {@code _superusers}, {@code users}) with their tables and
 * indexes, fresh token secrets, and the default settings row. A data.db already up to date (such as one made by
 * PocketBase v0.39) is left untouched.
 *
 * <p>Both methods run in the caller's transaction when auto-commit is off (the caller commits, or rolls back
 * after an exception); with auto-commit on they run in a transaction of their own.
 */
public final class SystemMigrations {

    /** One system migration of data.db, named by PocketBase's migration file. */
    private record Migration(String file, Step up) {}

    @FunctionalInterface
    private interface Step {
        void apply(Connection db, Dialect dialect) throws SQLException;
    }

    /** PocketBase's system migrations in application (file name) order. */
    private static final List<Migration> DATA = List.of(
            // the aux DDL itself runs on auxiliary.db in migrateAuxiliary; PocketBase records it in data.db
            new Migration(AuxiliaryMigration.FILE, (db, dialect) -> {}),
            new Migration(InitMigration.FILE, InitMigration::up),
            new Migration(V023Migrations.MIGRATE, V023Migrations::migrate),
            new Migration(V023Migrations.MIGRATE2, V023Migrations::migrate2),
            new Migration(V023Migrations.MIGRATE3, V023Migrations::migrate3),
            new Migration(V023Migrations.MIGRATE4, V023Migrations::migrate4),
            new Migration(AuthAlertTemplateMigration.FILE, AuthAlertTemplateMigration::up),
            new Migration(NormalizeIndexesMigration.FILE, NormalizeIndexesMigration::up));

    private SystemMigrations() {}

    /** The file name of the first migration, which a new data directory gets. */
    public static final String INIT_FILE = InitMigration.FILE;

    /** The data.db migration file names, in order. */
    public static List<String> dataMigrationFiles() {
        return DATA.stream().map(Migration::file).toList();
    }

    /**
     * Applies, inside the caller's open transaction on data.db, every system migration not yet recorded in
     * {@code _migrations} (creating {@code _migrations} if missing), then stores PocketBase's default settings
     * row in {@code _params} if there is none.
     *
     * @param dialect the SQL dialect of the database the connection is on
     * @return the file names applied, in order; empty for an up-to-date PocketBase data.db such as the fixture
     * @throws SQLException when a statement fails or the database predates PocketBase v0.23
     */
    public static List<String> migrateData(Connection dataDb, Dialect dialect) throws SQLException {
        return inTransaction(dataDb, db -> {
            MigrationsTable.ensure(db, dialect);
            List<String> applied = new ArrayList<>();
            for (Migration m : DATA) {
                if (MigrationsTable.isApplied(db, m.file())) {
                    continue;
                }
                m.up().apply(db, dialect);
                MigrationsTable.record(db, m.file());
                applied.add(m.file());
            }
            DefaultSettings.ensureStored(db, dialect);
            return applied;
        });
    }

    /**
     * Applies PocketBase's auxiliary migration to auxiliary.db: creates {@code _logs} and its indexes when the
     * table is missing, which is also PocketBase's own condition for re-applying it. Like PocketBase, it keeps
     * no {@code _migrations} table in auxiliary.db (the file is recorded in data.db by {@link #migrateData}).
     *
     * @param dialect the SQL dialect of the database the connection is on
     * @return {@code [1640988000_aux_init.go]} when it created {@code _logs}, else empty
     */
    public static List<String> migrateAuxiliary(Connection auxDb, Dialect dialect) throws SQLException {
        return inTransaction(auxDb, db -> {
            if (!AuxiliaryMigration.isNeeded(db, dialect)) {
                return List.of();
            }
            AuxiliaryMigration.up(db, dialect);
            return List.of(AuxiliaryMigration.FILE);
        });
    }

    @FunctionalInterface
    private interface Work {
        List<String> run(Connection db) throws SQLException;
    }

    private static List<String> inTransaction(Connection db, Work work) throws SQLException {
        if (!db.getAutoCommit()) {
            return List.copyOf(work.run(db));
        }
        db.setAutoCommit(false);
        try {
            List<String> result = List.copyOf(work.run(db));
            db.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }
}
