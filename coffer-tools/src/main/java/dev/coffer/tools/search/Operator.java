package dev.coffer.tools.search;

import java.util.Optional;

/**
 * A comparison operator. The {@code ?}-prefixed forms are the "any" variants: against a multi-valued operand
 * they need at least one value to match, where the plain forms need all of them to.
 */
public enum Operator {
    /** {@code =}, equal (NULL and empty text are equal). */
    EQ("=", false),
    /** {@code !=}, not equal. */
    NEQ("!=", false),
    /** {@code ~}, contains / LIKE. */
    LIKE("~", false),
    /** {@code !~}, does not contain / NOT LIKE. */
    NOT_LIKE("!~", false),
    /** {@code <}. */
    LT("<", false),
    /** {@code <=}. */
    LTE("<=", false),
    /** {@code >}. */
    GT(">", false),
    /** {@code >=}. */
    GTE(">=", false),
    /** {@code ?=}. */
    ANY_EQ("?=", true),
    /** {@code ?!=}. */
    ANY_NEQ("?!=", true),
    /** {@code ?~}. */
    ANY_LIKE("?~", true),
    /** {@code ?!~}. */
    ANY_NOT_LIKE("?!~", true),
    /** {@code ?<}. */
    ANY_LT("?<", true),
    /** {@code ?<=}. */
    ANY_LTE("?<=", true),
    /** {@code ?>}. */
    ANY_GT("?>", true),
    /** {@code ?>=}. */
    ANY_GTE("?>=", true);

    private final String symbol;
    private final boolean any;

    Operator(String symbol, boolean any) {
        this.symbol = symbol;
        this.any = any;
    }

    /** The operator as written in a filter. */
    public String symbol() {
        return symbol;
    }

    /** Tells whether this is an "any" ({@code ?}) variant. */
    public boolean isAny() {
        return any;
    }

    /** The comparison itself, without the any/all distinction ({@code ?>=} gives {@code >=}). */
    public Operator base() {
        return any ? fromSymbol(symbol.substring(1)).orElseThrow() : this;
    }

    /** The operator written as {@code symbol}, if there is one. */
    public static Optional<Operator> fromSymbol(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
