package dev.coffer.core.migrations;

import dev.coffer.core.settings.Settings;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.types.DateTime;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code settings} row PocketBase writes to {@code _params} when it starts on a database without one:
 * its default settings as plain (unencrypted) JSON, stored as a BLOB like PocketBase's driver stores it (see
 * {@link Dialect#jsonBytes}).
 */
final class DefaultSettings {

    /** The {@code _params} id of the settings row. */
    static final String PARAM_ID = "settings";

    private DefaultSettings() {}

    /** Inserts the default settings row unless one exists; returns whether it inserted. */
    static boolean ensureStored(Connection db, Dialect dialect) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT (1) FROM \"_params\" WHERE \"id\" = ? LIMIT 1")) {
            ps.setString(1, PARAM_ID);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        String now = DateTime.now();
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO \"_params\" (\"created\", \"id\", \"updated\", \"value\") VALUES (?, ?, ?, ?)")) {
            ps.setString(1, now);
            ps.setString(2, PARAM_ID);
            ps.setString(3, now);
            ps.setObject(4, dialect.jsonBytes(
                    GoJson.write(Settings.defaults().storedJson()).getBytes(StandardCharsets.UTF_8)));
            ps.executeUpdate();
        }
        return true;
    }
}
