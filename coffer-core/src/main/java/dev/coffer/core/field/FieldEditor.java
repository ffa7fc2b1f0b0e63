package dev.coffer.core.field;

import java.nio.charset.StandardCharsets;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Rich text (HTML) with a size limit. */
public final class FieldEditor extends Field {

    /** The type name. */
    public static final String TYPE = "editor";
    /** The max size in bytes used when {@code maxSize} is 0. */
    public static final long DEFAULT_MAX_SIZE = 5L << 20;

    private final long maxSize;
    private final boolean convertUrls;

    FieldEditor(ObjectNode json) {
        super(json);
        maxSize = integer(json, "maxSize");
        convertUrls = bool(json, "convertURLs");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Max size in bytes (0 = {@value #DEFAULT_MAX_SIZE}). */
    public long maxSize() {
        return maxSize;
    }

    /** Whether the dashboard editor converts URLs to relative ones. */
    public boolean convertUrls() {
        return convertUrls;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.toText(raw);
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return JsonNodeFactory.instance.stringNode(Coerce.toText(value));
    }

    @Override
    public Object zeroValue() {
        return "";
    }

    @Override
    public FieldError validateValue(Object value) {
        String v = Coerce.toText(value);
        if (required() && v.isEmpty()) {
            return FieldErrors.required();
        }
        long limit = maxSize <= 0 ? DEFAULT_MAX_SIZE : maxSize;
        if (v.getBytes(StandardCharsets.UTF_8).length > limit) {
            return FieldErrors.contentSizeLimit(limit);
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("convertURLs", convertUrls);
        out.put("help", help());
        out.put("maxSize", maxSize);
        out.put("required", required());
    }
}
