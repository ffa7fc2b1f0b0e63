package dev.coffer.core.field;

import java.nio.charset.StandardCharsets;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A bcrypt-hashed password; the hash is stored, never returned. */
public final class FieldPassword extends Field {

    /** The type name. */
    public static final String TYPE = "password";
    /** The longest password bcrypt accepts. */
    public static final int MAX_LENGTH = 71;

    private final String pattern;
    private final long min;
    private final long max;
    private final int cost;

    FieldPassword(ObjectNode json) {
        super(json);
        pattern = text(json, "pattern");
        min = integer(json, "min");
        max = integer(json, "max");
        cost = (int) integer(json, "cost");
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

    /** The submitted plain text is the value while the form holds it; the form stores its hash. */
    @Override
    public Object normalize(Object raw) {
        return Coerce.toText(raw);
    }

    /** The longest allowed password, the default applied. */
    public long effectiveMax() {
        return max <= 0 ? MAX_LENGTH : max;
    }

    /**
     * Checks a newly submitted plain password against the length bounds and pattern.
     *
     * @return the first failure, or null when valid (an empty password is not checked here)
     */
    public FieldError validatePlain(String plain) {
        if (plain.isEmpty()) {
            return null;
        }
        if (!hashable(plain)) {
            return FieldErrors.invalidValue();
        }
        long length = plain.codePointCount(0, plain.length());
        if (length < min) {
            return FieldErrors.minPassword(min);
        }
        if (length > effectiveMax()) {
            return FieldErrors.maxPassword(effectiveMax());
        }
        if (!pattern.isEmpty() && !Patterns.find(pattern, plain)) {
            return FieldErrors.invalidFormat();
        }
        return null;
    }

    /** Whether bcrypt can hash the password (at most 72 UTF-8 bytes). */
    public boolean hashable(String plain) {
        return plain.getBytes(StandardCharsets.UTF_8).length <= 72;
    }

    /** Checks the stored hash: a required password needs one. */
    @Override
    public FieldError validateValue(Object hash) {
        return required() && Coerce.toText(hash).isEmpty() ? FieldErrors.required() : null;
    }

    @Override
    protected void writeOptions(ObjectNode out) {
        out.put("cost", cost);
        out.put("help", help());
        out.put("max", max);
        out.put("min", min);
        out.put("pattern", pattern);
        out.put("required", required());
    }
}
