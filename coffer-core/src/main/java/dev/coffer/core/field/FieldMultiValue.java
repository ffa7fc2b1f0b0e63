package dev.coffer.core.field;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A field holding one value or a list of values depending on {@code maxSelect} (select, relation, file):
 * a single value is stored as text, several as a JSON array, and a list written to a single field keeps its
 * last item.
 */
public abstract sealed class FieldMultiValue extends Field permits FieldSelect, FieldRelation, FieldFile {

    private final long maxSelect;

    /** Reads the common keys and {@code maxSelect}. */
    protected FieldMultiValue(ObjectNode json) {
        super(json);
        maxSelect = integer(json, "maxSelect");
    }

    /** The most values a record may hold (≤ 1 means a single value). */
    public long maxSelect() {
        return maxSelect;
    }

    /** The most values a record may hold, at least 1. */
    public long effectiveMaxSelect() {
        return Math.max(maxSelect, 1);
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

    /** Text values with the {@code +f}, {@code f+} and {@code f-} modifiers. */
    @Override
    public FieldSetter setter(String key) {
        return ListModifiers.forKey(name(), key, ListModifiers::strings, this::fromItems);
    }

    /** The field value for resolved items: the list, or the last item (or {@code ""}) for a single value. */
    protected Object fromItems(List<Object> items) {
        List<String> names = items.stream().map(Coerce::toText).toList();
        if (isMultiple()) {
            return names;
        }
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }
}
