package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.util.List;

/**
 * The SQL of one page of a plain table filtered and sorted by a client (a list endpoint over a system table):
 * the row query with {@code LIMIT}/{@code OFFSET} and the matching count query. Identifiers come only from
 * the resolver; every value is a bound parameter.
 *
 * @param select the page's rows ({@code SELECT columns FROM table [WHERE] [ORDER BY] LIMIT ? OFFSET ?})
 * @param count the number of matching rows
 */
public record PagedQuery(SqlExpression select, SqlExpression count) {

    /**
     * Builds the queries.
     *
     * @param columns the already quoted column list to select, such as {@code "id"}
     * @param filter the client filter, or empty for none
     * @param sort the client sort, or empty for insertion order
     * @throws FilterException when the filter or sort is invalid or uses a name the resolver refuses
     */
    public static PagedQuery build(Dialect dialect, String table, String columns, FieldResolver resolver,
            String filter, String sort, long page, int perPage) {
        SqlExpression where = SqlExpression.EMPTY;
        if (filter != null && !filter.isEmpty()) {
            where = SqlExpression.concat(" WHERE ",
                    new FilterSqlBuilder(dialect).build(Filter.parse(filter, FilterLimits.CLIENT), resolver));
        }
        // without a sort, rows come in insertion order, as a plain table scan gives them (PocketBase's lists do)
        List<SortField> fields = SortField.parseList(sort == null || sort.isBlank() ? "@rowid" : sort);
        String order = new SortSqlBuilder(dialect).build(fields, resolver, table); // rowid() quotes it
        SqlExpression from = SqlExpression.concat(" FROM ", dialect.quote(table), where);
        long offset = (page - 1) * perPage; // wraps for a huge page, as Go's int64 does
        SqlExpression select = SqlExpression.concat("SELECT ", columns, from, order.isEmpty() ? "" : " ORDER BY " + order,
                SqlExpression.of(" LIMIT ? OFFSET ?", perPage, offset));
        return new PagedQuery(select, SqlExpression.concat("SELECT COUNT(*)", from));
    }
}
