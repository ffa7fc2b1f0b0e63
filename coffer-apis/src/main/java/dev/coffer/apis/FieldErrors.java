package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code data} of a validation error: field name to {@code {code, message}}. Codes and their
 * default messages are the stable snake_case ones PocketBase uses, kept here in one place.
 */
public final class FieldErrors {

    /** A value is missing. */
    public static final String REQUIRED = "validation_required";
    /** A value is not among the allowed ones. */
    public static final String IN_INVALID = "validation_in_invalid";
    /** A text is too long. */
    public static final String LENGTH_OUT_OF_RANGE = "validation_length_out_of_range";
    /** A value has the wrong form. */
    public static final String INVALID_VALUE = "validation_invalid_value";

    private final ObjectNode data = Json.object();

    /** Adds an error for a field. */
    public FieldErrors add(String field, String code, String message) {
        ObjectNode e = data.putObject(field);
        e.put("code", code);
        e.put("message", message);
        return this;
    }

    /** Whether no error was added. */
    public boolean isEmpty() {
        return data.isEmpty();
    }

    /** The errors as the {@code data} object. */
    public ObjectNode toJson() {
        return data.deepCopy();
    }

    /** Throws a 400 with these errors when there are any. */
    public void throwIfAny(String message) {
        if (!isEmpty()) {
            throw ApiError.badRequest(message, toJson());
        }
    }
}
