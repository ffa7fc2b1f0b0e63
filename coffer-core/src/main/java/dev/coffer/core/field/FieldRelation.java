package dev.coffer.core.field;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** References to records of another (or the same) collection by id. */
public final class FieldRelation extends Field {

    /** The type name. */
    public static final String TYPE = "relation";

    private final String help;
    private final String collectionId;
    private final boolean cascadeDelete;
    private final long minSelect;
    private final long maxSelect;
    private final boolean required;

    FieldRelation(ObjectNode json) {
        super(json);
        help = text(json, "help");
        collectionId = text(json, "collectionId");
        cascadeDelete = bool(json, "cascadeDelete");
        minSelect = integer(json, "minSelect");
        maxSelect = integer(json, "maxSelect");
        required = bool(json, "required");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The id of the referenced collection. */
    public String collectionId() {
        return collectionId;
    }

    /** Whether deleting the referenced record deletes the referencing one. */
    public boolean cascadeDelete() {
        return cascadeDelete;
    }

    /** The fewest ids a non-empty value may hold. */
    public long minSelect() {
        return minSelect;
    }

    /** The most ids a record may hold (≤ 1 means a single relation). */
    public long maxSelect() {
        return maxSelect;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public boolean isMultiple() {
        return maxSelect > 1;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.listValue(raw, isMultiple());
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return Coerce.listJson(value, isMultiple());
    }

    @Override
    public Object zeroValue() {
        return isMultiple() ? List.of() : "";
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("cascadeDelete", cascadeDelete);
        out.put("collectionId", collectionId);
        out.put("help", help);
        out.put("maxSelect", maxSelect);
        out.put("minSelect", minSelect);
        out.put("required", required);
    }
}
