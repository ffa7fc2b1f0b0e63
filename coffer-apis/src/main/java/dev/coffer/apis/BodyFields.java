package dev.coffer.apis;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads the members of the small form bodies of the auth, OAuth2 and settings endpoints. */
final class BodyFields {

    /** The message of a body that can't be read into the form. */
    static final String LOAD_ERROR = "An error occurred while loading the submitted data.";
    /** The message of a form whose fields failed validation. */
    static final String VALIDATE_ERROR = "An error occurred while validating the submitted data.";

    private BodyFields() {}

    /**
     * A text member ({@code ""} when absent or null). Numbers and booleans read as their text, since form
     * bodies infer them from strings; objects and arrays are a 400 load error.
     */
    static String text(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return "";
        }
        if (v.isString() || v.isNumber() || v.isBoolean()) {
            return v.asString();
        }
        throw ApiError.badRequest(LOAD_ERROR);
    }
}
