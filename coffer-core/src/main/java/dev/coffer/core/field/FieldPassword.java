package dev.coffer.core.field;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A bcrypt-hashed password; the hash is stored, never returned. */
public final class FieldPassword extends Field {

    /** The type name. */
    public static final String TYPE = "password";
    /** The longest password bcrypt accepts. */
    public static final int MAX_LENGTH = 71;

    private final String help;
    private final String pattern;
    private final long min;
    private final long max;
    private final int cost;
    private final boolean required;

    FieldPassword(ObjectNode json) {
        super(json);
        help = text(json, "help");
        pattern = text(json, "pattern");
        min = integer(json, "min");
        max = integer(json, "max");
        cost = (int) integer(json, "cost");
        required = bool(json, "required");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** A regular expression a new password must match ({@code ""} = any). */
    public String pattern() {
        return pattern;
    }

    /** Minimum length. */
    public long min() {
        return min;
    }

    /** Maximum length (0 = {@value #MAX_LENGTH}). */
    public long max() {
        return max;
    }

    /** The bcrypt cost (0 = default). */
    public int cost() {
        return cost;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.toText(raw);
    }

    @Override
    public JsonNode toJsonValue(Object value) {
        return JsonNodeFactory.instance.stringNode("");
    }

    @Override
    public Object zeroValue() {
        return "";
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("cost", cost);
        out.put("help", help);
        out.put("max", max);
        out.put("min", min);
        out.put("pattern", pattern);
        out.put("required", required);
    }
}
