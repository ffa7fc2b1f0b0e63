package dev.coffer.tools.db;

/** SQLite's SQL: backtick-free double-quoted identifiers and the JSON1 functions. */
public final class SqliteDialect implements Dialect {

    /** The shared instance. */
    public static final SqliteDialect INSTANCE = new SqliteDialect();

    private SqliteDialect() {}

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String jsonArrayLength(String expression) {
        return "(CASE WHEN json_valid(" + expression + ") THEN json_array_length(" + expression + ") ELSE 0 END)";
    }

    @Override
    public String jsonExtract(String expression, String jsonPath) {
        return "JSON_EXTRACT(" + expression + ", '" + jsonPath.replace("'", "''") + "')";
    }
}
