package dev.coffer.core.field;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Any JSON value, with a size limit. */
public final class FieldJson extends Field {

    /** The type name. */
    public static final String TYPE = "json";
    /** The max size in bytes used when {@code maxSize} is 0. */
    public static final long DEFAULT_MAX_SIZE = 1L << 20;

    private final String help;
    private final long maxSize;
    private final boolean required;

    FieldJson(ObjectNode json) {
        super(json);
        help = text(json, "help");
        maxSize = integer(json, "maxSize");
        required = bool(json, "required");
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
    public boolean required() {
        return required;
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

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help);
        out.put("maxSize", maxSize);
        out.put("required", required);
    }
}
