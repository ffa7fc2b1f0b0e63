package dev.coffer.core;

import dev.coffer.core.record.Record;
import java.util.Map;

/**
 * What a rule may read of the current request: {@code @request.auth}, {@code .query}, {@code .headers},
 * {@code .body}, {@code .method} and {@code .context}.
 *
 * @param auth the authenticated record, or null for a guest
 * @param query query parameters (first value of each)
 * @param headers header values by snake-cased lower-case name
 * @param body the submitted body values
 * @param method the HTTP method in upper case
 * @param context where the check runs: {@code default}, {@code password}, {@code oauth2}, {@code realtime}, …
 */
public record RequestInfo(Record auth, Map<String, String> query, Map<String, String> headers,
        Map<String, Object> body, String method, String context) {

    /** The default context. */
    public static final String CONTEXT_DEFAULT = "default";

    /** Copies the maps so the value is immutable. */
    public RequestInfo {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        body = body == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(body));
        method = method == null ? "GET" : method;
        context = context == null ? CONTEXT_DEFAULT : context;
    }

    /** A request with no auth, query, headers or body. */
    public static RequestInfo empty() {
        return new RequestInfo(null, Map.of(), Map.of(), Map.of(), "GET", CONTEXT_DEFAULT);
    }

    /** Whether the request is made by a superuser. */
    public boolean isSuperuser() {
        return auth != null && auth.isSuperuser();
    }

    /** A copy with another body (such as the submitted data after modifiers were resolved). */
    public RequestInfo withBody(Map<String, Object> value) {
        return new RequestInfo(auth, query, headers, value, method, context);
    }

    /** A copy with another auth record. */
    public RequestInfo withAuth(Record record) {
        return new RequestInfo(record, query, headers, body, method, context);
    }

    /** A copy with another context. */
    public RequestInfo withContext(String value) {
        return new RequestInfo(auth, query, headers, body, method, value);
    }
}
