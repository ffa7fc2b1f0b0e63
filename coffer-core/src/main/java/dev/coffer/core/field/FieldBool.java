package dev.coffer.core.field;

import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A boolean; {@code required} means it must be true. */
public final class FieldBool extends Field {

    /** The type name. */
    public static final String TYPE = "bool";

    FieldBool(ObjectNode json) {
        super(json);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.toBool(raw);
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return JsonNodeFactory.instance.booleanNode(Coerce.toBool(value));
    }

    @Override
    public Object zeroValue() {
        return Boolean.FALSE;
    }

    @Override
    public FieldError validateValue(Object value) {
        return required() && !Coerce.toBool(value) ? FieldErrors.required() : null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help());
        out.put("required", required());
    }
}
