package dev.coffer.core.field;

import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A number (float64), optionally integer-only and bounded. */
public final class FieldNumber extends Field {

    /** The type name. */
    public static final String TYPE = "number";

    private final Double min;
    private final Double max;
    private final boolean onlyInt;

    FieldNumber(ObjectNode json) {
        super(json);
        min = nullableNumber(json, "min");
        max = nullableNumber(json, "max");
        onlyInt = bool(json, "onlyInt");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** The inclusive minimum, or null. */
    public Double min() {
        return min;
    }

    /** The inclusive maximum, or null. */
    public Double max() {
        return max;
    }

    /** Whether only integers are accepted. */
    public boolean onlyInt() {
        return onlyInt;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.toNumber(raw);
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return Coerce.numberNode(Coerce.toNumber(value));
    }

    @Override
    public Object zeroValue() {
        return 0.0;
    }

    @Override
    public FieldSetter setter(String key) {
        if (key.length() != name().length() + 1 || !key.startsWith(name())) {
            return super.setter(key); // not a modifier of this field (checked first: every body key asks every field)
        }
        if (key.equals(name() + "+")) {
            return (current, raw) -> Coerce.toNumber(current) + Coerce.toNumber(raw);
        }
        if (key.equals(name() + "-")) {
            return (current, raw) -> Coerce.toNumber(current) - Coerce.toNumber(raw);
        }
        return super.setter(key);
    }

    @Override
    public FieldError validateValue(Object value) {
        double v = value instanceof Number n ? n.doubleValue() : Coerce.toNumber(value);
        if (!Double.isFinite(v)) {
            return FieldErrors.notANumber();
        }
        if (v == 0) {
            return required() ? FieldErrors.required() : null;
        }
        if (onlyInt && v != Math.rint(v)) {
            return FieldErrors.onlyInt();
        }
        if (min != null && v < min) {
            return FieldErrors.minNumber(min);
        }
        if (max != null && v > max) {
            return FieldErrors.maxNumber(max);
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("help", help());
        if (max == null) {
            out.putNull("max");
        } else {
            out.set("max", Coerce.numberNode(max));
        }
        if (min == null) {
            out.putNull("min");
        } else {
            out.set("min", Coerce.numberNode(min));
        }
        out.put("onlyInt", onlyInt);
        out.put("required", required());
    }
}
