package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.util.Objects;

/**
 * A {@code LEFT JOIN} of a table or table-valued expression under an alias, used in multi-match sub-queries
 * and by resolvers that join related tables.
 *
 * @param source the already quoted table name or table-valued expression, such as {@code json_each(...)}
 * @param alias the alias, unquoted
 * @param on the join condition, or {@link SqlExpression#EMPTY} to join every row
 * @param toOne whether at most one row joins each row (a join on the unique id of a table), so the join never
 *     repeats a row
 */
public record Join(SqlExpression source, String alias, SqlExpression on, boolean toOne) {

    /** Checks the parts are present. */
    public Join {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(on, "on");
    }

    /** A join that may repeat a row. */
    public Join(SqlExpression source, String alias, SqlExpression on) {
        this(source, alias, on, false);
    }

    /** A join of a plain table, whose name the dialect quotes. */
    public static Join table(Dialect dialect, String table, String alias, SqlExpression on) {
        return new Join(SqlExpression.of(dialect.quote(table)), alias, on);
    }

    /**
     * The clause {@code LEFT JOIN source "alias" ON condition}; without a condition every row joins
     * ({@code ON 1=1}, which SQL requires after a {@code LEFT JOIN} everywhere but in SQLite).
     */
    public SqlExpression toSql(Dialect dialect) {
        SqlExpression head = SqlExpression.concat("LEFT JOIN ", source, " ", dialect.quote(alias));
        return SqlExpression.concat(head, " ON ", on.isBlank() ? SqlExpression.of("1=1") : on);
    }
}
