package dev.coffer.core.settings;

import dev.coffer.core.App;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.sql.PreparedStatement;

/**
 * Stores settings in {@code _params} (row {@value Settings#PARAMS_KEY}: plain JSON in a BLOB, or encrypted text with
 * an encryption key, as PocketBase writes it; see {@link SettingsCodec}) and makes the app use them.
 */
public final class SettingsStore {

    private SettingsStore() {}

    /**
     * Validates and stores the settings, then reloads the app's settings from the database.
     *
     * @throws ValidationException when the settings are invalid; nothing is stored then
     */
    public static void save(App app, Settings settings) {
        SettingsValidator.validate(settings);
        Object encoded = SettingsCodec.encode(Json.writeBytes(settings.storedJson()), app.config().encryptionKey());
        Object value = encoded instanceof byte[] plain ? app.db().dialect().jsonBytes(plain) : encoded;
        String now = DateTime.now();
        app.db().write(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE \"_params\" SET \"value\" = ?, \"updated\" = ? WHERE \"id\" = ?")) {
                update.setObject(1, value);
                update.setString(2, now);
                update.setString(3, Settings.PARAMS_KEY);
                if (update.executeUpdate() > 0) {
                    return null;
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
            return null;
        });
        app.reloadSettings();
    }
}
