package dev.coffer.tools.search;

import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a {@link FieldResolver} (or the builder, for literals) resolved an operand to.
 *
 * @param expression the SQL of the operand, identifiers already validated and quoted, values bound as
 *     parameters
 * @param nullFallback how {@code =} / {@code !=} treat NULL against empty text for this operand
 * @param multiMatch for a multi-valued operand (relation traversal, back-relation, {@code :each},
 *     {@code @collection}), the sub-query listing all its values; plain operators then require every value
 *     to match, {@code ?} operators at least one (through the joins the resolver adds to the outer query)
 * @param afterBuild applied to the finished comparison this operand takes part in, for extra constraints
 *     such as {@code (comparison AND "emailVisibility" = TRUE)}; identity when there is none
 */
public record ResolverResult(SqlExpression expression, NullFallback nullFallback, Optional<MultiMatch> multiMatch,
        UnaryOperator<SqlExpression> afterBuild) {

    /** Checks the parts are present. */
    public ResolverResult {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(nullFallback, "nullFallback");
        Objects.requireNonNull(multiMatch, "multiMatch");
        Objects.requireNonNull(afterBuild, "afterBuild");
    }

    /** A single-valued operand with automatic NULL handling and no extra constraint. */
    public static ResolverResult of(SqlExpression expression) {
        return new ResolverResult(expression, NullFallback.AUTO, Optional.empty(), UnaryOperator.identity());
    }

    /** A single-valued operand from SQL text and its parameter values. */
    public static ResolverResult of(String sql, Object... params) {
        return of(SqlExpression.of(sql, params));
    }

    /** The same result with another expression. */
    public ResolverResult withExpression(SqlExpression newExpression) {
        return new ResolverResult(newExpression, nullFallback, multiMatch, afterBuild);
    }

    /** The same result with another NULL handling. */
    public ResolverResult withNullFallback(NullFallback newNullFallback) {
        return new ResolverResult(expression, newNullFallback, multiMatch, afterBuild);
    }

    /** The same result marked multi-valued, with the sub-query listing its values. */
    public ResolverResult withMultiMatch(MultiMatch newMultiMatch) {
        return new ResolverResult(expression, nullFallback, Optional.of(newMultiMatch), afterBuild);
    }

    /** The same result marked single-valued. */
    public ResolverResult withoutMultiMatch() {
        return new ResolverResult(expression, nullFallback, Optional.empty(), afterBuild);
    }

    /** The same result with another after-build step (replacing the current one). */
    public ResolverResult withAfterBuild(UnaryOperator<SqlExpression> newAfterBuild) {
        return new ResolverResult(expression, nullFallback, multiMatch, newAfterBuild);
    }
}
