package dev.coffer.core.migrations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code CREATE INDEX} statement as PocketBase reads and rebuilds the entries of a collection's
 * {@code indexes} list. {@link #build()} gives the exact text PocketBase executes (and SQLite then keeps in
 * {@code sqlite_master}): backtick-quoted names, one column per line when there are several.
 *
 * @param schemaName optional schema qualifier, {@code ""} when absent
 * @param indexName the index name, {@code ""} when it could not be parsed
 * @param tableName the table name
 * @param where the partial index condition, {@code ""} when absent
 * @param columns the indexed columns or expressions
 * @param unique whether it is a {@code UNIQUE} index
 * @param optional whether it says {@code IF NOT EXISTS}
 */
public record IndexDefinition(String schemaName, String indexName, String tableName, String where, List<Column> columns,
        boolean unique, boolean optional) {

    /** One indexed column or expression with its optional collation and sort order. */
    public record Column(String name, String collate, String sort) {}

    // Go's \s is [\t\n\f\r ] (no \v); spelled out so that the Java patterns match the same text
    private static final String WS = "[\\t\\n\\f\\r ]";
    private static final String NON_WS = "[^\\t\\n\\f\\r ]";
    private static final Pattern INDEX = Pattern.compile(
            "create" + WS + "+(unique" + WS + "+)?" + WS + "*index" + WS + "*(if" + WS + "+not" + WS + "+exists"
                    + WS + "+)?(" + NON_WS + "*)" + WS + "+on" + WS + "+(" + NON_WS + "*)" + WS + "*\\(([\\s\\S]*)\\)(?:"
                    + WS + "*where" + WS + "+([\\s\\S]*))?",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final Pattern COLUMN = Pattern.compile(
            "^([\\s\\S]+?)(?:" + WS + "+collate" + WS + "+(\\w+))?(?:" + WS + "+(asc|desc))?$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.UNIX_LINES);
    private static final String TRIM_CHARS = "`\"'[]\r\n\t\f\u000b ";
    private static final String TOKEN_WHITESPACE = "\t\n\u000b\f\r \u0085\u00a0";

    public IndexDefinition {
        columns = List.copyOf(columns);
    }

    /** Parses a {@code CREATE INDEX} statement; unparsable input gives an invalid, empty definition. */
    public static IndexDefinition parse(String sql) {
        Matcher m = INDEX.matcher(sql == null ? "" : sql);
        if (!m.find()) {
            return new IndexDefinition("", "", "", "", List.of(), false, false);
        }
        boolean unique = !group(m, 1).isBlank();
        boolean optional = !group(m, 2).isBlank();

        String schema = "";
        String name = "";
        List<String> nameParts = split(group(m, 3), '.');
        if (nameParts.size() == 2) {
            schema = trim(nameParts.get(0), TRIM_CHARS);
            name = trim(nameParts.get(1), TRIM_CHARS);
        } else if (!nameParts.isEmpty()) {
            name = trim(nameParts.get(0), TRIM_CHARS);
        }

        String table = trim(group(m, 4), TRIM_CHARS);

        List<Column> columns = new ArrayList<>();
        for (String raw : split(group(m, 5), ',')) {
            Matcher cm = COLUMN.matcher(raw);
            if (!cm.find()) {
                continue;
            }
            String colName = trim(group(cm, 1), TRIM_CHARS);
            if (colName.isEmpty()) {
                continue;
            }
            columns.add(new Column(colName, group(cm, 2).strip(), group(cm, 3).toUpperCase(Locale.ROOT)));
        }

        return new IndexDefinition(schema, name, table, group(m, 6).strip(), columns, unique, optional);
    }

    /** Whether the definition has a name, a table and at least one column. */
    public boolean isValid() {
        return !indexName.isEmpty() && !tableName.isEmpty() && !columns.isEmpty();
    }

    /** The same definition on another table. */
    public IndexDefinition withTable(String table) {
        return new IndexDefinition(schemaName, indexName, table, where, columns, unique, optional);
    }

    /** The same definition with another name and schema. */
    public IndexDefinition withName(String schema, String name) {
        return new IndexDefinition(schema, name, tableName, where, columns, unique, optional);
    }

    /** The normalised {@code CREATE INDEX} text, or {@code ""} when the definition is not valid. */
    public String build() {
        if (!isValid()) {
            return "";
        }
        StringBuilder sql = new StringBuilder("CREATE ");
        if (unique) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ");
        if (optional) {
            sql.append("IF NOT EXISTS ");
        }
        if (!schemaName.isEmpty()) {
            sql.append('`').append(schemaName).append("`.");
        }
        sql.append('`').append(indexName).append("` ON `").append(tableName).append("` (");
        boolean multiple = columns.size() > 1;
        if (multiple) {
            sql.append("\n  ");
        }
        boolean hasColumn = false;
        for (Column col : columns) {
            String trimmed = col.name().strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (hasColumn) {
                sql.append(",\n  ");
            }
            if (col.name().contains("(") || col.name().contains(" ")) {
                sql.append(trimmed); // an expression
            } else {
                sql.append('`').append(trimmed).append('`');
            }
            if (!col.collate().isEmpty()) {
                sql.append(" COLLATE ").append(col.collate());
            }
            if (!col.sort().isEmpty()) {
                sql.append(' ').append(col.sort().toUpperCase(Locale.ROOT));
            }
            hasColumn = true;
        }
        if (hasColumn && multiple) {
            sql.append('\n');
        }
        sql.append(')');
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(where);
        }
        return sql.toString();
    }

    /** Whether this is a unique index over exactly the one given column (compared case-insensitively). */
    public boolean isSingleColumnUnique(String column) {
        return unique && columns.size() == 1 && columns.get(0).name().equalsIgnoreCase(column);
    }

    private static String group(Matcher m, int group) {
        String value = m.group(group);
        return value == null ? "" : value;
    }

    /**
     * Splits on a separator outside parentheses and quotes, trimming whitespace around each token and dropping
     * empty ones; an unbalanced input gives no tokens at all.
     */
    static List<String> split(String text, char separator) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int depth = 0;
        char quote = 0;
        char previous = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            char c = end ? 0 : text.charAt(i);
            if (!end && previous != '\\') {
                if (c == '(' && quote == 0) {
                    depth++;
                } else if (c == ')' && depth > 0 && quote == 0) {
                    depth--;
                } else if (c == '\'' || c == '"' || c == '`') {
                    if (quote == c) {
                        quote = 0;
                    } else if (quote == 0) {
                        quote = c;
                    }
                }
            }
            if (end || (c == separator && depth == 0 && quote == 0)) {
                if (depth > 0 || quote != 0) {
                    return List.of();
                }
                String trimmed = trim(token.toString(), TOKEN_WHITESPACE.replace(String.valueOf(separator), ""));
                if (!trimmed.isEmpty()) {
                    tokens.add(trimmed);
                }
                token.setLength(0);
                previous = 0;
                continue;
            }
            previous = c;
            token.append(c);
        }
        return tokens;
    }

    /** Removes every leading and trailing character that is in {@code cutset}. */
    private static String trim(String s, String cutset) {
        int start = 0;
        int end = s.length();
        while (start < end && cutset.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && cutset.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
