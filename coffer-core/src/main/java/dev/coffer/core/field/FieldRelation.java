package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** References to records of another (or the same) collection by id. */
public final class FieldRelation extends FieldMultiValue {

    /** The type name. */
    public static final String TYPE = "relation";

    private final String collectionId;
    private final boolean cascadeDelete;
    private final long minSelect;

    FieldRelation(ObjectNode json) {
        super(json);
        collectionId = text(json, "collectionId");
        cascadeDelete = bool(json, "cascadeDelete");
        minSelect = integer(json, "minSelect");
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

    @Override
    public FieldError validateValue(Object value) {
        List<String> ids = Coerce.toStringList(value);
        if (ids.isEmpty()) {
            return required() ? FieldErrors.required() : null;
        }
        if (minSelect > 0 && ids.size() < minSelect) {
            return FieldErrors.notEnoughValues(minSelect);
        }
        long limit = effectiveMaxSelect();
        if (ids.size() > limit) {
            return FieldErrors.tooManyValues(limit);
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("cascadeDelete", cascadeDelete);
        out.put("collectionId", collectionId);
        out.put("help", help());
        out.put("maxSelect", maxSelect());
        out.put("minSelect", minSelect);
        out.put("required", required());
    }
}
