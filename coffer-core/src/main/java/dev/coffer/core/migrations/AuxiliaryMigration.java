package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * PocketBase's {@code 1640988000_aux_init.go}: the {@code _logs} table of {@code auxiliary.db} and its indexes.
 * PocketBase records this file in data.db's {@code _migrations} and re-applies it whenever {@code _logs} is
 * missing, so auxiliary.db itself keeps no migrations table.
 */
final class AuxiliaryMigration {

    static final String FILE = "1640988000_aux_init.go";

    static final String LOGS_TABLE = "CREATE TABLE IF NOT EXISTS `_logs` (\n"
            + "\t\t\t\t\t`id`      TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,\n"
            + "\t\t\t\t\t`level`   INTEGER DEFAULT 0 NOT NULL,\n"
            + "\t\t\t\t\t`message` TEXT DEFAULT \"\" NOT NULL,\n"
            + "\t\t\t\t\t`data`    JSON DEFAULT \"{}\" NOT NULL,\n"
            + "\t\t\t\t\t`created` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL\n"
            + "\t\t\t\t)";

    static final String[] LOGS_INDEXES = {
        "CREATE INDEX IF NOT EXISTS idx_logs_level on `_logs` (`level`)",
        "CREATE INDEX IF NOT EXISTS idx_logs_message on `_logs` (`message`)",
        "CREATE INDEX IF NOT EXISTS idx_logs_created_hour on `_logs` (strftime('%Y-%m-%d %H:00:00', `created`))",
    };

    private AuxiliaryMigration() {}

    /** Whether PocketBase would (re)apply the migration: when {@code _logs} does not exist. */
    static boolean isNeeded(Connection aux, Dialect dialect) throws SQLException {
        return !CollectionsTable.hasTable(aux, dialect, "_logs");
    }

    static void up(Connection aux, Dialect dialect) throws SQLException {
        CollectionsTable.execDdl(aux, dialect, LOGS_TABLE);
        for (String index : LOGS_INDEXES) {
            CollectionsTable.execDdl(aux, dialect, index);
        }
    }
}
