package dev.coffer.tools.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB's SQL (10.11 or newer; MySQL 8.0 where it costs little). Every connection runs with ANSI_QUOTES,
 * PIPES_AS_CONCAT and NO_BACKSLASH_ESCAPES, so Coffer's double-quoted identifiers, {@code ||} and string
 * literals mean what they mean on SQLite; text columns use a binary, no-pad collation, so text sorts and
 * compares by code point as on SQLite. JSON is kept as text exactly as written and read through a stored
 * function ({@code coffer_json_value}) that treats malformed JSON as a string the way SQLite's JSON functions do;
 * the expressions run on every row of a filter (comparisons with numbers, LIKE, json_each items) are written out
 * in built-in SQL, as a stored function call costs microseconds per row.
 *
 * <p>MariaDB has no implicit row id: every table Coffer creates gets an invisible auto-increment
 * {@code _rowid_} column, which {@link #rowid(String)} reads.
 */
final class MysqlDialect extends ServerDialect {

    /** MariaDB 10.11 or newer. */
    static final MysqlDialect MARIADB = new MysqlDialect(true);
    /** MySQL 8.0 or newer. */
    static final MysqlDialect MYSQL = new MysqlDialect(false);

    /** The sql_mode of every connection (no strict mode: values convert as SQLite converts them, without errors). */
    static final String SQL_MODE = "ANSI_QUOTES,PIPES_AS_CONCAT,NO_BACKSLASH_ESCAPES,NO_ENGINE_SUBSTITUTION";
    /** The name prefix of the invisible generated columns a unique index is built over. */
    static final String INDEX_COLUMN_PREFIX = "__ix_";

    private static final int MARIADB_MIN_MAJOR = 10;
    private static final int MARIADB_MIN_MINOR = 11;
    private static final int MYSQL_MIN_MAJOR = 8;
    private static final String FUNCTIONS = "mysql-functions.sql";

    private final boolean mariadb;
    private final MysqlDdl ddl;

    private MysqlDialect(boolean mariadb) {
        this.mariadb = mariadb;
        this.ddl = new MysqlDdl(this);
    }

    /** Whether the server is MariaDB (else MySQL). */
    boolean mariadb() {
        return mariadb;
    }

    /** The binary collation of text: code point order without padding, as SQLite compares. */
    String collation() {
        return mariadb ? "utf8mb4_nopad_bin" : "utf8mb4_0900_bin";
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public Ddl ddl() {
        return ddl;
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The greatest double: a comparison with a number sees text that doesn't spell one as greater than all. */
    private static final String MAX_DOUBLE = "1.7976931348623157e308";
    private static final String NUMBER_PATTERN =
            "'^[[:space:]]*[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?[[:space:]]*$'";

    /**
     * Whether an expression may be written several times in one SQL expression: anything but a raw {@code ?}
     * parameter, which would then need its value bound several times (the arguments of
     * {@code SqlExpression.render} templates are markers, repeated with their parameters).
     */
    private static boolean repeatable(String expression) {
        return !expression.contains("?");
    }

    /** A value as a JSON array of its items, as SQLite's json_each sees it: a JSON array, else a one-item array of it. */
    private static String asArray(String x) {
        if (!repeatable(x)) {
            return "coffer_json_array(" + x + ")";
        }
        return "(CASE WHEN JSON_VALID(" + x + ") AND JSON_TYPE(" + x + ") = 'ARRAY' THEN " + x + " ELSE JSON_ARRAY(" + x
                + ") END)";
    }

    @Override
    public String jsonArrayLength(String expression) {
        if (!repeatable(expression)) {
            return "COALESCE(coffer_json_array_length(" + expression + "), 0)";
        }
        return "(CASE WHEN JSON_VALID(" + expression + ") AND JSON_TYPE(" + expression + ") = 'ARRAY' THEN JSON_LENGTH("
                + expression + ") ELSE 0 END)";
    }

    @Override
    public String jsonExtract(String expression, String jsonPath) {
        return jsonPathValue(expression, jsonPath);
    }

    @Override
    public String nullSafeEqual(String left, String right) {
        return "(" + left + " <=> " + right + ")";
    }

    @Override
    public String nullSafeNotEqual(String left, String right) {
        return "NOT (" + left + " <=> " + right + ")";
    }

    @Override
    public String like(String value, String pattern, boolean negated) {
        // SQLite's LIKE folds ASCII letters only; both sides are folded the same way and matched by code point.
        // LOWER() folds every letter (the Kelvin sign to k, É to é), but where the value and the pattern are ASCII
        // alone (as many bytes as characters) it folds exactly what SQLite folds: those take the built-in LOWER(),
        // the others the ASCII-only fold of 26 REPLACE()s, many times slower
        String like = negated ? " NOT LIKE " : " LIKE ";
        return "(CASE WHEN CHAR_LENGTH(" + value + ") = LENGTH(" + value + ") AND CHAR_LENGTH(" + pattern
                + ") = LENGTH(" + pattern + ") THEN LOWER(" + value + ")" + like + "LOWER(" + pattern
                + ") ESCAPE '\\' ELSE " + fold(value) + like + fold(pattern) + " ESCAPE '\\' END)";
    }

    @Override
    public String equalIgnoringCase(String left, String right) {
        // as the NOCASE unique index's generated column folds (ASCII letters only, as SQLite's NOCASE)
        return fold(left) + " = " + fold(right);
    }

    /** A text with its ASCII letters in lower case (and every other character as it is), as SQLite's NOCASE folds. */
    static String fold(String expression) {
        StringBuilder out = new StringBuilder();
        out.append("REPLACE(".repeat(26)).append(expression);
        for (char c = 'A'; c <= 'Z'; c++) {
            out.append(", '").append(c).append("', '").append(Character.toLowerCase(c)).append("')");
        }
        return out.toString();
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
        return "CONCAT(" + String.join(", ", expressions) + ")";
    }

    @Override
    public String randomOrder() {
        return "RAND()";
    }

    @Override
    public String geoDistanceKm(String lonA, String latA, String lonB, String latB) {
        return haversineKm(lonA, latA, lonB, latB, MysqlDialect::num);
    }

    private static String num(String expression) {
        return "coffer_number(" + expression + ")";
    }

    @Override
    public String strftime(List<String> arguments) {
        String format = arguments.isEmpty() ? "NULL" : arguments.get(0);
        String time = arguments.size() < 2 ? "'now'" : arguments.get(1);
        String modifiers = arguments.size() < 3 ? "'[]'"
                : "JSON_ARRAY(" + String.join(", ", arguments.subList(2, arguments.size())) + ")";
        return "coffer_strftime(" + format + ", " + time + ", " + modifiers + ")";
    }

    /**
     * A table of the items of a JSON array: {@code value} as JSON_TABLE reads a scalar (strings unquoted) and
     * {@code __json}, the item's JSON text, from which {@link #jsonEachValue} makes what json_extract returns.
     */
    private String itemsTable(String array) {
        String text = " LONGTEXT CHARACTER SET utf8mb4 COLLATE " + collation();
        return "JSON_TABLE(" + array + ", '$[*]' COLUMNS(\"value\"" + text + " PATH '$', \"__json\" JSON PATH '$'))";
    }

    @Override
    public String jsonArrayContains(String arrayExpression) {
        // SQLite reads valid JSON (a scalar is its one item) and no item of anything else
        String x = arrayExpression;
        String items = repeatable(x)
                ? "(CASE WHEN NOT JSON_VALID(" + x + ") OR " + x + " IS NULL THEN '[]' WHEN JSON_TYPE(" + x
                        + ") = 'ARRAY' THEN " + x + " ELSE CONCAT('[', " + x + ", ']') END)"
                : "coffer_json_scalars(" + x + ")";
        return "EXISTS (SELECT 1 FROM " + itemsTable(items) + " \"__jc\" WHERE " + jsonEachValue("__jc") + " = ?)";
    }

    @Override
    public String jsonEach(String expression) {
        return itemsTable(asArray(expression));
    }

    @Override
    public String jsonEachValue(String alias) {
        String value = quote(alias) + ".\"value\"";
        String json = quote(alias) + ".\"__json\"";
        // as json_extract gives an item: strings unquoted, true/false as 1/0, containers as minified JSON
        return "(CASE WHEN " + value + " NOT IN ('true', 'false') THEN " + value
                + " WHEN JSON_TYPE(" + json + ") = 'BOOLEAN' THEN IF(" + value + " = 'true', '1', '0')"
                + " WHEN " + value + " IS NULL AND JSON_TYPE(" + json + ") IN ('OBJECT', 'ARRAY') THEN JSON_COMPACT(" + json
                + ") COLLATE " + collation() + " ELSE " + value + " END)";
    }

    @Override
    public String jsonItemCount(String expression) {
        String x = expression;
        if (!repeatable(x)) {
            return "coffer_json_item_count(" + x + ")";
        }
        return "(CASE WHEN " + x + " IS NULL OR CONCAT(" + x + ") = '' THEN 0 WHEN JSON_VALID(" + x + ") AND JSON_TYPE("
                + x + ") = 'ARRAY' THEN JSON_LENGTH(" + x + ") ELSE 1 END)";
    }

    @Override
    public String jsonPathValue(String expression, String jsonPath) {
        if (!jsonPath.startsWith("$")) {
            throw new IllegalArgumentException("JSON path must start with $: " + jsonPath);
        }
        List<String> steps = steps(jsonPath);
        String path = "$" + String.join("", steps);
        List<String> arrays = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).startsWith("[")) {
                arrays.add("\"" + ("$" + String.join("", steps.subList(0, i))).replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\"");
            }
        }
        // one call: MariaDB reads a non-array as a one-item array at an [n] step, where SQLite finds nothing
        return "coffer_json_value(" + expression + ", " + MysqlDdl.literal(path) + ", "
                + MysqlDdl.literal("[" + String.join(",", arrays) + "]") + ")";
    }

    private static final Pattern PATH_STEP = Pattern.compile("\\.(\"(?:[^\"]|\"\")*\"|[^.\\[]+)|\\[(#-)?(\\d+)]");

    /**
     * The steps of a JSON path of SQLite ({@code $.a[0].b}, {@code $[#-1]}) in MySQL's words: each key quoted
     * ({@code ."a"}), the last items counted from {@code last}.
     */
    static List<String> steps(String jsonPath) {
        List<String> out = new ArrayList<>();
        Matcher m = PATH_STEP.matcher(jsonPath);
        int pos = 1;
        while (pos < jsonPath.length() && m.find(pos) && m.start() == pos) {
            if (m.group(1) != null) {
                String key = m.group(1);
                if (key.startsWith("\"") && key.endsWith("\"") && key.length() >= 2) {
                    key = key.substring(1, key.length() - 1).replace("\"\"", "\"");
                }
                out.add(".\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            } else if (m.group(2) != null) {
                int back = Integer.parseInt(m.group(3));
                out.add(back <= 1 ? "[last]" : "[last-" + (back - 1) + "]");
            } else {
                out.add("[" + m.group(3) + "]");
            }
            pos = m.end();
        }
        if (pos < jsonPath.length()) {
            throw new IllegalArgumentException("unsupported JSON path: " + jsonPath);
        }
        return out;
    }

    private static final Pattern CONNECTION_PREFIX = Pattern.compile("^\\(conn=\\d+\\)\\s*");

    @Override
    public String errorText(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && se.getErrorCode() > 0) {
                String message = se.getMessage() == null ? "database error" : se.getMessage();
                message = message.lines().findFirst().orElse(message);
                return CONNECTION_PREFIX.matcher(message).replaceFirst("");
            }
        }
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    /** MariaDB's ER_DUP_ENTRY, ER_DUP_UNIQUE and ER_DUP_ENTRY_WITH_KEY_NAME. */
    private static boolean isDuplicate(SQLException e) {
        int code = e.getErrorCode();
        return code == 1062 || code == 1169 || code == 1586;
    }

    private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[^']*\\.)?([^']+)'");

    /**
     * The columns of a duplicate-key failure, attached to the failure by {@link #explain} while its connection
     * was at hand (MariaDB names only the key in its message).
     */
    static final class UniqueColumns extends SQLException {
        private final List<String> columns;

        UniqueColumns(List<String> columns) {
            super("unique columns " + columns);
            this.columns = List.copyOf(columns);
        }

        List<String> columns() {
            return columns;
        }
    }

    @Override
    public List<String> uniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof UniqueColumns u) {
                    return u.columns();
                }
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && isDuplicate(se)) {
                Matcher m = DUPLICATE_KEY.matcher(String.valueOf(se.getMessage()));
                return m.find() && m.group(1).equals("PRIMARY") ? List.of("id") : List.of();
            }
        }
        return List.of();
    }

    @Override
    public boolean transactionalDdl() {
        return false;
    }

    @Override
    void annotate(Connection c, Throwable failure) {
        SQLException duplicate = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && isDuplicate(se)) {
                duplicate = se;
                break;
            }
        }
        if (duplicate == null) {
            return;
        }
        for (Throwable s : duplicate.getSuppressed()) {
            if (s instanceof UniqueColumns) {
                return;
            }
        }
        Matcher m = DUPLICATE_KEY.matcher(String.valueOf(duplicate.getMessage()));
        if (!m.find()) {
            return;
        }
        try {
            List<String> columns = keyColumns(c, m.group(1));
            if (!columns.isEmpty()) {
                duplicate.addSuppressed(new UniqueColumns(columns));
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * The columns ({@code table.column}) of a key, as SQLite would name them for its unique index; when tables
     * share the key's name (their PRIMARY keys), the columns alone, if the tables agree on them.
     */
    private List<String> keyColumns(Connection c, String key) throws SQLException {
        Map<String, List<String>> byTable = new java.util.LinkedHashMap<>();
        Map<String, String> comments = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT table_name, column_name, index_comment"
                + " FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = ?"
                + " ORDER BY table_name, seq_in_index")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byTable.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2));
                    comments.put(rs.getString(1), rs.getString(3));
                }
            }
        }
        if (byTable.size() == 1) {
            String table = byTable.keySet().iterator().next();
            String comment = comments.get(table);
            List<String> columns = byTable.get(table);
            if (comment != null && !comment.isBlank()) {
                IndexDefinition index = IndexDefinition.parse(comment);
                if (index.isValid()) {
                    columns = index.columns().stream().map(IndexDefinition.Column::name).toList();
                }
            }
            return columns.stream().map(column -> table + "." + column).toList();
        }
        return byTable.values().stream().distinct().count() == 1 ? byTable.values().iterator().next() : List.of();
    }

    @Override
    public boolean correlatedDerivedTables() {
        return !mariadb;
    }

    @Override
    public String comparable(String expression, SqlType own, SqlType other) {
        if (own == SqlType.NULL || other == SqlType.NULL) {
            return expression;
        }
        boolean numeric = other == SqlType.NUMBER || other == SqlType.BOOLEAN;
        return switch (own) {
            // SQLite compares a column by its value's own type: numbers and 0/1 booleans as numbers, text that
            // doesn't spell a number after every number (MariaDB would read 'abc' as 0). Against text a column
            // is left as it is, so that its index serves (a number column then reads the text as a number)
            case ANY, TEXT -> numeric ? comparedNumber(expression) : expression;
            default -> expression;
        };
    }

    /**
     * A value as a comparison with a number sees it on SQLite: a number where it spells one; other text after every
     * number, except empty text, before them. Written out (a stored function costs microseconds per row).
     */
    private static String comparedNumber(String x) {
        if (!repeatable(x)) {
            return "coffer_compared_number(" + x + ")";
        }
        return "(CASE WHEN CONCAT(" + x + ") REGEXP " + NUMBER_PATTERN + " THEN CONCAT(" + x + ") + 0 WHEN " + x
                + " IS NULL THEN NULL WHEN CONCAT(" + x + ") = '' THEN -" + MAX_DOUBLE + " ELSE " + MAX_DOUBLE + " END)";
    }

    @Override
    public String declaredType(String driverTypeName) {
        String type = driverTypeName == null ? "" : driverTypeName.toUpperCase(Locale.ROOT);
        return switch (type) {
            case "VARCHAR", "CHAR", "TEXT", "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "JSON" -> type.equals("JSON") ? "JSON" : "TEXT";
            case "DOUBLE", "FLOAT", "DECIMAL", "REAL" -> "NUMERIC";
            case "BIGINT", "INT", "INTEGER", "MEDIUMINT", "SMALLINT" -> "INTEGER";
            case "BOOLEAN", "BIT", "TINYINT" -> "BOOLEAN";
            default -> driverTypeName;
        };
    }

    @Override
    Map<String, String> connectionProperties(DatabaseUrl url) {
        return Map.of("transactionIsolation", "READ_COMMITTED", "tinyInt1isBit", "true", "connectionAttributes",
                "program_name:coffer");
    }

    @Override
    String connectionInitSql() {
        return "SET sql_mode = '" + SQL_MODE + "', collation_connection = IF(VERSION() LIKE '%MariaDB%',"
                + " 'utf8mb4_nopad_bin', 'utf8mb4_0900_bin')";
    }

    @Override
    void prepare(Connection c) throws SQLException {
        super.prepare(c);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }

    @Override
    ServerDialect forServer(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductVersion();
        return product != null && product.contains("MariaDB") ? MARIADB : isMariaDb(c) ? MARIADB : MYSQL;
    }

    private static boolean isMariaDb(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1).contains("MariaDB");
        }
    }

    @Override
    String checkServer(Connection c) throws SQLException {
        String version;
        String database;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION(), DATABASE()")) {
            rs.next();
            version = rs.getString(1);
            database = rs.getString(2);
        }
        boolean maria = version.contains("MariaDB");
        Matcher m = Pattern.compile("^(\\d+)\\.(\\d+)").matcher(version);
        int major = 0;
        int minor = 0;
        if (m.find()) {
            major = Integer.parseInt(m.group(1));
            minor = Integer.parseInt(m.group(2));
        }
        String text = (maria ? "MariaDB " : "MySQL ") + version.replaceAll("-MariaDB.*$", "");
        if (maria ? major < MARIADB_MIN_MAJOR || major == MARIADB_MIN_MAJOR && minor < MARIADB_MIN_MINOR
                : major < MYSQL_MIN_MAJOR) {
            throw new SQLException(text + " is too old: Coffer needs MariaDB 10.11 or MySQL 8.0 or newer");
        }
        if (database == null) {
            throw new SQLException("the URL names no database");
        }
        if (!mayCreate(c)) {
            throw new SQLException("user " + c.getMetaData().getUserName() + " may not create tables and functions in"
                    + " database " + database + " (GRANT ALL ON " + database + ".* TO it)");
        }
        return text;
    }

    /**
     * Whether the user holds the CREATE and CREATE ROUTINE privileges on the database (globally or for it): Coffer
     * creates its tables and the functions its SQL calls.
     */
    private static boolean mayCreate(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT privilege_type) FROM ("
                        + "SELECT privilege_type FROM information_schema.user_privileges"
                        + " UNION ALL SELECT privilege_type FROM information_schema.schema_privileges"
                        + " WHERE table_schema = DATABASE() OR DATABASE() LIKE table_schema ESCAPE '\\') p"
                        + " WHERE privilege_type IN ('CREATE', 'CREATE ROUTINE')")) {
            return rs.next() && rs.getInt(1) == 2;
        }
    }

    @Override
    void install(Connection c) throws SQLException {
        String script = functions();
        String version = HexFormat.of().formatHex(sha256(script)).substring(0, 16);
        if (version.equals(installedVersion(c))) {
            return;
        }
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT GET_LOCK(CONCAT('coffer_install_', DATABASE()), 60)")) {
                if (!rs.next() || rs.getInt(1) != 1) {
                    throw new SQLException("another process is installing Coffer's functions; try again");
                }
            }
            try {
                if (!version.equals(installedVersion(c))) {
                    for (String statement : script.split("\n--;\n")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                    s.execute("DROP FUNCTION IF EXISTS coffer_functions_version");
                    s.execute("CREATE FUNCTION coffer_functions_version() RETURNS VARCHAR(64) DETERMINISTIC NO SQL"
                            + " RETURN '" + version + "'");
                }
            } finally {
                try (ResultSet rs = s.executeQuery("SELECT RELEASE_LOCK(CONCAT('coffer_install_', DATABASE()))")) {
                    rs.next();
                }
            }
        }
    }

    private String functions() throws SQLException {
        try (InputStream in = MysqlDialect.class.getResourceAsStream(FUNCTIONS)) {
            if (in == null) {
                throw new SQLException(FUNCTIONS + " is missing from the jar");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return mariadb ? script : script.replace("utf8mb4_nopad_bin", collation());
        } catch (IOException e) {
            throw new SQLException("cannot read " + FUNCTIONS + ": " + e.getMessage(), e);
        }
    }

    private static String installedVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT routine_name FROM information_schema.routines"
                        + " WHERE routine_schema = DATABASE() AND routine_name = 'coffer_functions_version'")) {
            if (!rs.next()) {
                return null;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coffer_functions_version()")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    String statementTimeoutSql(Duration timeout) {
        if (mariadb) {
            long millis = timeout.toMillis();
            return "SET max_statement_time = " + (millis / 1000) + "." + String.format(Locale.ROOT, "%03d", millis % 1000);
        }
        return "SET max_execution_time = " + timeout.toMillis();
    }

    @Override
    boolean isRetryable(Throwable failure) {
        // 1213: deadlock found; 1205: lock wait timeout (the transaction is rolled back with innodb_rollback_on_timeout
        // only, so only deadlocks are retried)
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException se && (se.getErrorCode() == 1213 || "40001".equals(se.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof SQLException se && (se.getErrorCode() == 1969 || se.getErrorCode() == 3024
                    || "70100".equals(se.getSQLState()) && String.valueOf(se.getMessage()).contains("max_statement_time"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    String optimizeSql() {
        return "SELECT 1"; // InnoDB keeps its statistics up to date by itself
    }

    @Override
    String vacuumSql() {
        return null;
    }

    @Override
    ClusterSql clusterSql() {
        String now = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";
        return new ClusterSql(now, "VARCHAR(255)", null,
                "INSERT INTO \"_clusterMembers\" (\"id\", \"address\", \"started\", \"lastSeen\") VALUES (?, ?, " + now
                        + ", " + now + ") ON DUPLICATE KEY UPDATE \"address\" = VALUES(\"address\"),"
                        + " \"lastSeen\" = VALUES(\"lastSeen\")",
                "INSERT IGNORE INTO \"_clusterClaims\" (\"key\", \"created\") VALUES (?, " + now + ")",
                // a refused request leaves the count at max + 1; MariaDB sets "count" before "start" changes
                "INSERT INTO \"_clusterRates\" (\"key\", \"start\", \"count\") VALUES (?, (" + now + ") / 1000, 1)"
                        + " ON DUPLICATE KEY UPDATE"
                        + " \"count\" = IF(VALUES(\"start\") - \"start\" >= ?, 1, LEAST(\"count\" + 1, ? + 1)),"
                        + " \"start\" = IF(VALUES(\"start\") - \"start\" >= ?, VALUES(\"start\"), \"start\")",
                false);
    }

    @Override
    public String appendLock(String table, String numberColumn) {
        // InnoDB locks the last index entry and the gap after it: concurrent appends wait, reads don't
        return "SELECT " + numberColumn + " FROM " + table + " ORDER BY " + numberColumn + " DESC LIMIT 1 FOR UPDATE";
    }

    @Override
    public String lockSkippingLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }
}
