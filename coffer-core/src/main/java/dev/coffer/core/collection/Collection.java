package dev.coffer.core.collection;

import dev.coffer.core.event.Model;
import dev.coffer.core.field.Field;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A collection: its identity, type, schema fields, API rules, indexes and type options, as stored in
 * PocketBase's {@code _collections} table. Immutable; a schema change builds a new instance.
 */
public final class Collection implements Model {

    /** The option key of the record history settings ({@code {"enabled": bool, "retentionDays": int}}). */
    public static final String HISTORY = "history";
    /** The option key of the rule that lets others than superusers read record histories. */
    public static final String HISTORY_RULE = "historyRule";
    /** The option key of the write mode: {@code "crud"} (the default) or {@code "events"}. */
    public static final String MODE = "mode";
    /** The mode of a collection whose table is a projection of its event log. */
    public static final String MODE_EVENTS = "events";
    /** The option key of the rule that lets others than superusers follow the collection's events. */
    public static final String EVENTS_RULE = "eventsRule";
    /** The Coffer options a base or auth collection may have beside PocketBase's. */
    public static final List<String> EXTENSION_OPTIONS = List.of(HISTORY, HISTORY_RULE, MODE, EVENTS_RULE);

    /** The id of the superusers collection. */
    public static final String SUPERUSERS_ID = "pbc_3142635823";
    /** The name of the superusers collection. */
    public static final String SUPERUSERS = "_superusers";

    private final String id;
    private final String name;
    private final CollectionType type;
    private final boolean system;
    private final List<Field> fields;
    private final Map<String, Field> fieldsByName;
    private final Rules rules;
    private final List<String> indexes;
    private final ObjectNode options;
    private final AuthOptions authOptions;
    private final String created;
    private final String updated;

    /** The five API rules; each is null (superusers only), {@code ""} (anyone) or a filter expression. */
    public record Rules(String list, String view, String create, String update, String delete) {}

    /** Creates a collection from its parts; options are the raw type options JSON. */
    public Collection(String id, String name, CollectionType type, boolean system, List<Field> fields, Rules rules,
            List<String> indexes, ObjectNode options, String created, String updated) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.system = system;
        this.fields = List.copyOf(fields);
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field f : this.fields) {
            byName.put(f.name(), f);
        }
        this.fieldsByName = Collections.unmodifiableMap(byName);
        this.rules = rules;
        this.indexes = List.copyOf(indexes);
        this.options = options == null ? Json.object() : options.deepCopy();
        this.authOptions = type == CollectionType.AUTH ? new AuthOptions(this.options) : null;
        this.created = created;
        this.updated = updated;
    }

    /** The collection id. */
    public String id() {
        return id;
    }

    /** The collection name (also its table name). */
    public String name() {
        return name;
    }

    /** The collection type. */
    public CollectionType type() {
        return type;
    }

    /** Whether this is an auth collection. */
    public boolean isAuth() {
        return type == CollectionType.AUTH;
    }

    /** Whether this is a view collection. */
    public boolean isView() {
        return type == CollectionType.VIEW;
    }

    /** Whether this is the superusers collection. */
    public boolean isSuperusers() {
        return SUPERUSERS_ID.equals(id) || SUPERUSERS.equals(name);
    }

    /** Whether this is a system collection. */
    public boolean system() {
        return system;
    }

    /** The schema fields in order. */
    public List<Field> fields() {
        return fields;
    }

    /** The field with this exact name. */
    public Optional<Field> field(String fieldName) {
        return Optional.ofNullable(fieldsByName.get(fieldName));
    }

    /** The API rules. */
    public Rules rules() {
        return rules;
    }

    /** The index definitions (SQL CREATE INDEX statements). */
    public List<String> indexes() {
        return indexes;
    }

    /**
     * The UNIQUE index over exactly this one column (partial indexes included), as identity lookups need.
     */
    public Optional<dev.coffer.tools.db.IndexSpec> singleColumnUniqueIndex(String column) {
        for (String sql : indexes) {
            Optional<dev.coffer.tools.db.IndexSpec> spec = dev.coffer.tools.db.IndexSpec.parse(sql);
            if (spec.isPresent() && spec.get().unique() && spec.get().columns().size() == 1
                    && spec.get().columns().get(0).name().equalsIgnoreCase(column)) {
                return spec;
            }
        }
        return Optional.empty();
    }

    /** The auth options (only for auth collections). */
    public AuthOptions authOptions() {
        if (authOptions == null) {
            throw new IllegalStateException("collection " + name + " is not an auth collection");
        }
        return authOptions;
    }

    /** The SELECT of a view collection ({@code ""} otherwise). */
    public String viewQuery() {
        return options.path("viewQuery").asString("");
    }

    /** When the collection was created. */
    public String created() {
        return created;
    }

    /** When the collection was last changed. */
    public String updated() {
        return updated;
    }

    /**
     * Whether every change of its records is kept in the record history (the {@code history.enabled} option; always
     * for the superusers).
     */
    public boolean historyEnabled() {
        return isSuperusers() || eventSourced() || options.path(HISTORY).path("enabled").asBoolean(false);
    }

    /**
     * Whether the collection is in {@code events} mode: its event log (the record history, kept for ever) is the
     * source of truth and its table a projection that a replay rebuilds.
     */
    public boolean eventSourced() {
        return MODE_EVENTS.equals(options.path(MODE).asString(""));
    }

    /**
     * Who may follow the collection's events through {@code /api/events} besides superusers: a filter on
     * {@code @request.*} (null for superusers only).
     */
    public String eventsRule() {
        JsonNode rule = options.get(EVENTS_RULE);
        return rule == null || rule.isNull() ? null : rule.asString("");
    }

    /** How many days history entries are kept ({@code history.retentionDays}; 0 for ever, as in events mode). */
    public int historyRetentionDays() {
        return eventSourced() ? 0 : Math.max(0, options.path(HISTORY).path("retentionDays").asInt(0));
    }

    /** Who may read the history of a record (a filter like the API rules; null for superusers only). */
    public String historyRule() {
        JsonNode rule = options.get(HISTORY_RULE);
        return rule == null || rule.isNull() ? null : rule.asString("");
    }

    /** The raw type options JSON as stored (secrets included). */
    public ObjectNode rawOptions() {
        return options.deepCopy();
    }

    /** The collection as the API returns it: common keys, fields, rules, indexes and public type options. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("listRule", rules.list());
        out.put("viewRule", rules.view());
        out.put("createRule", rules.create());
        out.put("updateRule", rules.update());
        out.put("deleteRule", rules.delete());
        out.put("name", name);
        out.put("type", type.wire());
        var arr = out.putArray("fields");
        fields.forEach(f -> arr.add(f.toJson()));
        var idx = out.putArray("indexes");
        indexes.forEach(idx::add);
        out.put("created", created);
        out.put("updated", updated);
        out.put("system", system);
        if (type == CollectionType.AUTH) {
            out.setAll(authOptions.publicJson());
        } else if (type == CollectionType.VIEW) {
            out.put("viewQuery", viewQuery());
        }
        if (options.has(HISTORY) || options.has(HISTORY_RULE)) {
            out.set(HISTORY, options.path(HISTORY).isObject() ? options.get(HISTORY).deepCopy() : Json.object());
            out.set(HISTORY_RULE, options.has(HISTORY_RULE) ? options.get(HISTORY_RULE).deepCopy() : null);
        }
        if (options.has(MODE)) {
            out.set(MODE, options.get(MODE).deepCopy());
        }
        if (options.has(EVENTS_RULE)) {
            out.set(EVENTS_RULE, options.get(EVENTS_RULE).deepCopy());
        }
        return out;
    }

    /** Parses the fields JSON array of a collection. */
    public static List<Field> parseFields(JsonNode fieldsJson) {
        List<Field> out = new ArrayList<>();
        if (fieldsJson != null && fieldsJson.isArray()) {
            fieldsJson.forEach(f -> out.add(Field.parse(f)));
        }
        return out;
    }

    @Override
    public String toString() {
        return "collection " + name + " (" + id + ")";
    }
}
