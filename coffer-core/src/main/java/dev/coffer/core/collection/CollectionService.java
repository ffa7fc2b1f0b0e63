package dev.coffer.core.collection;

import dev.coffer.core.App;
import dev.coffer.core.ModelLifecycle;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.migrations.CollectionRows;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordJson;
import dev.coffer.core.schema.IndexException;
import dev.coffer.core.schema.SchemaStepException;
import dev.coffer.core.schema.SchemaSync;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.db.DatabaseException;
import dev.coffer.tools.db.SchemaChange;
import dev.coffer.tools.db.SqlFunction;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.types.DateTime;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates, changes, deletes, truncates and imports collections as PocketBase's collections API does: input
 * is completed with PocketBase's defaults and validated, then the {@code _collections} row and the records
 * table change in one write transaction and the registry reloads after the commit. The schema statements run
 * first and the {@code _collections} rows are written after the last of them, so that where schema statements
 * commit at once (MySQL/MariaDB) the rows are committed only with a schema change that succeeded, and a change
 * that fails anywhere leaves schema and rows as they were (see {@link SchemaChange}).
 */
public final class CollectionService {

    private static final int DRY_RUN_SAMPLE = 10;
    private static final Logger LOG = LoggerFactory.getLogger(CollectionService.class);

    private final App app;
    private final SchemaSync schema;

    /** A service over an open app. */
    public CollectionService(App app) {
        this.app = app;
        this.schema = new SchemaSync(app.db().dialect());
    }

    /**
     * Creates a collection from its submitted JSON.
     *
     * @throws ValidationException when the input is invalid
     * @throws SchemaChangeException when the database refuses the change
     */
    public Collection create(ObjectNode input) {
        Collection draft = withViewFields(CollectionDraft.build(input, null, this::idTaken, DateTime.now()));
        throwIfInvalid(CollectionValidator.validate(draft, null, context()));
        persist(List.of(), List.of(new Change(null, draft)));
        return app.collections().find(draft.id()).orElseThrow();
    }

    /**
     * Merges a patch onto a stored collection and saves the result.
     *
     * @throws ValidationException when the changed collection is invalid
     * @throws SchemaChangeException when the database refuses the change (dropping a column a view reads)
     */
    public Collection update(Collection existing, ObjectNode patch) {
        Collection draft = withViewFields(CollectionDraft.build(mergedJson(existing, patch), existing,
                this::idTaken, DateTime.now()));
        throwIfInvalid(CollectionValidator.validate(draft, existing, context()));
        persist(List.of(), List.of(new Change(existing, draft)));
        return app.collections().find(draft.id()).orElseThrow();
    }

    /**
     * Deletes a collection and its records table (or view).
     *
     * @throws CollectionException for system collections, collections other collections relate to and
     *     collections a view reads
     */
    public void delete(Collection c) {
        if (c.system()) {
            throw new CollectionException("Failed to delete collection");
        }
        List<String> references = referencing(c, app.collections().all());
        if (!references.isEmpty()) {
            throw new CollectionException("Failed to delete collection probably due to existing reference in "
                    + String.join(", ", references));
        }
        try {
            persist(List.of(c), List.of());
        } catch (SchemaChangeException e) {
            // PocketBase answers so whatever the database said (PostgreSQL refuses to drop a table a view reads)
            throw new CollectionException("Failed to delete collection", e);
        }
    }

    /**
     * Deletes every record of a collection.
     *
     * @throws CollectionException for views, and when required references block the delete
     */
    public void truncate(Collection c) {
        if (c.isView()) {
            throw new CollectionException(
                    "View collections cannot be truncated since they don't store their own records.");
        }
        try {
            app.deleteAll(app.records().query(c, "", List.of(), 0));
        } catch (RuntimeException e) {
            throw new CollectionException("Failed to truncate collection (most likely due to required cascade "
                    + "delete record references).", e);
        }
    }

    /**
     * Imports collections: each entry updates the collection with its id (or else name) or creates one; with
     * {@code deleteMissing} the non-system collections not listed are deleted. All or nothing.
     *
     * @throws ValidationException with a {@code collections} error when the list is empty or an entry is invalid
     * @throws SchemaChangeException when the database refuses the change
     */
    public void importCollections(JsonNode collections, boolean deleteMissing) {
        if (collections == null || !collections.isArray() || collections.isEmpty()) {
            throw ValidationException.of("collections", CollectionErrors.required());
        }
        CollectionImport plan = CollectionImport.plan(collections, deleteMissing, app.collections().all(),
                (json, original) -> withViewFields(CollectionDraft.build(json, original, this::idTaken,
                        DateTime.now())));
        // views are checked and saved after the rest, so that a view may read collections the same import creates
        List<Change> views = plan.changes().stream().filter(c -> c.after().isView()).toList();
        List<Change> rest = plan.changes().stream().filter(c -> !c.after().isView()).toList();
        validateImport(rest, plan.resulting());
        if (views.isEmpty()) {
            persist(plan.deletions(), rest);
            return;
        }
        app.db().write(conn -> {
            persist(plan.deletions(), rest);
            List<Change> built = views.stream().map(c -> new Change(c.before(), withViewFields(c.after()))).toList();
            List<Collection> resulting = new ArrayList<>(plan.resulting());
            for (Change c : built) {
                resulting.replaceAll(r -> r.id().equals(c.after().id()) ? c.after() : r);
            }
            validateImport(built, resulting);
            persist(List.of(), built);
            return null;
        });
    }

    private void validateImport(List<Change> changes, List<Collection> resulting) {
        for (Change change : changes) {
            List<Collection> others = resulting.stream().filter(c -> !c.id().equals(change.after().id())).toList();
            Map<String, Object> errors = CollectionValidator.validate(change.after(), change.before(), context(others));
            if (!errors.isEmpty()) {
                Collection c = change.after();
                throw ValidationException.of("collections", CollectionErrors.importFailure(c.name(), c.id(),
                        errors));
            }
        }
    }

    /**
     * Rebuilds an {@code events}-mode collection's table from its event log (see
     * {@link dev.coffer.core.history.RecordHistory#replay}): a dropped table is made again from the schema.
     *
     * @return how many events were applied
     * @throws CollectionException for a collection not in events mode
     */
    public int replayEvents(Collection c) {
        if (!c.eventSourced()) {
            throw new CollectionException("Only collections in events mode can be replayed.");
        }
        return app.history().replay(c, this::ensureTable);
    }

    /** Creates a collection's table (inside the current write transaction) when it is missing. */
    private void ensureTable(Collection c) {
        app.db().write(conn -> {
            if (app.db().dialect().ddl().tableExists(conn, c.name())) {
                return null;
            }
            schema.apply(SchemaChange.of(app.db(), conn), null, c);
            return null;
        });
    }

    /** Blank base, auth and view collections with PocketBase's defaults, as the dashboard starts from. */
    public ObjectNode scaffolds() {
        ObjectNode out = Json.object();
        for (String type : List.of("base", "auth", "view")) {
            out.set(type, blank(type));
        }
        return out;
    }

    /**
     * The JSON of a new, empty collection of a type ({@code base} for an unknown one), with PocketBase's defaults
     * and empty id, name and dates.
     */
    public ObjectNode blank(String type) {
        ObjectNode input = Json.object();
        input.put("id", RandomString.of(10, RandomString.LOWER_ALPHANUMERIC));
        boolean known = type != null && List.of("base", "auth", "view").contains(type);
        input.put("type", known ? type : "base");
        input.put("name", "");
        ObjectNode json = CollectionDraft.build(input, null, id -> false, "").toJson();
        json.put("id", "");
        json.put("created", "");
        json.put("updated", "");
        return json;
    }

    /**
     * Runs a view query and returns up to 10 of its rows.
     *
     * @throws ValidationException when the query is blank or too long
     * @throws CollectionException when the query fails
     */
    public ObjectNode dryRunView(String query) {
        if (query == null || query.isBlank()) {
            throw ValidationException.of("query", CollectionErrors.required());
        }
        if (query.length() > 5000) {
            throw ValidationException.of("query", CollectionErrors.length(0, 5000));
        }
        try {
            return app.db().dryRun(conn -> {
                List<Field> fields = schema.inferViewFields(conn, app.collections().all(), query);
                Collection temp = new Collection("", "temp_view", CollectionType.VIEW, false, fields,
                        new Collection.Rules(null, null, null, null, null), List.of(), Json.object(), "", "");
                ObjectNode out = Json.object();
                ArrayNode fieldsJson = out.putArray("fields");
                fields.forEach(f -> fieldsJson.add(f.toJson()));
                ArrayNode sample = out.putArray("sample");
                Set<String> ids = new HashSet<>();
                for (Map<String, Object> row : sampleRows(conn, query, DRY_RUN_SAMPLE)) {
                    Record r = Record.fromRow(temp, row);
                    if (r.id().isEmpty()) {
                        throw new SQLException("the query could return records with empty or invalid ids");
                    }
                    if (!ids.add(r.id())) {
                        throw new SQLException("the query could return records with non-unique ids");
                    }
                    sample.add(RecordJson.write(r, new RecordJson.Visibility(true, true)));
                }
                return out;
            });
        } catch (RuntimeException e) {
            throw new CollectionException("Invalid view query. Raw error: \n" + rootMessage(e), e);
        }
    }

    // --- internals ----------------------------------------------------------------------------------------

    /** One saved collection: its stored state (null when new) and its new state. */
    record Change(Collection before, Collection after) {}

    /** The patched JSON; a changed auth rule gets a new auth token secret (revoking issued tokens). */
    static ObjectNode mergedJson(Collection existing, ObjectNode patch) {
        ObjectNode json = CollectionDraft.merge(CollectionDraft.jsonOf(existing), patch);
        if (existing.isAuth() && patch.has("authRule")
                && !String.valueOf(existing.authOptions().authRule()).equals(json.path("authRule").asString(null))) {
            ((ObjectNode) json.path("authToken")).put("secret", RandomString.alphanumeric(50));
        }
        return json;
    }

    private boolean idTaken(String id) {
        return app.collections().find(id).filter(c -> c.id().equals(id)).isPresent();
    }

    private Collection withViewFields(Collection draft) {
        if (!draft.isView() || draft.viewQuery().isEmpty()) {
            return draft;
        }
        List<Field> fields;
        try {
            fields = app.db().dryRun(conn -> schema.inferViewFields(conn, app.collections().all(), draft.viewQuery()));
        } catch (RuntimeException e) {
            return draft; // the validator reports the failing query
        }
        return new Collection(draft.id(), draft.name(), draft.type(), draft.system(), fields, draft.rules(),
                draft.indexes(), draft.rawOptions(), draft.created(), draft.updated());
    }

    private static void throwIfInvalid(Map<String, Object> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private void persist(List<Collection> deletions, List<Change> changes) {
        try {
            app.db().write(conn -> {
                SchemaChange ddl = SchemaChange.of(app.db(), conn);
                List<SqlFunction<Void>> rows = new ArrayList<>();
                app.db().afterCommit(app.collections()::reloadQuietly); // the after-success hooks see the change
                // inside a larger transaction (a migration) the registry is reloaded before that one ends: if it
                // fails, the registry must forget what it rolled back
                app.db().afterFailure(e -> app.collections().reloadQuietly());
                // the hooks wrap each collection's table change; its _collections row is written after every
                // table change (and view check) of the transaction, in the same transaction
                for (Collection c : deletions) {
                    app.lifecycle().collection(ModelLifecycle.Change.DELETE, c, c, e -> {
                        schema.apply(ddl, c, null);
                        rows.add(x -> {
                            CollectionRows.delete(x, c.id());
                            return null;
                        });
                    });
                }
                for (Change change : changes) {
                    ModelLifecycle.Change kind = change.before() == null ? ModelLifecycle.Change.CREATE
                            : ModelLifecycle.Change.UPDATE;
                    app.lifecycle().collection(kind, change.after(), change.before(), e -> {
                        schema.apply(ddl, change.before(), change.after());
                        ObjectNode row = rowOf(change.after());
                        rows.add(x -> {
                            if (change.before() == null) {
                                CollectionRows.insert(x, row);
                            } else {
                                CollectionRows.update(x, row);
                            }
                            return null;
                        });
                    });
                }
                if (!deletions.isEmpty()) {
                    // a deleted table must not leave a view reading it: the delete is refused
                    resaveDependentViews(ddl, deletions, changes, rows);
                }
                for (SqlFunction<Void> write : rows) {
                    write.apply(conn);
                }
                return null;
            });
        } catch (DatabaseException e) {
            if (e.getCause() instanceof IndexException failed) {
                Map<String, Object> byPosition = new LinkedHashMap<>();
                failed.failures().forEach((i, message) -> byPosition.put(String.valueOf(i),
                        FieldError.of("validation_invalid_index_expression", message)));
                throw new ValidationException(Map.of("indexes", byPosition));
            }
            if (e.getCause() instanceof DependentViewException dependent) {
                if (changes.isEmpty()) {
                    throw new CollectionException("Failed to delete collection", e);
                }
                throw new SchemaChangeException(dependent.getMessage(), e);
            }
            if (e.getCause() instanceof SchemaStepException step) {
                throw new SchemaChangeException(step.getMessage(), e);
            }
            throw new SchemaChangeException(e.getMessage(), e);
        } finally {
            app.collections().reload();
        }
        if (deletions.isEmpty()) {
            resaveDependentViewsAfter(changes);
        }
    }

    /**
     * Brings the other views up to date after a committed change, each in its own transaction. A view whose
     * query no longer runs (it reads a renamed table or column) doesn't undo the change: it is logged, to be
     * fixed by the user, and its SQLite view keeps whatever SQLite made of it.
     */
    private void resaveDependentViewsAfter(List<Change> changes) {
        if (changes.stream().allMatch(c -> c.after().isView())) {
            return;
        }
        Set<String> changed = new HashSet<>();
        changes.forEach(c -> changed.add(c.after().id()));
        for (Collection view : app.collections().all()) {
            if (!view.isView() || changed.contains(view.id())) {
                continue;
            }
            try {
                app.db().write(conn -> {
                    List<SqlFunction<Void>> rows = new ArrayList<>();
                    resaveView(SchemaChange.of(app.db(), conn), app.collections().all(), view, rows);
                    for (SqlFunction<Void> write : rows) {
                        write.apply(conn);
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("view collection {} may need to be updated after the change of {}: {}", view.name(),
                        changes.stream().map(c -> c.after().name()).toList(), rootMessage(e));
            } finally {
                app.collections().reload();
            }
        }
    }

    /** A view that no longer runs after a collection was deleted. */
    private static final class DependentViewException extends SQLException {
        DependentViewException(String view, Throwable cause) {
            super("the view collection " + view + " reads a deleted collection: " + rootMessage(cause), cause);
        }
    }

    /**
     * Re-infers the fields of every stored view not part of this change, now that the tables it reads may have
     * changed, and saves the views whose fields differ (their rows added to {@code rows}, to write last). A view
     * whose query no longer runs refuses the change.
     */
    private void resaveDependentViews(SchemaChange ddl, List<Collection> deletions, List<Change> changes,
            List<SqlFunction<Void>> rows) throws SQLException {
        Set<String> touched = new HashSet<>();
        changes.forEach(c -> touched.add(c.after().id()));
        deletions.forEach(c -> touched.add(c.id()));
        List<Collection> current = new ArrayList<>();
        for (Collection c : app.collections().all()) {
            if (!touched.contains(c.id())) {
                current.add(c);
            }
        }
        changes.forEach(c -> current.add(c.after()));
        for (Collection view : List.copyOf(current)) {
            if (!view.isView() || touched.contains(view.id())) {
                continue;
            }
            try {
                resaveView(ddl, current, view, rows);
            } catch (SQLException | RuntimeException e) {
                throw new DependentViewException(view.name(), e);
            }
        }
    }

    /**
     * Saves a view again with the fields its query has now, when they differ from the stored ones: its view is
     * made again and the write of its row is added to {@code rows}.
     */
    private void resaveView(SchemaChange ddl, List<Collection> all, Collection view, List<SqlFunction<Void>> rows)
            throws SQLException {
        List<Field> fields = schema.inferViewFields(ddl.connection(), all, view.viewQuery());
        if (sameFields(view.fields(), fields)) {
            return;
        }
        Collection resaved = new Collection(view.id(), view.name(), view.type(), view.system(), fields,
                view.rules(), view.indexes(), view.rawOptions(), view.created(), DateTime.now());
        schema.apply(ddl, view, resaved);
        ObjectNode row = rowOf(resaved);
        rows.add(x -> {
            CollectionRows.update(x, row);
            return null;
        });
    }

    /** Whether two field lists are the same but for their ids (a source field's options show in its view). */
    private static boolean sameFields(List<Field> a, List<Field> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            ObjectNode x = a.get(i).toJson();
            ObjectNode y = b.get(i).toJson();
            x.remove("id");
            y.remove("id");
            if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode rowOf(Collection c) {
        ObjectNode row = c.toJson();
        row.set("options", c.rawOptions());
        return row;
    }

    /** The names of the other collections with a relation field to {@code c}. */
    static List<String> referencing(Collection c, List<Collection> all) {
        List<String> names = new ArrayList<>();
        for (Collection other : all) {
            if (!other.id().equals(c.id()) && other.fields().stream()
                    .anyMatch(f -> f instanceof FieldRelation r && r.collectionId().equals(c.id()))) {
                names.add(other.name());
            }
        }
        return names;
    }

    private CollectionValidator.Context context() {
        return context(app.collections().all());
    }

    private CollectionValidator.Context context(List<Collection> collections) {
        return new CollectionValidator.Context() {
            @Override
            public Optional<Collection> find(String idOrName) {
                for (Collection c : collections) {
                    if (c.id().equals(idOrName)) {
                        return Optional.of(c);
                    }
                }
                return collections.stream().filter(c -> c.name().equalsIgnoreCase(idOrName)).findFirst();
            }

            @Override
            public boolean hasTable(String name) {
                return app.db().read(conn -> app.db().dialect().ddl().tableExists(conn, name));
            }

            @Override
            public String indexTable(String indexName, String except1, String except2) {
                return app.db().read(conn -> {
                    try (PreparedStatement ps = conn.prepareStatement(app.db().dialect().ddl().indexTableQuery())) {
                        ps.setString(1, except1);
                        ps.setString(2, except2);
                        ps.setString(3, indexName);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getString(1) : null;
                        }
                    }
                });
            }

            @Override
            public void compileRule(Collection collection, String rule) {
                app.rules().compile(collection, RequestInfo.empty(), rule);
            }

            @Override
            public void dryRun(String query) {
                app.db().dryRun(conn -> {
                    schema.inferViewFields(conn, collections, query);
                    return sampleRows(conn, query, 1);
                });
            }
        };
    }

    private static List<Map<String, Object>> sampleRows(Connection conn, String query, int limit)
            throws SQLException {
        String select = query.strip().replaceAll(";+$", "");
        if (!select.regionMatches(true, 0, "select", 0, 6) && !select.regionMatches(true, 0, "with", 0, 4)
                && !select.startsWith("(")) {
            throw new SQLException("only SELECT queries are allowed");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM (" + select + ") AS \"__sample\" LIMIT "
                + limit);
                ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
