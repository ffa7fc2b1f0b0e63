package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** One or more values picked from a fixed list. */
public final class FieldSelect extends FieldMultiValue {

    /** The type name. */
    public static final String TYPE = "select";

    private final List<String> values;

    FieldSelect(ObjectNode json) {
        super(json);
        List<String> v = strings(json, "values");
        values = v == null ? List.of() : v;
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The allowed values. */
    public List<String> values() {
        return values;
    }

    @Override
    public FieldError validateValue(Object value) {
        List<String> items = Coerce.toStringList(value);
        if (items.isEmpty()) {
            return required() ? FieldErrors.required() : null;
        }
        long limit = effectiveMaxSelect();
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
        out.put("help", help());
        out.put("maxSelect", maxSelect());
        out.put("required", required());
        putStrings(out, "values", values);
    }
}
