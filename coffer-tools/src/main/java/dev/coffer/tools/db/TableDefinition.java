package dev.coffer.tools.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed {@code CREATE TABLE} statement in SQLite's syntax, as PocketBase writes them (and SQLite keeps them
 * in {@code sqlite_master}): the portable description of a table other engines create their own way.
 *
 * @param name the table name
 * @param ifNotExists whether it says {@code IF NOT EXISTS}
 * @param columns the columns in order
 */
public record TableDefinition(String name, boolean ifNotExists, List<Column> columns) {

    /**
     * One column.
     *
     * @param name the column name
     * @param type the declared type as written ({@code TEXT}, {@code VARCHAR(255)}, {@code JSON}, …), {@code ""}
     *     when none
     * @param defaultValue the {@code DEFAULT} expression as written, {@code null} when none
     * @param notNull whether it says {@code NOT NULL}
     * @param primaryKey whether it is the primary key
     * @param unique whether it says {@code UNIQUE}
     */
    public record Column(String name, String type, String defaultValue, boolean notNull, boolean primaryKey,
            boolean unique) {

        /** SQLite's type affinity of the declared type: {@code TEXT}, {@code NUMERIC}, {@code INTEGER}, {@code REAL} or {@code BLOB}. */
        public String affinity() {
            String t = type.toUpperCase(Locale.ROOT);
            if (t.contains("INT")) {
                return "INTEGER";
            }
            if (t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT")) {
                return "TEXT";
            }
            if (t.isEmpty() || t.contains("BLOB")) {
                return "BLOB";
            }
            if (t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB")) {
                return "REAL";
            }
            return "NUMERIC";
        }

        /** The declared type's first word in upper case ({@code VARCHAR} for {@code varchar(255)}). */
        public String baseType() {
            String t = type.strip().toUpperCase(Locale.ROOT);
            int end = 0;
            while (end < t.length() && Character.isLetter(t.charAt(end))) {
                end++;
            }
            return t.substring(0, end);
        }
    }

    /** Copies the column list. */
    public TableDefinition {
        columns = List.copyOf(columns);
    }

    /**
     * Parses a {@code CREATE TABLE} statement.
     *
     * @throws IllegalArgumentException when it is not one this parser understands (table constraints, {@code AS
     *     SELECT}, …)
     */
    public static TableDefinition parse(String sql) {
        Tokens t = new Tokens(sql);
        t.expect("CREATE");
        if (t.peekIs("TEMP") || t.peekIs("TEMPORARY")) {
            throw new IllegalArgumentException("temporary tables are not supported: " + sql);
        }
        t.expect("TABLE");
        boolean ifNotExists = false;
        if (t.peekIs("IF")) {
            t.expect("IF");
            t.expect("NOT");
            t.expect("EXISTS");
            ifNotExists = true;
        }
        String name = unquote(t.next());
        t.expect("(");
        List<Column> columns = new ArrayList<>();
        while (true) {
            if (t.peekIs("PRIMARY") || t.peekIs("UNIQUE") || t.peekIs("CONSTRAINT") || t.peekIs("FOREIGN")
                    || t.peekIs("CHECK")) {
                throw new IllegalArgumentException("table constraints are not supported: " + sql);
            }
            columns.add(column(t));
            String sep = t.next();
            if (sep.equals(")")) {
                break;
            }
            if (!sep.equals(",")) {
                throw new IllegalArgumentException("unexpected " + sep + " in " + sql);
            }
        }
        return new TableDefinition(name, ifNotExists, columns);
    }

    private static Column column(Tokens t) {
        String name = unquote(t.next());
        StringBuilder type = new StringBuilder();
        while (!t.atEnd() && isWord(t.peek()) && !isConstraint(t.peek())) {
            if (!type.isEmpty()) {
                type.append(' ');
            }
            type.append(t.next());
            if (t.peekIs("(")) {
                type.append(t.group());
            }
        }
        String defaultValue = null;
        boolean notNull = false;
        boolean primaryKey = false;
        boolean unique = false;
        while (!t.atEnd() && !t.peekIs(",") && !t.peekIs(")")) {
            String word = t.next().toUpperCase(Locale.ROOT);
            switch (word) {
                case "PRIMARY" -> {
                    t.expect("KEY");
                    primaryKey = true;
                    if (t.peekIs("ASC") || t.peekIs("DESC")) {
                        t.next();
                    }
                }
                case "NOT" -> {
                    t.expect("NULL");
                    notNull = true;
                }
                case "NULL" -> notNull = false;
                case "UNIQUE" -> unique = true;
                case "DEFAULT" -> defaultValue = t.peekIs("(") ? t.group() : t.next();
                case "COLLATE" -> t.next();
                default -> throw new IllegalArgumentException("unsupported column constraint " + word);
            }
        }
        return new Column(name, type.toString(), defaultValue, notNull, primaryKey, unique);
    }

    private static boolean isConstraint(String word) {
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "PRIMARY", "NOT", "NULL", "UNIQUE", "DEFAULT", "COLLATE", "CHECK", "REFERENCES", "CONSTRAINT",
                    "GENERATED", "AS" -> true;
            default -> false;
        };
    }

    private static boolean isWord(String token) {
        return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
    }

    /** An identifier without its quotes ({@code `x`}, {@code "x"} or {@code [x]}). */
    static String unquote(String identifier) {
        if (identifier.length() >= 2) {
            char first = identifier.charAt(0);
            char last = identifier.charAt(identifier.length() - 1);
            if ((first == '`' && last == '`') || (first == '"' && last == '"')) {
                return identifier.substring(1, identifier.length() - 1).replace(String.valueOf(first) + first,
                        String.valueOf(first));
            }
            if (first == '[' && last == ']') {
                return identifier.substring(1, identifier.length() - 1);
            }
        }
        return identifier;
    }

    /** A small tokenizer: quoted names and strings, words, numbers and single punctuation characters. */
    private static final class Tokens {
        private final String sql;
        private int pos;

        Tokens(String sql) {
            this.sql = sql;
        }

        boolean atEnd() {
            skipSpace();
            return pos >= sql.length();
        }

        String peek() {
            int saved = pos;
            String token = next();
            pos = saved;
            return token;
        }

        boolean peekIs(String word) {
            return !atEnd() && peek().equalsIgnoreCase(word);
        }

        void expect(String word) {
            String token = next();
            if (!token.equalsIgnoreCase(word)) {
                throw new IllegalArgumentException("expected " + word + " but found " + token + " in " + sql);
            }
        }

        /** A parenthesised group, returned with its parentheses as written. */
        String group() {
            skipSpace();
            int start = pos;
            int depth = 0;
            while (pos < sql.length()) {
                char c = sql.charAt(pos);
                if (c == '\'' || c == '"' || c == '`') {
                    skipQuoted(c);
                    continue;
                }
                pos++;
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return sql.substring(start, pos);
                }
            }
            throw new IllegalArgumentException("unbalanced parentheses in " + sql);
        }

        String next() {
            skipSpace();
            if (pos >= sql.length()) {
                throw new IllegalArgumentException("unexpected end of " + sql);
            }
            int start = pos;
            char c = sql.charAt(pos);
            if (c == '\'' || c == '"' || c == '`') {
                skipQuoted(c);
                return sql.substring(start, pos);
            }
            if (c == '[') {
                int end = sql.indexOf(']', pos);
                pos = end < 0 ? sql.length() : end + 1;
                return sql.substring(start, pos);
            }
            if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '+' || c == '.') {
                pos++;
                while (pos < sql.length()) {
                    char d = sql.charAt(pos);
                    if (!(Character.isLetterOrDigit(d) || d == '_' || d == '.')) {
                        break;
                    }
                    pos++;
                }
                return sql.substring(start, pos);
            }
            pos++;
            return String.valueOf(c);
        }

        private void skipQuoted(char quote) {
            pos++;
            while (pos < sql.length()) {
                if (sql.charAt(pos) == quote) {
                    if (pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                        pos += 2;
                        continue;
                    }
                    pos++;
                    return;
                }
                pos++;
            }
        }

        private void skipSpace() {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
        }
    }
}
