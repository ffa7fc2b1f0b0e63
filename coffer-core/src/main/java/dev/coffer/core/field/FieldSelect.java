package dev.coffer.core.field;

import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** One or more values picked from a fixed list. */
public final class FieldSelect extends Field {

    /** The type name. */
    public static final String TYPE = "select";

    private final String help;
    private final List<String> values;
    private final long maxSelect;
    private final boolean required;

    FieldSelect(ObjectNode json) {
        super(json);
        help = text(json, "help");
        List<String> v = strings(json, "values");
        values = v == null ? List.of() : v;
        maxSelect = integer(json, "maxSelect");
        required = bool(json, "required");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The allowed values. */
    public List<String> values() {
        return values;
    }

    /** The most values a record may hold (≤ 1 means a single value). */
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
    public FieldSetter setter(String key) {
        return ListModifiers.forKey(name(), key, ListModifiers::strings, this::finish);
    }

    private Object finish(List<Object> items) {
        List<String> names = items.stream().map(Coerce::toText).toList();
        if (isMultiple()) {
            return names;
        }
        return names.isEmpty() ? "" : names.get(names.size() - 1);
    }

    @Override
    public FieldError validateValue(Object value) {
        List<String> items = Coerce.toStringList(value);
        if (items.isEmpty()) {
            return required ? FieldErrors.required() : null;
        }
        long limit = Math.max(maxSelect, 1);
        if (items.size() > limit) {
            return FieldErrors.tooManyValues(limit);
        }
        for (String item : items) {
            if (!values.contains(item)) {
                return FieldErrors.invalidSelectValue(item);
            }
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help);
        out.put("maxSelect", maxSelect);
        out.put("required", required);
        putStrings(out, "values", values);
    }
}
