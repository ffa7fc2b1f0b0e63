package dev.coffer.apis;

import java.util.regex.Pattern;
import tools.jackson.databind.node.ObjectNode;

/** Reads and checks the small bodies of the auth flow endpoints, with PocketBase's codes and messages. */
final class AuthFlowInput {

    static final String LOAD_ERROR = BodyFields.LOAD_ERROR;
    static final String VALIDATE_ERROR = BodyFields.VALIDATE_ERROR;

    private static final Pattern EMAIL = Pattern.compile(
            "^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");

    private AuthFlowInput() {}

    /** A text member of the body; see {@link BodyFields#text}. */
    static String text(ObjectNode body, String key) {
        return BodyFields.text(body, key);
    }

    /**
     * Checks a required text of at most {@code max} characters (and at least {@code min} when given).
     *
     * @return whether the value passed
     */
    static boolean requireLength(FieldErrors errors, String field, String value, int min, int max) {
        if (value.isEmpty()) {
            errors.add(field, FieldErrors.REQUIRED, "Cannot be blank.");
            return false;
        }
        int n = value.codePointCount(0, value.length());
        if (n < min || n > max) {
            errors.add(field, FieldErrors.LENGTH_OUT_OF_RANGE, "The length must be between " + min + " and " + max + ".");
            return false;
        }
        return true;
    }

    /**
     * Checks a required email address of at most 255 characters.
     *
     * @return whether the value passed
     */
    static boolean requireEmail(FieldErrors errors, String field, String value) {
        if (!requireLength(errors, field, value, 1, 255)) {
            return false;
        }
        if (!EMAIL.matcher(value).matches()) {
            errors.add(field, "validation_is_email", "Must be a valid email address.");
            return false;
        }
        return true;
    }
}
