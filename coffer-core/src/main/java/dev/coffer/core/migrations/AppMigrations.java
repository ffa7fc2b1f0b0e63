package dev.coffer.core.migrations;

import dev.coffer.core.App;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An app's own migrations ({@code app.migrations()}): Java ones {@link #register registered} by the application and
 * those of {@link #addSource sources} such as the {@code pb_migrations} folder, kept in one history with the system
 * migrations in {@code _migrations} (as PocketBase keeps its Go and JS migrations). {@link #up} applies the pending
 * ones in file-name order, each in its own transaction with its record; {@link #down} reverts the last applied ones.
 */
public final class AppMigrations {

    private final App app;
    private final Map<String, Migration> registered = new LinkedHashMap<>();
    private final List<Supplier<List<Migration>>> sources = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<CollectionSchema>> declared = new CopyOnWriteArrayList<>();

    public AppMigrations(App app) {
        this.app = app;
    }

    /** Adds a Java migration (a later one with the same file name replaces it). */
    public synchronized AppMigrations register(Migration migration) {
        registered.put(migration.file(), migration);
        return this;
    }

    /** Adds a source of migrations read when the list is needed (such as the files of {@code pb_migrations}). */
    public AppMigrations addSource(Supplier<List<Migration>> source) {
        sources.add(source);
        return this;
    }

    /**
     * Every migration of the app in the order they apply (by file name).
     *
     * @throws IllegalStateException when two migrations have the same file name
     */
    public List<Migration> all() {
        TreeMap<String, Migration> byFile = new TreeMap<>();
        synchronized (this) {
            byFile.putAll(registered);
        }
        for (Supplier<List<Migration>> source : sources) {
            for (Migration m : source.get()) {
                if (byFile.putIfAbsent(m.file(), m) != null) {
                    throw new IllegalStateException("two migrations are named " + m.file());
                }
            }
        }
        return List.copyOf(byFile.values());
    }

    /** The file names recorded as applied, oldest first (system migrations included). */
    public List<String> applied() {
        return app.db().read(AppMigrations::appliedRows).stream().map(Applied::file).toList();
    }

    private record Applied(String file, String order) {}

    /**
     * The applied rows, oldest first: by time (early PocketBase versions stored seconds, later microseconds, so the
     * times are compared as 16-digit strings, as PocketBase does), then by file name.
     */
    private static List<Applied> appliedRows(java.sql.Connection c) throws java.sql.SQLException {
        List<Applied> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT \"file\", \"applied\" FROM \"_migrations\"");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String time = (Long.toString(rs.getLong(2)) + "0000000000000000").substring(0, 16);
                rows.add(new Applied(rs.getString(1), time));
            }
        }
        rows.sort(java.util.Comparator.comparing(Applied::order).thenComparing(Applied::file));
        return rows;
    }

    /**
     * Records a file as applied without running anything (automigrate: the file it writes describes a change already
     * made).
     */
    public void markApplied(String file) {
        app.db().write(c -> {
            MigrationsTable.record(c, file);
            return null;
        });
    }

    /** The app's migrations not applied yet, in order. */
    public List<Migration> pending() {
        Set<String> done = new HashSet<>(applied());
        return all().stream().filter(m -> !done.contains(m.file())).toList();
    }

    /**
     * Applies every pending migration in order, all in one transaction, each recorded as it ends, as PocketBase does:
     * if one fails, the whole run is rolled back (with SQLite and PostgreSQL, schema changes too). Returns the files
     * applied.
     *
     * @throws MigrationException when a migration fails
     */
    public List<String> up() {
        List<Migration> pending = pending();
        if (pending.isEmpty()) {
            return List.of();
        }
        return app.db().write(c -> {
            List<String> done = new ArrayList<>();
            for (Migration m : pending) {
                try {
                    run(() -> m.up(app));
                } catch (RuntimeException e) {
                    throw new MigrationException("failed to apply migration " + m.file() + ": " + message(e), e);
                }
                MigrationsTable.record(c, m.file());
                done.add(m.file());
            }
            return done;
        });
    }

    /**
     * Reverts the last {@code count} applied migrations (all of them when negative), newest first, in one
     * transaction with the removal of their records; records of migrations the app doesn't have (a deleted file) are
     * passed over, as PocketBase does. Returns the files reverted.
     *
     * @throws MigrationException when it would reach a system migration (Coffer doesn't undo those), or one fails
     */
    public List<String> down(int count) {
        Map<String, Migration> known = known();
        return app.db().write(c -> {
            List<String> done = new ArrayList<>();
            for (String file : select(appliedRows(c), known, count)) {
                Migration m = known.get(file);
                try {
                    run(() -> m.down(app));
                } catch (RuntimeException e) {
                    throw new MigrationException("failed to revert migration " + file + ": " + message(e), e);
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM \"_migrations\" WHERE \"file\" = ?")) {
                    ps.setString(1, file);
                    ps.executeUpdate();
                }
                done.add(file);
            }
            return done;
        });
    }

    /**
     * The files {@link #down(int) down(count)} would revert now, newest first (for a preview).
     *
     * @throws MigrationException when it would reach a system migration
     */
    public List<String> toRevert(int count) {
        Map<String, Migration> known = known();
        return app.db().read(c -> select(appliedRows(c), known, count));
    }

    private Map<String, Migration> known() {
        Map<String, Migration> known = new LinkedHashMap<>();
        all().forEach(m -> known.put(m.file(), m));
        return known;
    }

    /** The last {@code count} applied files the app has (all when negative), newest first; unknown ones passed over. */
    private static List<String> select(List<Applied> applied, Map<String, Migration> known, int count) {
        List<String> system = SystemMigrations.dataMigrationFiles();
        List<String> out = new ArrayList<>();
        int limit = count < 0 ? Integer.MAX_VALUE : count;
        for (int i = applied.size() - 1; i >= 0 && out.size() < limit; i--) {
            String file = applied.get(i).file();
            if (known.containsKey(file)) {
                out.add(file);
            } else if (system.contains(file)) {
                throw new MigrationException("failed to revert migration " + file
                        + ": system migrations are not reverted", null);
            }
        }
        return out;
    }

    /**
     * Declares collections in code (see {@link CollectionSchema}); {@link #declaredChanges()} tells how the database
     * differs from them.
     */
    public AppMigrations declare(java.util.function.Consumer<CollectionSchema> schema) {
        declared.add(schema);
        return this;
    }

    /** Whether any collection is declared in code. */
    public boolean hasDeclared() {
        return !declared.isEmpty();
    }

    /**
     * A declared collection the database doesn't match: {@code created} (it doesn't exist; {@code before} is null) or
     * {@code updated}, with the collection's JSON before and after, as the collections API writes it.
     */
    public record DeclaredChange(String action, String name, JsonNode before,
            JsonNode after) {}

    /**
     * How the database differs from the declared collections, found by making the changes in a transaction that is
     * rolled back (so the collections after are exactly what saving them gives, ids included); empty when it
     * matches.
     *
     * @throws dev.coffer.core.validation.ValidationException when a declared collection is invalid
     */
    public List<DeclaredChange> declaredChanges() {
        CollectionSchema schema = new CollectionSchema();
        declared.forEach(d -> d.accept(schema));
        List<DeclaredChange> changes = new ArrayList<>();
        var service = new dev.coffer.core.collection.CollectionService(app);
        try {
            app.db().write(c -> {
                for (var e : schema.collections().entrySet()) {
                    var want = e.getValue();
                    resolveRelations(want);
                    var existing = app.collections().find(e.getKey());
                    if (existing.isEmpty()) {
                        var created = service.create(want);
                        changes.add(new DeclaredChange("created", e.getKey(), null, created.toJson()));
                    } else {
                        var before = existing.get().toJson();
                        var after = service.update(existing.get(), declaredOnto(before, want)).toJson();
                        if (!withoutTimes(before).equals(withoutTimes(after))) {
                            changes.add(new DeclaredChange("updated", e.getKey(), before, after));
                        }
                    }
                }
                throw new DryRun();
            });
        } catch (DryRun expected) {
            // rolled back: only the changes were wanted
        }
        return changes;
    }

    private static final class DryRun extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DryRun() {
            super("dry run", null, false, false);
        }
    }

    /** Relation fields declared with a collection's name get its id. */
    private void resolveRelations(ObjectNode collection) {
        for (var f : collection.path("fields")) {
            if (f.path("type").asString("").equals("relation")) {
                String target = f.path("collectionId").asString("");
                app.collections().find(target).ifPresent(t ->
                        ((ObjectNode) f).put("collectionId", t.id()));
            }
        }
    }

    /**
     * The declared collection as a change of the stored one: its id, the stored system fields where they are, the
     * declared fields (a stored field of the same name keeps its id; unset options take their defaults), the
     * declared rules and indexes; properties not declared (auth options) stay as stored.
     */
    private static ObjectNode declaredOnto(ObjectNode stored,
            ObjectNode declared) {
        var out = declared.deepCopy();
        out.put("id", stored.path("id").asString());
        var fields = out.putArray("fields");
        Map<String, JsonNode> wanted = new LinkedHashMap<>();
        declared.path("fields").forEach(f -> wanted.put(f.path("name").asString(), f));
        for (var f : stored.path("fields")) {
            String name = f.path("name").asString();
            var want = wanted.remove(name);
            if (want != null) {
                var merged = ((ObjectNode) want).deepCopy();
                merged.put("id", f.path("id").asString());
                if (f.path("system").asBoolean(false)) {
                    merged.put("system", true);
                }
                fields.add(merged);
            } else if (f.path("system").asBoolean(false)) {
                fields.add(f);
            }
        }
        wanted.values().forEach(fields::add);
        return out;
    }

    private static JsonNode withoutTimes(ObjectNode c) {
        var copy = c.deepCopy();
        copy.remove("created");
        copy.remove("updated");
        return copy;
    }

    /**
     * Forgets applied app migrations whose migration no longer exists (a deleted {@code pb_migrations} file), as
     * PocketBase's {@code migrate history-sync} does; system migrations are kept. Returns the files forgotten.
     */
    public List<String> historySync() {
        Set<String> known = new HashSet<>();
        all().forEach(m -> known.add(m.file()));
        List<String> system = SystemMigrations.dataMigrationFiles();
        List<String> gone = applied().stream()
                .filter(f -> !known.contains(f) && !system.contains(f) && !f.endsWith(".go")).toList();
        if (!gone.isEmpty()) {
            app.db().write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM \"_migrations\" WHERE \"file\" = ?")) {
                    for (String f : gone) {
                        ps.setString(1, f);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        return gone;
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void run(Work work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof dev.coffer.core.validation.ValidationException v) {
                return v.describe();
            }
        }
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
