package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one error shape of the API: {@code {"data":{...},"message":"...","status":N}}. The message is
 * sentenised (capitalised, ending with a period); {@code data} holds field errors and is always an object, its
 * keys sorted at every level as PocketBase writes them.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ObjectNode data;

    /** Creates an error; a blank message takes the status's default. */
    public ApiError(int status, String message, ObjectNode data) {
        super(sentenize(message == null || message.isBlank() ? defaultMessage(status) : message));
        this.status = status;
        // PocketBase's error data are Go maps, which it writes with their keys sorted, at every level
        this.data = data == null ? Json.object() : Json.sortedKeys(data);
    }

    /** 400 with field errors. */
    public static ApiError badRequest(String message, ObjectNode data) {
        return new ApiError(400, message, data);
    }

    /** 400 without field errors. */
    public static ApiError badRequest(String message) {
        return new ApiError(400, message, null);
    }

    /** 401. */
    public static ApiError unauthorized(String message) {
        return new ApiError(401, message, null);
    }

    /** 403. */
    public static ApiError forbidden(String message) {
        return new ApiError(403, message, null);
    }

    /** 404. */
    public static ApiError notFound(String message) {
        return new ApiError(404, message, null);
    }

    /** 500; the cause is logged by the caller, never shown. */
    public static ApiError internal(String message) {
        return new ApiError(500, message, null);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The field errors (a copy). */
    public ObjectNode data() {
        return data.deepCopy();
    }

    /** The JSON body. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.set("data", data.deepCopy());
        out.put("message", getMessage());
        out.put("status", status);
        return out;
    }

    /** PocketBase's default message for a status. */
    public static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Missing or invalid authentication.";
            case 403 -> "You are not allowed to perform this request.";
            case 404 -> "The requested resource wasn't found.";
            case 413 -> "Request entity too large.";
            case 429 -> "Too Many Requests.";
            default -> "Something went wrong while processing your request.";
        };
    }

    /** Upper-cases the first letter and appends a period unless the text ends with {@code . ? !}. */
    static String sentenize(String s) {
        String t = s.trim();
        if (t.isEmpty()) {
            return t;
        }
        t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
        char last = t.charAt(t.length() - 1);
        if (last != '.' && last != '?' && last != '!') {
            t = t + ".";
        }
        return t;
    }
}
