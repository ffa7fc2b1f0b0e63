package dev.coffer.tools.db;

/**
 * The SQL that differs between database engines. Everything outside {@code tools.db} builds SQL through a
 * dialect and never asks which engine it is on.
 */
public interface Dialect {

    /** A short name such as {@code sqlite}. */
    String name();

    /**
     * Quotes an identifier (table, column, index). The name must already be validated against the schema;
     * embedded quote characters are doubled anyway.
     */
    String quote(String identifier);

    /** The expression counting the items of a JSON array column or expression (0 for non-arrays). */
    String jsonArrayLength(String expression);

    /** The expression extracting a JSON path (such as {@code $.a.b}) from a JSON column or expression. */
    String jsonExtract(String expression, String jsonPath);
}
