package dev.coffer.tools.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MariaDB's schema statements. Unlike SQLite's and PostgreSQL's they are not transactional: each one commits
 * the transaction it runs in (a {@link SchemaChange} undoes them when its transaction rolls back).
 *
 * <p>SQLite's declared types map to {@code LONGTEXT} (text that any index can hold; a text primary key is
 * {@code VARCHAR(255)}), {@code DOUBLE}, {@code BIGINT}, {@code BOOLEAN} and {@code LONGBLOB}; JSON is {@code LONGTEXT} kept as
 * written (MariaDB's JSON type would refuse malformed values SQLite keeps). Each column's comment holds its
 * SQLite type, so {@link Catalog} reads the table back in SQLite's words. Every table gets an invisible
 * auto-increment {@code _rowid_} column, the insertion order SQLite's rowid gives.
 *
 * <p>Indexes are made by the {@code coffer_create_index} procedure (see {@code mysql-functions.sql}) and keep
 * their SQLite statement as their comment. A unique index that SQLite makes partial ({@code WHERE}),
 * case-insensitive ({@code COLLATE NOCASE}: ASCII letters folded) or over expressions is built over invisible
 * generated columns,
 * NULL where the condition is false, so uniqueness holds exactly as on SQLite; a non-unique index, which only
 * speeds up reads, indexes its plain columns.
 */
final class MysqlDdl extends ServerDdl {

    /** The id default: {@code r} and 14 random hex digits, as SQLite's {@code 'r'||lower(hex(randomblob(7)))}. */
    static final String RANDOM_ID = "(CONCAT('r', LOWER(HEX(RANDOM_BYTES(7)))))";
    /** The current time in PocketBase's datetime format, as SQLite's {@code strftime('%Y-%m-%d %H:%M:%fZ')}. */
    static final String NOW = "(CONCAT(LEFT(DATE_FORMAT(UTC_TIMESTAMP(3), '%Y-%m-%d %H:%i:%s.%f'), 23), 'Z'))";
    /** How deep views reading views are followed when ordering them (a cycle, which views can't form, stops there). */
    private static final int MAX_VIEW_DEPTH = 32;
    /** The longest index statement kept as an index comment. */
    private static final int MAX_COMMENT = 1024;

    private final MysqlDialect dialect;

    MysqlDdl(MysqlDialect dialect) {
        super(dialect);
        this.dialect = dialect;
    }

    private String text() {
        return "LONGTEXT CHARACTER SET utf8mb4 COLLATE " + dialect.collation();
    }

    private String key() {
        return "VARCHAR(255) CHARACTER SET utf8mb4 COLLATE " + dialect.collation();
    }

    private static String comment(String sqliteType) {
        return " COMMENT '" + sqliteType.replace("'", "''") + "'";
    }

    @Override
    public String columnDefinition(ColumnKind kind) {
        return switch (kind) {
            case TEXT -> text() + " NOT NULL DEFAULT ('')" + comment("TEXT");
            case PRIMARY_KEY -> key() + " NOT NULL DEFAULT " + RANDOM_ID + " PRIMARY KEY" + comment("TEXT");
            case NUMBER -> "DOUBLE NOT NULL DEFAULT 0" + comment("NUMERIC");
            case BOOLEAN -> "BOOLEAN NOT NULL DEFAULT FALSE" + comment("BOOLEAN");
            case JSON -> text() + " DEFAULT NULL" + comment("JSON");
            case JSON_ARRAY -> text() + " NOT NULL DEFAULT ('[]')" + comment("JSON");
            case GEO_POINT -> text() + " NOT NULL DEFAULT ('{\"lon\":0,\"lat\":0}')" + comment("JSON");
        };
    }

    /** The invisible insertion counter every table gets, and the table options. */
    private String tail() {
        return ", " + q(MysqlDialect.ROWID) + " BIGINT NOT NULL AUTO_INCREMENT INVISIBLE UNIQUE) ENGINE=InnoDB"
                + " DEFAULT CHARSET=utf8mb4 COLLATE=" + dialect.collation();
    }

    @Override
    public String createTable(String table, Map<String, String> columns) {
        String body = columns.entrySet().stream()
                .map(e -> q(e.getKey()) + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return "CREATE TABLE " + q(table) + " (" + body + tail();
    }

    @Override
    public String createTable(TableDefinition table) {
        List<String> columns = new ArrayList<>();
        for (TableDefinition.Column c : table.columns()) {
            columns.add(column(c));
        }
        return "CREATE TABLE " + (table.ifNotExists() ? "IF NOT EXISTS " : "") + q(table.name()) + " ("
                + String.join(", ", columns) + tail();
    }

    /** A column's name and definition in MariaDB's words; the comment keeps the SQLite type. */
    @Override
    String column(TableDefinition.Column c) {
        StringBuilder def = new StringBuilder(q(c.name())).append(' ').append(type(c));
        if (c.notNull() || c.primaryKey()) {
            def.append(" NOT NULL");
        }
        if (c.defaultValue() != null) {
            def.append(" DEFAULT ").append(defaultValue(c));
        }
        if (c.primaryKey()) {
            def.append(" PRIMARY KEY");
        }
        if (c.unique()) {
            def.append(" UNIQUE");
        }
        return def.append(comment(c.type().isEmpty() ? "" : c.type())).toString();
    }

    private String type(TableDefinition.Column c) {
        String base = c.baseType();
        if (base.equals("JSON")) {
            return text();
        }
        if (base.equals("BOOLEAN") || base.equals("BOOL")) {
            return "BOOLEAN";
        }
        if (base.equals("BLOB")) {
            return "LONGBLOB";
        }
        return switch (c.affinity()) {
            case "INTEGER" -> "BIGINT";
            case "REAL", "NUMERIC" -> "DOUBLE";
            default -> {
                if ((base.equals("VARCHAR") || base.equals("CHAR")) && c.type().contains("(")) {
                    yield c.type().toUpperCase(Locale.ROOT) + " CHARACTER SET utf8mb4 COLLATE " + dialect.collation();
                }
                yield c.primaryKey() ? key() : text();
            }
        };
    }

    private String defaultValue(TableDefinition.Column c) {
        String d = c.defaultValue().strip();
        String compact = d.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (compact.contains("randomblob(")) {
            return RANDOM_ID;
        }
        if (compact.contains("strftime(")) {
            return NOW;
        }
        while (d.length() >= 2 && d.startsWith("(") && d.endsWith(")") && !d.substring(1).contains("(")) {
            d = d.substring(1, d.length() - 1).strip();
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
        if (type.equals("DOUBLE") || type.equals("BIGINT")) {
            String inner = d.startsWith("'") && d.endsWith("'") ? d.substring(1, d.length() - 1) : d;
            return inner.matches("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") ? inner
                    : inner.equalsIgnoreCase("TRUE") ? "1" : inner.equalsIgnoreCase("FALSE") ? "0" : "NULL";
        }
        if (d.equalsIgnoreCase("NULL")) {
            return "NULL";
        }
        if (!d.startsWith("'")) {
            d = "'" + d.replace("'", "''") + "'"; // a number or a bare word as text, as SQLite's TEXT column stores it
        }
        return "(" + d + ")";
    }

    @Override
    public String createIndex(IndexDefinition index) {
        String name = index.indexName();
        boolean generated = index.unique() && (!index.where().isEmpty()
                || index.columns().stream().anyMatch(c -> c.collate().equalsIgnoreCase("NOCASE") || !isPlain(c.name())));
        StringBuilder gen = new StringBuilder("[");
        StringBuilder parts = new StringBuilder("[");
        int i = 0;
        for (IndexDefinition.Column col : index.columns()) {
            String raw = col.name().strip();
            if (raw.isEmpty()) {
                continue;
            }
            String sort = col.sort().equalsIgnoreCase("DESC") ? "DESC" : "ASC";
            if (generated) {
                String expression = isPlain(raw) ? q(TableDefinition.unquote(raw)) : "(" + raw + ")";
                if (col.collate().equalsIgnoreCase("NOCASE")) {
                    expression = MysqlDialect.fold(expression);
                }
                if (!index.where().isEmpty()) {
                    expression = "CASE WHEN (" + index.where() + ") THEN " + expression + " END";
                }
                String column = generatedColumn(name, i);
                append(gen, json(column), json(expression));
                append(parts, json(column), json(sort));
            } else if (isPlain(raw)) {
                append(parts, json(TableDefinition.unquote(raw)), json(sort));
            }
            i++;
        }
        if (parts.length() == 1) {
            // an index over expressions only serves reads, which MariaDB can't do with it: it holds the name
            append(parts, json(MysqlDialect.ROWID), json("ASC"));
        }
        String note = index.build();
        if (note.length() > MAX_COMMENT) {
            note = "";
        }
        return "CALL coffer_create_index(" + literal(index.tableName()) + ", " + literal(name) + ", "
                + (index.unique() ? "TRUE" : "FALSE") + ", " + (index.optional() ? "TRUE" : "FALSE") + ", "
                + literal(gen.append(']').toString()) + ", " + literal(parts.append(']').toString()) + ", "
                + literal(note) + ")";
    }

    /** The name of the {@code i}th generated column of an index, as {@code coffer_drop_index} finds it again. */
    static String generatedColumn(String index, int i) {
        return MysqlDialect.INDEX_COLUMN_PREFIX + md5(index.toLowerCase(Locale.ROOT)).substring(0, 10) + "_" + i;
    }

    private static boolean isPlain(String column) {
        String name = column.strip();
        return !name.contains("(") && !TableDefinition.unquote(name).isEmpty()
                && (name.startsWith("`") || name.startsWith("\"") || name.startsWith("[") || !name.contains(" "));
    }

    private static void append(StringBuilder array, String... items) {
        if (array.length() > 1) {
            array.append(',');
        }
        array.append('[').append(String.join(",", items)).append(']');
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** An SQL string literal (the session has NO_BACKSLASH_ESCAPES: only quotes are doubled). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Pattern DROP_INDEX = Pattern.compile(
            "(?is)^\\s*DROP\\s+INDEX\\s+(?:IF\\s+EXISTS\\s+)?(\\S+?)\\s*;?\\s*$");

    @Override
    String portableOther(String statement) {
        Matcher drop = DROP_INDEX.matcher(statement);
        if (drop.matches()) {
            return dropIndex(TableDefinition.unquote(drop.group(1)));
        }
        return statement;
    }

    @Override
    public String createView(String view, String select) {
        return "CREATE VIEW " + q(view) + " AS SELECT * FROM (" + select + ") AS " + q("__view");
    }

    @Override
    public String dropIndex(String index) {
        return "CALL coffer_drop_index(" + literal(index) + ")";
    }

    @Override
    public String dropIndex(String table, String index) {
        return "CALL coffer_drop_table_index(" + literal(table) + ", " + literal(index) + ")";
    }

    @Override
    public String selectWithTextId(String select, List<String> columns, String idColumn) {
        String list = columns.stream()
                .map(c -> c.equals(idColumn) ? "CAST(" + q(c) + " AS CHAR) " + q(c) : q(c))
                .collect(Collectors.joining(","));
        return "SELECT " + list + " FROM (" + select + ") AS " + q("__select");
    }

    @Override
    public String copyColumn(String table, String target, String source, ColumnKind from, ColumnKind to) {
        String c = q(source);
        String text = "CAST(" + c + " AS CHAR)";
        String value;
        if (to == ColumnKind.JSON_ARRAY && from != ColumnKind.JSON_ARRAY) {
            value = "(CASE WHEN COALESCE(" + text + ", '') = '' THEN '[]'"
                    + " WHEN JSON_VALID(" + c + ") AND JSON_TYPE(" + c + ") = 'ARRAY' THEN " + c
                    + " ELSE JSON_ARRAY(" + c + ") END)";
        } else if (from == ColumnKind.JSON_ARRAY && to != ColumnKind.JSON_ARRAY) {
            value = "(CASE WHEN COALESCE(" + text + ", '[]') = '[]' THEN ''"
                    + " WHEN JSON_VALID(" + c + ") AND JSON_TYPE(" + c + ") = 'ARRAY'"
                    + " THEN COALESCE(coffer_json_text(JSON_EXTRACT(" + c + ", '$[last]')), '')"
                    + " ELSE " + c + " END)";
        } else {
            value = c;
        }
        return "UPDATE " + q(table) + " SET " + q(target) + " = " + cast(value, to);
    }

    private static String cast(String value, ColumnKind to) {
        return switch (to) {
            case NUMBER -> "COALESCE(coffer_number(" + value + "), 0)";
            case BOOLEAN -> "(CAST(" + value + " AS CHAR) IN ('1', 'true', 't'))";
            case JSON, JSON_ARRAY, GEO_POINT -> value;
            default -> "COALESCE(CAST(" + value + " AS CHAR), '')";
        };
    }

    /** The SQLite type of a column: its comment, or else one read from its MariaDB type. */
    static String sqliteTypeSql() {
        return "CASE WHEN UPPER(column_comment) = 'JSON' THEN 'JSON'"
                + " WHEN UPPER(column_comment) IN ('BOOLEAN', 'BOOL') OR column_type = 'tinyint(1)' THEN 'BOOLEAN'"
                + " WHEN data_type IN ('double', 'float', 'decimal') THEN 'NUMERIC'"
                + " WHEN data_type IN ('bigint', 'int', 'mediumint', 'smallint', 'tinyint') THEN 'INTEGER'"
                + " WHEN data_type IN ('longtext', 'mediumtext', 'text', 'tinytext', 'varchar', 'char') THEN 'TEXT'"
                + " ELSE UPPER(data_type) END";
    }

    @Override
    public String columnsQuery() {
        return "SELECT column_name AS \"name\", " + sqliteTypeSql() + " AS \"type\""
                + " FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?"
                + " AND extra NOT LIKE '%INVISIBLE%' ORDER BY ordinal_position";
    }

    @Override
    public String indexTableQuery() {
        return "SELECT table_name AS \"tbl_name\" FROM information_schema.statistics WHERE table_schema = DATABASE()"
                + " AND LOWER(table_name) != LOWER(?) AND LOWER(table_name) != LOWER(?) AND LOWER(index_name) = LOWER(?)"
                + " AND index_name != 'PRIMARY' AND LEFT(table_name, " + SchemaChange.ASIDE.length() + ") != '"
                + SchemaChange.ASIDE + "' LIMIT 1";
    }

    @Override
    public String tableIndexesQuery() {
        // the indexes Coffer created keep their SQLite statement as their comment; PRIMARY KEY and UNIQUE
        // column constraints have none, as SQLite's autoindexes have no statement
        return "SELECT index_name AS \"name\", MAX(index_comment) AS \"sql\" FROM information_schema.statistics"
                + " WHERE table_schema = DATABASE() AND table_name = ? AND index_comment != ''"
                + " GROUP BY index_name ORDER BY MIN(non_unique), index_name";
    }

    @Override
    public String indexNamesQuery() {
        return "SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = DATABASE()"
                + " AND table_name = ?";
    }

    @Override
    public String tableExistsQuery() {
        return "SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND LOWER(table_name) = LOWER(?) LIMIT 1";
    }

    /**
     * The views in an order they can be made in: MariaDB keeps no creation order, so each view comes after those
     * its definition names ({@code `database`.`view`}, as MariaDB writes it), by the length of its longest chain.
     */
    @Override
    public String viewsQuery() {
        return "WITH RECURSIVE \"depth\" (\"name\", \"level\") AS ("
                + "SELECT table_name, 0 FROM information_schema.views WHERE table_schema = DATABASE()"
                + " UNION SELECT v.table_name, d.\"level\" + 1 FROM \"depth\" d JOIN information_schema.views v"
                + " ON v.table_schema = DATABASE() AND LOCATE(CONCAT('`', REPLACE(DATABASE(), '`', '``'), '`.`',"
                + " REPLACE(d.\"name\", '`', '``'), '`'), v.view_definition) > 0 WHERE d.\"level\" < " + MAX_VIEW_DEPTH + ")"
                + " SELECT v.table_name AS \"name\", CONCAT('CREATE VIEW `', REPLACE(v.table_name, '`', '``'), '` AS ',"
                + " v.view_definition) AS \"sql\" FROM information_schema.views v"
                + " JOIN (SELECT \"name\", MAX(\"level\") AS \"level\" FROM \"depth\" GROUP BY \"name\") d"
                + " ON d.\"name\" = v.table_name WHERE v.table_schema = DATABASE() ORDER BY d.\"level\", v.table_name";
    }
}
