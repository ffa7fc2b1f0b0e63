package dev.coffer.core.settings;

import dev.coffer.core.App;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Stores settings in {@code _params} (row {@value Settings#PARAMS_KEY}: plain JSON in a BLOB, or encrypted text with
 * an encryption key, as PocketBase writes it; see {@link SettingsCodec}) and makes the app use them.
 */
public final class SettingsStore {

    private SettingsStore() {}

    /**
     * Validates and stores the settings through the settings hooks, then (once committed) reloads the app's settings
     * from the database.
     *
     * @throws ValidationException when the settings are invalid; nothing is stored then
     */
    public static void save(App app, Settings settings) {
        SettingsValidator.validate(settings);
        Object encoded = SettingsCodec.encode(Json.writeBytes(settings.storedJson()), app.config().encryptionKey());
        Object value = encoded instanceof byte[] plain ? app.db().dialect().jsonBytes(plain) : encoded;
        String now = DateTime.now();
        Settings original = app.settings();
        app.db().write(c -> {
            app.db().afterCommit(app::reloadSettings); // before the after-success hooks, which see them in use
            app.lifecycle().settings(settings, original, e -> store(c, value, now));
            return null;
        });
    }

    private static void store(Connection c, Object value, String now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE \"_params\" SET \"value\" = ?, \"updated\" = ? WHERE \"id\" = ?")) {
            update.setObject(1, value);
            update.setString(2, now);
            update.setString(3, Settings.PARAMS_KEY);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO \"_params\" (\"id\", \"value\", \"created\", \"updated\") VALUES (?, ?, ?, ?)")) {
            insert.setString(1, Settings.PARAMS_KEY);
            insert.setObject(2, value);
            insert.setString(3, now);
            insert.setString(4, now);
            insert.executeUpdate();
        }
    }
}
