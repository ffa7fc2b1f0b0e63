package dev.coffer.tools.search;

/**
 * How {@code =} and {@code !=} treat NULL against empty text for a resolved operand.
 *
 * <p>Filters treat NULL and {@code ''} as equal. With {@link #AUTO} the builder picks the cheapest SQL that
 * keeps that promise: a direct comparison when the other side is a known non-empty literal, an
 * {@code x = '' OR x IS NULL} pair against an empty literal, and {@code COALESCE(x, '')} otherwise.
 */
public enum NullFallback {
    /** Let the builder choose (plain columns and literals). */
    AUTO,
    /** Never coalesce: compare with {@code IS} / {@code IS NOT} (JSON values, computed numbers). */
    DISABLED,
    /** Always coalesce, and never treat the operand as a known non-empty value (computed text). */
    ENFORCED
}
