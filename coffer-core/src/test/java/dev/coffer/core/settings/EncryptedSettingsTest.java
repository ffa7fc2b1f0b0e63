package dev.coffer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.AppStartException;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Settings stored encrypted with an --encryptionEnv key, as PocketBase stores them, and the errors of a bad key. */
class EncryptedSettingsTest {

    private static final String KEY = "abcdefghijklmnopqrstuvwxyz012345";

    @TempDir
    Path dir;

    private AppConfig config(String key) {
        return AppConfig.of(dir).withEncryption("PB_KEY", key);
    }

    private String storedValue(App app) {
        return app.db().read(c -> {
            try (var ps = c.prepareStatement("SELECT CAST(value AS TEXT) FROM _params WHERE id = 'settings'");
                    var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    @Test
    void aNewDataDirectoryStoresItsSettingsEncryptedAndOpensOnlyWithTheKey() {
        try (App app = App.open(config(KEY))) {
            assertThat(storedValue(app)).doesNotStartWith("{");
            SettingsStore.save(app, app.settings().withPatch((ObjectNode) Json.parse("{\"meta\":{\"appName\":\"secret app\"}}")));
            assertThat(storedValue(app)).doesNotContain("secret app");
        }
        try (App app = App.open(config(KEY))) {
            assertThat(app.settings().storedJson().path("meta").path("appName").asString()).isEqualTo("secret app");
        }
        assertThatThrownBy(() -> App.open(config(""))).isInstanceOf(AppStartException.class)
                .hasMessageContaining("invalid settings db data or missing encryption key \"PB_KEY\"");
        assertThatThrownBy(() -> App.open(config(KEY.replace('a', 'z')))).isInstanceOf(AppStartException.class)
                .hasMessageContaining("cannot decrypt the settings with the key in PB_KEY");
        assertThatThrownBy(() -> App.open(config("short"))).isInstanceOf(AppStartException.class)
                .hasMessage("the settings encryption key in PB_KEY must be 32 characters long (16 or 24 also work), not 5");
    }

    @Test
    void plainSettingsKeepOpeningWithAKeyAndAreEncryptedAtTheNextSave() {
        try (App app = App.open(AppConfig.of(dir))) {
            assertThat(storedValue(app)).startsWith("{");
        }
        try (App app = App.open(config(KEY))) {
            assertThat(storedValue(app)).startsWith("{");
            SettingsStore.save(app, app.settings());
            assertThat(storedValue(app)).doesNotStartWith("{");
            assertThat(SettingsCodec.decode(storedValue(app), "PB_KEY", KEY)).startsWith("{");
        }
    }
}
