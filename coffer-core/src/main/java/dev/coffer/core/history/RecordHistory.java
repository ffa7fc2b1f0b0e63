package dev.coffer.core.history;

import dev.coffer.core.Actor;
import dev.coffer.core.App;
import dev.coffer.core.AppHooks;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.event.CollectionEvent;
import dev.coffer.core.event.RecordEvent;
import dev.coffer.core.field.Coerce;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldAutodate;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.record.Record;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import dev.coffer.tools.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record history and the audit list: binds the app's hooks so that every change of a record in a collection
 * with {@code history.enabled} (and of every superuser), every collection change and every settings save writes an
 * entry in its own transaction, with who made it and the changed fields' old and new values; and reads them back:
 * pages of entries, a record as it was at a time or version, the records deleted from a collection.
 *
 * <p>Password hashes, token keys and settings secrets are never stored: a change of one is noted as
 * {@code {"changed": true}}.
 */
public final class RecordHistory {

    /** The collection id under which schema changes are audited. */
    public static final String SCHEMA = "_collections";
    /** The collection id under which settings saves are audited. */
    public static final String SETTINGS = "_params";

    /** The id of the history's hook handlers and of its cleanup cron job. */
    public static final String HOOK_ID = "coffer:history";
    static final String CLEANUP_JOB = "__cofferHistoryCleanup__";

    private static final Set<String> SECRET_FIELDS = Set.of("tokenKey");
    private static final Set<String> SECRET_SETTINGS = Set.of("password", "secret");
    private static final ObjectNode CHANGED = (ObjectNode) Json.parse("{\"changed\":true}");

    private static final Logger LOG = LoggerFactory.getLogger(RecordHistory.class);

    private final App app;
    private final HistoryTable table;
    private final Projections projections;

    private RecordHistory(App app) {
        this.app = app;
        this.table = new HistoryTable(app.db());
        this.projections = new Projections(app, this);
    }

    /** Creates the history table when missing (inside the caller's transaction on the data database). */
    public static void install(Connection c, Dialect dialect) throws SQLException {
        HistoryTable.ensure(c, dialect);
        Projections.ensureTable(c, dialect);
    }

    /** Binds the history to the app's hooks and returns it. */
    public static RecordHistory bind(App app) {
        RecordHistory history = new RecordHistory(app);
        AppHooks hooks = app.hooks();
        hooks.onRecordCreate().bind(HOOK_ID, 99, e -> history.recordChange("create", e));
        hooks.onRecordUpdate().bind(HOOK_ID, 99, e -> history.recordChange("update", e));
        hooks.onRecordDelete().bind(HOOK_ID, 99, e -> history.recordChange("delete", e));
        hooks.onCollectionCreate().bind(HOOK_ID, 99, e -> history.schemaChange("create", e));
        hooks.onCollectionUpdate().bind(HOOK_ID, 99, e -> history.schemaChange("update", e));
        hooks.onCollectionDelete().bind(HOOK_ID, 99, e -> history.schemaChange("delete", e));
        hooks.onCollectionAfterCreateSuccess().bind(HOOK_ID, 99, e -> {
            history.scheduleCleanup();
            e.next();
        });
        hooks.onCollectionAfterUpdateSuccess().bind(HOOK_ID, 99, e -> {
            history.scheduleCleanup();
            e.next();
        });
        hooks.onCollectionAfterDeleteSuccess().bind(HOOK_ID, 99, e -> {
            history.scheduleCleanup();
            e.next();
        });
        hooks.onSettingsUpdate().bind(HOOK_ID, 99, e -> {
            e.next();
            history.append(SETTINGS, "settings", "update", settingsChanges(e.original(), e.settings()));
        });
        return history;
    }

    // --- writing --------------------------------------------------------------------------------------------

    private void recordChange(String action, RecordEvent e) throws Exception {
        e.next();
        Record record = e.record();
        if (!record.collection().historyEnabled()) {
            return;
        }
        ObjectNode changes = recordChanges(action, e.original(), record);
        if (action.equals("update") && changes.propertyNames().stream()
                .allMatch(name -> record.collection().field(name).orElse(null) instanceof FieldAutodate)) {
            return; // saved without a change (but for the update autodates)
        }
        append(record.collection().id(), record.id(), action, changes);
    }

    private void schemaChange(String action, CollectionEvent e) throws Exception {
        e.next();
        ObjectNode before = e.original() == null || action.equals("create") ? null : e.original().toJson();
        ObjectNode after = action.equals("delete") ? null : e.collection().toJson();
        ObjectNode changes = Json.object();
        Set<String> keys = new java.util.LinkedHashSet<>();
        if (before != null) {
            before.propertyNames().forEach(keys::add);
        }
        if (after != null) {
            after.propertyNames().forEach(keys::add);
        }
        keys.remove("updated");
        for (String key : keys) {
            JsonNode old = before == null ? null : before.get(key);
            JsonNode now = after == null ? null : after.get(key);
            if (!Objects.equals(old, now)) {
                changes.set(key, pair(old, now));
            }
        }
        append(SCHEMA, e.collection().id(), action, changes);
    }

    private void append(String collectionId, String recordId, String action, ObjectNode changes) {
        Actor actor = Actor.current();
        List<String> fields = new ArrayList<>(changes.propertyNames());
        HistoryEntry entry = new HistoryEntry(0, collectionId, recordId, 0, action, actor.label(), actor.ip(),
                actor.userAgent(), DateTime.now(), fields, changes);
        app.db().write(c -> table.append(c, entry));
        app.db().afterCommit(this::signal);
    }

    // --- the event log ----------------------------------------------------------------------------------

    // a lock and condition rather than a monitor: long polls wait on virtual threads, which a monitor would pin
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition appended = appendLock.newCondition();
    private long appends;

    private void signal() {
        appendLock.lock();
        try {
            appends++;
            appended.signalAll();
        } finally {
            appendLock.unlock();
        }
        projections.wake();
    }

    /**
     * The entries after a cursor (an entry's {@code seq}) in commit order, of some collections (all when empty),
     * at most {@code limit}. A consumer that keeps the last one's {@code seq} and asks again from it misses none.
     */
    public List<HistoryEntry> events(List<String> collectionIds, long after, int limit) {
        return table.find(new HistoryTable.Query(collectionIds, "", "", "", "", "", "", after), 0, limit, true, false)
                .items();
    }

    /**
     * The entries after a cursor as {@link #events}, waiting up to {@code wait} for one when there is none yet
     * (woken by a commit on this instance, and looking again every second for those of other instances).
     */
    public List<HistoryEntry> awaitEvents(List<String> collectionIds, long after, int limit, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long seen;
            appendLock.lock();
            try {
                seen = appends;
            } finally {
                appendLock.unlock();
            }
            List<HistoryEntry> found = events(collectionIds, after, limit);
            long left = deadline - System.nanoTime();
            if (!found.isEmpty() || left <= 0) {
                return found;
            }
            appendLock.lock();
            try {
                if (appends == seen) {
                    appended.await(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                }
            } finally {
                appendLock.unlock();
            }
        }
    }

    /** The projections kept up to date from the event log. */
    public Projections projections() {
        return projections;
    }

    /**
     * Rebuilds the table of a collection from its event log: (re)creates it when missing, empties it, then applies
     * every entry in commit order, in one transaction and without hooks (a replay is no new change).
     *
     * @return how many entries were applied
     */
    public int replay(Collection c, java.util.function.Consumer<Collection> ensureTable) {
        return EventReplay.run(app, c, all(c, null), ensureTable);
    }

    /** The changed fields of a record: every field for a create (new values) or delete (old values). */
    static ObjectNode recordChanges(String action, Record original, Record record) {
        ObjectNode changes = Json.object();
        for (Field f : record.collection().fields()) {
            String name = f.name();
            Object rawOld = action.equals("create") || original == null ? null : original.get(name);
            Object rawNew = action.equals("delete") ? null : record.get(name);
            if (action.equals("update") && Objects.equals(rawOld, rawNew)) {
                continue;
            }
            boolean secret = f instanceof FieldPassword || SECRET_FIELDS.contains(name) && record.collection().isAuth();
            if (secret) {
                if (!action.equals("delete") && rawNew != null && !Coerce.toText(rawNew).isEmpty()) {
                    changes.set(name, CHANGED.deepCopy());
                }
                continue;
            }
            changes.set(name, pair(rawOld == null && !action.equals("update") ? null : f.toJsonValue(rawOld),
                    rawNew == null && !action.equals("update") ? null : f.toJsonValue(rawNew)));
        }
        return changes;
    }

    private static ObjectNode pair(JsonNode old, JsonNode now) {
        ObjectNode p = Json.object();
        p.set("old", old == null ? Json.MAPPER.nullNode() : old);
        p.set("new", now == null ? Json.MAPPER.nullNode() : now);
        return p;
    }

    /** The settings that changed, by dotted path; secrets only as changed. */
    static ObjectNode settingsChanges(Settings before, Settings after) {
        ObjectNode changes = Json.object();
        diff("", before == null ? Json.object() : before.storedJson(), after.storedJson(), changes);
        return changes;
    }

    private static void diff(String prefix, JsonNode old, JsonNode now, ObjectNode out) {
        if (old instanceof ObjectNode o && now instanceof ObjectNode n) {
            Set<String> keys = new java.util.LinkedHashSet<>(o.propertyNames());
            keys.addAll(n.propertyNames());
            for (String key : keys) {
                diff(prefix + key + ".", o.get(key), n.get(key), out);
            }
            return;
        }
        if (Objects.equals(old, now)) {
            return;
        }
        String path = prefix.substring(0, prefix.length() - 1);
        String last = path.substring(path.lastIndexOf('.') + 1);
        out.set(path, SECRET_SETTINGS.contains(last) ? CHANGED.deepCopy() : pair(old, now));
    }

    // --- reading --------------------------------------------------------------------------------------------

    /** Filters of a history listing; empty strings match everything. */
    public record Filter(String action, String actor, String field, String since, String until) {
        /** No filter. */
        public static final Filter NONE = new Filter("", "", "", "", "");
    }

    /** A page of entries with the total count. */
    public record Page(List<HistoryEntry> items, long total) {}

    /** A record's entries, newest first. */
    public Page ofRecord(Collection c, String recordId, Filter f, long page, int perPage) {
        return find(c.id(), recordId, f, page, perPage);
    }

    /** A collection's entries (of all its records), newest first. */
    public Page ofCollection(Collection c, Filter f, long page, int perPage) {
        return find(c.id(), "", f, page, perPage);
    }

    /**
     * The audit list of some kinds ({@link #SCHEMA}, {@link #SETTINGS}, the superusers' collection id), newest first.
     */
    public Page audit(List<String> kinds, Filter f, long page, int perPage) {
        return find(kinds, "", f, page, perPage);
    }

    private Page find(String collectionId, String recordId, Filter f, long page, int perPage) {
        return find(List.of(collectionId), recordId, f, page, perPage);
    }

    private Page find(List<String> collectionIds, String recordId, Filter f, long page, int perPage) {
        HistoryTable.Page p = table.find(new HistoryTable.Query(collectionIds, recordId, f.action(), f.actor(),
                f.field(), f.since(), f.until(), 0), (page - 1) * perPage, perPage, false, true);
        return new Page(p.items(), p.total());
    }

    /** Every entry of a record (of the whole collection when {@code recordId} is null), oldest first. */
    public List<HistoryEntry> all(Collection c, String recordId) {
        List<HistoryEntry> out = new ArrayList<>();
        long after = 0;
        while (true) {
            List<HistoryEntry> batch = table.find(new HistoryTable.Query(List.of(c.id()),
                    recordId == null ? "" : recordId, "", "", "", "", "", after),
                    0, 500, true, false).items();
            out.addAll(batch);
            if (batch.size() < 500) {
                return out;
            }
            after = batch.get(batch.size() - 1).seq();
        }
    }

    /**
     * The record as it was just after a version (its entry number among the record's), or at a time: rebuilt from
     * the current record (or, once deleted, from its last state) by undoing the later changes. Empty when the
     * record did not exist then, or history knows nothing of it. Password hashes and token keys are the current
     * ones (history doesn't keep them).
     */
    public Optional<Record> stateAt(Collection c, String recordId, Long version, String at) {
        Record state = app.records().findById(c, recordId).map(Record::copy).orElseGet(() -> new Record(c));
        boolean exists = state.persisted();
        for (HistoryEntry e : all(c, recordId).reversed()) {
            boolean later = version != null ? e.version() > version : e.created().compareTo(at) > 0;
            if (!later) {
                break;
            }
            switch (e.action()) {
                case "create" -> exists = false;
                case "delete" -> {
                    state = new Record(c);
                    apply(state, e.changes(), "old");
                    state.markPersisted();
                    exists = true;
                }
                default -> apply(state, e.changes(), "old");
            }
        }
        return exists ? Optional.of(state) : Optional.empty();
    }

    /** Sets the {@code side} ({@code old} or {@code new}) values of changes on a record; secrets are skipped. */
    static void apply(Record r, ObjectNode changes, String side) {
        for (Map.Entry<String, JsonNode> e : changes.properties()) {
            JsonNode v = e.getValue().get(side);
            if (v == null || !e.getValue().has("old") && !e.getValue().has("new")) {
                continue;
            }
            Object raw;
            if (v.isNull()) {
                raw = null;
            } else if (v.isContainer()) {
                raw = Json.write(v);
            } else if (v.isBoolean()) {
                raw = v.booleanValue();
            } else if (v.isNumber()) {
                raw = v.doubleValue();
            } else {
                raw = v.asString("");
            }
            r.set(e.getKey(), raw);
        }
    }

    /**
     * Schedules the cleanup job ({@value #CLEANUP_JOB}, every six hours) while a collection has a
     * {@code history.retentionDays}, and removes it when none has.
     */
    public void scheduleCleanup() {
        if (app.collections().all().stream().anyMatch(c -> c.historyRetentionDays() > 0)) {
            app.cron().add(CLEANUP_JOB, "30 */6 * * *", () -> {
                try {
                    deleteExpired();
                } catch (RuntimeException e) {
                    LOG.warn("Failed to delete expired history entries: {}", e.getMessage());
                }
            });
        } else {
            app.cron().remove(CLEANUP_JOB);
        }
    }

    /** Deletes the entries older than each collection's {@code history.retentionDays}; returns how many went. */
    public int deleteExpired() {
        int deleted = 0;
        for (Collection c : app.collections().all()) {
            int days = c.historyRetentionDays();
            if (days > 0) {
                deleted += table.deleteOlder(c.id(), DateTime.format(Instant.now().minus(days, ChronoUnit.DAYS)));
            }
        }
        return deleted;
    }
}
