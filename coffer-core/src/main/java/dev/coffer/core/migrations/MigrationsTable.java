package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** PocketBase's {@code _migrations} bookkeeping: one row per applied file, applied time in unix microseconds. */
final class MigrationsTable {

    private MigrationsTable() {}

    /** Creates the table when missing. */
    static void ensure(Connection db, Dialect dialect) throws SQLException {
        CollectionsTable.execDdl(db, dialect, "CREATE TABLE IF NOT EXISTS `_migrations` "
                + "(file VARCHAR(255) PRIMARY KEY NOT NULL, applied INTEGER NOT NULL)");
    }

    /** Whether the file is recorded as applied. */
    static boolean isApplied(Connection db, String file) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT (1) FROM \"_migrations\" WHERE \"file\" = ? LIMIT 1")) {
            ps.setString(1, file);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records the file as applied now. */
    static void record(Connection db, String file) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO \"_migrations\" (\"applied\", \"file\") VALUES (?, ?)")) {
            ps.setLong(1, nowMicros());
            ps.setString(2, file);
            ps.executeUpdate();
        }
    }

    /** The current unix time in microseconds, PocketBase's unit for {@code applied}. */
    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
