package dev.coffer.tools.subscriptions;

import dev.coffer.tools.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The options of a subscription, from its {@code ?options=<url-encoded JSON>} suffix:
 * {@code {"query":{...},"headers":{...}}}, every value kept as text.
 *
 * @param query query parameters the subscriber wants applied (filter, expand, fields, or rule inputs)
 * @param headers headers the subscriber wants rules to see
 */
public record SubscriptionOptions(Map<String, String> query, Map<String, String> headers) {

    private static final String OPTIONS_PARAM = "options";

    /** No options. */
    public static final SubscriptionOptions NONE = new SubscriptionOptions(Map.of(), Map.of());

    /** Copies the maps so the value is immutable. */
    public SubscriptionOptions {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The options of a subscription string; malformed or absent options read as {@link #NONE}. */
    public static SubscriptionOptions of(String subscription) {
        int q = subscription.indexOf('?');
        if (q < 0) {
            return NONE;
        }
        String raw = queryValue(subscription.substring(q + 1));
        if (raw == null || raw.isEmpty()) {
            return NONE;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            return new SubscriptionOptions(texts(node.path("query")), texts(node.path("headers")));
        } catch (JacksonException e) {
            return NONE;
        }
    }

    private static String queryValue(String queryString) {
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equals(OPTIONS_PARAM)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static Map<String, String> texts(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        if (object.isObject()) {
            object.properties().forEach(e -> {
                JsonNode v = e.getValue();
                if (!v.isNull()) {
                    out.put(e.getKey(), v.isValueNode() ? v.asString() : Json.MAPPER.writeValueAsString(v));
                }
            });
        }
        return out;
    }
}
