package dev.coffer.core.collection;

import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldAutodate;
import dev.coffer.core.field.FieldEditor;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.field.FieldNumber;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.field.FieldSelect;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.validation.FieldError;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the settings of one field of a collection being saved, as each PocketBase field type's settings
 * validation does: common id and name rules, then the type's own option ranges and references.
 */
final class FieldSettingsValidator {

    private static final Pattern NAME = Pattern.compile("^\\w+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern THUMB = Pattern.compile("^(\\d+)x(\\d+)(t|b|f)?$");
    private static final Set<String> EXCLUDED_NAMES = Set.of("null", "true", "false", "_rowid_", "collectionId",
            "collectionName", "expand");
    private static final long MAX_SAFE_INT = (1L << 53) - 1;

    private final Collection collection;
    private final Collection original;
    private final Function<String, Optional<Collection>> collections;

    /**
     * @param collection the collection being saved
     * @param original its stored state on update, null on create
     * @param collections looks a collection up by id or name
     */
    FieldSettingsValidator(Collection collection, Collection original,
            Function<String, Optional<Collection>> collections) {
        this.collection = collection;
        this.original = original;
        this.collections = collections;
    }

    /** The errors of a field's settings by option name; empty when valid. */
    Map<String, FieldError> validate(Field field) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        put(errors, "id", checkId(field.id()));
        put(errors, "name", checkName(field.name()));
        switch (field) {
            case FieldText t -> text(t, errors);
            case FieldNumber n -> number(n, errors);
            case FieldSelect s -> put(errors, "maxSelect", range(s.maxSelect(), 0,
                    s.values() == null || s.values().isEmpty() ? 1 : s.values().size()));
            case FieldRelation r -> relation(r, errors);
            case FieldAutodate a -> autodate(a, errors);
            case FieldFile f -> file(f, errors);
            case FieldPassword p -> password(p, errors);
            case FieldEditor e -> put(errors, "maxSize", range(e.maxSize(), 0, MAX_SAFE_INT));
            case FieldJson j -> put(errors, "maxSize", range(j.maxSize(), 0, MAX_SAFE_INT));
            default -> { }
        }
        if (field instanceof FieldSelect s && (s.values() == null || s.values().isEmpty())) {
            put(errors, "values", CollectionErrors.required());
        }
        return errors;
    }

    private static FieldError checkId(String id) {
        if (id.isEmpty()) {
            return CollectionErrors.required();
        }
        return id.length() > 100 ? CollectionErrors.length(1, 100) : null;
    }

    private static FieldError checkName(String name) {
        if (name.isEmpty()) {
            return CollectionErrors.required();
        }
        if (name.length() > 100) {
            return CollectionErrors.length(1, 100);
        }
        if (!NAME.matcher(name).matches()) {
            return CollectionErrors.format();
        }
        if (EXCLUDED_NAMES.contains(name)) {
            return CollectionErrors.excluded();
        }
        return name.toLowerCase(Locale.ROOT).contains("_via_") ? CollectionErrors.via() : null;
    }

    private void text(FieldText t, Map<String, FieldError> errors) {
        if (t.primaryKey() && !"id".equals(t.name())) {
            put(errors, "name", CollectionErrors.primaryKeyName());
        }
        if (t.primaryKey() && collection.fields().stream()
                .filter(f -> f instanceof FieldText o && o.primaryKey()).count() > 1) {
            put(errors, "primaryKey", FieldError.of("validation_unsupported_composite_pk",
                    "Composite PKs are not supported and the collection must have only 1 PK."));
        }
        put(errors, "min", range(t.min(), 0, MAX_SAFE_INT));
        put(errors, "max", range(t.max(), t.min(), MAX_SAFE_INT));
        put(errors, "pattern", t.primaryKey() && t.pattern().isEmpty() ? CollectionErrors.required()
                : regex(t.pattern()));
        put(errors, "hidden", t.primaryKey() && t.hidden() ? CollectionErrors.empty() : null);
        put(errors, "required", t.primaryKey() && !t.required() ? CollectionErrors.required() : null);
        put(errors, "autogeneratePattern", regex(t.autogeneratePattern()));
    }

    private static void number(FieldNumber n, Map<String, FieldError> errors) {
        if (n.onlyInt()) {
            put(errors, "min", n.min() != null && n.min() != Math.rint(n.min()) ? onlyInt() : null);
            put(errors, "max", n.max() != null && n.max() != Math.rint(n.max()) ? onlyInt() : null);
        }
        if (n.min() != null && n.max() != null && n.max() < n.min()) {
            put(errors, "max", new FieldError("validation_min_number_constraint",
                    "Must be greater or equal than " + plain(n.min()) + ".", Map.of("min", n.min())));
        }
    }

    private void relation(FieldRelation r, Map<String, FieldError> errors) {
        put(errors, "collectionId", checkRelationTarget(r));
        put(errors, "minSelect", r.minSelect() < 0 ? CollectionErrors.min(0) : null);
        long maxSelect = r.maxSelect();
        if (r.minSelect() > 0 && maxSelect == 0) {
            put(errors, "maxSelect", CollectionErrors.required());
        } else if (maxSelect != 0 && maxSelect < r.minSelect()) {
            put(errors, "maxSelect", CollectionErrors.min(r.minSelect()));
        }
    }

    private FieldError checkRelationTarget(FieldRelation r) {
        String target = r.collectionId();
        if (target.isEmpty()) {
            return CollectionErrors.required();
        }
        if (original != null && original.fields().stream().anyMatch(
                f -> f instanceof FieldRelation old && old.id().equals(r.id()) && !old.collectionId().equals(target))) {
            return CollectionErrors.relationChange();
        }
        Optional<Collection> rel = target.equals(collection.id()) ? Optional.of(collection) : collections.apply(target);
        if (rel.isEmpty() || !rel.get().id().equals(target)) {
            return CollectionErrors.relationMissingCollection();
        }
        return !collection.isView() && rel.get().isView() ? CollectionErrors.relationToView() : null;
    }

    private void autodate(FieldAutodate a, Map<String, FieldError> errors) {
        if (a.system() && original != null) {
            original.fields().stream()
                    .filter(f -> f instanceof FieldAutodate && f.id().equals(a.id()))
                    .map(FieldAutodate.class::cast)
                    .findFirst()
                    .ifPresent(old -> {
                        put(errors, "onCreate", old.onCreate() != a.onCreate() ? mismatch() : null);
                        put(errors, "onUpdate", old.onUpdate() != a.onUpdate() ? mismatch() : null);
                    });
        }
        if (!a.onCreate() && !a.onUpdate()) {
            put(errors, "onCreate", CollectionErrors.autodateFlags());
            put(errors, "onUpdate", CollectionErrors.autodateFlags());
        }
    }

    private static void file(FieldFile f, Map<String, FieldError> errors) {
        put(errors, "maxSelect", range(f.maxSelect(), 0, MAX_SAFE_INT));
        put(errors, "maxSize", range(f.maxSize(), 0, MAX_SAFE_INT));
        if (f.thumbs() != null) {
            for (String thumb : f.thumbs()) {
                if (thumb.matches("0x0[tbf]?") || !THUMB.matcher(thumb).matches()) {
                    put(errors, "thumbs", thumb.matches("0x0[tbf]?") ? CollectionErrors.excluded()
                            : CollectionErrors.format());
                    return;
                }
            }
        }
    }

    private static void password(FieldPassword p, Map<String, FieldError> errors) {
        put(errors, "min", range(p.min(), 1, 71));
        put(errors, "max", range(p.max(), p.min(), 71));
        put(errors, "cost", p.cost() == 0 ? null : range(p.cost(), 4, 31));
        put(errors, "pattern", regex(p.pattern()));
    }

    /** Ozzo's Min/Max rules skip zero values, so an unset option is always valid. */
    private static FieldError range(long value, long min, long max) {
        if (value == 0) {
            return null;
        }
        if (value < min) {
            return CollectionErrors.min(min);
        }
        return value > max ? CollectionErrors.max(max) : null;
    }

    private static FieldError regex(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return null;
        }
        try {
            Pattern.compile(pattern);
            return null;
        } catch (PatternSyntaxException e) {
            return FieldError.of("validation_invalid_regex", e.getDescription());
        }
    }

    private static FieldError onlyInt() {
        return FieldError.of("validation_only_int_constraint", "Decimal numbers are not allowed.");
    }

    private static FieldError mismatch() {
        return FieldError.of("validation_values_mismatch", "Values don't match.");
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void put(Map<String, FieldError> errors, String key, FieldError error) {
        if (error != null && !errors.containsKey(key)) {
            errors.put(key, error);
        }
    }
}
