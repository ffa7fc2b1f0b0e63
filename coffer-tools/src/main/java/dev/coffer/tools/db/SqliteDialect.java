package dev.coffer.tools.db;

import java.util.List;

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
    public String concat(List<String> expressions) {
        return "(" + String.join(" || ", expressions) + ")";
    }

    @Override
    public String randomOrder() {
        return "RANDOM()";
    }

    @Override
    public String rowid(String tableAlias) {
        String column = quote("_rowid_");
        return tableAlias == null ? column : quote(tableAlias) + "." + column;
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
}
