package dev.coffer.core.record;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldGeoPoint;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.field.GeoPoint;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiConsumer;
import tools.jackson.databind.JsonNode;

/** Loads and stores records of any collection through its table. */
public final class RecordStore {

    private final Database db;

    /** Creates a store over the data database. */
    public RecordStore(Database db) {
        this.db = db;
    }

    private Dialect dialect() {
        return db.dialect();
    }

    /** The record with this id. */
    public Optional<Record> findById(Collection collection, String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        // the id is the primary key: one row at most, nothing to order
        String sql = "SELECT * FROM " + dialect().quote(collection.name()) + " WHERE " + dialect().quote("id")
                + " = ? LIMIT 1";
        return db.read(c -> select(c, collection, sql, List.of(id))).stream().findFirst();
    }

    /** The records with these ids, in the order of the ids (missing ones left out). */
    public List<Record> findByIds(Collection collection, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        StringJoiner marks = new StringJoiner(",", dialect().quote("id") + " IN (", ")");
        ids.forEach(i -> marks.add("?"));
        List<Record> found = query(collection, marks.toString(), new ArrayList<>(ids), 0);
        Map<String, Record> byId = new LinkedHashMap<>();
        found.forEach(r -> byId.put(r.id(), r));
        List<Record> out = new ArrayList<>();
        for (String id : ids) {
            Record r = byId.get(id);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** Those of the ids that have a row in the collection (a relation's targets that exist). */
    public Set<String> existingIds(Collection collection, List<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        StringJoiner marks = new StringJoiner(",", "SELECT " + dialect().quote("id") + " FROM "
                + dialect().quote(collection.name()) + " WHERE " + dialect().quote("id") + " IN (", ")");
        ids.forEach(i -> marks.add("?"));
        String sql = marks.toString();
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, new ArrayList<>(ids));
                try (ResultSet rs = ps.executeQuery()) {
                    Set<String> out = new HashSet<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }

    /**
     * Whether a row of the collection matches a WHERE clause (built by the caller from validated identifiers
     * and bound parameters).
     */
    public boolean exists(Collection collection, String where, List<Object> params) {
        String sql = "SELECT 1 FROM " + dialect().quote(collection.name()) + " WHERE " + where + " LIMIT 1";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * The records matching a WHERE clause (built by the caller from validated identifiers and bound
     * parameters), up to {@code limit} rows (0 = no limit).
     */
    public List<Record> query(Collection collection, String where, List<Object> params, int limit) {
        String sql = "SELECT * FROM " + dialect().quote(collection.name())
                + (where == null || where.isBlank() ? "" : " WHERE " + where)
                + scanOrder(dialect(), collection) + (limit > 0 ? " LIMIT " + limit : "");
        return db.read(c -> select(c, collection, sql, params));
    }

    /**
     * The {@code ORDER BY} giving a collection's unsorted rows in SQLite's scan order on every database
     * ({@link Dialect#scanOrder}), with its leading space, or {@code ""}.
     */
    public static String scanOrder(Dialect dialect, Collection collection) {
        String order = collection.isView() ? "" : dialect.scanOrder(collection.name());
        return order.isEmpty() ? "" : " ORDER BY " + order;
    }

    /** Every record of {@code source} whose relation field holds {@code id}. */
    public List<Record> findReferencing(Collection source, dev.coffer.core.field.FieldRelation rel, String id) {
        return findReferencing(source, rel, id, 0);
    }

    /** Up to {@code limit} records (0: all) of {@code source} whose relation field holds {@code id}. */
    public List<Record> findReferencing(Collection source, dev.coffer.core.field.FieldRelation rel, String id,
            int limit) {
        String column = dialect().quote(source.name()) + "." + dialect().quote(rel.name());
        String where = rel.isMultiple() ? dialect().jsonArrayContains(column) : column + " = ?";
        return query(source, where, List.of(id), limit);
    }

    /** Runs a SELECT of whole rows of the collection's table and loads them as records. */
    public static List<Record> select(Connection c, Collection collection, String sql, List<Object> params)
            throws SQLException {
        return select(c, collection, sql, params, null);
    }

    /**
     * Runs a query selecting a collection's rows (and perhaps more columns) and loads the records, handing each
     * record with its whole row to {@code withRow} (when not null).
     */
    public static List<Record> select(Connection c, Collection collection, String sql, List<Object> params,
            BiConsumer<Record, Map<String, Object>> withRow) throws SQLException {
        List<Record> out = new ArrayList<>();
        for (Map<String, Object> row : rows(c, sql, params)) {
            Record r = Record.fromRow(collection, row);
            if (withRow != null) {
                withRow.accept(r, row);
            }
            out.add(r);
        }
        return out;
    }

    /** Runs a query and reads its rows as column label to value. */
    public static List<Map<String, Object>> rows(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                // the labels once per result, not per row (SQLite's driver asks the engine for each one anew)
                String[] labels = new String[md.getColumnCount()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = md.getColumnLabel(i + 1);
                }
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 0; i < labels.length; i++) {
                        row.put(labels[i], rs.getObject(i + 1));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** Runs a {@code SELECT COUNT(…)} query and reads its number (0 without a row). */
    public static long count(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /** Binds positional parameters. */
    public static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** Inserts a new record (every field column) inside the current or a new write transaction. */
    public void insert(Record record) {
        Collection col = record.collection();
        StringJoiner names = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        for (Field f : col.fields()) {
            names.add(dialect().quote(f.name()));
            marks.add("?");
            params.add(toDb(f, record.get(f.name())));
        }
        String sql = "INSERT INTO " + dialect().quote(col.name()) + " (" + names + ") VALUES (" + marks + ")";
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                ps.executeUpdate();
            }
            return null;
        });
        record.markPersisted();
    }

    /** Updates every field column of an existing record (its current values become its original state). */
    public void update(Record record) {
        Collection col = record.collection();
        StringJoiner sets = new StringJoiner(", ");
        List<Object> params = new ArrayList<>();
        for (Field f : col.fields()) {
            if (f.name().equals("id")) {
                continue;
            }
            sets.add(dialect().quote(f.name()) + " = ?");
            params.add(toDb(f, record.get(f.name())));
        }
        params.add(record.id());
        String sql = "UPDATE " + dialect().quote(col.name()) + " SET " + sets + " WHERE " + dialect().quote("id") + " = ?";
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                ps.executeUpdate();
            }
            return null;
        });
        record.markPersisted();
    }

    /** Deletes a record row. */
    public void delete(Record record) {
        String sql = "DELETE FROM " + dialect().quote(record.collection().name()) + " WHERE " + dialect().quote("id") + " = ?";
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, record.id());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The database form of a field value: text, number, boolean (SQLite stores it as 1/0), or JSON text for
     * lists, json and points. A missing value is stored as the field's zero value (NULL for a json field).
     */
    public static Object toDb(Field field, Object value) {
        if (value == null) {
            return field instanceof FieldJson ? null : toDb(field, field.zeroValue());
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof List<?> list) {
            var arr = Json.array();
            list.forEach(v -> arr.add(String.valueOf(v)));
            return Json.write(arr);
        }
        if (value instanceof GeoPoint p || field instanceof FieldGeoPoint) {
            return Json.write(field.toJsonValue(value));
        }
        if (value instanceof JsonNode n) {
            return n.isNull() ? null : Json.write(n);
        }
        return value;
    }
}
