package dev.coffer.core.migrations;

import dev.coffer.tools.db.IndexDefinition;
import dev.coffer.tools.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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

    /** The {@code fields} column value. */
    String fieldsJson() {
        ArrayNode array = Json.array();
        fields.forEach(f -> array.add(f.json()));
        return GoJson.write(array);
    }

    /** The {@code indexes} column value. */
    String indexesJson() {
        return CollectionsTable.indexesJson(indexes);
    }

    /** The {@code options} column value. */
    String optionsJson() {
        return options == null ? "{}" : GoJson.write(options);
    }

    /** Inserts the {@code _collections} row and creates the records table and its indexes. */
    void create(Connection db, String now) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO `_collections` (`createRule`, `created`, "
                + "`deleteRule`, `fields`, `id`, `indexes`, `listRule`, `name`, `options`, `system`, `type`, "
                + "`updateRule`, `updated`, `viewRule`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            setRule(ps, 1, rules.create());
            ps.setString(2, now);
            setRule(ps, 3, rules.delete());
            ps.setString(4, fieldsJson());
            ps.setString(5, id);
            ps.setString(6, indexesJson());
            setRule(ps, 7, rules.list());
            ps.setString(8, name);
            ps.setString(9, optionsJson());
            ps.setBoolean(10, system);
            ps.setString(11, type);
            setRule(ps, 12, rules.update());
            ps.setString(13, now);
            setRule(ps, 14, rules.view());
            ps.executeUpdate();
        }
        try (Statement st = db.createStatement()) {
            st.executeUpdate(createTableSql());
            for (String index : indexes) {
                IndexDefinition parsed = IndexDefinition.parse(index).withTable(name);
                if (!parsed.isValid()) {
                    throw new SQLException("invalid index of " + name + ": " + index);
                }
                st.executeUpdate(parsed.build());
            }
        }
    }

    /** The records table DDL: columns in name order, as PocketBase's table builder writes it. */
    String createTableSql() {
        String columns = fields.stream()
                .sorted(Comparator.comparing(FieldDefinition::name))
                .map(f -> "`" + f.name() + "` " + f.columnType())
                .collect(Collectors.joining(", "));
        return "CREATE TABLE `" + name + "` (" + columns + ")";
    }

    private static void setRule(PreparedStatement ps, int index, String rule) throws SQLException {
        if (rule == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, rule);
        }
    }
}
