package dev.coffer.tools.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an engine's schema back in SQLite's words ({@link TableDefinition}, {@link IndexDefinition}), so a
 * {@link TableCopy} can create the same tables on another engine.
 */
interface Catalog {

    /** A view and the select it shows. */
    record View(String name, String select) {}

    /** The tables (not views, not the engine's own) in creation order. */
    List<String> tables(Connection c) throws SQLException;

    /** One table's definition. */
    TableDefinition table(Connection c, String name) throws SQLException;

    /** The indexes of a table other than those backing its primary key and UNIQUE columns. */
    List<IndexDefinition> indexes(Connection c, String table) throws SQLException;

    /** The views in creation order. */
    List<View> views(Connection c) throws SQLException;

    static Catalog of(Dialect dialect) {
        return switch (dialect) {
            case SqliteDialect d -> new SqliteCatalog();
            case PostgresDialect d -> new PostgresCatalog();
            case MysqlDialect d -> new MysqlCatalog();
            default -> throw new IllegalArgumentException("no catalog for " + dialect.name());
        };
    }

    /** SQLite keeps each statement's text in {@code sqlite_master}. */
    final class SqliteCatalog implements Catalog {
        @Override
        public List<String> tables(Connection c) throws SQLException {
            return names(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                    + " ORDER BY rowid");
        }

        @Override
        public TableDefinition table(Connection c, String name) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("no table " + name);
                    }
                    return TableDefinition.parse(rs.getString(1));
                }
            }
        }

        @Override
        public List<IndexDefinition> indexes(Connection c, String table) throws SQLException {
            List<IndexDefinition> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'index'"
                    + " AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        IndexDefinition index = IndexDefinition.parse(rs.getString(1));
                        if (!index.isValid()) {
                            throw new SQLException("cannot read the index statement " + rs.getString(1));
                        }
                        out.add(index);
                    }
                }
            }
            return out;
        }

        @Override
        public List<View> views(Connection c) throws SQLException {
            List<View> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid")) {
                while (rs.next()) {
                    out.add(new View(rs.getString(1), selectOf(rs.getString(2))));
                }
            }
            return out;
        }

        private static final Pattern VIEW = Pattern.compile("(?is)^\\s*CREATE\\s+(?:TEMP\\w*\\s+)?VIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
                + "(?:`[^`]*`|\"[^\"]*\"|\\[[^]]*]|\\S+)\\s*(?:\\([^)]*\\)\\s*)?AS\\s+(.*)$");
        private static final Pattern WRAPPED = Pattern.compile("(?is)^SELECT\\s+\\*\\s+FROM\\s+\\((.*)\\)\\s*$");

        /** The select of a {@code CREATE VIEW} text, unwrapped from PocketBase's {@code SELECT * FROM (…)}. */
        static String selectOf(String createView) throws SQLException {
            Matcher m = VIEW.matcher(createView);
            if (!m.find()) {
                throw new SQLException("cannot read the view statement " + createView);
            }
            String select = m.group(1).strip();
            Matcher w = WRAPPED.matcher(select);
            return w.matches() ? w.group(1).strip() : select;
        }
    }

    /**
     * PostgreSQL's information schema, mapped back to the SQLite types Coffer creates from; the {@code _rowid_}
     * identity column is left out.
     */
    final class PostgresCatalog implements Catalog {
        @Override
        public List<String> tables(Connection c) throws SQLException {
            // the cluster bus's own tables are not the app's data: copies, backups and restores leave them alone
            return names(c, "SELECT c.relname FROM pg_class c WHERE c.relkind = 'r'"
                    + " AND c.relnamespace = current_schema()::regnamespace"
                    + " AND c.relname NOT IN (" + DatabaseCoordination.tableLiterals() + ") ORDER BY c.oid");
        }

        @Override
        public TableDefinition table(Connection c, String name) throws SQLException {
            List<TableDefinition.Column> columns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
                    + " t.typname, a.attnotnull, pg_get_expr(d.adbin, d.adrelid),"
                    + " EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = a.attrelid AND i.indisprimary"
                    + "   AND i.indnatts = 1 AND i.indkey[0] = a.attnum),"
                    + " EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = a.attrelid AND k.contype = 'u'"
                    + "   AND k.conkey = ARRAY[a.attnum])"
                    + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                    + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                    + " WHERE a.attrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass"
                    + " AND a.attnum > 0 AND NOT a.attisdropped AND NOT (a.attname = ? AND a.attidentity != '')"
                    + " ORDER BY a.attnum")) {
                ps.setString(1, name);
                ps.setString(2, PostgresDialect.ROWID);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String type = sqliteType(rs.getString(2), rs.getString(3));
                        boolean primaryKey = rs.getBoolean(6);
                        columns.add(new TableDefinition.Column(rs.getString(1), type, sqliteDefault(rs.getString(5)),
                                rs.getBoolean(4) && !primaryKey || primaryKey && rs.getString(5) != null, primaryKey,
                                rs.getBoolean(7)));
                    }
                }
            }
            return new TableDefinition(name, false, columns);
        }

        private static String sqliteType(String formatted, String typeName) {
            if (typeName.equals("json_text")) {
                return "JSON";
            }
            String f = formatted.toLowerCase(Locale.ROOT);
            if (f.startsWith("character varying")) {
                return "VARCHAR" + f.substring("character varying".length()).strip();
            }
            return switch (f) {
                case "boolean" -> "BOOLEAN";
                case "bigint", "integer", "smallint" -> "INTEGER";
                case "double precision", "real", "numeric" -> "NUMERIC";
                case "bytea" -> "BLOB";
                default -> "TEXT";
            };
        }

        private static String sqliteDefault(String expression) {
            if (expression == null) {
                return null;
            }
            String e = expression.strip();
            if (e.contains("md5(")) {
                return "('r'||lower(hex(randomblob(7))))";
            }
            if (e.contains("to_char(")) {
                return "(strftime('%Y-%m-%d %H:%M:%fZ'))";
            }
            Matcher cast = Pattern.compile("^(.*?)::[\\w\" ]+$").matcher(e);
            if (cast.matches()) {
                e = cast.group(1);
            }
            if (e.startsWith("(") && e.endsWith(")") && !e.contains(",")) {
                e = e.substring(1, e.length() - 1);
            }
            return switch (e.toLowerCase(Locale.ROOT)) {
                case "true" -> "TRUE";
                case "false" -> "FALSE";
                default -> e;
            };
        }

        @Override
        public List<IndexDefinition> indexes(Connection c, String table) throws SQLException {
            List<IndexDefinition> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT ic.relname, i.indisunique, i.indnkeyatts,"
                    + " pg_get_expr(i.indpred, i.indrelid), i.indexrelid, i.indoption"
                    + " FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid"
                    + " WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass"
                    + " AND NOT i.indisprimary"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)"
                    + " ORDER BY ic.oid")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        boolean unique = rs.getBoolean(2);
                        int count = rs.getInt(3);
                        String where = rs.getString(4);
                        long oid = rs.getLong(5);
                        String options = rs.getString(6);
                        List<IndexDefinition.Column> columns = new ArrayList<>();
                        String[] opts = options == null ? new String[0] : options.split(" ");
                        for (int k = 1; k <= count; k++) {
                            String expression = keyOf(c, oid, k);
                            boolean desc = k - 1 < opts.length && (Integer.parseInt(opts[k - 1]) & 1) == 1;
                            columns.add(column(expression, desc));
                        }
                        out.add(new IndexDefinition("", name, table, where == null ? "" : sqliteCondition(where),
                                columns, unique, false));
                    }
                }
            }
            return out;
        }

        private static String keyOf(Connection c, long indexOid, int k) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_indexdef(?::oid, ?, true)")) {
                ps.setLong(1, indexOid);
                ps.setInt(2, k);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        }

        private static final Pattern JSON_PATH = Pattern.compile(
                "coffer_json_text\\(coffer_json\\(\\(?(\"[^\"]+\"|\\w+)\\)?(?:::text)?\\) #> '\\{([^}]*)\\}'(?:::text\\[\\])?\\)");
        private static final Pattern LOWER = Pattern.compile("^lower\\(\\(?(\"[^\"]+\"|\\w+)\\)?(::text)?\\)$");

        private static IndexDefinition.Column column(String expression, boolean desc) {
            String sort = desc ? "DESC" : "";
            Matcher lower = LOWER.matcher(expression);
            if (lower.matches()) {
                return new IndexDefinition.Column(unquoteDouble(lower.group(1)), "NOCASE", sort);
            }
            if (expression.matches("\"[^\"]+\"|\\w+")) {
                return new IndexDefinition.Column(unquoteDouble(expression), "", sort);
            }
            return new IndexDefinition.Column(sqliteExpression(expression), "", sort);
        }

        private static String unquoteDouble(String name) {
            return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
        }

        /**
         * A partial index's condition back in SQLite's words, without PostgreSQL's outer parentheses (PocketBase's
         * index parser reads the column list up to the statement's last parenthesis).
         */
        static String sqliteCondition(String pg) {
            String c = sqliteExpression(pg).strip().replace(" <> ", " != ");
            while (c.startsWith("(") && c.endsWith(")") && balanced(c.substring(1, c.length() - 1))) {
                c = c.substring(1, c.length() - 1).strip();
            }
            return c;
        }

        private static boolean balanced(String text) {
            int depth = 0;
            boolean quoted = false;
            for (char ch : text.toCharArray()) {
                if (ch == '\'') {
                    quoted = !quoted;
                } else if (!quoted && ch == '(') {
                    depth++;
                } else if (!quoted && ch == ')' && --depth < 0) {
                    return false;
                }
            }
            return depth == 0;
        }

        /** A PostgreSQL expression back in SQLite's words, as far as Coffer's own translations go. */
        static String sqliteExpression(String pg) {
            Matcher m = JSON_PATH.matcher(pg);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                StringBuilder path = new StringBuilder("$");
                for (String step : m.group(2).split(",")) {
                    String s = step.startsWith("\"") ? step.substring(1, step.length() - 1) : step;
                    path.append(s.matches("-?\\d+") ? "[" + s + "]" : "." + s);
                }
                m.appendReplacement(out, Matcher.quoteReplacement("JSON_EXTRACT(`" + unquoteDouble(m.group(1)) + "`, '"
                        + path + "')"));
            }
            m.appendTail(out);
            return out.toString().replaceAll("VARIADIC ARRAY\\[(.*?)]", "$1")
                    .replaceAll("::(text|json_text|double precision|bigint|boolean)", "")
                    .replaceAll("\\((-?\\d+(\\.\\d+)?)\\)", "$1")
                    // PostgreSQL's parentheses around a column (not a call's): PocketBase's index parser reads the
                    // column list up to the statement's last parenthesis
                    .replaceAll("(?<![\\w)])\\((\"[^\"]+\"|[A-Za-z_]\\w*)\\)", "$1")
                    .replace("coffer_strftime(", "strftime(");
        }

        @Override
        public List<View> views(Connection c) throws SQLException {
            List<View> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c"
                            + " WHERE c.relkind = 'v' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.oid")) {
                while (rs.next()) {
                    String select = rs.getString(2).strip();
                    out.add(new View(rs.getString(1), select.endsWith(";") ? select.substring(0, select.length() - 1) : select));
                }
            }
            return out;
        }
    }

    /**
     * MariaDB's information schema, mapped back to the SQLite types Coffer creates from: each column's comment
     * holds its SQLite type and each index's comment its SQLite statement (see {@link MysqlDdl}); the invisible
     * {@code _rowid_} and generated index columns are left out.
     */
    final class MysqlCatalog implements Catalog {
        @Override
        public List<String> tables(Connection c) throws SQLException {
            return names(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_type = 'BASE TABLE' ORDER BY create_time, table_name").stream()
                    .filter(t -> !MysqlTableSwap.isInternal(t) && !DatabaseCoordination.TABLES.contains(t)).toList();
        }

        @Override
        public TableDefinition table(Connection c, String name) throws SQLException {
            List<String> uniqueColumns = names(c, "SELECT MIN(column_name) FROM information_schema.statistics"
                    + " WHERE table_schema = DATABASE() AND table_name = ? AND non_unique = 0 AND index_name != 'PRIMARY'"
                    + " AND index_comment = '' GROUP BY index_name HAVING COUNT(*) = 1", name);
            List<TableDefinition.Column> columns = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT column_name, column_comment, data_type, column_type,"
                    + " is_nullable, column_default, column_key, " + MysqlDdl.sqliteTypeSql()
                    + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?"
                    + " AND extra NOT LIKE '%INVISIBLE%' ORDER BY ordinal_position")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String column = rs.getString(1);
                        String comment = rs.getString(2);
                        String dataType = rs.getString(3).toLowerCase(Locale.ROOT);
                        String type = comment != null && !comment.isBlank() ? comment
                                : dataType.equals("varchar") || dataType.equals("char") ? rs.getString(4).toUpperCase(Locale.ROOT)
                                : rs.getString(8);
                        boolean primaryKey = "PRI".equals(rs.getString(7));
                        String defaultValue = sqliteDefault(rs.getString(6), rs.getString(8));
                        boolean notNull = "NO".equals(rs.getString(5));
                        columns.add(new TableDefinition.Column(column, type, defaultValue,
                                notNull && (!primaryKey || defaultValue != null), primaryKey,
                                !primaryKey && uniqueColumns.contains(column)));
                    }
                }
            }
            if (columns.isEmpty()) {
                throw new SQLException("no table " + name);
            }
            return new TableDefinition(name, false, columns);
        }

        /** A MariaDB column default back in SQLite's words. */
        private static String sqliteDefault(String expression, String sqliteType) {
            if (expression == null) {
                return null;
            }
            String e = expression.strip();
            String lower = e.toLowerCase(Locale.ROOT);
            if (lower.contains("random_bytes(")) {
                return "('r'||lower(hex(randomblob(7))))";
            }
            if (lower.contains("utc_timestamp(")) {
                return "(strftime('%Y-%m-%d %H:%M:%fZ'))";
            }
            if (lower.equals("null")) {
                return "NULL";
            }
            if (sqliteType.equals("BOOLEAN")) {
                return switch (lower) {
                    case "1", "true", "'1'" -> "TRUE";
                    default -> "FALSE";
                };
            }
            return e;
        }

        @Override
        public List<IndexDefinition> indexes(Connection c, String table) throws SQLException {
            List<IndexDefinition> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT index_name, non_unique, index_comment, column_name,"
                    + " collation FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ?"
                    + " AND index_name != 'PRIMARY' ORDER BY index_name, seq_in_index")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    String current = null;
                    boolean unique = false;
                    String comment = "";
                    List<IndexDefinition.Column> columns = new ArrayList<>();
                    while (true) {
                        boolean more = rs.next();
                        String name = more ? rs.getString(1) : null;
                        if (current != null && !current.equals(name)) {
                            IndexDefinition index = index(table, current, unique, comment, columns);
                            if (index != null) {
                                out.add(index);
                            }
                            columns = new ArrayList<>();
                        }
                        if (!more) {
                            break;
                        }
                        current = name;
                        unique = rs.getInt(2) == 0;
                        comment = rs.getString(3) == null ? "" : rs.getString(3);
                        columns.add(new IndexDefinition.Column(rs.getString(4), "", "D".equals(rs.getString(5)) ? "DESC" : ""));
                    }
                }
            }
            return out;
        }

        /** An index as SQLite wrote it (its comment), or one read from its columns; null for a column constraint. */
        private static IndexDefinition index(String table, String name, boolean unique, String comment,
                List<IndexDefinition.Column> columns) {
            if (!comment.isBlank()) {
                IndexDefinition parsed = IndexDefinition.parse(comment);
                if (parsed.isValid()) {
                    return parsed.withName("", name).withTable(table);
                }
            }
            boolean internal = columns.stream().anyMatch(k -> k.name().equals(MysqlDialect.ROWID)
                    || k.name().startsWith(MysqlDialect.INDEX_COLUMN_PREFIX));
            if (internal || unique && columns.size() == 1) {
                return null; // the row counter, or a UNIQUE column constraint (part of the table definition)
            }
            return new IndexDefinition("", name, table, "", columns, unique, false);
        }

        @Override
        public List<View> views(Connection c) throws SQLException {
            List<View> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT table_name, view_definition FROM information_schema.views"
                            + " WHERE table_schema = DATABASE() ORDER BY table_name")) {
                while (rs.next()) {
                    out.add(new View(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    /** The first column of every row a query answers, with its parameters bound. */
    static List<String> names(Connection c, String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
