package dev.coffer.core.collection;

import dev.coffer.tools.db.Database;
import dev.coffer.tools.json.Json;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The collections of the app, loaded from {@code _collections} and cached; lookups by id or by name
 * (case-insensitive), as the API resolves {@code {collection}} path parameters.
 */
public final class CollectionRegistry {

    private record Snapshot(List<Collection> all, Map<String, Collection> byId, Map<String, Collection> byName) {}

    private final Database db;
    private volatile Runnable onReload = () -> {};
    private volatile Snapshot snapshot = new Snapshot(List.of(), Map.of(), Map.of());

    /** Creates a registry over a database; call {@link #reload()} to load it. */
    public CollectionRegistry(Database db) {
        this.db = db;
    }

    /**
     * Runs after each {@link #reload()} (not after {@link #reloadQuietly()}): the app tells the other instances
     * that the collections changed.
     */
    public void onReload(Runnable listener) {
        onReload = listener;
    }

    /** Reloads every collection from the database, after a change made here: the other instances reload too. */
    public void reload() {
        reloadQuietly();
        onReload.run();
    }

    /** Reloads every collection from the database without telling anyone (another instance changed them). */
    public void reloadQuietly() {
        List<Collection> loaded = db.read(c -> {
            List<Collection> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT \"id\", \"name\", \"type\", \"system\", \"fields\","
                            + " \"listRule\", \"viewRule\", \"createRule\", \"updateRule\", \"deleteRule\", \"options\","
                            + " \"indexes\", \"created\", \"updated\" FROM \"_collections\" ORDER BY "
                            + db.dialect().rowid(null))) {
                while (rs.next()) {
                    out.add(fromRow(rs));
                }
            }
            return out;
        });
        Map<String, Collection> byId = new HashMap<>();
        Map<String, Collection> byName = new HashMap<>();
        for (Collection col : loaded) {
            byId.put(col.id(), col);
            byName.put(col.name().toLowerCase(Locale.ROOT), col);
        }
        snapshot = new Snapshot(List.copyOf(loaded), Map.copyOf(byId), Map.copyOf(byName));
    }

    private static Collection fromRow(ResultSet rs) throws java.sql.SQLException {
        JsonNode fields = Json.parse(nonEmpty(rs.getString("fields"), "[]"));
        JsonNode options = Json.parse(nonEmpty(rs.getString("options"), "{}"));
        JsonNode indexesJson = Json.parse(nonEmpty(rs.getString("indexes"), "[]"));
        List<String> indexes = new ArrayList<>();
        indexesJson.forEach(n -> indexes.add(n.asString()));
        return new Collection(
                rs.getString("id"),
                rs.getString("name"),
                CollectionType.of(rs.getString("type")),
                rs.getBoolean("system"),
                Collection.parseFields(fields),
                new Collection.Rules(rs.getString("listRule"), rs.getString("viewRule"), rs.getString("createRule"),
                        rs.getString("updateRule"), rs.getString("deleteRule")),
                indexes,
                options instanceof ObjectNode o ? o : Json.object(),
                nonEmpty(rs.getString("created"), ""),
                nonEmpty(rs.getString("updated"), ""));
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }

    /** Every collection in creation order. */
    public List<Collection> all() {
        return snapshot.all();
    }

    /** The collection with this id, or else with this name (case-insensitive). */
    public Optional<Collection> find(String idOrName) {
        if (idOrName == null || idOrName.isEmpty()) {
            return Optional.empty();
        }
        Snapshot s = snapshot;
        Collection c = s.byId().get(idOrName);
        if (c == null) {
            c = s.byName().get(idOrName.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(c);
    }
}
