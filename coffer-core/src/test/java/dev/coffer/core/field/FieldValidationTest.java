package dev.coffer.core.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.validation.FieldError;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each field type's value checks report PocketBase's codes, messages and params. */
class FieldValidationTest {

    static Field field(String json) {
        return Field.parse(Json.parse(json));
    }

    static JsonNode node(String json) {
        return Json.parse(json);
    }

    static void assertError(FieldError e, String code, String message) {
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.message()).isEqualTo(message);
    }

    @Test
    void text() {
        Field f = field("{\"type\":\"text\",\"name\":\"t\",\"required\":true,\"min\":3,\"max\":5,\"pattern\":\"^[a-z]+$\"}");
        assertError(f.validateValue(""), "validation_required", "Cannot be blank.");
        FieldError min = f.validateValue("ab");
        assertError(min, "validation_min_text_constraint", "Must be at least 3 character(s).");
        assertThat(min.params()).containsEntry("min", 3L);
        assertError(f.validateValue("abcdef"), "validation_max_text_constraint", "Must be no more than 5 character(s).");
        assertError(f.validateValue("ab1"), "validation_invalid_format", "Invalid value format.");
        assertThat(f.validateValue("abc")).isNull();
        Field plain = field("{\"type\":\"text\",\"name\":\"t\",\"max\":3}");
        assertThat(plain.validateValue("äöü")).as("characters, not bytes").isNull();
        Field unbounded = field("{\"type\":\"text\",\"name\":\"t\"}");
        assertThat(unbounded.validateValue("x".repeat(5001)).params()).containsEntry("max", 5000L);
        assertThat(unbounded.normalize(node("12"))).isEqualTo("12");
    }

    @Test
    void customPrimaryKey() {
        Field pk = field("{\"type\":\"text\",\"name\":\"id\",\"primaryKey\":true,\"pattern\":\"\"}");
        assertError(pk.validateValue(""), "validation_required", "Cannot be blank.");
        assertError(pk.validateValue("a/b"), "validation_forbidden_pk_character", "'/' is not a valid primary key character.");
        assertError(pk.validateValue("nul"), "validation_reserved_pk", "The primary key 'NUL' is reserved and cannot be used.");
        assertThat(pk.validateValue("abc")).isNull();
    }

    @Test
    void textAutogenerateModifier() {
        Field f = field("{\"type\":\"text\",\"name\":\"code\",\"autogeneratePattern\":\"[0-9]{4}\"}");
        Object v = f.setter("code:autogenerate").apply("", node("\"x-\""));
        assertThat((String) v).matches("x-[0-9]{4}");
        assertThat(f.setter("code+")).isNull();
    }

    @Test
    void editor() {
        Field f = field("{\"type\":\"editor\",\"name\":\"e\",\"maxSize\":4}");
        FieldError e = f.validateValue("ééé");
        assertError(e, "validation_content_size_limit", "The maximum allowed content size is 4 bytes.");
        assertThat(e.params()).containsEntry("maxSize", 4L);
    }

    @Test
    void number() {
        Field f = field("{\"type\":\"number\",\"name\":\"n\",\"min\":2,\"max\":10.5,\"onlyInt\":true}");
        assertThat(f.validateValue(0.0)).as("zero is empty").isNull();
        assertError(f.validateValue(2.5), "validation_only_int_constraint", "Decimal numbers are not allowed.");
        FieldError min = f.validateValue(1.0);
        assertError(min, "validation_min_number_constraint", "Must be greater or equal than 2.");
        assertThat(min.params()).containsEntry("min", 2L);
        assertError(f.validateValue(11.0), "validation_max_number_constraint", "Must be less or equal than 10.5.");
        assertError(f.validateValue(Double.NaN), "validation_not_a_number", "The submitted number is not properly formatted.");
        Field required = field("{\"type\":\"number\",\"name\":\"n\",\"required\":true}");
        assertError(required.validateValue(0.0), "validation_required", "Cannot be blank.");
        assertThat(f.normalize(node("\"7\""))).isEqualTo(7.0);
        assertThat(f.setter("n+").apply(5.0, node("2"))).isEqualTo(7.0);
        assertThat(f.setter("n-").apply(5.0, node("\"2\""))).isEqualTo(3.0);
    }

    @Test
    void boolRequiredMeansTrue() {
        Field f = field("{\"type\":\"bool\",\"name\":\"b\",\"required\":true}");
        assertError(f.validateValue(false), "validation_required", "Cannot be blank.");
        assertThat(f.validateValue(f.normalize(node("\"t\"")))).isNull();
        assertThat(f.normalize(node("1"))).isEqualTo(true);
    }

    @Test
    void emailAndUrl() {
        Field email = field("{\"type\":\"email\",\"name\":\"e\",\"onlyDomains\":[\"example.com\"]}");
        assertError(email.validateValue("nope"), "validation_is_email", "Must be a valid email address.");
        assertError(email.validateValue("a@other.com"), "validation_email_domain_not_allowed", "Email domain is not allowed.");
        assertThat(email.validateValue("a@example.com")).isNull();
        Field url = field("{\"type\":\"url\",\"name\":\"u\",\"exceptDomains\":[\"bad.com\"]}");
        assertError(url.validateValue("not a url"), "validation_invalid_url", "Must be a valid url.");
        assertError(url.validateValue("https://bad.com/x"), "validation_url_domain_not_allowed", "Url domain is not allowed.");
        assertThat(url.validateValue("https://good.com/x?y=1")).isNull();
    }

    @Test
    void date() {
        Field f = field("{\"type\":\"date\",\"name\":\"d\",\"min\":\"2024-01-01 00:00:00.000Z\",\"max\":\"2024-12-31\"}");
        assertThat(f.normalize(node("\"2024-05-01T09:08:07Z\""))).isEqualTo("2024-05-01 09:08:07.000Z");
        assertThat(f.normalize(node("\"garbage\""))).isEqualTo("");
        assertThat(f.validateValue("2024-05-01 09:08:07.000Z")).isNull();
        FieldError min = f.validateValue("2023-05-01 09:08:07.000Z");
        assertError(min, "validation_min_greater_equal_than_required", "Must be no less than 2024-01-01 00:00:00 +0000 UTC.");
        assertThat(min.params()).containsEntry("threshold", "2024-01-01T00:00:00Z");
        assertThat(f.validateValue("2025-05-01 09:08:07.000Z").code()).isEqualTo("validation_max_less_equal_than_required");
    }

    @Test
    void autodateIgnoresClientValues() {
        Field f = field("{\"type\":\"autodate\",\"name\":\"created\",\"onCreate\":true}");
        assertThat(f.setter("created")).isNull();
    }

    @Test
    void selectSingleAndMultiple() {
        Field one = field("{\"type\":\"select\",\"name\":\"s\",\"values\":[\"a\",\"b\",\"c\"],\"maxSelect\":1}");
        assertThat(one.setter("s").apply("", node("[\"a\",\"b\"]"))).as("last wins").isEqualTo("b");
        FieldError invalid = one.validateValue("z");
        assertError(invalid, "validation_invalid_value", "Invalid value z.");
        assertThat(invalid.params()).isEqualTo(Map.of("value", "z"));
        Field many = field("{\"type\":\"select\",\"name\":\"s\",\"values\":[\"a\",\"b\",\"c\"],\"maxSelect\":2,\"required\":true}");
        assertThat(many.setter("s").apply(List.of(), node("\"[\\\"a\\\",\\\"a\\\",\\\"b\\\"]\""))).isEqualTo(List.of("a", "b"));
        assertThat(many.setter("+s").apply(List.of("a"), node("\"c\""))).isEqualTo(List.of("c", "a"));
        assertThat(many.setter("s+").apply(List.of("a"), node("[\"b\",\"a\"]"))).isEqualTo(List.of("a", "b"));
        assertThat(many.setter("s-").apply(List.of("a", "b"), node("\"a\""))).isEqualTo(List.of("b"));
        FieldError tooMany = many.validateValue(List.of("a", "b", "c"));
        assertError(tooMany, "validation_too_many_values", "Select no more than 2.");
        assertThat(tooMany.params()).containsEntry("maxSelect", 2L);
        assertError(many.validateValue(List.of()), "validation_required", "Cannot be blank.");
    }

    @Test
    void relationCounts() {
        Field f = field("{\"type\":\"relation\",\"name\":\"r\",\"collectionId\":\"x\",\"minSelect\":2,\"maxSelect\":3}");
        assertError(f.validateValue(List.of("a")), "validation_not_enough_values", "Select at least 2.");
        assertError(f.validateValue(List.of("a", "b", "c", "d")), "validation_too_many_values", "Select no more than 3.");
        assertThat(f.validateValue(List.of())).isNull();
    }

    @Test
    void json() {
        FieldJson f = (FieldJson) field("{\"type\":\"json\",\"name\":\"j\",\"maxSize\":10,\"required\":true}");
        assertThat(f.normalize(node("\"[1,2]\""))).isEqualTo(node("[1,2]"));
        assertThat(f.normalize(node("\"true\""))).isEqualTo(node("true"));
        assertThat(f.normalize(node("\"hello\""))).isEqualTo(node("\"hello\""));
        assertThat(f.normalize(node("\"{broken\""))).isEqualTo(node("\"{broken\""));
        assertThat(f.normalize(node("{\"a\":1}"))).isEqualTo(node("{\"a\":1}"));
        assertError(f.validateValue(node("[]")), "validation_required", "Cannot be blank.");
        assertError(f.validateValue(node("\"0123456789\"")), "validation_json_size_limit",
                "The maximum allowed JSON size is 10 bytes.");
    }

    @Test
    void geoPoint() {
        Field f = field("{\"type\":\"geoPoint\",\"name\":\"p\",\"required\":true}");
        assertError(f.validateValue(f.normalize(node("{\"lon\":0,\"lat\":0}"))), "validation_required", "Cannot be blank.");
        assertError(f.validateValue(f.normalize(node("{\"lon\":1,\"lat\":91}"))), "validation_invalid_latitude",
                "Latitude must be between -90 and 90 degrees.");
        assertError(f.validateValue(f.normalize(node("{\"lon\":-181,\"lat\":1}"))), "validation_invalid_longitude",
                "Longitude must be between -180 and 180 degrees.");
        assertThat(f.validateValue(f.normalize(node("{\"lon\":10,\"lat\":20}")))).isNull();
        // a point sent as a JSON string (a form or urlencoded value) is the point it holds
        assertThat(f.normalize(node("\"{\\\"lon\\\":12.5,\\\"lat\\\":41.9}\""))).isEqualTo(new GeoPoint(12.5, 41.9));
        assertThat(f.normalize("{\"lon\":1,\"lat\":2}")).isEqualTo(new GeoPoint(1, 2));
    }

    @Test
    void password() {
        FieldPassword f = (FieldPassword) field("{\"type\":\"password\",\"name\":\"password\",\"min\":8,\"required\":true,\"pattern\":\"[0-9]\"}");
        assertError(f.validatePlain("short"), "validation_min_text_constraint", "Must be at least 8 character(s).");
        assertError(f.validatePlain("x".repeat(72)), "validation_max_text_constraint", "Must be less than 71 character(s).");
        assertError(f.validatePlain("abcdefghij"), "validation_invalid_format", "Invalid value format.");
        assertThat(f.validatePlain("abcdefgh1")).isNull();
        assertError(f.validateValue(""), "validation_required", "Cannot be blank.");
        assertThat(f.toJsonValue("$2a$hash").asString()).isEmpty();
    }

    @Test
    void files() {
        FieldFile f = (FieldFile) field("{\"type\":\"file\",\"name\":\"f\",\"maxSelect\":2,\"maxSize\":5,\"mimeTypes\":[\"image/png\"]}");
        UploadedFile small = UploadedFile.named("a.txt", "a_1234567890.txt", "hi".getBytes(StandardCharsets.UTF_8));
        UploadedFile big = UploadedFile.named("big.txt", "big_1234567890.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
        assertThat(f.setter("f+").apply(FieldFile.items(List.of("old.png")), List.of(small)))
                .isEqualTo(List.of("old.png", small));
        assertThat(f.setter("f-").apply(FieldFile.items(List.of("old.png", "x.png")), node("[\"old.png\"]")))
                .isEqualTo(List.of("x.png"));
        FieldError invalid = f.validateItems(List.of("forged.png"), List.of());
        assertError(invalid, "validation_invalid_file", "Invalid new files: [forged.png].");
        assertThat(invalid.params()).containsEntry("invalidFiles", List.of("forged.png"));
        assertError(f.validateItems(List.of("a", "b", "c"), List.of("a", "b", "c")), "validation_too_many_files",
                "The maximum allowed files is 2.");
        assertError(f.validateItems(List.of(big), List.of()), "validation_file_size_limit",
                "Failed to upload big.txt - the maximum allowed file size is 5 bytes.");
        assertError(f.validateItems(List.of(small), List.of()), "validation_invalid_mime_type",
                "\"a_1234567890.txt\" mime type must be one of: image/png.");
    }
}
