package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.tools.security.PatternGenerator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Plain text with optional length bounds, a pattern, an autogenerate pattern, and the primary key flag. */
public final class FieldText extends Field {

    /** The type name. */
    public static final String TYPE = "text";
    /** The max length used when {@code max} is 0. */
    public static final int DEFAULT_MAX = 5000;

    private final long min;
    private final long max;
    private final String pattern;
    private final String autogeneratePattern;
    private final boolean primaryKey;

    FieldText(ObjectNode json) {
        super(json);
        min = integer(json, "min");
        max = integer(json, "max");
        pattern = text(json, "pattern");
        autogeneratePattern = text(json, "autogeneratePattern");
        primaryKey = bool(json, "primaryKey");
    }

    @Override
    public String type() {
        return TYPE;
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

    /** The id pattern of default collections, exempt from the extra primary key checks. */
    public static final String DEFAULT_ID_PATTERN = "^[a-z0-9]+$";
    /** The body key suffix that appends a value generated from the autogenerate pattern. */
    public static final String AUTOGENERATE_MODIFIER = ":autogenerate";

    private static final List<String> FORBIDDEN_PK_CHARACTERS = List.of(".", "/", "\\", "|", "\"", "'", "`", "<", ">",
            ":", "?", "*", "%", "$", "\0", "\t", "\n", "\r", " ");
    private static final List<String> RESERVED_PKS = List.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7",
            "LPT8", "LPT9");

    @Override
    public FieldSetter setter(String key) {
        if (key.length() == name().length() + AUTOGENERATE_MODIFIER.length() && key.endsWith(AUTOGENERATE_MODIFIER)
                && key.startsWith(name())) {
            return (current, raw) -> {
                String v = Coerce.toText(raw);
                return autogeneratePattern.isEmpty() ? v : v + PatternGenerator.generate(autogeneratePattern);
            };
        }
        return super.setter(key);
    }

    @Override
    public FieldError validateValue(Object value) {
        String v = Coerce.toText(value);
        if (v.isEmpty()) {
            return required() || primaryKey ? FieldErrors.required() : null;
        }
        long length = v.codePointCount(0, v.length());
        if (min > 0 && length < min) {
            return FieldErrors.minText(min);
        }
        long limit = max == 0 ? DEFAULT_MAX : max;
        if (length > limit) {
            return FieldErrors.maxText(limit);
        }
        if (!pattern.isEmpty() && !Patterns.find(pattern, v)) {
            return FieldErrors.invalidFormat();
        }
        if (primaryKey && !pattern.equals(DEFAULT_ID_PATTERN)) {
            return primaryKeyError(v, length);
        }
        return null;
    }

    private static FieldError primaryKeyError(String v, long length) {
        for (String ch : FORBIDDEN_PK_CHARACTERS) {
            if (v.contains(ch)) {
                return FieldErrors.forbiddenPkCharacter(ch);
            }
        }
        if (length <= 4) {
            for (String reserved : RESERVED_PKS) {
                if (reserved.equalsIgnoreCase(v)) {
                    return FieldErrors.reservedPk(reserved);
                }
            }
        }
        return null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("autogeneratePattern", autogeneratePattern);
        out.put("help", help());
        out.put("max", max);
        out.put("min", min);
        out.put("pattern", pattern);
        out.put("primaryKey", primaryKey);
        out.put("required", required());
    }
}
