package dev.coffer.core.field;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Plain text with optional length bounds, a pattern, an autogenerate pattern, and the primary key flag. */
public final class FieldText extends Field {

    /** The type name. */
    public static final String TYPE = "text";
    /** The max length used when {@code max} is 0. */
    public static final int DEFAULT_MAX = 5000;

    private final String help;
    private final long min;
    private final long max;
    private final String pattern;
    private final String autogeneratePattern;
    private final boolean required;
    private final boolean primaryKey;

    FieldText(ObjectNode json) {
        super(json);
        help = text(json, "help");
        min = integer(json, "min");
        max = integer(json, "max");
        pattern = text(json, "pattern");
        autogeneratePattern = text(json, "autogeneratePattern");
        required = bool(json, "required");
        primaryKey = bool(json, "primaryKey");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /** Help text for the dashboard. */
    public String help() {
        return help;
    }

    /** Minimum length in characters (0 = none). */
    public long min() {
        return min;
    }

    /** Maximum length in characters (0 = {@value #DEFAULT_MAX}). */
    public long max() {
        return max;
    }

    /** A regular expression the value must match ({@code ""} = any). */
    public String pattern() {
        return pattern;
    }

    /** The pattern a value is generated from when none is given ({@code ""} = none). */
    public String autogeneratePattern() {
        return autogeneratePattern;
    }

    @Override
    public boolean required() {
        return required;
    }

    /** Whether this is the record id field. */
    public boolean primaryKey() {
        return primaryKey;
    }

    @Override
    public Object fromDb(Object raw) {
        return Coerce.toText(raw);
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
    protected void writeOptions(ObjectNode out) {
        out.put("autogeneratePattern", autogeneratePattern);
        out.put("help", help);
        out.put("max", max);
        out.put("min", min);
        out.put("pattern", pattern);
        out.put("primaryKey", primaryKey);
        out.put("required", required);
    }
}
