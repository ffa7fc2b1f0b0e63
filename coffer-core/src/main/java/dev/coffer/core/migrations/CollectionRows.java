package dev.coffer.core.migrations;

import dev.coffer.tools.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code _collections} rows in PocketBase's stored format: JSON columns compact with Go's escaping and
 * field keys in alphabetical order. A row is given as an object with the column names as keys ({@code id},
 * {@code name}, {@code type}, {@code system}, {@code fields}, {@code indexes}, {@code options}, the five rules,
 * {@code created}, {@code updated}).
 */
public final class CollectionRows {

    private static final List<String> RULES = List.of("listRule", "viewRule", "createRule", "updateRule",
            "deleteRule");

    private CollectionRows() {}

    /** Inserts a new row. */
    public static void insert(Connection db, ObjectNode row) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO \"_collections\" (\"id\", \"name\", \"type\", "
                + "\"system\", \"fields\", \"indexes\", \"options\", \"listRule\", \"viewRule\", \"createRule\", "
                + "\"updateRule\", \"deleteRule\", \"created\", \"updated\") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bind(ps, row);
            ps.setString(14, row.path("updated").asString(""));
            ps.executeUpdate();
        }
    }

    /** Replaces every column of the row with this {@code id} (the id itself can't change). */
    public static void update(Connection db, ObjectNode row) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE \"_collections\" SET \"id\" = ?, \"name\" = ?, "
                + "\"type\" = ?, \"system\" = ?, \"fields\" = ?, \"indexes\" = ?, \"options\" = ?, \"listRule\" = ?, "
                + "\"viewRule\" = ?, \"createRule\" = ?, \"updateRule\" = ?, \"deleteRule\" = ?, \"created\" = ?, "
                + "\"updated\" = ? WHERE \"id\" = ?")) {
            bind(ps, row);
            ps.setString(14, row.path("updated").asString(""));
            ps.setString(15, row.path("id").asString());
            ps.executeUpdate();
        }
    }

    /** Deletes the row with this id. */
    public static void delete(Connection db, String id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM \"_collections\" WHERE \"id\" = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, ObjectNode row) throws SQLException {
        ps.setString(1, row.path("id").asString());
        ps.setString(2, row.path("name").asString());
        ps.setString(3, row.path("type").asString());
        ps.setBoolean(4, row.path("system").asBoolean(false));
        ps.setString(5, fieldsJson(row.path("fields")));
        ps.setString(6, GoJson.write(row.path("indexes").isArray() ? row.get("indexes") : Json.array()));
        ps.setString(7, GoJson.write(row.path("options").isObject() ? row.get("options") : Json.object()));
        for (int i = 0; i < RULES.size(); i++) {
            JsonNode rule = row.get(RULES.get(i));
            if (rule == null || rule.isNull()) {
                ps.setNull(8 + i, Types.VARCHAR);
            } else {
                ps.setString(8 + i, rule.asString());
            }
        }
        ps.setString(13, row.path("created").asString(""));
    }

    /** The {@code fields} column: each field object with its keys sorted, as Go writes struct maps. */
    private static String fieldsJson(JsonNode fields) {
        var array = Json.array();
        if (fields.isArray()) {
            for (JsonNode field : fields) {
                ObjectNode sorted = Json.object();
                List<String> keys = new ArrayList<>(field.propertyNames());
                keys.sort(null);
                keys.forEach(k -> sorted.set(k, field.get(k)));
                array.add(sorted);
            }
        }
        return GoJson.write(array);
    }
}
