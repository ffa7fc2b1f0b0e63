package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sub-query that lists every value of a multi-valued operand for the current row, so that a plain
 * operator can require all of them to match.
 *
 * <p>The builder selects it as {@code SELECT value AS "multiMatchValue" source} and wraps it in
 * {@code NOT EXISTS (... WHERE NOT (condition))}. The {@code source} must correlate the sub-query with the
 * outer row, typically {@code FROM "posts" "__mm_posts" LEFT JOIN ... WHERE "__mm_posts"."id" = "posts"."id"}.
 *
 * @param value the expression of one value inside the sub-query
 * @param source everything after the selected value: {@code FROM}, joins and the correlating {@code WHERE}
 */
public record MultiMatch(SqlExpression value, SqlExpression source) {

    /** The column name of the selected value. */
    public static final String VALUE_COLUMN = "multiMatchValue";

    /** Checks the parts are present. */
    public MultiMatch {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    /**
     * A sub-query over a table and its joins, correlated by a condition.
     *
     * @param table the table name (quoted by the dialect)
     * @param alias the table's alias inside the sub-query (quoted by the dialect)
     * @param joins the joins to reach the values
     * @param correlation the condition tying the sub-query to the outer row
     */
    public static MultiMatch fromTable(Dialect dialect, SqlExpression value, String table, String alias,
            List<Join> joins, SqlExpression correlation) {
        List<Object> parts = new ArrayList<>();
        parts.add("FROM ");
        parts.add(dialect.quote(table));
        parts.add(" ");
        parts.add(dialect.quote(alias));
        for (Join join : joins) {
            parts.add(" ");
            parts.add(join.toSql(dialect));
        }
        parts.add(" WHERE ");
        parts.add(correlation);
        return new MultiMatch(value, SqlExpression.concat(parts.toArray()));
    }

    /** The same sub-query selecting another value expression, such as a function of the original one. */
    public MultiMatch withValue(SqlExpression newValue) {
        return new MultiMatch(newValue, source);
    }

    /** The full sub-query, {@code SELECT value AS "multiMatchValue" source}. */
    public SqlExpression toSql(Dialect dialect) {
        return SqlExpression.concat("SELECT ", value, " AS ", dialect.quote(VALUE_COLUMN), " ", source);
    }
}
