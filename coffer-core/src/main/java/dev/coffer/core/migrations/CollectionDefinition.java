package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.IndexDefinition;
import dev.coffer.tools.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A system collection as PocketBase's init migration creates it: its {@code _collections} row and its records
 * table with indexes.
 *
 * @param id the collection id
 * @param name the collection (and table) name
 * @param type {@code base} or {@code auth}
 * @param system whether the collection is a protected system collection
 * @param rules the list, view, create, update and delete rules ({@code null} = superusers only)
 * @param fields the fields in stored order
 * @param indexes the {@code CREATE INDEX} statements as stored in the row
 * @param options the type options, {@code null} for base collections ({@code {}})
 */
record CollectionDefinition(String id, String name, String type, boolean system, Rules rules,
        List<FieldDefinition> fields, List<String> indexes, ObjectNode options) {

    /** The five API rules. */
    record Rules(String list, String view, String create, String update, String delete) {
        static final Rules SUPERUSERS_ONLY = new Rules(null, null, null, null, null);
    }

    CollectionDefinition {
        fields = List.copyOf(fields);
        indexes = List.copyOf(indexes);
    }

    /** Inserts the {@code _collections} row and creates the records table and its indexes. */
    void create(Connection db, Dialect dialect, String now) throws SQLException {
        CollectionRows.insert(db, row(now));
        try (Statement st = db.createStatement()) {
            st.executeUpdate(dialect.ddl().portable(createTableSql()));
            for (String index : indexes) {
                IndexDefinition parsed = IndexDefinition.parse(index).withTable(name);
                if (!parsed.isValid()) {
                    throw new SQLException("invalid index of " + name + ": " + index);
                }
                st.executeUpdate(dialect.ddl().createIndex(parsed));
            }
        }
    }

    /** The records table DDL in SQLite's words: columns in name order, as PocketBase's table builder writes it. */
    String createTableSql() {
        String columns = fields.stream()
                .sorted(Comparator.comparing(FieldDefinition::name))
                .map(f -> "`" + f.name() + "` " + f.columnType())
                .collect(Collectors.joining(", "));
        return "CREATE TABLE `" + name + "` (" + columns + ")";
    }

    /** The {@code _collections} row as {@link CollectionRows} writes it. */
    private ObjectNode row(String now) {
        ObjectNode row = Json.object();
        row.put("id", id);
        row.put("name", name);
        row.put("type", type);
        row.put("system", system);
        ArrayNode fieldArray = row.putArray("fields");
        fields.forEach(f -> fieldArray.add(f.json()));
        ArrayNode indexArray = row.putArray("indexes");
        indexes.forEach(indexArray::add);
        row.set("options", options == null ? Json.object() : options);
        row.put("listRule", rules.list());
        row.put("viewRule", rules.view());
        row.put("createRule", rules.create());
        row.put("updateRule", rules.update());
        row.put("deleteRule", rules.delete());
        row.put("created", now);
        row.put("updated", now);
        return row;
    }
}
