package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code @request.*} values of a request for the {@link RecordFieldResolver}: nested lookups in
 * the query, headers, body and plain auth fields, and the conversion of found values to SQL parameters.
 */
final class RequestValues {

    /** The marker of a present key whose value is null. */
    private static final Object NULL = new Object();

    private RequestValues() {}

    /**
     * The value at a path such as {@code ["body", "data", "items", "0"]}, or empty when a key is missing;
     * a present key with a null value is present.
     */
    static Optional<Object> lookup(RequestInfo info, String[] path) {
        Object root = switch (path[0]) {
            case "context" -> info.context();
            case "method" -> info.method();
            case "query" -> info.query();
            case "headers" -> info.headers();
            case "body" -> info.body();
            case "auth" -> authValues(info.auth());
            default -> null;
        };
        if (root == null) {
            return Optional.empty();
        }
        Object current = root;
        for (int i = 1; i < path.length; i++) {
            String key = path[0].equals("headers") ? path[i].toLowerCase(Locale.ROOT) : path[i];
            Optional<Object> next = child(current, key);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    private static Map<String, Object> authValues(Record auth) {
        if (auth == null) {
            return null;
        }
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("id", auth.id());
        values.put("collectionId", auth.collection().id());
        values.put("collectionName", auth.collection().name());
        values.put("email", auth.email());
        values.put("emailVisibility", auth.emailVisibility());
        values.put("verified", auth.verified());
        return values;
    }

    private static Optional<Object> child(Object container, String key) {
        switch (container) {
            case Map<?, ?> map -> {
                return map.containsKey(key) ? Optional.of(orNull(map.get(key))) : Optional.empty();
            }
            case List<?> list -> {
                int index = index(key);
                return index >= 0 && index < list.size() ? Optional.of(orNull(list.get(index))) : Optional.empty();
            }
            case JsonNode node when node.isObject() -> {
                return node.has(key) ? Optional.of(node.get(key)) : Optional.empty();
            }
            case JsonNode node when node.isArray() -> {
                int index = index(key);
                return index >= 0 && index < node.size() ? Optional.of(node.get(index)) : Optional.empty();
            }
            case String text when text.startsWith("{") || text.startsWith("[") -> {
                try {
                    return child(Json.parse(text), key);
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Object orNull(Object value) {
        return value == null ? NULL : value;
    }

    private static int index(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A found value as an SQL parameter: text, number, boolean, JSON text for structures, or null. */
    static Object sqlValue(Object value) {
        return switch (value) {
            case null -> null;
            case Object o when o == NULL -> null;
            case String s -> s;
            case Boolean b -> b;
            case Number n -> n;
            case JsonNode n when n.isNull() || n.isMissingNode() -> null;
            case JsonNode n when n.isBoolean() -> n.booleanValue();
            case JsonNode n when n.isNumber() -> n.isIntegralNumber() && n.canConvertToLong() ? (Object) n.longValue()
                    : (Object) n.doubleValue();
            case JsonNode n when n.isString() -> n.asString();
            case Enum<?> e -> e.toString();
            default -> Json.write(value);
        };
    }

    /** A value as text, empty for null (the {@code :lower} of a body value). */
    static String text(Object value) {
        Object v = sqlValue(value);
        return v == null ? "" : v.toString();
    }

    /** The items of a submitted value: a list or JSON array item by item, any other non-null value alone. */
    static List<Object> items(Object value) {
        return switch (value) {
            case null -> List.of();
            case List<?> list -> new ArrayList<>(list);
            case Object[] array -> Arrays.asList(array);
            case JsonNode n when n.isNull() -> List.of();
            case JsonNode n when n.isArray() -> {
                List<Object> out = new ArrayList<>();
                n.forEach(out::add);
                yield out;
            }
            default -> List.of(value);
        };
    }

    /** The items of a submitted value as JSON array text. */
    static String jsonArray(Object value) {
        var array = Json.array();
        for (Object item : items(value)) {
            Object v = sqlValue(item);
            switch (v) {
                case null -> array.addNull();
                case Boolean b -> array.add(b);
                case Long n -> array.add(n);
                case Integer n -> array.add(n);
                case Number n -> array.add(n.doubleValue());
                default -> array.add(v.toString());
            }
        }
        return Json.write(array);
    }

    /** The distinct non-empty texts of a submitted value (relation ids), in order. */
    static List<String> uniqueStrings(Object value) {
        Object source = value;
        if (value instanceof String s && s.startsWith("[")) {
            try {
                source = Json.parse(s);
            } catch (RuntimeException e) {
                source = value;
            }
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (Object item : items(source)) {
            String text = text(item);
            if (!text.isEmpty()) {
                out.add(text);
            }
        }
        return List.copyOf(out);
    }
}
