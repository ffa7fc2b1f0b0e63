package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/** Reads and rewrites rows of {@code _collections} and inspects the database catalogue, for the migrations. */
final class CollectionsTable {

    /** A {@code _collections} row as stored (JSON columns kept as text). */
    record Row(String id, String name, String type, boolean system, String fields, String indexes,
            String options, String deleteRule) {

        boolean isAuth() {
            return "auth".equals(type);
        }

        boolean isView() {
            return "view".equals(type);
        }

        /** The {@code indexes} entries. */
        List<String> indexList() {
            List<String> list = new ArrayList<>();
            JsonNode node = parseOrNull(indexes);
            if (node != null && node.isArray()) {
                node.forEach(item -> list.add(item.asString()));
            }
            return list;
        }
    }

    private CollectionsTable() {}

    /** Every collection, in rowid order (PocketBase's collection order). */
    static List<Row> all(Connection db, Dialect dialect) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT \"id\", \"name\", \"type\", \"system\", \"fields\", "
                + "\"indexes\", \"options\", \"deleteRule\" FROM \"_collections\" ORDER BY " + dialect.rowid(null) + " ASC");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
            }
        }
        return rows;
    }

    /** The collection with this exact name. */
    static Row byName(Connection db, Dialect dialect, String name) throws SQLException {
        for (Row row : all(db, dialect)) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        throw new SQLException("collection " + name + " not found in _collections");
    }

    /** Sets one JSON (or text) column of a collection and bumps its {@code updated} time. */
    static void update(Connection db, String id, String column, String value) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE \"_collections\" SET \"" + column + "\" = ?, \"updated\" = ? WHERE \"id\" = ?")) {
            ps.setString(1, value);
            ps.setString(2, DateTime.now());
            ps.setString(3, id);
            ps.executeUpdate();
        }
    }

    /** Serialises an {@code indexes} list as PocketBase stores it. */
    static String indexesJson(List<String> indexes) {
        ArrayNode array = Json.array();
        indexes.forEach(array::add);
        return GoJson.write(array);
    }

    /** Whether a table or view of that name exists (case-insensitively, as PocketBase checks). */
    static boolean hasTable(Connection db, Dialect dialect, String name) throws SQLException {
        return dialect.ddl().tableExists(db, name);
    }

    /** Executes one statement. */
    static void exec(Connection db, String sql) throws SQLException {
        try (var st = db.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /**
     * Executes a schema statement written in SQLite's syntax (PocketBase's own text), in the words of the
     * database's engine.
     */
    static void execDdl(Connection db, Dialect dialect, String sqliteDdl) throws SQLException {
        exec(db, dialect.ddl().portable(sqliteDdl));
    }

    static JsonNode parseOrNull(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return Json.parse(json);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
