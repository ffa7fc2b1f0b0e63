package dev.coffer.core.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuxiliaryMigrationTest {

    private static final Dialect SQLITE = SqliteDialect.INSTANCE;

    @TempDir
    Path dir;

    @Test
    void createsLogsAndItsIndexesOnceAndNoMigrationsTable() throws SQLException {
        try (Connection aux = TestDatabases.open(dir.resolve("auxiliary.db"))) {
            assertThat(SystemMigrations.migrateAuxiliary(aux, SQLITE)).containsExactly("1640988000_aux_init.go");
            assertThat(TestDatabases.strings(aux, "SELECT name || '=' || sql FROM sqlite_master WHERE sql IS NOT NULL "
                    + "ORDER BY rowid")).containsExactly(
                    "_logs=CREATE TABLE `_logs` (\n"
                            + "\t\t\t\t\t`id`      TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,\n"
                            + "\t\t\t\t\t`level`   INTEGER DEFAULT 0 NOT NULL,\n"
                            + "\t\t\t\t\t`message` TEXT DEFAULT \"\" NOT NULL,\n"
                            + "\t\t\t\t\t`data`    JSON DEFAULT \"{}\" NOT NULL,\n"
                            + "\t\t\t\t\t`created` TEXT DEFAULT (strftime('%Y-%m-%d %H:%M:%fZ')) NOT NULL\n"
                            + "\t\t\t\t)",
                    "idx_logs_level=CREATE INDEX idx_logs_level on `_logs` (`level`)",
                    "idx_logs_message=CREATE INDEX idx_logs_message on `_logs` (`message`)",
                    "idx_logs_created_hour=CREATE INDEX idx_logs_created_hour on `_logs` "
                            + "(strftime('%Y-%m-%d %H:00:00', `created`))");

            var before = TestDatabases.dump(aux);
            assertThat(SystemMigrations.migrateAuxiliary(aux, SQLITE)).isEmpty();
            assertThat(TestDatabases.dump(aux)).isEqualTo(before);
        }
    }
}
