package dev.coffer.tools.db;

import java.util.List;

/**
 * The SQL that differs between database engines. Everything outside {@code tools.db} builds SQL through a
 * dialect and never asks which engine it is on.
 */
public interface Dialect {

    /** A short name such as {@code sqlite}. */
    String name();

    /** The schema statements (tables, columns, views, indexes) of this engine. */
    Ddl ddl();

    /**
     * Quotes an identifier (table, column, index). The name must already be validated against the schema;
     * embedded quote characters are doubled anyway.
     */
    String quote(String identifier);

    /** The expression counting the items of a JSON array column or expression (0 for non-arrays). */
    String jsonArrayLength(String expression);

    /** The expression extracting a JSON path (such as {@code $.a.b}) from a JSON column or expression. */
    String jsonExtract(String expression, String jsonPath);

    /** The null-safe equality {@code left IS right}: true when both sides are NULL, never NULL itself. */
    String nullSafeEqual(String left, String right);

    /** The null-safe inequality {@code left IS NOT right}: never NULL, unlike {@code !=}. */
    String nullSafeNotEqual(String left, String right);

    /**
     * A pattern match of {@code value} against a LIKE {@code pattern} whose escape character is the
     * backslash; on SQLite the match is ASCII case-insensitive.
     *
     * @param negated whether to build {@code NOT LIKE}
     */
    String like(String value, String pattern, boolean negated);

    /**
     * The case-insensitive equality of two text expressions, as a unique index declared with SQLite's
     * {@code COLLATE NOCASE} compares them (ASCII letters folded), so that the index can serve the lookup.
     */
    String equalIgnoringCase(String left, String right);

    /**
     * The SQL literal of a boolean value, comparable with the engine's boolean columns (SQLite: {@code 1} and
     * {@code 0}).
     */
    String booleanLiteral(boolean value);

    /**
     * The parameter value binding UTF-8 JSON bytes to a JSON column the way PocketBase's driver stores Go byte
     * slices: a BLOB on SQLite, text on an engine whose JSON columns are text.
     */
    Object jsonBytes(byte[] utf8Json);

    /** The text concatenation of the given expressions, as one parenthesised expression. */
    String concat(List<String> expressions);

    /** The ORDER BY term that shuffles rows. */
    String randomOrder();

    /**
     * The implicit row id of a table, in insertion order (SQLite {@code _rowid_}).
     *
     * @param tableAlias the table or alias to qualify the column with, or {@code null} for none
     */
    String rowid(String tableAlias);

    /**
     * What a query of a table's rows without a sort orders them by, so that they come in the order an SQLite table
     * scan gives them (rowid order, PocketBase's order when no sort is asked for), or {@code ""} where a plain scan
     * already does. A server returns rows in whatever order its plan reads them (PostgreSQL's physical order moves
     * updated rows, InnoDB's follows the primary key), so its dialect orders by its row counter.
     *
     * @param tableAlias the table or alias, as for {@link #rowid(String)}
     */
    default String scanOrder(String tableAlias) {
        return rowid(tableAlias) + " ASC";
    }

    /**
     * Whether a result column is the row id column this engine adds to every table Coffer creates (read by
     * {@link #rowid(String)}) where {@code SELECT *} shows it, as it shows no such column on SQLite: such a column
     * is left out of what a query of whole rows answers. False where the row id stays out of sight (SQLite's
     * implicit rowid, MariaDB's invisible column).
     */
    default boolean isRowidColumn(String column) {
        return false;
    }

    /**
     * The great-circle distance in kilometres (mean Earth radius 6371 km) between two points given as
     * longitude and latitude expressions in degrees; NULL when an input is NULL.
     */
    String geoDistanceKm(String lonA, String latA, String lonB, String latB);

    /**
     * The {@code strftime(format, timeValue, modifiers...)} date formatting function of SQLite; the
     * arguments are SQL expressions, the first being the format.
     */
    String strftime(List<String> arguments);

    /**
     * A condition true when the JSON array in {@code arrayExpression} contains the value of one bound
     * {@code ?} parameter.
     */
    String jsonArrayContains(String arrayExpression);

    /**
     * The table-valued expression listing the items of a JSON array column or expression, one row per item
     * (read with {@link #jsonEachValue(String)}); a value that is not a JSON array counts as a one-item
     * array, so malformed input never fails the query.
     */
    String jsonEach(String expression);

    /** The item value of a row of {@link #jsonEach(String)} joined under the given alias. */
    String jsonEachValue(String alias);

    /**
     * The number of items of a value as {@link #jsonEach(String)} sees it, except that NULL and empty text
     * count as no item.
     */
    String jsonItemCount(String expression);

    /**
     * The value at a JSON path (such as {@code $.a[0].b}, or {@code $} for the whole value) of a column or
     * expression that may not hold valid JSON: such a value is read as a JSON string, so malformed input
     * never fails the query.
     */
    String jsonPathValue(String expression, String jsonPath);

    /**
     * A driver failure in the database engine's own words, as PocketBase's driver reports it (SQLite:
     * {@code SQL logic error: near "x": syntax error (1)}); other failures keep their message.
     */
    String errorText(Throwable failure);

    /**
     * The columns ({@code table.column}) of the unique constraint or index a failed write violated, or an empty
     * list when the failure is something else.
     */
    List<String> uniqueViolation(Throwable failure);

    /**
     * The name a result column of an operator's query gets: the driver's label, or where the engine gives an
     * unnamed expression a placeholder name, the expression as written (as SQLite names it).
     *
     * @param selectItem the select-list item as written, or {@code null} when it could not be read
     */
    default String columnLabel(String label, String selectItem) {
        return label;
    }

    /** A result column's type as SQLite would declare it ({@code TEXT}, {@code NUMERIC}, …), from the driver's type name. */
    default String declaredType(String driverTypeName) {
        return driverTypeName;
    }

    /**
     * Whether schema statements (CREATE, ALTER, DROP) take part in transactions, as on SQLite and PostgreSQL; on
     * MySQL/MariaDB each one commits the transaction it runs in, so a failed write leaves the schema statements it
     * ran (and what it wrote before them) in place, and only what came after the last of them is rolled back;
     * statements run through a {@link SchemaChange} are undone there by statements that reverse them.
     */
    default boolean transactionalDdl() {
        return true;
    }

    /**
     * Whether a sub-query in FROM may read the columns of the query it is nested in (a correlated derived table),
     * as SQLite, PostgreSQL and MySQL 8.0.14+ allow and MariaDB does not. Where it may not, a condition over every
     * value of a multi-valued operand has to be a correlated {@code EXISTS} over the values' own FROM clause.
     */
    default boolean correlatedDerivedTables() {
        return true;
    }

    /**
     * An operand of a comparison ({@code =}, {@code <}, …) made comparable with the other operand, so the
     * comparison answers as on SQLite, whose values carry their own types (SQLite: the operand unchanged).
     *
     * @param own what is known of this operand's type
     * @param other what is known of the other operand's type
     */
    default String comparable(String expression, SqlType own, SqlType other) {
        return expression;
    }

    /**
     * A statement that, run inside a write transaction before appending to {@code table}, makes other transactions
     * appending to it wait until this one ends, so that rows numbered from the table's highest number on get their
     * numbers in commit order (an ordered, append-only log); null where writes are serialized anyway (SQLite).
     * Readers are not blocked.
     *
     * @param table the quoted table name
     * @param numberColumn the quoted name of the column holding the rows' numbers
     */
    default String appendLock(String table, String numberColumn) {
        return null;
    }

    /**
     * Whether appending a row to a table without key or index (taken from and deleted again soon after) is the
     * cheapest way to store a row with a transaction: on SQLite a commit writes every page it touched to the WAL, so
     * one appended page costs much less than a keyed row and its index pages. Not on a server, where the deleted
     * rows of such a table stay until a vacuum and every look at it passes over them.
     */
    default boolean cheapUnindexedAppends() {
        return false;
    }

    /**
     * A clause ending a {@code SELECT} run in a write transaction that locks the rows it returns until the
     * transaction ends and passes over rows other transactions hold locked, so that several instances taking work
     * from one table never take the same row ({@code FOR UPDATE SKIP LOCKED}); empty where writes are serialized
     * anyway (SQLite).
     */
    default String lockSkippingLocked() {
        return "";
    }
}
