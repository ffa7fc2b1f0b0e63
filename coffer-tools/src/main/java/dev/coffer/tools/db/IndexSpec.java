package dev.coffer.tools.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table (col [COLLATE x] [ASC|DESC], ...)
 * [WHERE ...]} statement, in the forms PocketBase stores in a collection's indexes.
 *
 * @param unique whether it is a UNIQUE index
 * @param name the index name (unquoted)
 * @param table the table name (unquoted)
 * @param columns the indexed columns or expressions
 * @param where the partial-index condition, or {@code ""}
 */
public record IndexSpec(boolean unique, String name, String table, List<Column> columns, String where) {

    /** One indexed column or expression with its collation and sort order. */
    public record Column(String name, String collate, String sort) {
        /** Whether the column compares case-insensitively. */
        public boolean noCase() {
            return collate.equalsIgnoreCase("nocase");
        }
    }

    private static final Pattern INDEX = Pattern.compile(
            "(?is)^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\S+?)\\s+ON\\s+([^\\s(]+)\\s*\\(");
    private static final Pattern TAIL = Pattern.compile("(?is)^\\s*(?:WHERE\\s+(.*?))?\\s*;?\\s*$");
    private static final Pattern COLUMN = Pattern.compile(
            "(?is)^\\s*(.+?)(?:\\s+COLLATE\\s+(\\w+))?(?:\\s+(ASC|DESC))?\\s*$");

    /** Statements parsed so far (a record create checks its collection's unique indexes each time). */
    private static final Map<String, Optional<IndexSpec>> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_MAX = 4096;

    /** Parses an index statement; empty when it isn't one. */
    public static Optional<IndexSpec> parse(String sql) {
        if (sql == null) {
            return Optional.empty();
        }
        Optional<IndexSpec> known = PARSED.get(sql);
        if (known != null) {
            return known;
        }
        Optional<IndexSpec> parsed = parseStatement(sql);
        if (PARSED.size() >= PARSED_MAX) {
            PARSED.clear();
        }
        PARSED.put(sql, parsed);
        return parsed;
    }

    private static Optional<IndexSpec> parseStatement(String sql) {
        Matcher m = INDEX.matcher(sql);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        int open = m.end() - 1;
        int depth = 0;
        int close = -1;
        for (int i = open; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')' && --depth == 0) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return Optional.empty();
        }
        String body = sql.substring(open + 1, close);
        Matcher tail = TAIL.matcher(sql.substring(close + 1));
        if (!tail.matches()) {
            return Optional.empty();
        }
        String where = tail.group(1) == null ? "" : tail.group(1).trim();
        List<Column> columns = new ArrayList<>();
        for (String part : splitTopLevel(body)) {
            Matcher c = COLUMN.matcher(part);
            if (!c.matches()) {
                return Optional.empty();
            }
            columns.add(new Column(unquote(c.group(1).trim()), c.group(2) == null ? "" : c.group(2),
                    c.group(3) == null ? "" : c.group(3).toUpperCase(Locale.ROOT)));
        }
        return Optional.of(new IndexSpec(m.group(1) != null, unquote(m.group(2)), unquote(m.group(3)), List.copyOf(columns), where));
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString());
        }
        return out;
    }

    /** Removes one level of {@code `x`}, {@code "x"}, {@code [x]} or {@code 'x'} quoting. */
    public static String unquote(String identifier) {
        String s = identifier.trim();
        if (s.length() >= 2) {
            char a = s.charAt(0);
            char b = s.charAt(s.length() - 1);
            if ((a == '`' && b == '`') || (a == '"' && b == '"') || (a == '[' && b == ']') || (a == '\'' && b == '\'')) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }
}
