package dev.coffer.core.rules;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The masks a field's value is shown through to callers its {@code readRule} keeps from reading it: {@code email}
 * ({@code j***@example.com}), {@code last4} ({@code ************1234}), {@code redact} ({@code ***}), and those an
 * application registers by name (process-wide, before collections use them).
 */
public final class FieldMasks {

    private static final Map<String, UnaryOperator<String>> MASKS = new ConcurrentHashMap<>(Map.of(
            "email", FieldMasks::email,
            "last4", FieldMasks::last4,
            "redact", v -> "***"));

    private FieldMasks() {}

    /**
     * Registers a mask under a name a field's {@code mask} option can then use; it gets the value as text and
     * returns what callers see.
     */
    public static void register(String name, UnaryOperator<String> mask) {
        Objects.requireNonNull(mask, "mask");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a mask needs a name");
        }
        MASKS.put(name, mask);
    }

    /** Whether a mask of that name exists. */
    public static boolean isKnown(String name) {
        return MASKS.containsKey(name);
    }

    /** The masked form of a value's text ({@code "***"} for an unknown mask, never the value). */
    public static String apply(String name, String value) {
        UnaryOperator<String> mask = MASKS.get(name);
        if (mask == null) {
            return "***";
        }
        String out = mask.apply(value == null ? "" : value);
        return out == null ? "" : out;
    }

    private static String email(String v) {
        int at = v.lastIndexOf('@');
        if (at <= 0) {
            return v.isEmpty() ? "" : "***";
        }
        return v.charAt(0) + "***" + v.substring(at);
    }

    private static String last4(String v) {
        if (v.length() <= 4) {
            return "*".repeat(v.length());
        }
        return "*".repeat(v.length() - 4) + v.substring(v.length() - 4);
    }
}
