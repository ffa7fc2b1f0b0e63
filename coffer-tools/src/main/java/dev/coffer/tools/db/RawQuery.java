package dev.coffer.tools.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs SQL typed by an operator (one or more {@code ;}-separated statements, no parameters) against a
 * {@link Database}: text that starts like a write ({@code INSERT}, {@code CREATE}, …) runs in one write
 * transaction, anything else on a reader, reporting the rows of the last statement.
 */
public final class RawQuery {

    private static final List<String> WRITE_PREFIXES =
            List.of("INSERT", "CREATE", "UPDATE", "DELETE", "DROP", "DETACH", "ALTER", "REPLACE");
    /** As long as PocketBase lets an operator's query run. */
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    /** A result column: its name, declared type ({@code ""} for expressions) and nullability (always true, as PocketBase). */
    public record Column(String name, String type, boolean nullable) {}

    /**
     * What a query did.
     *
     * @param execTimeMillis the time it took
     * @param affectedRows the rows the last statement of a write changed (0 for reads)
     * @param columns the columns of the last statement's rows
     * @param rows up to the row limit, each value as text or null
     */
    public record Result(long execTimeMillis, long affectedRows, List<Column> columns, List<List<String>> rows) {}

    private RawQuery() {}

    /**
     * Runs {@code sql}; a write is rolled back as a whole when any statement fails.
     *
     * @throws DatabaseException with SQLite's message ({@code SQL logic error: … (1)}) when a statement fails
     */
    public static Result run(Database db, String sql, int maxRows) {
        String query = sql.strip();
        if (query.isEmpty()) {
            throw new DatabaseException("empty query");
        }
        List<String> statements = split(query);
        long start = System.nanoTime();
        try {
            if (isWrite(query)) {
                long affected = db.write(TIMEOUT, c -> execute(c, statements));
                return new Result(elapsed(start), affected, List.of(), List.of());
            }
            return db.read(TIMEOUT, c -> select(c, db.dialect(), statements, maxRows, start));
        } catch (DatabaseException e) {
            if (Database.isTimeout(e)) {
                throw e;
            }
            throw new DatabaseException(db.dialect().errorText(e), e);
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static boolean isWrite(String query) {
        String upper = query.toUpperCase(Locale.ROOT);
        return !upper.startsWith("SELECT") && WRITE_PREFIXES.stream().anyMatch(upper::startsWith);
    }

    private static long execute(Connection c, List<String> statements) throws SQLException {
        long affected = 0;
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                boolean rows = s.execute(sql);
                String upper = sql.toUpperCase(Locale.ROOT);
                boolean dml = upper.startsWith("INSERT") || upper.startsWith("UPDATE") || upper.startsWith("DELETE")
                        || upper.startsWith("REPLACE");
                affected = !rows && dml ? Math.max(0, s.getUpdateCount()) : 0;
            }
        }
        return affected;
    }

    private static Result select(Connection c, Dialect dialect, List<String> statements, int maxRows, long start)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < statements.size() - 1; i++) {
                s.execute(statements.get(i));
            }
            if (!s.execute(statements.get(statements.size() - 1))) {
                return new Result(elapsed(start), 0, List.of(), List.of());
            }
            try (ResultSet rs = s.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<String> items = selectItems(statements.get(statements.size() - 1));
                List<Column> columns = new ArrayList<>();
                List<Integer> shown = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    if (dialect.isRowidColumn(meta.getColumnLabel(i)) && !mentions(items, meta.getColumnLabel(i))) {
                        continue; // the engine's row id, which a * shows here but not on SQLite
                    }
                    shown.add(i);
                    String table = meta.getTableName(i);
                    String type = table == null || table.isEmpty() ? "" : dialect.declaredType(meta.getColumnTypeName(i));
                    String item = items.size() == n ? items.get(i - 1) : null;
                    // nullable as PocketBase's driver reports it: always true, NOT NULL columns included
                    columns.add(new Column(dialect.columnLabel(meta.getColumnLabel(i), item), type == null ? "" : type,
                            true));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rows.size() < maxRows && rs.next()) {
                    List<String> row = new ArrayList<>(shown.size());
                    for (int i : shown) {
                        Object value = rs.getObject(i);
                        row.add(value instanceof Boolean b ? (b ? "1" : "0") : rs.getString(i));
                    }
                    rows.add(row);
                }
                return new Result(elapsed(start), 0, List.copyOf(columns), List.copyOf(rows));
            }
        }
    }

    private static boolean mentions(List<String> items, String column) {
        String name = column.toLowerCase(Locale.ROOT);
        return items.stream().anyMatch(item -> item.toLowerCase(Locale.ROOT).contains(name));
    }

    /** Splits on {@code ;} outside quotes, brackets and comments; blank statements are dropped. */
    static List<String> split(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`' || ch == '[') {
                char close = ch == '[' ? ']' : ch;
                int end = sql.indexOf(close, i + 1);
                end = end < 0 ? sql.length() - 1 : end;
                cur.append(sql, i, end + 1);
                i = end + 1;
            } else if (ch == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (ch == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else if (ch == ';') {
                addIfPresent(out, cur);
                i++;
            } else {
                cur.append(ch);
                i++;
            }
        }
        addIfPresent(out, cur);
        if (out.isEmpty()) {
            out.add(sql);
        }
        return out;
    }

    /**
     * The items of a statement's top-level select list as written ({@code SELECT a, b + 1 FROM t} gives
     * {@code a} and {@code b + 1}); empty when the statement does not start with {@code SELECT}.
     */
    static List<String> selectItems(String statement) {
        String sql = statement.strip();
        if (!sql.regionMatches(true, 0, "SELECT", 0, 6)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        int i = 6;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int end = sql.indexOf(ch, i + 1);
                end = end < 0 ? sql.length() - 1 : end;
                cur.append(sql, i, end + 1);
                i = end + 1;
                continue;
            }
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && ch == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
                i++;
                continue;
            } else if (depth == 0 && Character.isWhitespace(ch) && endsSelectList(sql, i + 1)) {
                break;
            }
            cur.append(ch);
            i++;
        }
        out.add(cur.toString().strip());
        if (!out.isEmpty()) {
            String first = out.get(0);
            for (String modifier : List.of("DISTINCT ", "ALL ")) {
                if (first.regionMatches(true, 0, modifier, 0, modifier.length())) {
                    out.set(0, first.substring(modifier.length()).strip());
                }
            }
        }
        return out;
    }

    private static boolean endsSelectList(String sql, int at) {
        for (String keyword : List.of("FROM", "WHERE", "GROUP", "ORDER", "LIMIT", "UNION", "HAVING", "WINDOW",
                "EXCEPT", "INTERSECT")) {
            int end = at + keyword.length();
            if (sql.regionMatches(true, at, keyword, 0, keyword.length())
                    && (end == sql.length() || !Character.isLetterOrDigit(sql.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private static void addIfPresent(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }
}
