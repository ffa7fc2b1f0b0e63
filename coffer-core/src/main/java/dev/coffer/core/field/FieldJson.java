package dev.coffer.core.field;

import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Any JSON value, with a size limit. */
public final class FieldJson extends Field {

    /** The type name. */
    public static final String TYPE = "json";
    /** The max size in bytes used when {@code maxSize} is 0. */
    public static final long DEFAULT_MAX_SIZE = 1L << 20;

    private final long maxSize;

    FieldJson(ObjectNode json) {
        super(json);
        maxSize = integer(json, "maxSize");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Max serialised size in bytes (0 = {@value #DEFAULT_MAX_SIZE}). */
    public long maxSize() {
        return maxSize;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.toJson(raw);
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return value instanceof JsonNode n ? n : Coerce.toJson(value);
    }

    @Override
    public Object zeroValue() {
        return JsonNodeFactory.instance.nullNode();
    }

    private static final List<String> EMPTY_VALUES = List.of("null", "\"\"", "[]", "{}", "");

    /**
     * Any JSON value is stored as it is, except a string that is itself JSON (it starts with a digit,
     * {@code -}, a quote, a bracket or brace, or is {@code null}/{@code true}/{@code false}) which is stored
     * as the value it encodes.
     */
    @Override
    public Object normalize(Object raw) {
        if (raw instanceof JsonNode n && !n.isString()) {
            return n;
        }
        if (raw == null) {
            return JsonNodeFactory.instance.nullNode();
        }
        if (!(raw instanceof String) && !(raw instanceof JsonNode)) {
            return Json.MAPPER.valueToTree(raw);
        }
        String s = raw instanceof JsonNode n ? n.asString() : (String) raw;
        String t = s.trim();
        if (!t.isEmpty() && (Character.isDigit(t.charAt(0)) || "-\"[{".indexOf(t.charAt(0)) >= 0
                || t.equals("null") || t.equals("true") || t.equals("false"))) {
            try {
                return Json.parse(t);
            } catch (IllegalArgumentException e) {
                // not JSON after all: kept as a string
            }
        }
        return JsonNodeFactory.instance.stringNode(s);
    }

    @Override
    public FieldError validateValue(Object value) {
        JsonNode n = value instanceof JsonNode j ? j : Coerce.toJson(value);
        String raw = n.isNull() ? "null" : Json.write(n);
        long limit = maxSize <= 0 ? DEFAULT_MAX_SIZE : maxSize;
        if (raw.getBytes(StandardCharsets.UTF_8).length > limit) {
            return FieldErrors.jsonSizeLimit(limit);
        }
        return required() && EMPTY_VALUES.contains(raw.trim()) ? FieldErrors.required() : null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help());
        out.put("maxSize", maxSize);
        out.put("required", required());
    }
}
