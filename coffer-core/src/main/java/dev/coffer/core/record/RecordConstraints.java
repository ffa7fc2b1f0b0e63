package dev.coffer.core.record;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Coerce;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.IndexSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The record checks that need more than a field's options: the primary key rules, relation targets that
 * must exist, and uniqueness of the id and of the collection's UNIQUE indexes.
 */
final class RecordConstraints {

    private final App app;
    private final Collection collection;
    private final Record original;
    private final Record record;

    RecordConstraints(App app, Record original, Record record) {
        this.app = app;
        this.collection = record.collection();
        this.original = original;
        this.record = record;
    }

    /**
     * Checks one (non-file) field of the record.
     *
     * @param plainPassword the newly submitted plain text of a password field ({@code ""} when unchanged)
     */
    FieldError check(Field field, String plainPassword) {
        Object value = record.get(field.name());
        if (field instanceof FieldText t && t.primaryKey()) {
            return checkPrimaryKey(t);
        }
        if (field instanceof FieldPassword p) {
            if (!plainPassword.isEmpty() && !p.hashable(plainPassword)) {
                return FieldErrors.invalidValue();
            }
            FieldError e = p.validateValue(value);
            return e != null ? e : p.validatePlain(plainPassword);
        }
        FieldError e = field.validateValue(value);
        if (e == null && field instanceof FieldRelation r) {
            return checkRelationTargets(r);
        }
        return e;
    }

    private FieldError checkPrimaryKey(FieldText field) {
        String id = record.getString(field.name());
        if (record.persisted()) {
            String old = original.getString(field.name());
            if (!old.equals(id)) {
                return FieldErrors.pkChange();
            }
            if (!old.isEmpty()) {
                return null;
            }
        } else if (!field.pattern().equals(FieldText.DEFAULT_ID_PATTERN) && !id.isEmpty()
                && exists(List.of(new Condition(field, id, true)), null)) {
            return FieldErrors.pkInvalid();
        }
        return field.validateValue(id);
    }

    private FieldError checkRelationTargets(FieldRelation field) {
        List<String> ids = Coerce.toStringList(record.get(field.name()));
        if (ids.isEmpty()) {
            return null;
        }
        Optional<Collection> target = app.collections().find(field.collectionId());
        if (target.isEmpty()) {
            return FieldErrors.missingRelCollection();
        }
        return app.records().existingIds(target.get(), ids).containsAll(ids) ? null : FieldErrors.missingRelRecords();
    }

    /**
     * The uniqueness failures: a new record's id taken in this collection ({@code validation_not_unique})
     * or, for auth records, in another auth collection ({@code validation_invalid_auth_id}); otherwise
     * every column of the first UNIQUE index another record already holds the same values for.
     *
     * @param idGenerated whether the new record's id was just drawn at random: it is then not looked up (a
     *     collision, 1 in 36^15, is still refused by the primary key on insert, as the same field error)
     */
    Map<String, FieldError> uniqueness(boolean idGenerated) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        String id = record.id();
        if (!record.persisted() && !idGenerated) {
            if (idTaken(collection, id)) {
                errors.put("id", FieldErrors.notUnique());
                return errors;
            }
            if (collection.isAuth() && app.collections().all().stream()
                    .filter(c -> c.isAuth() && !c.id().equals(collection.id()))
                    .anyMatch(c -> idTaken(c, id))) {
                errors.put("id", FieldErrors.invalidAuthId());
                return errors;
            }
        }
        for (String sql : collection.indexes()) {
            Optional<IndexSpec> spec = IndexSpec.parse(sql).filter(IndexSpec::unique);
            List<Condition> conditions = spec.map(this::conditions).orElse(null);
            if (conditions == null) {
                continue;
            }
            if (exists(conditions, record.persisted() ? original.id() : null)) {
                conditions.forEach(c -> errors.put(c.field().name(), FieldErrors.notUnique()));
                return errors;
            }
        }
        return errors;
    }

    /**
     * The equality conditions of a UNIQUE index for this record, or null when the index can't be checked
     * here: an expression column, or a partial index while one of the values is empty (PocketBase's
     * partial unique indexes exclude exactly the empty values).
     */
    private List<Condition> conditions(IndexSpec spec) {
        List<Condition> out = new ArrayList<>();
        for (IndexSpec.Column column : spec.columns()) {
            Optional<Field> field = collection.field(column.name());
            if (field.isEmpty()) {
                return null;
            }
            Object value = record.get(field.get().name());
            if (!spec.where().isEmpty() && Coerce.toStringList(value).isEmpty()) {
                return null;
            }
            boolean noCase = column.noCase() || (collection.isAuth() && field.get().name().equals("email"));
            out.add(new Condition(field.get(), value, noCase));
        }
        return out;
    }

    /** Whether another row (not {@code exceptId}) has these values. */
    private boolean exists(List<Condition> conditions, String exceptId) {
        Dialect d = app.db().dialect();
        StringJoiner where = new StringJoiner(" AND ");
        List<Object> params = new ArrayList<>();
        for (Condition c : conditions) {
            String column = d.quote(c.field().name());
            where.add(c.noCase() ? "LOWER(" + column + ") = LOWER(?)" : column + " = ?");
            params.add(RecordStore.toDb(c.field(), c.value()));
        }
        if (exceptId != null) {
            where.add(d.quote("id") + " != ?");
            params.add(exceptId);
        }
        return app.records().exists(collection, where.toString(), params);
    }

    private boolean idTaken(Collection c, String id) {
        return !id.isEmpty() && app.records().exists(c, app.db().dialect().quote("id") + " = ?", List.of(id));
    }

    /** One column of a uniqueness lookup. */
    private record Condition(Field field, Object value, boolean noCase) {}
}
