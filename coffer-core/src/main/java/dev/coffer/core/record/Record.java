package dev.coffer.core.record;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.event.Model;
import dev.coffer.core.field.Coerce;
import dev.coffer.core.field.Field;
import dev.coffer.tools.filesystem.UploadedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One record of a collection: a value per schema field (in the field's value type) plus the relations
 * expanded for a response. Mutable while a request builds it; not shared between threads.
 */
public final class Record implements Model {

    private final Collection collection;
    private final Map<String, Object> values = new LinkedHashMap<>();
    /** The values as loaded or last saved, kept once a field of a persisted record changes (null until then). */
    private Map<String, Object> originalValues;
    private final Map<String, Object> expand = new LinkedHashMap<>();
    private boolean expandRequested;
    private boolean emailAlwaysVisible;
    /** What a requester sees of the fields with a read rule (null until decided: then they are left out). */
    private Map<String, JsonNode> restrictedView;
    private Set<String> unreadableFields;
    private boolean persisted;
    private final Map<String, List<UploadedFile>> uploads = new LinkedHashMap<>();
    private final Map<String, List<String>> filesToDelete = new LinkedHashMap<>();
    /** Fields a hook hid from non-superusers' responses (null: none). */
    private Set<String> hiddenInResponses;
    /** Values of keys that are not fields, set by application code (null: none). */
    private Map<String, Object> customData;
    private boolean withCustomData;

    /** Creates a new, unsaved record with every field at its zero value. */
    public Record(Collection collection) {
        this.collection = collection;
        for (Field f : collection.fields()) {
            values.put(f.name(), f.zeroValue());
        }
    }

    /** Loads a record from a database row (column name to raw value). */
    public static Record fromRow(Collection collection, Map<String, Object> row) {
        Record r = new Record(collection);
        for (Field f : collection.fields()) {
            if (row.containsKey(f.name())) {
                r.values.put(f.name(), f.fromDb(row.get(f.name())));
            }
        }
        r.persisted = true;
        return r;
    }

    /** The record's collection. */
    public Collection collection() {
        return collection;
    }

    /** The record id. */
    public String id() {
        return getString("id");
    }

    /** Whether the record was loaded from (or saved to) the database. */
    public boolean persisted() {
        return persisted;
    }

    /** Marks the record as saved: its current values become its {@link #original() original} state. */
    public void markPersisted() {
        this.persisted = true;
        this.originalValues = null;
    }

    /**
     * The record as it was loaded or last saved, before the changes made to it since (the same values when
     * nothing changed); null for a record never saved.
     */
    public Record original() {
        if (!persisted) {
            return null;
        }
        Record r = new Record(collection);
        r.values.putAll(originalValues == null ? values : originalValues);
        r.persisted = true;
        return r;
    }

    /** The value of a field, or null for an unknown name. */
    public Object get(String field) {
        return values.get(field);
    }

    /** A field value as text ({@code ""} when unset). */
    public String getString(String field) {
        return Coerce.toText(values.get(field));
    }

    /** A field value as a boolean. */
    public boolean getBool(String field) {
        return Coerce.toBool(values.get(field));
    }

    /** A field value as a list of strings. */
    public List<String> getStrings(String field) {
        return Coerce.toStringList(values.get(field));
    }

    /**
     * Sets a field value, converting it to the field's value type; unknown names are ignored.
     */
    public void set(String field, Object value) {
        collection.field(field).ifPresent(f -> {
            if (persisted && originalValues == null) {
                originalValues = new LinkedHashMap<>(values);
            }
            values.put(field, f.fromDb(value));
        });
    }

    /**
     * Leaves fields out of the record's API responses to requesters other than superusers (PocketBase's
     * {@code record.hide}, used by enrich hooks); {@link #unhide} shows them again, hidden fields included.
     */
    public void hide(java.util.Collection<String> fields) {
        if (hiddenInResponses == null) {
            hiddenInResponses = new java.util.LinkedHashSet<>();
        }
        hiddenInResponses.addAll(fields);
    }

    /** Shows fields again that {@link #hide} left out. */
    public void unhide(java.util.Collection<String> fields) {
        if (hiddenInResponses != null) {
            hiddenInResponses.removeAll(fields);
        }
    }

    /** Whether a hook hid the field from non-superusers' responses. */
    public boolean hiddenInResponses(String field) {
        return hiddenInResponses != null && hiddenInResponses.contains(field);
    }

    /** Keeps a value under a key that is not a field (shown in responses once {@link #withCustomData} is on). */
    public void setCustom(String key, Object value) {
        if (customData == null) {
            customData = new LinkedHashMap<>();
        }
        customData.put(key, value);
    }

    /** The values of keys that are not fields (read-only view). */
    public Map<String, Object> customData() {
        return customData == null ? Map.of() : java.util.Collections.unmodifiableMap(customData);
    }

    /** Whether responses include the custom data (PocketBase's {@code withCustomData}). */
    public boolean withCustomData() {
        return withCustomData;
    }

    /** Turns the custom data in responses on or off. */
    public void setWithCustomData(boolean value) {
        this.withCustomData = value;
    }

    /** Every field value in schema order (read-only view). */
    public Map<String, Object> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** Relations expanded for the response, by expand key (a Record or a list of Records). */
    public Map<String, Object> expand() {
        return expand;
    }

    /** Whether an expand was requested for this record (then {@code "expand":{}} is written even if empty). */
    public boolean expandRequested() {
        return expandRequested;
    }

    /**
     * Whether this auth record's email is written whatever its {@code emailVisibility} (the requester is
     * the record itself, a manager or a superuser).
     */
    public boolean emailAlwaysVisible() {
        return emailAlwaysVisible;
    }

    /** Shows (or stops showing) this auth record's email whatever its {@code emailVisibility}. */
    public void setEmailAlwaysVisible(boolean value) {
        this.emailAlwaysVisible = value;
    }

    /**
     * What the current requester is shown of the fields with a {@code readRule}: the value, a masked value, or
     * nothing (a field not in the map); null until a request decided it, and then such fields are left out.
     */
    public Map<String, JsonNode> restrictedView() {
        return restrictedView;
    }

    /**
     * The fields with a {@code readRule} the current requester may not read (masked or left out); null until a
     * request decided it.
     */
    public Set<String> unreadableFields() {
        return unreadableFields;
    }

    /**
     * Sets what the current requester is shown of the fields with a read rule (see {@link #restrictedView()}) and
     * which of them it may not read.
     */
    public void restrict(Map<String, JsonNode> view, Set<String> unreadable) {
        this.restrictedView = view;
        this.unreadableFields = unreadable;
    }

    /** Notes that an expand was processed for this record. */
    public void markExpandRequested() {
        this.expandRequested = true;
    }

    // --- files waiting to be written or removed when the record is saved ---------------------------------

    /**
     * New files of a file field to write once the record is saved; their {@link UploadedFile#name() names}
     * are already part of the field's value.
     */
    public void addUpload(String field, UploadedFile file) {
        uploads.computeIfAbsent(field, k -> new ArrayList<>()).add(file);
    }

    /** Marks a stored file of a file field for removal once the record is saved. */
    public void addFileToDelete(String field, String fileName) {
        filesToDelete.computeIfAbsent(field, k -> new ArrayList<>()).add(fileName);
    }

    /** The new files waiting to be written, by field name (read-only view). */
    public Map<String, List<UploadedFile>> uploads() {
        return java.util.Collections.unmodifiableMap(uploads);
    }

    /** The stored files waiting to be removed, by field name (read-only view). */
    public Map<String, List<String>> filesToDelete() {
        return java.util.Collections.unmodifiableMap(filesToDelete);
    }

    /** Forgets pending file changes (after they were applied). */
    public void clearPendingFiles() {
        uploads.clear();
        filesToDelete.clear();
    }

    /** A copy with the same collection, values and persisted state (no expand, no pending files). */
    public Record copy() {
        Record r = new Record(collection);
        r.values.putAll(values);
        r.persisted = persisted;
        return r;
    }

    /**
     * A copy as {@link #copy()} that also keeps the original state and the pending file changes (for the
     * after-commit hooks, which see the record as its save left it).
     */
    public Record snapshot() {
        Record r = copy();
        r.originalValues = originalValues == null ? null : new LinkedHashMap<>(originalValues);
        uploads.forEach((k, v) -> r.uploads.put(k, new ArrayList<>(v)));
        filesToDelete.forEach((k, v) -> r.filesToDelete.put(k, new ArrayList<>(v)));
        return r;
    }

    // --- auth record accessors ---------------------------------------------------------------------------

    /** The email of an auth record. */
    public String email() {
        return getString("email");
    }

    /** Whether the email of an auth record is public. */
    public boolean emailVisibility() {
        return getBool("emailVisibility");
    }

    /** Whether an auth record's email is verified. */
    public boolean verified() {
        return getBool("verified");
    }

    /** The token key of an auth record (part of every token's signing key). */
    public String tokenKey() {
        return getString("tokenKey");
    }

    /** The password hash of an auth record. */
    public String passwordHash() {
        return getString("password");
    }

    /** Whether this record is a superuser. */
    public boolean isSuperuser() {
        return collection.isSuperusers();
    }

    @Override
    public String toString() {
        return collection.name() + "/" + id();
    }
}
