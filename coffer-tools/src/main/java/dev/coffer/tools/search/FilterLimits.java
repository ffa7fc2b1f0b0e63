package dev.coffer.tools.search;

/**
 * The size limits a filter must respect to be parsed.
 *
 * @param maxLength the longest accepted filter in UTF-8 bytes
 * @param maxComparisons the most comparisons ({@code a = b}) in one filter
 * @param maxDepth the deepest nesting of brackets
 */
public record FilterLimits(int maxLength, int maxComparisons, int maxDepth) {

    /** Limits of client filters ({@code ?filter=}): 3500 bytes, 200 comparisons, as PocketBase. */
    public static final FilterLimits CLIENT = new FilterLimits(3500, 200, 2000);

    /** Limits of API rules and server-side filters: no length limit, 200 comparisons, as PocketBase. */
    public static final FilterLimits RULE = new FilterLimits(Integer.MAX_VALUE, 200, 2000);

    /** Checks the limits are positive. */
    public FilterLimits {
        if (maxLength < 1 || maxComparisons < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("filter limits must be positive");
        }
    }
}
