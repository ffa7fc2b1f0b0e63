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

    /**
     * The errors as one line, PocketBase's way: {@code name: message; other: (inner: message).}, for logs and
     * command output.
     */
    public String describe() {
        return describe(errors) + ".";
    }

    private static String describe(Map<?, ?> errors) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<?, ?> e : new java.util.TreeMap<>(errors).entrySet()) {
            if (!out.isEmpty()) {
                out.append("; ");
            }
            out.append(e.getKey()).append(": ");
            if (e.getValue() instanceof FieldError f) {
                out.append(f.message());
            } else if (e.getValue() instanceof Map<?, ?> inner) {
                out.append('(').append(describe(inner)).append(')');
            } else {
                out.append(e.getValue());
            }
        }
        return out.toString();
    }

    /** The errors by field name. */
    public Map<String, Object> errors() {
        return errors;
    }
}
