package dev.coffer.core.field;

import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import dev.coffer.tools.types.DateTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A datetime in PocketBase's layout, optionally bounded. */
public final class FieldDate extends Field {

    /** The type name. */
    public static final String TYPE = "date";

    private final String min;
    private final String max;

    FieldDate(ObjectNode json) {
        super(json);
        min = DateTime.normalize(text(json, "min"));
        max = DateTime.normalize(text(json, "max"));
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The earliest accepted datetime, or {@code ""}. */
    public String min() {
        return min;
    }

    /** The latest accepted datetime, or {@code ""}. */
    public String max() {
        return max;
    }

    @Override
    public Object fromDb(Object raw) {
        return DateTime.normalize(Coerce.toText(raw));
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
        String v = DateTime.normalize(Coerce.toText(value));
        if (v.isEmpty()) {
            return required() ? FieldErrors.required() : null;
        }
        if (!min.isEmpty() && v.compareTo(min) < 0) {
            return FieldErrors.minDate(DateTime.parse(min).orElseThrow());
        }
        if (!max.isEmpty() && v.compareTo(max) > 0) {
            return FieldErrors.maxDate(DateTime.parse(max).orElseThrow());
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help());
        out.put("max", max);
        out.put("min", min);
        out.put("required", required());
    }
}
