package dev.coffer.core.validation;

import java.util.Map;
import java.util.Objects;

/**
 * One validation failure of a value: PocketBase's stable snake_case code, the sentence shown to users and
 * optional parameters (such as {@code {"max": 10}}).
 */
public record FieldError(String code, String message, Map<String, Object> params) {

    /** Checks the parts and copies the parameters. */
    public FieldError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** An error without parameters. */
    public static FieldError of(String code, String message) {
        return new FieldError(code, message, Map.of());
    }
}
