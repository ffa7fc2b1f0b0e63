package dev.coffer.core.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Submitted data failed validation. {@link #errors()} maps a field name to a {@link FieldError}, or to a
 * nested map of the same shape for nested structures. The API layer turns it into a 400 whose {@code data}
 * is that map.
 */
public final class ValidationException extends RuntimeException {

    private final transient Map<String, Object> errors;

    /** A failure with these field errors (values are {@link FieldError} or nested maps). */
    public ValidationException(Map<String, ?> errors) {
        super("validation failed: " + errors.keySet());
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    /** A failure of one field. */
    public static ValidationException of(String field, FieldError error) {
        return new ValidationException(Map.of(field, error));
    }

    /** The errors by field name. */
    public Map<String, Object> errors() {
        return errors;
    }
}
