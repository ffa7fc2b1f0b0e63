package dev.coffer.core.collection;

import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldBool;
import dev.coffer.core.field.FieldEmail;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.rules.FieldMasks;
import dev.coffer.tools.db.IndexDefinition;
import dev.coffer.core.validation.FieldError;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks a collection about to be saved against its stored state, as PocketBase's collection validator does:
 * identity, name, fields, rules, indexes and type options. The checks that need the database go through
 * {@link Context}.
 */
final class CollectionValidator {

    private static final Pattern NAME = Pattern.compile("^\\w+$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final List<String> RESERVED_AUTH_KEYS = List.of("passwordConfirm", "oldPassword");

    /** What the validator needs to know about the rest of the app. */
    interface Context {
        /** The stored collection with this id or name. */
        Optional<Collection> find(String idOrName);

        /** Whether a table or view of this name exists. */
        boolean hasTable(String name);

        /** The table holding an index of this name other than the given ones, or null. */
        String indexTable(String indexName, String exceptTable1, String exceptTable2);

        /** Compiles a rule against a collection, failing with a message when it is invalid. */
        void compileRule(Collection collection, String rule);

        /** Runs a view query; failing with the raw message when it is invalid. */
        void dryRun(String query);
    }

    private final Collection c;
    private final Collection original;
    private final Context ctx;
    private final Map<String, Object> errors = new LinkedHashMap<>();

    private CollectionValidator(Collection c, Collection original, Context ctx) {
        this.c = c;
        this.original = original;
        this.ctx = ctx;
    }

    /**
     * Validates a collection.
     *
     * @param original its stored state, null when it is new
     * @return the errors by key (values are field errors or nested maps); empty when valid
     */
    /** The longest record history retention, in days (100 years). */
    static final int MAX_RETENTION_DAYS = 36_500;

    static Map<String, Object> validate(Collection c, Collection original, Context ctx) {
        CollectionValidator v = new CollectionValidator(c, original, ctx);
        v.run();
        return v.errors;
    }

    private void run() {
        put("id", checkId());
        put("system", original != null && original.system() != c.system() ? CollectionErrors.systemFlagChange() : null);
        put("type", original != null && original.type() != c.type() ? CollectionErrors.typeChange() : null);
        put("name", checkName());
        Object fieldErrors = checkFields();
        if (fieldErrors != null) {
            errors.put("fields", fieldErrors);
        }
        Collection.Rules r = c.rules();
        Collection.Rules o = original == null ? null : original.rules();
        put("listRule", checkRule(r.list(), o == null ? null : o.list(), false));
        put("viewRule", checkRule(r.view(), o == null ? null : o.view(), false));
        put("createRule", checkRule(r.create(), o == null ? null : o.create(), c.isView()));
        put("updateRule", checkRule(r.update(), o == null ? null : o.update(), c.isView()));
        put("deleteRule", checkRule(r.delete(), o == null ? null : o.delete(), c.isView()));
        Object indexErrors = checkIndexes();
        if (indexErrors != null) {
            errors.put("indexes", indexErrors);
        }
        checkHistory();
        if (c.isAuth()) {
            new AuthOptionsValidator(c, original, this::checkRule).validate(errors);
        } else if (c.isView()) {
            put("viewQuery", checkViewQuery());
        }
    }

    private FieldError checkId() {
        if (c.id().isEmpty()) {
            return CollectionErrors.required();
        }
        if (original != null) {
            return c.id().equals(original.id()) ? null : CollectionErrors.idChange();
        }
        if (c.id().length() > 100) {
            return CollectionErrors.length(1, 100);
        }
        if (!NAME.matcher(c.id()).matches()) {
            return CollectionErrors.format();
        }
        return ctx.find(c.id()).filter(x -> x.id().equals(c.id())).isPresent() ? CollectionErrors.idTaken() : null;
    }

    private FieldError checkName() {
        String name = c.name();
        if (name.isEmpty()) {
            return CollectionErrors.required();
        }
        if (name.length() > 255) {
            return CollectionErrors.length(1, 255);
        }
        if (name.toLowerCase(Locale.ROOT).contains("_via_")) {
            return CollectionErrors.via();
        }
        if (!NAME.matcher(name).matches()) {
            return CollectionErrors.format();
        }
        if (original != null && original.system() && !name.equals(original.name())) {
            return CollectionErrors.systemNameChange();
        }
        Optional<Collection> sameName = ctx.find(name).filter(x -> x.name().equalsIgnoreCase(name));
        String ownId = original == null ? null : original.id();
        if (sameName.isPresent() && !sameName.get().id().equals(ownId)) {
            return CollectionErrors.nameExists();
        }
        if (ctx.find(name).filter(x -> x.id().equals(name)).isPresent()) {
            return CollectionErrors.nameIsId();
        }
        boolean renamed = original == null || !original.name().equals(name);
        return renamed && sameName.isEmpty() && ctx.hasTable(name) ? CollectionErrors.nameIsTable() : null;
    }

    /** The fields errors: a field error for the whole list or a map by field index. */
    private Object checkFields() {
        List<Field> fields = c.fields();
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (!ids.add(f.id())) {
                return Map.of(Integer.toString(i), Map.of("id", CollectionErrors.duplicatedFieldId(f.id())));
            }
            if (!names.add(f.name().toLowerCase(Locale.ROOT))) {
                return Map.of(Integer.toString(i), Map.of("name", CollectionErrors.duplicatedFieldName(f.name())));
            }
        }
        Object minimum = checkMinFields();
        if (minimum != null) {
            return minimum;
        }
        if (!c.isView() && original != null) {
            for (Field old : original.fields()) {
                if (old.system() && fields.stream().noneMatch(f -> f.id().equals(old.id()) && f.name().equals(old.name()))) {
                    return CollectionErrors.systemFieldChange();
                }
            }
        }
        Map<String, Object> byIndex = new LinkedHashMap<>();
        FieldSettingsValidator settings = new FieldSettingsValidator(c, original, ctx::find);
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            if (!c.isView() && original != null && original.fields().stream()
                    .anyMatch(old -> old.id().equals(f.id()) && !old.type().equals(f.type()))) {
                byIndex.put(Integer.toString(i), CollectionErrors.fieldTypeChange());
                continue;
            }
            if (c.isAuth() && RESERVED_AUTH_KEYS.contains(f.name())) {
                byIndex.put(Integer.toString(i), Map.of("name", CollectionErrors.reservedFieldName()));
                continue;
            }
            Map<String, FieldError> fieldErrors = settings.validate(f);
            checkFieldAccess(f, fieldErrors);
            if (!fieldErrors.isEmpty()) {
                byIndex.put(Integer.toString(i), fieldErrors);
            }
        }
        return byIndex.isEmpty() ? null : byIndex;
    }

    /** A field's read and write rules compile, its mask is known, and the record id stays readable. */
    private void checkFieldAccess(Field f, Map<String, FieldError> errors) {
        if (f.readAccess() != null && f.name().equals("id")) {
            errors.put("readRule", CollectionErrors.empty());
        } else if (f.readAccess() != null && !f.readAccess().superusersOnly()) {
            FieldError e = checkRule(f.readAccess().rule(), null, false);
            if (e != null) {
                errors.put("readRule", e);
            }
        }
        if (f.writeAccess() != null && !f.writeAccess().superusersOnly()) {
            FieldError e = checkRule(f.writeAccess().rule(), null, false);
            if (e != null) {
                errors.put("writeRule", e);
            }
        }
        if (!f.mask().isEmpty() && !FieldMasks.isKnown(f.mask())) {
            errors.put("mask", CollectionErrors.notIn());
        }
    }

    private Object checkMinFields() {
        if (c.fields().isEmpty()) {
            return CollectionErrors.required();
        }
        if (!(c.field("id").orElse(null) instanceof FieldText id) || !id.primaryKey()) {
            return CollectionErrors.missingPrimaryKey();
        }
        if (!c.isAuth()) {
            return null;
        }
        if (!(c.field("password").orElse(null) instanceof FieldPassword p)) {
            return missing("password");
        } else if (!p.hidden() || !p.system()) {
            return Map.of("password", mustBe("system and hidden"));
        }
        if (!(c.field("tokenKey").orElse(null) instanceof FieldText t)) {
            return missing("tokenKey");
        } else if (!t.hidden() || !t.system()) {
            return Map.of("tokenKey", mustBe("system and hidden"));
        }
        if (!(c.field("email").orElse(null) instanceof FieldEmail e)) {
            return missing("email");
        } else if (!e.system()) {
            return Map.of("email", mustBe("system"));
        }
        for (String flag : List.of("emailVisibility", "verified")) {
            if (!(c.field(flag).orElse(null) instanceof FieldBool b)) {
                return missing(flag);
            } else if (!b.system()) {
                return Map.of(flag, mustBe("system"));
            }
        }
        return null;
    }

    private static FieldError missing(String field) {
        return FieldError.of("validation_missing_" + field + "_field", "System \"" + field + "\" field is required.");
    }

    private static FieldError mustBe(String what) {
        return what.equals("system")
                ? FieldError.of("validation_must_be_system", "The field must be marked as \"System\".")
                : FieldError.of("validation_must_be_system_and_hidden",
                        "The field must be marked as \"System\" and \"Hidden\".");
    }

    /** Checks a rule: views can't have write rules, filters must compile, system rules can't change. */
    FieldError checkRule(String rule, String oldRule, boolean mustBeNull) {
        if (mustBeNull && rule != null) {
            return CollectionErrors.mustBeBlank();
        }
        if (rule != null && !rule.isEmpty()) {
            try {
                ctx.compileRule(c, rule);
            } catch (RuntimeException e) {
                return CollectionErrors.invalidRule(String.valueOf(e.getMessage()));
            }
        }
        if (original != null && original.system() && !Objects.equals(rule, oldRule)) {
            return CollectionErrors.systemRuleChange();
        }
        return null;
    }

    /** The record history options: an object with a boolean {@code enabled} and whole {@code retentionDays}. */
    private void checkHistory() {
        JsonNode history = c.rawOptions().get(Collection.HISTORY);
        if (history != null && !history.isNull()) {
            Map<String, Object> nested = new LinkedHashMap<>();
            if (!history.isObject()) {
                errors.put(Collection.HISTORY, CollectionErrors.format());
            } else {
                JsonNode enabled = history.get("enabled");
                if (enabled != null && !enabled.isBoolean() && !enabled.isNull()) {
                    nested.put("enabled", CollectionErrors.format());
                }
                JsonNode days = history.get("retentionDays");
                if (days != null && !days.isNull()) {
                    if (!days.isIntegralNumber()) {
                        nested.put("retentionDays", CollectionErrors.format());
                    } else if (days.asLong() < 0) {
                        nested.put("retentionDays", CollectionErrors.min(0));
                    } else if (days.asLong() > MAX_RETENTION_DAYS) {
                        nested.put("retentionDays", CollectionErrors.max(MAX_RETENTION_DAYS));
                    }
                }
                if (!nested.isEmpty()) {
                    errors.put(Collection.HISTORY, nested);
                }
            }
        }
        JsonNode mode = c.rawOptions().get(Collection.MODE);
        if (mode != null && !mode.isNull()) {
            String m = mode.asString("");
            if (!mode.isString() || !m.equals("crud") && !m.equals(Collection.MODE_EVENTS)) {
                errors.put(Collection.MODE, CollectionErrors.notIn());
            } else if (m.equals(Collection.MODE_EVENTS) && !c.type().wire().equals("base")) {
                errors.put(Collection.MODE, FieldError.of("validation_events_mode_base_only",
                        "Only base collections can be in events mode."));
            }
        }
        JsonNode eventsRule = c.rawOptions().get(Collection.EVENTS_RULE);
        if (eventsRule != null && !eventsRule.isNull() && !eventsRule.isString()) {
            errors.put(Collection.EVENTS_RULE, CollectionErrors.format());
        } else {
            put(Collection.EVENTS_RULE, checkRule(c.eventsRule(), original == null ? null : original.eventsRule(),
                    false));
        }
        JsonNode rule = c.rawOptions().get(Collection.HISTORY_RULE);
        if (rule != null && !rule.isNull() && !rule.isString()) {
            errors.put(Collection.HISTORY_RULE, CollectionErrors.format());
        } else {
            put(Collection.HISTORY_RULE, checkRule(c.historyRule(), original == null ? null : original.historyRule(),
                    false));
        }
    }

    private Object checkIndexes() {
        List<String> indexes = c.indexes();
        if (c.isView() && !indexes.isEmpty()) {
            return CollectionErrors.indexesNotSupported();
        }
        Set<String> names = new HashSet<>();
        Set<String> definitions = new HashSet<>();
        for (int i = 0; i < indexes.size(); i++) {
            IndexDefinition parsed = IndexDefinition.parse(indexes.get(i)).withTable("validator");
            String key = Integer.toString(i);
            if (!parsed.isValid()) {
                return Map.of(key, CollectionErrors.invalidIndex());
            }
            if (!names.add(parsed.indexName().toLowerCase(Locale.ROOT))) {
                return Map.of(key, CollectionErrors.duplicatedIndexName());
            }
            String usedBy = ctx.indexTable(parsed.indexName(), original == null ? c.name() : original.name(), c.name());
            if (usedBy != null) {
                return Map.of(key, CollectionErrors.existingIndexName(usedBy));
            }
            if (!definitions.add(parsed.withName("validator", "validator").build())) {
                return Map.of(key, CollectionErrors.duplicatedIndexDefinition());
            }
        }
        FieldError systemIndex = checkSystemFieldIndexes();
        if (systemIndex != null) {
            return systemIndex;
        }
        if (c.isAuth()) {
            for (String field : List.of("tokenKey", "email")) {
                if (indexes.stream().noneMatch(sql -> IndexDefinition.parse(sql).isSingleColumnUnique(field))) {
                    return CollectionErrors.missingRequiredIndex(field);
                }
            }
        }
        return null;
    }

    /** Unique indexes over system fields must stay (names, tables, collation, sort and WHERE aside). */
    private FieldError checkSystemFieldIndexes() {
        if (original == null) {
            return null;
        }
        for (String oldSql : original.indexes()) {
            IndexDefinition old = IndexDefinition.parse(oldSql);
            if (!old.unique()) {
                continue;
            }
            String oldShape = shape(old);
            for (IndexDefinition.Column column : old.columns()) {
                Optional<Field> system = original.fields().stream()
                        .filter(f -> f.system() && f.name().equalsIgnoreCase(column.name())).findFirst();
                if (system.isEmpty()) {
                    continue;
                }
                boolean kept = c.indexes().stream().anyMatch(sql -> shape(IndexDefinition.parse(sql)).equals(oldShape));
                if (!kept) {
                    return CollectionErrors.systemFieldIndex(system.get().name());
                }
                break;
            }
        }
        return null;
    }

    private static String shape(IndexDefinition index) {
        List<IndexDefinition.Column> columns = index.columns().stream()
                .map(col -> new IndexDefinition.Column(col.name(), "", "")).toList();
        return new IndexDefinition("", "x", "x", "", columns, index.unique(), index.optional()).build();
    }

    private FieldError checkViewQuery() {
        String query = c.viewQuery();
        if (query.isEmpty()) {
            return CollectionErrors.required();
        }
        try {
            ctx.dryRun(query);
            return null;
        } catch (RuntimeException e) {
            String raw = String.valueOf(e.getMessage());
            return CollectionErrors.invalidViewQuery(raw.length() > 500 ? raw.substring(0, 500) : raw);
        }
    }

    private void put(String key, FieldError error) {
        if (error != null) {
            errors.put(key, error);
        }
    }
}
