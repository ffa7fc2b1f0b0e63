package dev.coffer.core.inspect;

import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldBool;
import dev.coffer.core.field.FieldDate;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.field.FieldMultiValue;
import dev.coffer.core.field.FieldNumber;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Turns a sample value into the value a record create takes for a field, as a client would send it: JSON values
 * as they are, CSV text through the field type's own conversion, with three exceptions where that conversion
 * would silently lose data from a file: text that is no number for a number field, no boolean word ({@code true,
 * false, yes, no, 1, 0, t, f, y, n}) for a bool field or no date for a date field is refused with the field's
 * error, and a boolean word is converted the way {@link SampleInference} read it. A multi-value field takes a
 * JSON array text or comma-separated values; a json field takes JSON text, or keeps other text as a string.
 */
final class ImportValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ImportValues() {}

    /**
     * The value for a field, or a {@link FieldError} when the text can't be one; null for an empty value (the
     * field is then left unset, as a client leaving it out).
     */
    static Object convert(Field field, JsonNode raw) {
        if (raw == null || raw.isNull() || (raw.isString() && raw.asString().isEmpty())) {
            return null;
        }
        if (!raw.isString()) {
            return raw;
        }
        String s = raw.asString();
        return switch (field) {
            case FieldNumber n -> number(s.strip());
            case FieldBool b -> bool(s);
            case FieldDate d -> date(s.strip());
            case FieldJson j -> Json.isValid(s) ? Json.parse(s) : raw;
            case FieldMultiValue m when m.isMultiple() -> list(s);
            default -> raw;
        };
    }

    private static Object number(String s) {
        if (!isDecimal(s)) {
            return FieldErrors.notANumber();
        }
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? NODES.numberNode(d) : FieldErrors.notANumber();
    }

    /**
     * Whether the text is a decimal number: an optional sign, digits with an optional fraction (or a fraction
     * alone), an optional exponent; no hex, {@code NaN} or {@code Infinity}, which Java's parser would take.
     */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponent = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == exponent) {
                return false;
            }
        }
        return i == n;
    }

    private static Object bool(String s) {
        Boolean word = TextShapes.bool(s);
        if (word != null) {
            return NODES.booleanNode(word);
        }
        return switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "t", "y" -> NODES.booleanNode(true);
            case "0", "f", "n" -> NODES.booleanNode(false);
            default -> FieldErrors.invalidValue();
        };
    }

    private static Object date(String s) {
        String iso = TextShapes.date(s);
        String normalized = iso != null ? iso : DateTime.normalize(s);
        return normalized.isEmpty() ? FieldErrors.invalidValue() : NODES.stringNode(normalized);
    }

    private static Object list(String s) {
        if (s.strip().startsWith("[") && Json.isValid(s)) {
            return Json.parse(s);
        }
        ArrayNode out = NODES.arrayNode();
        Arrays.stream(s.split(",")).map(String::strip).filter(v -> !v.isEmpty()).forEach(out::add);
        return out;
    }
}
