package dev.coffer.core.field;

import dev.coffer.tools.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The lenient value conversions PocketBase applies to raw database and request values. */
public final class Coerce {

    private Coerce() {}

    /** Any scalar as a string; null as {@code ""}; integral numbers without a fraction. */
    public static String toText(Object raw) {
        if (raw == null) {
            return "";
        }
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof Double || raw instanceof Float || raw instanceof BigDecimal) {
            return formatNumber(((Number) raw).doubleValue());
        }
        if (raw instanceof JsonNode n) {
            return n.isString() ? n.asString() : n.isNull() ? "" : n.isNumber() ? formatNumber(n.asDouble()) : n.toString();
        }
        return raw.toString();
    }

    /** A number; booleans as 0/1; unparsable or null input as 0. */
    public static double toNumber(Object raw) {
        if (raw == null) {
            return 0;
        }
        if (raw instanceof Number n) {
            return n.doubleValue();
        }
        if (raw instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (raw instanceof JsonNode n) {
            if (n.isNumber()) {
                return n.asDouble();
            }
            if (n.isBoolean()) {
                return n.booleanValue() ? 1 : 0;
            }
            return n.isString() ? toNumber(n.asString()) : 0;
        }
        try {
            double d = Double.parseDouble(raw.toString().trim());
            return Double.isFinite(d) ? d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A boolean the way Go's lenient cast reads it ({@code 1, t, true, ...}); anything else false. */
    public static boolean toBool(Object raw) {
        if (raw == null) {
            return false;
        }
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (raw instanceof JsonNode n) {
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            if (n.isNumber()) {
                return n.asDouble() != 0;
            }
            return n.isString() && toBool(n.asString());
        }
        return switch (raw.toString().trim()) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            default -> false;
        };
    }

    /**
     * A list of unique non-empty strings from a list, a JSON array (node or text) or a single value.
     */
    public static List<String> toStringList(Object raw) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        collect(raw, out);
        out.remove("");
        return List.copyOf(new ArrayList<>(out));
    }

    private static void collect(Object raw, Collection<String> out) {
        if (raw == null) {
            return;
        }
        if (raw instanceof Collection<?> c) {
            c.forEach(v -> out.add(toText(v)));
            return;
        }
        if (raw instanceof JsonNode n) {
            if (n.isArray()) {
                n.forEach(v -> out.add(toText(v)));
            } else if (!n.isNull()) {
                collect(toText(n), out);
            }
            return;
        }
        String s = toText(raw).trim();
        if (s.startsWith("[")) {
            try {
                JsonNode parsed = Json.parse(s);
                if (parsed.isArray()) {
                    parsed.forEach(v -> out.add(toText(v)));
                    return;
                }
            } catch (IllegalArgumentException ignored) {
                // not a JSON array: a plain value
            }
        }
        out.add(toText(raw));
    }

    /** A JSON value from raw database text ({@code null} when empty or invalid). */
    public static JsonNode toJson(Object raw) {
        if (raw == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (raw instanceof JsonNode n) {
            return n;
        }
        String s = toText(raw);
        if (s.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return Json.parse(s);
        } catch (IllegalArgumentException e) {
            return JsonNodeFactory.instance.stringNode(s);
        }
    }

    /** The JSON number PocketBase prints: integral values without a fraction. */
    public static JsonNode numberNode(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return JsonNodeFactory.instance.numberNode((long) d);
        }
        return JsonNodeFactory.instance.numberNode(d);
    }

    /** A number as text, integral values without a fraction. */
    public static String formatNumber(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    /**
     * The value of a select, relation or file field: a list for multi-value fields, else the last item
     * (or {@code ""}).
     */
    public static Object listValue(Object raw, boolean multiple) {
        List<String> items = toStringList(raw);
        if (multiple) {
            return items;
        }
        return items.isEmpty() ? "" : items.get(items.size() - 1);
    }

    /** The JSON form of a select, relation or file value: an array for multi-value fields, else a string. */
    public static JsonNode listJson(Object value, boolean multiple) {
        if (multiple) {
            var arr = JsonNodeFactory.instance.arrayNode();
            toStringList(value).forEach(arr::add);
            return arr;
        }
        return JsonNodeFactory.instance.stringNode(value instanceof List<?> ? toText(listValue(value, false)) : toText(value));
    }
}
