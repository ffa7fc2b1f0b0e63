package dev.coffer.core.field;

import dev.coffer.tools.types.DateTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A datetime the server sets on create and/or update; client values are ignored. */
public final class FieldAutodate extends Field {

    /** The type name. */
    public static final String TYPE = "autodate";

    private final boolean onCreate;
    private final boolean onUpdate;

    FieldAutodate(ObjectNode json) {
        super(json);
        onCreate = bool(json, "onCreate");
        onUpdate = bool(json, "onUpdate");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Whether the value is set when a record is created. */
    public boolean onCreate() {
        return onCreate;
    }

    /** Whether the value is set whenever a record is updated. */
    public boolean onUpdate() {
        return onUpdate;
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

    /** Client-submitted values are ignored: autodates are set only by the server. */
    @Override
    public FieldSetter setter(String key) {
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("onCreate", onCreate);
        out.put("onUpdate", onUpdate);
    }
}
