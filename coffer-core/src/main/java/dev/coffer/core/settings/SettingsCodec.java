package dev.coffer.core.settings;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.AesGcm;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings row's value as PocketBase stores it in {@code _params}: the settings JSON as it is, or, with an
 * encryption key ({@code --encryptionEnv}), that JSON AES-GCM-encrypted as base64 text. Reading tries plain JSON
 * first, as PocketBase does, so a data directory keeps opening after a key is added; the next save encrypts it.
 */
public final class SettingsCodec {

    private SettingsCodec() {}

    /** The value to store for settings JSON: its bytes, or with a key the encrypted text. */
    public static Object encode(byte[] json, String key) {
        return key.isEmpty() ? json : AesGcm.encrypt(json, key);
    }

    /**
     * The settings JSON of a stored value ({@code null} or blank when there is none).
     *
     * @param env the name of the variable the key comes from, for messages
     * @throws IllegalStateException with a one-line reason when the value is encrypted and there is no key, or it
     *     doesn't open with the key
     */
    public static String decode(String stored, String env, String key) {
        if (stored == null || stored.isBlank() || isJsonObject(stored)) {
            return stored;
        }
        if (key.isEmpty()) {
            throw new IllegalStateException("invalid settings db data or missing encryption key \"" + env + "\"");
        }
        try {
            String json = new String(AesGcm.decrypt(stored, key), StandardCharsets.UTF_8);
            if (!isJsonObject(json)) {
                throw new IllegalArgumentException("the decrypted settings are not a JSON object");
            }
            return json;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt the settings with the key in " + env + " (a wrong key?): "
                    + e.getMessage(), e);
        }
    }

    private static boolean isJsonObject(String text) {
        try {
            return Json.parse(text) instanceof ObjectNode;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
