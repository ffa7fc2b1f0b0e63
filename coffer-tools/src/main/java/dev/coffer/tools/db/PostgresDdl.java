package dev.coffer.tools.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL's schema statements (all transactional). SQLite's declared types map to {@code TEXT COLLATE "C"},
 * {@code DOUBLE PRECISION}, {@code BIGINT}, {@code BOOLEAN} and, for JSON, the {@code json_text} domain over
 * text (JSON kept as written); a {@code COLLATE NOCASE} index column becomes {@code lower(column)}.
 */
final class PostgresDdl extends StandardDdl {

    /** The id default: {@code r} and 14 random hex digits, as SQLite's {@code 'r'||lower(hex(randomblob(7)))}. */
    static final String RANDOM_ID = "('r' || substr(md5(random()::text || clock_timestamp()::text), 1, 14))";
    /** The current time in PocketBase's datetime format, as SQLite's {@code strftime('%Y-%m-%d %H:%M:%fZ')}. */
    static final String NOW = "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') || 'Z')";

    PostgresDdl(Dialect dialect) {
        super(dialect);
    }

    @Override
    public String columnDefinition(ColumnKind kind) {
        return switch (kind) {
            case TEXT -> "TEXT COLLATE \"C\" DEFAULT '' NOT NULL";
            case PRIMARY_KEY -> "TEXT COLLATE \"C\" PRIMARY KEY DEFAULT " + RANDOM_ID + " NOT NULL";
            case NUMBER -> "DOUBLE PRECISION DEFAULT 0 NOT NULL";
            case BOOLEAN -> "BOOLEAN DEFAULT FALSE NOT NULL";
            case JSON -> "json_text DEFAULT NULL";
            case JSON_ARRAY -> "json_text DEFAULT '[]' NOT NULL";
            case GEO_POINT -> "json_text DEFAULT '{\"lon\":0,\"lat\":0}' NOT NULL";
        };
    }

    @Override
    public String createTable(String table, Map<String, String> columns) {
        String body = columns.entrySet().stream()
                .map(e -> q(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "CREATE TABLE " + q(table) + " (" + body + ")";
    }

    @Override
    public String createTable(TableDefinition table) {
        List<String> columns = new ArrayList<>();
        for (TableDefinition.Column c : table.columns()) {
            columns.add(column(c));
        }
        return "CREATE TABLE " + (table.ifNotExists() ? "IF NOT EXISTS " : "") + q(table.name()) + " ("
                + String.join(", ", columns) + ")";
    }

    /** A column's name and definition in PostgreSQL's words. */
    private String column(TableDefinition.Column c) {
        StringBuilder def = new StringBuilder(q(c.name())).append(' ').append(type(c));
        if (c.primaryKey()) {
            def.append(" PRIMARY KEY");
        }
        if (c.unique()) {
            def.append(" UNIQUE");
        }
        if (c.defaultValue() != null) {
            def.append(" DEFAULT ").append(defaultValue(c));
        }
        if (c.notNull() || c.primaryKey()) {
            def.append(" NOT NULL");
        }
        return def.toString();
    }

    private static String type(TableDefinition.Column c) {
        String base = c.baseType();
        if (base.equals("JSON")) {
            return "json_text";
        }
        if (base.equals("BOOLEAN") || base.equals("BOOL")) {
            return "BOOLEAN";
        }
        return switch (c.affinity()) {
            case "INTEGER" -> "BIGINT";
            case "REAL", "NUMERIC" -> "DOUBLE PRECISION";
            case "TEXT" -> base.equals("VARCHAR") || base.equals("CHAR") ? c.type().toUpperCase(Locale.ROOT) + " COLLATE \"C\""
                    : "TEXT COLLATE \"C\"";
            default -> "TEXT COLLATE \"C\"";
        };
    }

    private static String defaultValue(TableDefinition.Column c) {
        String d = c.defaultValue().strip();
        String compact = d.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (compact.contains("randomblob(")) {
            return RANDOM_ID;
        }
        if (compact.contains("strftime(")) {
            return NOW;
        }
        if (d.length() >= 2 && d.startsWith("\"") && d.endsWith("\"")) {
            d = "'" + d.substring(1, d.length() - 1).replace("\"\"", "\"").replace("'", "''") + "'";
        }
        String type = type(c);
        if (type.equals("BOOLEAN")) {
            return switch (d.toUpperCase(Locale.ROOT)) {
                case "1", "TRUE", "'1'", "'TRUE'" -> "TRUE";
                case "NULL" -> "NULL";
                default -> "FALSE";
            };
        }
        if ((type.equals("DOUBLE PRECISION") || type.equals("BIGINT")) && d.startsWith("'")) {
            String inner = d.substring(1, d.length() - 1);
            return inner.matches("[-+]?[0-9]+(\\.[0-9]+)?") ? inner : "NULL";
        }
        return d;
    }

    @Override
    public String createIndex(IndexDefinition index) {
        StringBuilder sql = new StringBuilder("CREATE ");
        if (index.unique()) {
            sql.append("UNIQUE ");
        }
        sql.append("INDEX ");
        if (index.optional()) {
            sql.append("IF NOT EXISTS ");
        }
        sql.append(q(index.indexName())).append(" ON ").append(q(index.tableName())).append(" (");
        List<String> columns = new ArrayList<>();
        for (IndexDefinition.Column col : index.columns()) {
            String name = col.name().strip();
            if (name.isEmpty()) {
                continue;
            }
            String expression = name.contains("(") || name.contains(" ") ? "(" + expression(name) + ")"
                    : q(TableDefinition.unquote(name));
            if (col.collate().equalsIgnoreCase("NOCASE")) {
                expression = "lower(" + expression + ")";
            }
            columns.add(expression + (col.sort().isEmpty() ? "" : " " + col.sort().toUpperCase(Locale.ROOT)));
        }
        sql.append(String.join(", ", columns)).append(')');
        if (!index.where().isEmpty()) {
            sql.append(" WHERE ").append(expression(index.where()));
        }
        return sql.toString();
    }

    /** An SQLite expression of an index in PostgreSQL's words: quoting and the strftime function. */
    private static String expression(String sqlite) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < sqlite.length(); i++) {
            char c = sqlite.charAt(i);
            if (c == '`') {
                int end = sqlite.indexOf('`', i + 1);
                end = end < 0 ? sqlite.length() : end;
                out.append('"').append(sqlite, i + 1, end).append('"');
                i = end;
            } else if (c == '\'') {
                int end = i + 1;
                while (end < sqlite.length() && !(sqlite.charAt(end) == '\''
                        && (end + 1 >= sqlite.length() || sqlite.charAt(end + 1) != '\''))) {
                    end += sqlite.charAt(end) == '\'' ? 2 : 1;
                }
                out.append(sqlite, i, Math.min(end + 1, sqlite.length()));
                i = end;
            } else {
                out.append(c);
            }
        }
        String pg = out.toString().replaceAll("(?i)\\bstrftime\\s*\\(", "coffer_strftime(");
        Matcher extract = JSON_EXTRACT.matcher(pg);
        StringBuilder translated = new StringBuilder();
        while (extract.find()) {
            extract.appendReplacement(translated, Matcher.quoteReplacement("coffer_json_text(coffer_json(CAST("
                    + extract.group(1) + " AS TEXT)) #> " + PostgresDialect.pathArray(extract.group(2)) + ")"));
        }
        extract.appendTail(translated);
        return translated.toString();
    }

    private static final Pattern JSON_EXTRACT =
            Pattern.compile("(?i)\\bjson_extract\\s*\\(\\s*(\"[^\"]+\"|\\w+)\\s*,\\s*'([^']*)'\\s*\\)");

    private static final Pattern ADD_COLUMN = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+(\\S+)\\s+ADD\\s+(?:COLUMN\\s+)?(.+?)\\s*;?\\s*$");

    @Override
    public String portable(String statement) {
        String head = statement.stripLeading().toUpperCase(Locale.ROOT);
        if (head.startsWith("CREATE TABLE")) {
            return createTable(TableDefinition.parse(statement));
        }
        Matcher add = ADD_COLUMN.matcher(statement);
        if (head.startsWith("ALTER TABLE") && add.matches()) {
            TableDefinition one = TableDefinition.parse("CREATE TABLE " + add.group(1) + " (" + add.group(2) + ")");
            if (one.columns().size() != 1) {
                throw new IllegalArgumentException("cannot read the column of " + statement);
            }
            return "ALTER TABLE " + q(one.name()) + " ADD COLUMN " + column(one.columns().get(0));
        }
        if (head.startsWith("CREATE INDEX") || head.startsWith("CREATE UNIQUE INDEX")) {
            IndexDefinition index = IndexDefinition.parse(statement);
            if (!index.isValid()) {
                throw new IllegalArgumentException("cannot read the index statement " + statement);
            }
            return createIndex(index);
        }
        return statement;
    }

    @Override
    public String createView(String view, String select) {
        return "CREATE VIEW " + q(view) + " AS SELECT * FROM (" + select + ") AS " + q("__view");
    }

    @Override
    public String dropIndex(String index) {
        return "DROP INDEX IF EXISTS " + q(index);
    }

    @Override
    public String selectWithTextId(String select, List<String> columns, String idColumn) {
        String list = columns.stream()
                .map(c -> c.equals(idColumn) ? "CAST(" + q(c) + " AS TEXT) " + q(c) : q(c))
                .collect(Collectors.joining(","));
        return "SELECT " + list + " FROM (" + select + ") AS " + q("__select");
    }

    @Override
    public String copyColumn(String table, String target, String source, ColumnKind from, ColumnKind to) {
        String c = "CAST(" + q(source) + " AS TEXT)";
        String value;
        if (to == ColumnKind.JSON_ARRAY && from != ColumnKind.JSON_ARRAY) {
            value = "(CASE WHEN COALESCE(" + c + ", '') = '' THEN '[]'"
                    + " WHEN jsonb_typeof(coffer_json(" + c + ")) = 'array' AND " + c + " ~ '^\\s*\\[' THEN " + c
                    + " ELSE jsonb_build_array(" + c + ")::text END)";
        } else if (from == ColumnKind.JSON_ARRAY && to != ColumnKind.JSON_ARRAY) {
            value = "(CASE WHEN COALESCE(" + c + ", '[]') = '[]' THEN ''"
                    + " WHEN jsonb_typeof(coffer_json(" + c + ")) = 'array'"
                    + " THEN COALESCE(coffer_json_text(coffer_json(" + c + ") -> -1), '')"
                    + " ELSE " + c + " END)";
        } else {
            value = q(source);
        }
        return "UPDATE " + q(table) + " SET " + q(target) + " = " + cast(value, to);
    }

    private String cast(String value, ColumnKind to) {
        return switch (to) {
            case NUMBER -> "COALESCE(coffer_number(CAST(" + value + " AS TEXT)), 0)";
            case BOOLEAN -> "(CAST(" + value + " AS TEXT) IN ('1', 'true', 't'))";
            case JSON, JSON_ARRAY, GEO_POINT -> "CAST(" + value + " AS TEXT)";
            default -> "COALESCE(CAST(" + value + " AS TEXT), '')";
        };
    }

    @Override
    public String columnsQuery() {
        return "SELECT column_name AS name, CASE WHEN domain_name = 'json_text' THEN 'JSON'"
                + " WHEN data_type = 'double precision' OR data_type = 'numeric' OR data_type = 'real' THEN 'NUMERIC'"
                + " WHEN data_type IN ('bigint', 'integer', 'smallint') THEN 'INTEGER'"
                + " WHEN data_type = 'boolean' THEN 'BOOLEAN'"
                + " WHEN data_type IN ('text', 'character varying', 'character') THEN 'TEXT'"
                + " ELSE upper(data_type) END AS type"
                + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                + " ORDER BY ordinal_position";
    }

    @Override
    public String indexTableQuery() {
        return "SELECT tablename AS tbl_name FROM pg_indexes WHERE schemaname = current_schema()"
                + " AND lower(tablename) != lower(?) AND lower(tablename) != lower(?) AND lower(indexname) = lower(?)"
                + " LIMIT 1";
    }

    @Override
    public String tableIndexesQuery() {
        // the statement as PostgreSQL writes it, without the default access method so that it reads like
        // SQLite's; indexes of PRIMARY KEY and UNIQUE constraints are left out, as SQLite's autoindexes are
        return "SELECT i.relname AS name, replace(pg_get_indexdef(i.oid), ' USING btree ', ' ') AS sql"
                + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
                + " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ?"
                + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid AND k.conrelid = t.oid"
                + " AND k.contype IN ('p', 'u', 'x')) ORDER BY i.oid";
    }

    @Override
    public String indexNamesQuery() {
        return "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?";
    }

    @Override
    public String tableExistsQuery() {
        return "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND lower(table_name) = lower(?) LIMIT 1";
    }

    @Override
    public String viewsQuery() {
        return "SELECT c.relname AS name, 'CREATE VIEW ' || quote_ident(c.relname) || ' AS ' || pg_get_viewdef(c.oid) AS sql"
                + " FROM pg_class c WHERE c.relkind = 'v' AND c.relnamespace = current_schema()::regnamespace ORDER BY c.oid";
    }
}
