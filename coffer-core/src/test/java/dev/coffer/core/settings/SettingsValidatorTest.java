package dev.coffer.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class SettingsValidatorTest {

    private static Settings with(String json) {
        return Settings.defaults().withPatch((ObjectNode) Json.parse(json));
    }

    @Test
    void theDefaultsAreValid() {
        assertThatCode(() -> SettingsValidator.validate(Settings.defaults())).doesNotThrowAnyException();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{\"meta\":{\"appName\":\"\"}}", "meta.appName", "validation_required"),
                Arguments.of("{\"meta\":{\"appName\":\"" + "x".repeat(256) + "\"}}", "meta.appName",
                        "validation_length_out_of_range"),
                Arguments.of("{\"meta\":{\"accentColor\":\"#12\"}}", "meta.accentColor", "validation_length_invalid"),
                Arguments.of("{\"meta\":{\"accentColor\":\"#12345g\"}}", "meta.accentColor",
                        "validation_is_hex_color"),
                Arguments.of("{\"meta\":{\"appURL\":\"localhost\"}}", "meta.appURL", "validation_is_url"),
                Arguments.of("{\"meta\":{\"senderAddress\":\"a@\"}}", "meta.senderAddress", "validation_is_email"),
                Arguments.of("{\"smtp\":{\"enabled\":true,\"port\":0}}", "smtp.port", "validation_required"),
                Arguments.of("{\"smtp\":{\"host\":\"bad host\"}}", "smtp.host", "validation_is_host"),
                Arguments.of("{\"smtp\":{\"localName\":\"a b\"}}", "smtp.localName", "validation_is_host"),
                Arguments.of("{\"s3\":{\"enabled\":true}}", "s3.bucket", "validation_required"),
                Arguments.of("{\"s3\":{\"endpoint\":\"nope\"}}", "s3.endpoint", "validation_is_url"),
                Arguments.of("{\"backups\":{\"s3\":{\"enabled\":true}}}", "backups.s3.secret", "validation_required"),
                Arguments.of("{\"backups\":{\"cron\":\"0 0 * * *\",\"cronMaxKeep\":0}}", "backups.cronMaxKeep",
                        "validation_required"),
                Arguments.of("{\"batch\":{\"enabled\":true,\"maxRequests\":0}}", "batch.maxRequests",
                        "validation_required"),
                Arguments.of("{\"batch\":{\"maxBodySize\":-1}}", "batch.maxBodySize",
                        "validation_min_greater_equal_than_required"),
                Arguments.of("{\"rateLimits\":{\"enabled\":true,\"rules\":[]}}", "rateLimits.rules",
                        "validation_required"),
                Arguments.of("{\"rateLimits\":{\"rules\":[{\"label\":\"a b c\",\"maxRequests\":1,\"duration\":1}]}}",
                        "rateLimits.rules.0.label", "validation_match_invalid"),
                Arguments.of("{\"rateLimits\":{\"rules\":[{\"label\":\"/a\",\"maxRequests\":1,\"duration\":1,"
                        + "\"audience\":\"@x\"}]}}", "rateLimits.rules.0.audience", "validation_in_invalid"),
                Arguments.of("{\"rateLimits\":{\"excludedIPs\":[\"\"]}}", "rateLimits.excludedIPs.0",
                        "validation_required"),
                Arguments.of("{\"superuserIPs\":[\"10.0.0.0/33\"]}", "superuserIPs.0",
                        "validation_invlaid_ip_or_subnet"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("invalid")
    void reportsPocketBaseCodes(String patch, String path, String code) {
        ValidationException e = catchThrowableOfType(ValidationException.class,
                () -> SettingsValidator.validate(with(patch)));

        assertThat(e).isNotNull();
        Object node = e.errors();
        for (String part : path.split("\\.")) {
            assertThat(node).as(path).isInstanceOf(Map.class);
            node = ((Map<?, ?>) node).get(part);
        }
        assertThat(node).as(path).isInstanceOf(FieldError.class);
        assertThat(((FieldError) node).code()).isEqualTo(code);
    }

    @Test
    void acceptsAddressesSubnetsAndIpv6() {
        assertThatCode(() -> SettingsValidator.validate(with(
                "{\"superuserIPs\":[\"127.0.0.1\",\"10.0.0.0/8\",\"::1\",\"2001:db8::/32\"],"
                        + "\"smtp\":{\"enabled\":true,\"host\":\"mail.example.com\",\"port\":465,\"authMethod\":\"LOGIN\"}}")))
                .doesNotThrowAnyException();
    }
}
