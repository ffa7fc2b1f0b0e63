package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Builds a parsed {@link Filter} into a parameterised SQL condition for a {@code WHERE} clause.
 *
 * <p>Identifiers come only from the {@link FieldResolver}; every literal, macro value and resolver value is
 * a bound {@code ?} parameter. The result is a single boolean term (atomic or bracketed) that can be combined
 * with others by {@code AND}. Thread-safe; each call uses its own state.
 *
 * <pre>{@code
 * FilterSqlBuilder builder = new FilterSqlBuilder(db.dialect());
 * SqlExpression where = builder.build(Filter.parse(request.filter()), resolver);
 * String sql = "SELECT * FROM \"logs\" WHERE " + where.sql();
 * // bind where.params() in order
 * }</pre>
 */
public final class FilterSqlBuilder {

    private final Dialect dialect;
    private final Clock clock;
    private final FilterFunctions functions;

    /** A builder with the system clock and the {@link FilterFunctions#DEFAULT} functions. */
    public FilterSqlBuilder(Dialect dialect) {
        this(dialect, Clock.systemUTC(), FilterFunctions.DEFAULT);
    }

    /**
     * A builder with a clock for the datetime macros and a function registry.
     */
    public FilterSqlBuilder(Dialect dialect, Clock clock, FilterFunctions functions) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.functions = Objects.requireNonNull(functions, "functions");
    }

    /**
     * Builds the SQL condition of a filter.
     *
     * @throws FilterException when an operand cannot be resolved, a function call is invalid or a
     *     placeholder has no value
     */
    public SqlExpression build(Filter filter, FieldResolver resolver) {
        ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC);
        OperandResolver operands = new OperandResolver(resolver, dialect, functions, now);
        return build(filter.root(), operands, new ComparisonSql(dialect));
    }

    private SqlExpression build(Expr expr, OperandResolver operands, ComparisonSql comparisons) {
        return switch (expr) {
            case Expr.Comparison c -> comparisons.build(
                    operand(c.left(), "left", operands), c.operator(), operand(c.right(), "right", operands));
            case Expr.And and -> SqlExpression.concat("(", SqlExpression.join(" AND ",
                    and.terms().stream().map(t -> build(t, operands, comparisons)).toList()), ")");
            case Expr.Or or -> SqlExpression.concat("(", SqlExpression.join(" OR ",
                    or.terms().stream().map(t -> build(t, operands, comparisons)).toList()), ")");
        };
    }

    private static ResolverResult operand(Operand operand, String side, OperandResolver operands) {
        try {
            return operands.resolve(operand);
        } catch (FilterException e) {
            throw new FilterException("invalid " + side + " operand " + FilterException.excerpt(operand.describe())
                    + " - " + e.getMessage(), e);
        }
    }
}
