package dev.coffer.tools.search;

import java.util.Locale;

/**
 * One lexical token of a filter expression.
 *
 * @param type what kind of token it is
 * @param text the token's value: the identifier or function name, the number as written, the unescaped text,
 *     the operator symbol or the placeholder name; empty for punctuation and the end
 * @param position the offset of the token's first character in the input
 */
public record Token(Type type, String text, int position) {

    /** The kinds of tokens. */
    public enum Type {
        /** A field name or macro such as {@code author.name:lower} or {@code @now}. */
        IDENTIFIER,
        /** A function name directly followed by its opening bracket, which the token includes. */
        FUNCTION,
        /** A decimal number such as {@code -1.5}. */
        NUMBER,
        /** A quoted text, already unescaped. */
        TEXT,
        /** A {@code {:name}} placeholder for a value bound by the server. */
        PLACEHOLDER,
        /** A comparison operator such as {@code >=} or {@code ?~}. */
        OPERATOR,
        /** {@code &&}. */
        AND,
        /** {@code ||}. */
        OR,
        /** {@code (}. */
        OPEN,
        /** {@code )}. */
        CLOSE,
        /** {@code ,} between function arguments. */
        COMMA,
        /** The end of the input. */
        END
    }

    /** A short human description for error messages, such as {@code identifier "title"}. */
    public String describe() {
        return switch (type) {
            case END -> "end of expression";
            case OPEN -> "\"(\"";
            case CLOSE -> "\")\"";
            case COMMA -> "\",\"";
            case AND -> "\"&&\"";
            case OR -> "\"||\"";
            default -> type.name().toLowerCase(Locale.ROOT) + " " + FilterException.excerpt(text);
        };
    }
}
