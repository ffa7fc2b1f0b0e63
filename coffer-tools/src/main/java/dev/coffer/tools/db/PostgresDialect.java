package dev.coffer.tools.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * PostgreSQL's SQL (15 or newer). Text columns use the {@code "C"} collation, so text sorts and compares by
 * bytes as on SQLite; JSON is kept as text (key order as written) and read through the {@code coffer_json}
 * function, which treats malformed JSON as a string the way SQLite's JSON functions do.
 *
 * <p>PostgreSQL has no implicit row id: every table Coffer creates gets a {@code _rowid_} identity column, which
 * {@link #rowid(String)} reads and which, unlike MariaDB's invisible one, {@code SELECT *} shows
 * ({@link #isRowidColumn(String)}).
 */
final class PostgresDialect extends ServerDialect {

    /** The advisory lock key that serializes the creation of the cluster's tables. */
    private static final long CLUSTER_INSTALL_LOCK = 0x436f66666572L + 1;

    static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final int MIN_VERSION = 150000;
    private static final long INSTALL_LOCK = 0x436f66666572L; // "Coffer"

    private final Ddl ddl = new PostgresDdl(this);

    private PostgresDialect() {}

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Ddl ddl() {
        return ddl;
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String json(String expression) {
        return "coffer_json(CAST(" + expression + " AS TEXT))";
    }

    private static String jsonArray(String expression) {
        return "coffer_json_array(CAST(" + expression + " AS TEXT))";
    }

    @Override
    public String jsonArrayLength(String expression) {
        return "(CASE WHEN jsonb_typeof(" + json(expression) + ") = 'array' THEN jsonb_array_length(" + json(expression)
                + ") ELSE 0 END)";
    }

    @Override
    public String jsonExtract(String expression, String jsonPath) {
        return jsonPathValue(expression, jsonPath);
    }

    @Override
    public String nullSafeEqual(String left, String right) {
        return left + " IS NOT DISTINCT FROM " + right;
    }

    @Override
    public String nullSafeNotEqual(String left, String right) {
        return left + " IS DISTINCT FROM " + right;
    }

    @Override
    public String like(String value, String pattern, boolean negated) {
        // SQLite's LIKE folds ASCII letters only; ILIKE under the "C" collation does the same
        return "CAST(" + value + " AS TEXT) COLLATE \"C\"" + (negated ? " NOT ILIKE " : " ILIKE ") + "CAST(" + pattern
                + " AS TEXT) ESCAPE '\\'";
    }

    @Override
    public String equalIgnoringCase(String left, String right) {
        // lower() under the "C" collation folds ASCII letters only, as NOCASE does; the left side stays as the
        // index expression lower("column") reads, so that the index serves the lookup
        return "lower(" + left + ") = lower(CAST(" + right + " AS TEXT) COLLATE \"C\")";
    }

    @Override
    public String booleanLiteral(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    @Override
    public Object jsonBytes(byte[] utf8Json) {
        return new String(utf8Json, StandardCharsets.UTF_8);
    }

    @Override
    public String concat(List<String> expressions) {
        return "(" + String.join(" || ", expressions.stream().map(e -> "CAST(" + e + " AS TEXT)").toList()) + ")";
    }

    @Override
    public String randomOrder() {
        return "RANDOM()";
    }

    @Override
    public boolean isRowidColumn(String column) {
        return ROWID.equals(column);
    }

    @Override
    public String geoDistanceKm(String lonA, String latA, String lonB, String latB) {
        return haversineKm(lonA, latA, lonB, latB, PostgresDialect::num);
    }

    private static String num(String expression) {
        return "coffer_number(CAST(" + expression + " AS TEXT))";
    }

    @Override
    public String strftime(List<String> arguments) {
        List<String> texts = arguments.stream().map(a -> "CAST(" + a + " AS TEXT)").toList();
        return "coffer_strftime(" + String.join(", ", texts) + ")";
    }

    @Override
    public String jsonArrayContains(String arrayExpression) {
        return "EXISTS (SELECT 1 FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(" + json(arrayExpression)
                + ") = 'array' THEN " + json(arrayExpression) + " ELSE '[]'::jsonb END) AS __jc WHERE __jc.value = CAST(? AS TEXT))";
    }

    @Override
    public String jsonEach(String expression) {
        return "coffer_json_each(CAST(" + expression + " AS TEXT))";
    }

    @Override
    public String jsonEachValue(String alias) {
        return quote(alias) + ".\"value\"";
    }

    @Override
    public String jsonItemCount(String expression) {
        return "(CASE WHEN " + expression + " IS NULL OR CAST(" + expression + " AS TEXT) = '' THEN 0"
                + " ELSE jsonb_array_length(" + jsonArray(expression) + ") END)";
    }

    @Override
    public String jsonPathValue(String expression, String jsonPath) {
        if (!jsonPath.startsWith("$")) {
            throw new IllegalArgumentException("JSON path must start with $: " + jsonPath);
        }
        return "coffer_json_text(coffer_json_doc(CAST(" + expression + " AS TEXT)) #> " + pathArray(jsonPath) + ")";
    }

    private static final Pattern PATH_STEP = Pattern.compile("\\.([^.\\[]+)|\\[(#-)?(\\d+)]");

    /** A JSON path ({@code $.a[0].b}) as a PostgreSQL text array literal ({@code '{a,0,b}'}). */
    static String pathArray(String jsonPath) {
        List<String> steps = new ArrayList<>();
        Matcher m = PATH_STEP.matcher(jsonPath);
        int pos = 1;
        while (pos < jsonPath.length() && m.find(pos) && m.start() == pos) {
            if (m.group(1) != null) {
                String key = m.group(1);
                if (key.startsWith("\"") && key.endsWith("\"") && key.length() >= 2) {
                    key = key.substring(1, key.length() - 1);
                }
                steps.add(key);
            } else {
                steps.add((m.group(2) != null ? "-" : "") + m.group(3));
            }
            pos = m.end();
        }
        if (pos < jsonPath.length()) {
            throw new IllegalArgumentException("unsupported JSON path: " + jsonPath);
        }
        StringBuilder out = new StringBuilder("'{");
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(steps.get(i).replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "''"))
                    .append('"');
        }
        return out.append("}'::text[]").toString();
    }

    @Override
    public String errorText(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException pe) {
                ServerErrorMessage server = pe.getServerErrorMessage();
                if (server != null && server.getMessage() != null) {
                    return server.getMessage();
                }
                String message = pe.getMessage();
                return message == null ? "database error" : message.lines().findFirst().orElse(message);
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static final Pattern KEY_COLUMNS = Pattern.compile("^Key \\((.*?)\\)=\\(");

    @Override
    public List<String> uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PSQLException pe && "23505".equals(pe.getSQLState())) {
                ServerErrorMessage server = pe.getServerErrorMessage();
                if (server == null || server.getDetail() == null) {
                    return List.of();
                }
                Matcher m = KEY_COLUMNS.matcher(server.getDetail());
                if (!m.find()) {
                    return List.of();
                }
                String table = server.getTable() == null ? "" : server.getTable();
                List<String> out = new ArrayList<>();
                for (String column : m.group(1).split(",")) {
                    String c = column.strip();
                    Matcher call = Pattern.compile("^\\w+\\((.*)\\)$").matcher(c);
                    if (call.matches()) {
                        c = call.group(1).strip();
                    }
                    if (c.startsWith("\"") && c.endsWith("\"") && c.length() >= 2) {
                        c = c.substring(1, c.length() - 1).replace("\"\"", "\"");
                    }
                    out.add(table + "." + c);
                }
                return List.copyOf(out);
            }
        }
        return List.of();
    }

    /**
     * {@inheritDoc}
     *
     * <p>PostgreSQL knows each operand's type where SQLite knows each value's: an operand of unknown type goes
     * through {@code coffer_as_text}, {@code coffer_as_number} or {@code coffer_as_boolean} (postgres-functions.sql),
     * whose version PostgreSQL picks by the operand's type. One of the bound value's own kind comes back unchanged (the
     * call inlines to the bare column, whose index then serves); a number compared with text becomes a
     * {@code coffer_numeric} and a number or text compared with a boolean a {@code coffer_real}, domains whose
     * operators compare as SQLite; text compared with a number is read as SQLite's comparison sees it (a number where
     * it spells one, else after every number, empty text before them).
     */
    @Override
    public String comparable(String expression, SqlType own, SqlType other) {
        if (own == SqlType.NULL || other == SqlType.NULL) {
            return expression;
        }
        boolean numeric = other == SqlType.NUMBER || other == SqlType.BOOLEAN;
        return switch (own) {
            case ANY -> switch (other) {
                case NUMBER -> "coffer_as_number(" + expression + ")";
                case BOOLEAN -> "coffer_as_boolean(" + expression + ")";
                default -> "coffer_as_text(" + expression + ")";
            };
            case TEXT -> numeric ? "coffer_compared_number(CAST(" + expression + " AS TEXT))"
                    : "CAST(" + expression + " AS TEXT)";
            // a boolean stays one against an operand of unknown type, which adapts to it
            case BOOLEAN -> other == SqlType.BOOLEAN || other == SqlType.ANY ? expression
                    : "CAST(" + expression + " AS INTEGER)";
            default -> expression;
        };
    }

    @Override
    public String columnLabel(String label, String selectItem) {
        return "?column?".equals(label) && selectItem != null && !selectItem.isEmpty() ? selectItem : label;
    }

    @Override
    public String declaredType(String driverTypeName) {
        return switch (driverTypeName == null ? "" : driverTypeName) {
            case "text", "varchar", "bpchar" -> "TEXT";
            case "float8", "float4", "numeric" -> "NUMERIC";
            case "int8", "int4", "int2" -> "INTEGER";
            case "bool" -> "BOOLEAN";
            case "json_text", "json", "jsonb" -> "JSON";
            default -> driverTypeName;
        };
    }

    @Override
    Map<String, String> connectionProperties(DatabaseUrl url) {
        // a failed statement inside a transaction rolls back only itself, as on SQLite (the driver's savepoints)
        return Map.of("stringtype", "unspecified", "ApplicationName", "coffer", "reWriteBatchedInserts", "true",
                "autosave", "always", "cleanupSavepoints", "true");
    }

    @Override
    String connectionInitSql() {
        return null;
    }

    @Override
    void prepare(Connection c) throws SQLException {
        if (!c.isWrapperFor(org.postgresql.core.BaseConnection.class)) {
            throw new SQLException("the DataSource's connections are not PostgreSQL JDBC driver (pgjdbc) connections");
        }
        org.postgresql.core.BaseConnection pg = c.unwrap(org.postgresql.core.BaseConnection.class);
        if (pg.getStringVarcharFlag()) {
            // text parameters must reach the server untyped to be read as the number, boolean or JSON column they fill
            throw new SQLException("the DataSource's PostgreSQL connections must set stringtype=unspecified"
                    + " (a driver property, or ?stringtype=unspecified in its JDBC URL)");
        }
        pg.setAutosave(org.postgresql.jdbc.AutoSave.ALWAYS);
    }

    @Override
    String checkServer(Connection c) throws SQLException {
        int version = c.getMetaData().getDatabaseMajorVersion() * 10000;
        String text;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, "
                        + "current_setting('server_version'), current_schema(), "
                        + "has_schema_privilege(current_schema(), 'CREATE')")) {
            rs.next();
            version = rs.getInt(1);
            text = "PostgreSQL " + rs.getString(2);
            String schema = rs.getString(3);
            if (schema == null) {
                throw new SQLException("no schema of the search_path exists; create one or set ?currentSchema=");
            }
            if (!rs.getBoolean(4)) {
                throw new SQLException("user " + c.getMetaData().getUserName() + " may not create tables in schema "
                        + schema + " (GRANT CREATE ON SCHEMA " + schema + " TO it)");
            }
        }
        if (version < MIN_VERSION) {
            throw new SQLException(text + " is too old: Coffer needs PostgreSQL 15 or newer");
        }
        return text;
    }

    @Override
    void install(Connection c) throws SQLException {
        installFunctions(c);
        addRowids(c);
    }

    private static void installFunctions(Connection c) throws SQLException {
        String script;
        try (InputStream in = PostgresDialect.class.getResourceAsStream("postgres-functions.sql")) {
            if (in == null) {
                throw new SQLException("postgres-functions.sql is missing from the jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read postgres-functions.sql: " + e.getMessage(), e);
        }
        // the functions carry the script's version, so a server already up to date costs one query at start
        String marker = "coffer functions " + Integer.toHexString(script.hashCode());
        if (marker.equals(installedMarker(c))) {
            return;
        }
        locked(c, s -> {
            if (!marker.equals(installedMarker(c))) {
                for (String statement : script.split("\n--;\n")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("COMMENT ON FUNCTION coffer_text(text) IS '" + marker + "'");
            }
        });
    }

    /**
     * Gives the tables of the schema that have no {@code _rowid_} column (made by a Coffer that read PostgreSQL's
     * physical row order instead) one, numbered in that order.
     */
    private void addRowids(Connection c) throws SQLException {
        if (tablesWithoutRowid(c).isEmpty()) {
            return;
        }
        locked(c, s -> {
            for (String table : tablesWithoutRowid(c)) {
                s.execute("ALTER TABLE " + quote(table) + " ADD COLUMN " + quote(ROWID) + " "
                        + PostgresDdl.ROWID_DEFINITION);
            }
        });
    }

    private static List<String> tablesWithoutRowid(Connection c) throws SQLException {
        return Catalog.names(c, "SELECT t.relname FROM pg_class t WHERE t.relkind = 'r'"
                + " AND t.relnamespace = current_schema()::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_attribute a"
                + " WHERE a.attrelid = t.oid AND a.attname = ? AND NOT a.attisdropped) ORDER BY t.oid", ROWID);
    }

    private interface Work {
        void run(Statement s) throws SQLException;
    }

    /** Runs schema work in one transaction holding Coffer's install lock, so that servers starting together take turns. */
    private static void locked(Connection c, Work work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
            work.run(s);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static String installedMarker(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT obj_description(to_regprocedure('coffer_text(text)'), 'pg_proc')")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Override
    String statementTimeoutSql(Duration timeout) {
        return "SET statement_timeout = " + timeout.toMillis();
    }

    @Override
    boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && "57014".equals(se.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && ("40001".equals(se.getSQLState()) || "40P01".equals(se.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    String optimizeSql() {
        return "ANALYZE";
    }

    @Override
    String vacuumSql() {
        return "VACUUM";
    }

    @Override
    ClusterSql clusterSql() {
        String now = "CAST(extract(epoch from clock_timestamp()) * 1000 AS BIGINT)";
        return new ClusterSql(now, "TEXT", "SELECT pg_advisory_xact_lock(" + CLUSTER_INSTALL_LOCK + ")",
                "INSERT INTO \"_clusterMembers\" (\"id\", \"address\", \"started\", \"lastSeen\") VALUES (?, ?, " + now
                        + ", " + now + ") ON CONFLICT (\"id\") DO UPDATE SET \"address\" = EXCLUDED.\"address\","
                        + " \"lastSeen\" = EXCLUDED.\"lastSeen\"",
                "INSERT INTO \"_clusterClaims\" (\"key\", \"created\") VALUES (?, " + now + ") ON CONFLICT (\"key\") DO NOTHING",
                // a refused request leaves the count at max + 1; "count" is evaluated before "start" changes
                "INSERT INTO \"_clusterRates\" AS r (\"key\", \"start\", \"count\") VALUES (?, (" + now + ") / 1000, 1)"
                        + " ON CONFLICT (\"key\") DO UPDATE SET"
                        + " \"count\" = CASE WHEN EXCLUDED.\"start\" - r.\"start\" >= ? THEN 1 ELSE LEAST(r.\"count\" + 1, ? + 1) END,"
                        + " \"start\" = CASE WHEN EXCLUDED.\"start\" - r.\"start\" >= ? THEN EXCLUDED.\"start\" ELSE r.\"start\" END"
                        + " RETURNING \"count\"",
                true);
    }

    @Override
    public String appendLock(String table, String numberColumn) {
        // conflicts with itself and with plain inserts, not with reads
        return "LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE";
    }

    @Override
    public String lockSkippingLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }
}
