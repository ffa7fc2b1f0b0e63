package dev.coffer.tools.db;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** SQLite's schema statements; all of them are transactional. */
final class SqliteDdl extends StandardDdl {

    SqliteDdl(Dialect dialect) {
        super(dialect);
    }

    @Override
    public String columnDefinition(ColumnKind kind) {
        return switch (kind) {
            case TEXT -> "TEXT DEFAULT '' NOT NULL";
            case PRIMARY_KEY -> "TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL";
            case NUMBER -> "NUMERIC DEFAULT 0 NOT NULL";
            case BOOLEAN -> "BOOLEAN DEFAULT FALSE NOT NULL";
            case JSON -> "JSON DEFAULT NULL";
            case JSON_ARRAY -> "JSON DEFAULT '[]' NOT NULL";
            case GEO_POINT -> "JSON DEFAULT '{\"lon\":0,\"lat\":0}' NOT NULL";
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
        String body = table.columns().stream().map(c -> {
            StringBuilder def = new StringBuilder(q(c.name()));
            if (!c.type().isEmpty()) {
                def.append(' ').append(c.type());
            }
            if (c.primaryKey()) {
                def.append(" PRIMARY KEY");
            }
            if (c.unique()) {
                def.append(" UNIQUE");
            }
            if (c.defaultValue() != null) {
                def.append(" DEFAULT ").append(c.defaultValue());
            }
            if (c.notNull()) {
                def.append(" NOT NULL");
            }
            return def.toString();
        }).collect(Collectors.joining(", "));
        return "CREATE TABLE " + (table.ifNotExists() ? "IF NOT EXISTS " : "") + q(table.name()) + " (" + body + ")";
    }

    @Override
    public String createIndex(IndexDefinition index) {
        return index.build();
    }

    @Override
    public String portable(String statement) {
        return statement;
    }

    @Override
    public String createView(String view, String select) {
        return "CREATE VIEW " + q(view) + " AS SELECT * FROM (" + select + ")";
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
        return "SELECT " + list + " FROM (" + select + ")";
    }

    @Override
    public String copyColumn(String table, String target, String source, ColumnKind from, ColumnKind to) {
        String c = q(source);
        String value;
        if (to == ColumnKind.JSON_ARRAY && from != ColumnKind.JSON_ARRAY) {
            value = "(CASE WHEN COALESCE(" + c + ", '') = '' THEN '[]'"
                    + " WHEN json_valid(" + c + ") AND json_type(" + c + ") = 'array' THEN " + c
                    + " ELSE json_array(" + c + ") END)";
        } else if (from == ColumnKind.JSON_ARRAY && to != ColumnKind.JSON_ARRAY) {
            value = "(CASE WHEN COALESCE(" + c + ", '[]') = '[]' THEN ''"
                    + " WHEN json_valid(" + c + ") AND json_type(" + c + ") = 'array'"
                    + " THEN COALESCE(json_extract(" + c + ", '$[#-1]'), '')"
                    + " ELSE " + c + " END)";
        } else {
            value = c;
        }
        return "UPDATE " + q(table) + " SET " + q(target) + " = " + value;
    }

    @Override
    public String columnsQuery() {
        return "SELECT name, type FROM pragma_table_info(?) ORDER BY cid";
    }

    @Override
    public String indexTableQuery() {
        return "SELECT tbl_name FROM sqlite_master WHERE type = 'index' AND LOWER(tbl_name) != LOWER(?) "
                + "AND LOWER(tbl_name) != LOWER(?) AND LOWER(name) = LOWER(?) LIMIT 1";
    }

    @Override
    public String tableIndexesQuery() {
        return "SELECT `name`, `sql` FROM `sqlite_master` WHERE `type` = 'index' AND `tbl_name` = ? AND sql IS NOT NULL"
                + " AND name NOT LIKE 'sqlite_autoindex_%'";
    }

    @Override
    public String indexNamesQuery() {
        return "SELECT name FROM pragma_index_list(?)";
    }

    @Override
    public String tableExistsQuery() {
        return "SELECT 1 FROM sqlite_schema WHERE type IN ('table', 'view') AND lower(name) = lower(?) LIMIT 1";
    }

    @Override
    public String viewsQuery() {
        return "SELECT name, sql FROM sqlite_schema WHERE type = 'view' AND sql IS NOT NULL ORDER BY rowid";
    }
}
