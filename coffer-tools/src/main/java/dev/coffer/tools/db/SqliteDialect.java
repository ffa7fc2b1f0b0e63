package dev.coffer.tools.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SQLite's SQL: backtick-free double-quoted identifiers and the JSON1 functions. */
public final class SqliteDialect implements Dialect {

    /** The shared instance. */
    public static final SqliteDialect INSTANCE = new SqliteDialect();

    private final Ddl ddl = new SqliteDdl(this);

    private SqliteDialect() {}

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Ddl ddl() {
        return ddl;
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

    @Override
    public String nullSafeEqual(String left, String right) {
        return left + " IS " + right;
    }

    @Override
    public String nullSafeNotEqual(String left, String right) {
        return left + " IS NOT " + right;
    }

    @Override
    public String like(String value, String pattern, boolean negated) {
        return value + (negated ? " NOT LIKE " : " LIKE ") + pattern + " ESCAPE '\\'";
    }

    @Override
    public String equalIgnoringCase(String left, String right) {
        return left + " = " + right + " COLLATE NOCASE";
    }

    @Override
    public String booleanLiteral(boolean value) {
        return value ? "1" : "0";
    }

    @Override
    public Object jsonBytes(byte[] utf8Json) {
        return utf8Json;
    }

    @Override
    public String concat(List<String> expressions) {
        return "(" + String.join(" || ", expressions) + ")";
    }

    @Override
    public String randomOrder() {
        return "RANDOM()";
    }

    @Override
    public boolean cheapUnindexedAppends() {
        return true;
    }

    @Override
    public String rowid(String tableAlias) {
        String column = quote("_rowid_");
        return tableAlias == null ? column : quote(tableAlias) + "." + column;
    }

    @Override
    public String scanOrder(String tableAlias) {
        return ""; // a table scan is in rowid order already; no ORDER BY keeps PocketBase's plans
    }

    @Override
    public String geoDistanceKm(String lonA, String latA, String lonB, String latB) {
        // spherical law of cosines on the mean Earth radius; the cosine is clamped to [-1, 1] so rounding
        // never makes acos() NULL for (nearly) identical points
        return "(6371 * acos(min(1, max(-1, "
                + "cos(radians(" + latA + ")) * cos(radians(" + latB + ")) * "
                + "cos(radians(" + lonB + ") - radians(" + lonA + ")) + "
                + "sin(radians(" + latA + ")) * sin(radians(" + latB + "))"
                + "))))";
    }

    @Override
    public String strftime(List<String> arguments) {
        return "strftime(" + String.join(",", arguments) + ")";
    }

    @Override
    public String jsonArrayContains(String arrayExpression) {
        return "EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(" + arrayExpression + ") THEN " + arrayExpression
                + " ELSE '[]' END) WHERE json_each.value = ?)";
    }

    @Override
    public String jsonEach(String expression) {
        return "json_each(" + asJsonArray(expression, "json_array(" + expression + ")") + ")";
    }

    @Override
    public String jsonEachValue(String alias) {
        return quote(alias) + ".\"value\"";
    }

    @Override
    public String jsonItemCount(String expression) {
        return "json_array_length(" + asJsonArray(expression, "(CASE WHEN " + expression + " = '' OR " + expression
                + " IS NULL THEN json_array() ELSE json_array(" + expression + ") END)") + ")";
    }

    private static String asJsonArray(String expression, String otherwise) {
        return "(CASE WHEN iif(json_valid(" + expression + "), json_type(" + expression + ") = 'array', FALSE) THEN "
                + expression + " ELSE " + otherwise + " END)";
    }

    @Override
    public String jsonPathValue(String expression, String jsonPath) {
        if (!jsonPath.startsWith("$")) {
            throw new IllegalArgumentException("JSON path must start with $: " + jsonPath);
        }
        String inner = "'" + jsonPath.replace("'", "''") + "'";
        String wrapped = "'$.v" + jsonPath.substring(1).replace("'", "''") + "'";
        return "(CASE WHEN json_valid(" + expression + ") THEN JSON_EXTRACT(" + expression + ", " + inner
                + ") ELSE JSON_EXTRACT(json_object('v', " + expression + "), " + wrapped + ") END)";
    }

    /** SQLite's {@code sqlite3_errstr} texts by primary result code. */
    private static final Map<Integer, String> ERROR_TEXTS = Map.ofEntries(
            Map.entry(0, "not an error"), Map.entry(1, "SQL logic error"),
            Map.entry(3, "access permission denied"), Map.entry(4, "query aborted"),
            Map.entry(5, "database is locked"), Map.entry(6, "database table is locked"),
            Map.entry(7, "out of memory"), Map.entry(8, "attempt to write a readonly database"),
            Map.entry(9, "interrupted"), Map.entry(10, "disk I/O error"),
            Map.entry(11, "database disk image is malformed"), Map.entry(12, "unknown operation"),
            Map.entry(13, "database or disk is full"), Map.entry(14, "unable to open database file"),
            Map.entry(15, "locking protocol"), Map.entry(17, "database schema has changed"),
            Map.entry(18, "string or blob too big"), Map.entry(19, "constraint failed"),
            Map.entry(20, "datatype mismatch"), Map.entry(21, "bad parameter or other API misuse"),
            Map.entry(23, "authorization denied"), Map.entry(25, "column index out of range"),
            Map.entry(26, "file is not a database"), Map.entry(27, "notification message"),
            Map.entry(28, "warning message"));

    @Override
    public String errorText(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException se) {
                // the driver writes "[SQLITE_ERROR] SQL error or missing database (near "x": syntax error)"
                String raw = se.getMessage() == null ? "" : se.getMessage();
                int open = raw.indexOf('(');
                String detail = open >= 0 && raw.endsWith(")") ? raw.substring(open + 1, raw.length() - 1) : raw;
                int code = se.getResultCode().code;
                String kind = ERROR_TEXTS.getOrDefault(code & 0xff, "unknown error");
                return kind + ": " + detail + " (" + code + ")";
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static final String UNIQUE_FAILED = "UNIQUE constraint failed: ";

    @Override
    public List<String> uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.sqlite.SQLiteException se && se.getMessage() != null) {
                // "[SQLITE_CONSTRAINT_UNIQUE] A UNIQUE constraint failed (UNIQUE constraint failed: t.a, t.b)"
                String message = se.getMessage();
                int at = message.indexOf(UNIQUE_FAILED);
                if (at < 0) {
                    return List.of();
                }
                String columns = message.substring(at + UNIQUE_FAILED.length());
                int end = columns.indexOf(')');
                List<String> out = new ArrayList<>();
                for (String column : (end < 0 ? columns : columns.substring(0, end)).split(",")) {
                    if (!column.isBlank()) {
                        out.add(column.strip());
                    }
                }
                return List.copyOf(out);
            }
        }
        return List.of();
    }
}
