package dev.coffer.core.rules;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.search.Join;
import dev.coffer.tools.search.SqlExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A compiled rule or filter: the condition for a {@code WHERE} clause and the joins it needs after the base
 * table. With joins a row may repeat, so queries select {@code DISTINCT} rows.
 *
 * @param joins the {@code LEFT JOIN}s, in order
 * @param where the condition, {@link SqlExpression#EMPTY} for none
 */
public record RuleQuery(List<Join> joins, SqlExpression where) {

    /** Checks and freezes the parts. */
    public RuleQuery {
        joins = List.copyOf(joins);
        Objects.requireNonNull(where, "where");
    }

    /**
     * The {@code FROM} clause body: the quoted base table (with an alias when it differs) and the joins.
     *
     * @param table the table name, unquoted
     * @param alias the alias the identifiers refer to, unquoted
     */
    public SqlExpression from(Dialect dialect, String table, String alias) {
        List<Object> parts = new ArrayList<>();
        parts.add(dialect.quote(table));
        if (!table.equals(alias)) {
            parts.add(" " + dialect.quote(alias));
        }
        for (Join join : joins) {
            parts.add(" ");
            parts.add(join.toSql(dialect));
        }
        return SqlExpression.concat(parts.toArray());
    }

    /** {@code WHERE condition} with a leading space, or nothing without a condition. */
    public SqlExpression whereClause() {
        return where.isBlank() ? SqlExpression.EMPTY : SqlExpression.concat(" WHERE ", where);
    }

    /**
     * Whether joined rows may repeat base rows, so that a query must select DISTINCT rows: not when every join is
     * to one row at most (single relations followed to their records), which spares the database comparing whole
     * rows.
     */
    public boolean needsDistinct() {
        return joins.stream().anyMatch(j -> !j.toOne());
    }

    /** This query's condition ANDed with another one (either may be empty). */
    public RuleQuery and(SqlExpression condition) {
        if (condition.isBlank()) {
            return this;
        }
        if (where.isBlank()) {
            return new RuleQuery(joins, condition);
        }
        return new RuleQuery(joins, SqlExpression.concat("(", where, ") AND (", condition, ")"));
    }
}
