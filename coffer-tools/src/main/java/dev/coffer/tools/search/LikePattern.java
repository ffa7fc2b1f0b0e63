package dev.coffer.tools.search;

import java.math.BigDecimal;

/**
 * Turns the value of a {@code ~} / {@code !~} comparison into a LIKE pattern with {@code \} as the escape
 * character: a value without an unescaped {@code %} is escaped ({@code \}, {@code %}, {@code _}) and
 * wrapped as {@code %value%} ("contains"); a value with an unescaped {@code %} is used as the pattern.
 */
final class LikePattern {

    private LikePattern() {}

    /** The pattern for one bound value, which is first turned into text as PocketBase does. */
    static String of(Object value) {
        String text = text(value);
        if (hasUnescapedPercent(text)) {
            return text;
        }
        return "%" + escape(text) + "%";
    }

    /** Tells whether the text has a {@code %} not preceded by an escaping backslash. */
    static boolean hasUnescapedPercent(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '%') {
                return true;
            }
        }
        return false;
    }

    /** Escapes every {@code \}, {@code %} and {@code _} that is not already escaped by a backslash. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && isSpecial(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (isSpecial(c)) {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isSpecial(char c) {
        return c == '\\' || c == '%' || c == '_';
    }

    /**
     * A parameter value as text: numbers in plain shortest form ({@code 5}, {@code 1.5}, and {@code -0} for
     * negative zero, as Go formats it), NULL as empty.
     */
    static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Double d when d == 0 && 1 / d < 0 -> "-0";
            case Float f when f == 0 && 1 / f < 0 -> "-0";
            case Double d when Double.isFinite(d) -> plain(new BigDecimal(Double.toString(d)));
            case Float f when Float.isFinite(f) -> plain(new BigDecimal(Float.toString(f)));
            case BigDecimal d -> plain(d);
            default -> value.toString();
        };
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
