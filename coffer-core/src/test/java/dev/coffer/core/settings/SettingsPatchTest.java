package dev.coffer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SettingsPatchTest {

    private static Settings patch(String json) {
        return Settings.defaults().withPatch((ObjectNode) Json.parse(json));
    }

    @Test
    void mergesObjectsReplacesArraysAndIgnoresUnknownKeys() {
        Settings s = patch("{\"meta\":{\"appName\":\"X\"},\"superuserIPs\":[\"10.0.0.1\"],\"nope\":{},"
                + "\"smtp\":{\"whatever\":1,\"password\":\"pw\"},\"s3\":{\"secret\":\"sk\"}}");

        assertThat(s.appName()).isEqualTo("X");
        assertThat(s.senderName()).isEqualTo("Support");
        assertThat(s.superuserIps()).containsExactly("10.0.0.1");
        assertThat(s.storedJson().has("nope")).isFalse();
        assertThat(s.storedJson().path("smtp").has("whatever")).isFalse();
        assertThat(s.smtp().password()).isEqualTo("pw");
        assertThat(s.storedJson().path("s3").path("secret").asString()).isEqualTo("sk");
    }

    @Test
    void openApiAccessIsAbsentUntilSetAndThenValidated() {
        assertThat(Settings.defaults().publicJson().has("openapi")).isFalse();
        assertThat(Settings.defaults().openApiAccess()).isEqualTo("superusers");
        Settings s = patch("{\"openapi\":{\"access\":\"public\",\"other\":1}}");
        assertThat(s.openApiAccess()).isEqualTo("public");
        assertThat(s.publicJson().path("openapi").toString()).isEqualTo("{\"access\":\"public\"}");
        assertThat(Settings.fromStored(Json.write(s.storedJson())).openApiAccess()).isEqualTo("public");
        SettingsValidator.validate(s);
        assertThatThrownBy(() -> patch("{\"openapi\":{\"access\":1}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SettingsValidator.validate(patch("{\"openapi\":{\"access\":\"all\"}}")))
                .isInstanceOf(dev.coffer.core.validation.ValidationException.class);
    }

    @Test
    void nullKeepsScalarsAndEmptiesLists() {
        Settings s = patch("{\"meta\":{\"appName\":null},\"rateLimits\":{\"rules\":null}}");

        assertThat(s.appName()).isEqualTo("Acme");
        assertThat(s.storedJson().path("rateLimits").path("rules").isEmpty()).isTrue();
    }

    @Test
    void listEntriesStartFromZeroValues() {
        Settings s = patch("{\"rateLimits\":{\"rules\":[{\"label\":\"/api/x\"}]}}");

        assertThat(s.storedJson().path("rateLimits").path("rules").get(0).toString())
                .isEqualTo("{\"label\":\"/api/x\",\"audience\":\"\",\"duration\":0,\"maxRequests\":0}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"meta\":\"x\"}", "{\"meta\":{\"appName\":1}}", "{\"smtp\":{\"port\":\"25\"}}",
            "{\"smtp\":{\"port\":2.5}}", "{\"smtp\":{\"enabled\":\"yes\"}}", "{\"superuserIPs\":\"1.1.1.1\"}",
            "{\"superuserIPs\":[1]}", "{\"rateLimits\":{\"rules\":[\"x\"]}}"})
    void wrongTypesAreRefused(String body) {
        assertThatThrownBy(() -> patch(body)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicJsonLeavesSecretsOut() {
        ObjectNode shown = patch("{\"smtp\":{\"password\":\"a\"},\"s3\":{\"secret\":\"b\"},"
                + "\"backups\":{\"s3\":{\"secret\":\"c\"}}}").publicJson();

        assertThat(shown.path("smtp").has("password")).isFalse();
        assertThat(shown.path("s3").has("secret")).isFalse();
        assertThat(shown.path("backups").path("s3").has("secret")).isFalse();
        assertThat(shown.path("smtp").has("host")).isTrue();
    }
}
