package dev.coffer.core.record;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Coerce;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.field.FieldSetter;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.field.GeoPoint;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.security.Passwords;
import dev.coffer.tools.security.PatternGenerator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Applies a create or update request's data to a record and validates the result, as PocketBase's record
 * upsert does: body-key modifiers, file uploads and removals, hidden-field and auth-field access rules,
 * per-field validation and uniqueness.
 *
 * <p>Use: {@link #load}, then evaluate the rule against {@link #record()} / {@link #resolvedBody()}, then
 * {@link #validate()} and save {@link #record()}.
 */
public final class RecordForm {

    /** Body keys of auth collections that are not schema fields. */
    static final String PASSWORD = "password";
    static final String PASSWORD_CONFIRM = "passwordConfirm";
    static final String OLD_PASSWORD = "oldPassword";

    private final App app;
    private final Collection collection;
    private final Record original;
    private final Record record;
    private final RequestInfo info;
    private final boolean canManage;
    private final Map<String, Object> resolved = new LinkedHashMap<>();
    private final Map<String, List<Object>> fileItems = new LinkedHashMap<>();
    private final Set<String> assigned = new HashSet<>();
    private final Map<String, String> plainPasswords = new LinkedHashMap<>();
    private boolean idGenerated;
    private String password = "";
    private String passwordConfirm = "";
    private String oldPassword = "";

    /**
     * A form for creating ({@code existingOrNull} null) or updating a record.
     *
     * @param canManage whether the requester satisfies the auth collection's manage rule
     */
    public RecordForm(App app, Collection collection, Record existingOrNull, RequestInfo info, boolean canManage) {
        this.app = app;
        this.collection = collection;
        this.original = existingOrNull == null ? new Record(collection) : existingOrNull;
        this.record = existingOrNull == null ? new Record(collection) : existingOrNull.copy();
        this.info = info == null ? RequestInfo.empty() : info;
        this.canManage = canManage;
    }

    /**
     * Resolves the submitted data and applies it to the record.
     *
     * @param body the body values (Jackson nodes) by key as sent, modifiers included
     * @param files uploaded files by multipart key as sent ({@code field}, {@code +field}, {@code field+})
     */
    public void load(Map<String, Object> body, Map<String, List<UploadedFile>> files) {
        Map<String, Object> data = mergeUploads(body == null ? Map.of() : body, files == null ? Map.of() : files);
        if (collection.isAuth()) {
            password = text(data, PASSWORD);
            passwordConfirm = text(data, PASSWORD_CONFIRM);
            oldPassword = text(data, OLD_PASSWORD);
        }
        resolve(data);
        if (!info.isSuperuser()) {
            for (Field f : collection.fields()) {
                if (f.hidden() && !(collection.isAuth() && f.name().equals(PASSWORD))) {
                    resolved.remove(f.name());
                    assigned.remove(f.name());
                }
            }
        }
        apply();
    }

    /** The record with the submitted data applied (a copy of the stored record on update). */
    public Record record() {
        return record;
    }

    /**
     * The submitted data after modifier resolution, for {@code @request.body}: field keys hold the
     * resolved field value ({@code String}, {@code Double}, {@code Boolean}, {@code List<String>} or
     * {@link JsonNode}), other keys their submitted value converted the same way.
     */
    public Map<String, Object> resolvedBody() {
        Map<String, Object> out = new LinkedHashMap<>();
        resolved.forEach((k, v) -> out.put(k, plain(collection.field(k).orElse(null), v)));
        return out;
    }

    /**
     * Validates the record: first the auth form rules (password confirmation, old password, email and
     * verified changes), then every field, then the id and unique indexes, each stage reporting all its
     * failing fields at once.
     *
     * @throws ValidationException with the failures by field name
     */
    public void validate() {
        throwIfAny(writeDenials());
        if (!record.persisted()) {
            autogenerate();
        }
        if (collection.isAuth()) {
            throwIfAny(new AuthFormRules(original, record, !record.persisted(), canManage || info.isSuperuser())
                    .check(password, passwordConfirm, oldPassword));
        }
        RecordConstraints constraints = new RecordConstraints(app, original, record);
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (Field f : collection.fields()) {
            FieldError e = f instanceof FieldFile file
                    ? file.validateItems(fileItems.getOrDefault(f.name(), List.copyOf(record.getStrings(f.name()))),
                            original.getStrings(f.name()))
                    : constraints.check(f, plainPasswords.getOrDefault(f.name(), ""));
            if (e != null) {
                errors.put(f.name(), e);
            }
        }
        throwIfAny(errors);
        throwIfAny(constraints.uniqueness(idGenerated));
    }

    /**
     * The submitted fields the requester may not write: a field with a {@code writeRule} that fails (checked against
     * the stored record on update, the new one on create, with the submitted body) or that is superusers only.
     * Sending a field's current value back is no change and always allowed.
     */
    private Map<String, FieldError> writeDenials() {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (info.isSuperuser()) {
            return errors;
        }
        RequestInfo withBody = null;
        for (Field f : collection.fields()) {
            if (f.writeAccess() == null || !assigned.contains(f.name())) {
                continue;
            }
            Object before = record.persisted() ? original.get(f.name()) : f.zeroValue();
            if (Objects.equals(before, record.get(f.name()))) {
                continue;
            }
            boolean allowed = false;
            if (!f.writeAccess().superusersOnly()) {
                withBody = withBody == null ? info.withBody(resolvedBody()) : withBody;
                allowed = record.persisted() ? app.rules().matches(original, withBody, f.writeAccess().rule())
                        : app.rules().matchesDraft(record, withBody, f.writeAccess().rule());
            }
            if (!allowed) {
                errors.put(f.name(), FieldErrors.notWritable());
            }
        }
        return errors;
    }

    private static void throwIfAny(Map<String, FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    // --- resolution ------------------------------------------------------------------------------------

    /**
     * Puts each upload under its key: a plain field key keeps the existing names sent with it first, a
     * modifier key gets the uploads after any body items under the same key.
     */
    private static Map<String, Object> mergeUploads(Map<String, Object> body, Map<String, List<UploadedFile>> files) {
        Map<String, Object> data = new LinkedHashMap<>(body);
        files.forEach((key, uploads) -> {
            List<Object> items = new ArrayList<>(body.containsKey(key) ? FieldFile.items(body.get(key)) : List.of());
            items.addAll(uploads);
            data.put(key, items);
        });
        return data;
    }

    /** Applies the keys shortest first to a working copy of the values, as PocketBase orders modifiers. */
    private void resolve(Map<String, Object> data) {
        Map<String, Object> working = new LinkedHashMap<>(original.values());
        List<String> keys = new ArrayList<>(data.keySet());
        keys.sort(Comparator.comparingInt(String::length));
        Map<String, Object> byKey = new LinkedHashMap<>(data);
        for (String key : keys) {
            for (Field f : collection.fields()) {
                FieldSetter setter = f.setter(key);
                if (setter == null) {
                    continue;
                }
                Object current = working.get(f.name());
                Object value = setter.apply(f instanceof FieldFile ? FieldFile.items(current) : current, data.get(key));
                working.put(f.name(), value);
                byKey.remove(key);
                byKey.put(f.name(), value);
                assigned.add(f.name());
                break;
            }
        }
        resolved.putAll(byKey);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castItems(Object value) {
        return (List<Object>) value;
    }

    /** Writes the resolved field values into the record, hashing passwords and staging file changes. */
    private void apply() {
        for (Field f : collection.fields()) {
            if (!assigned.contains(f.name())) {
                continue;
            }
            Object value = resolved.get(f.name());
            if (f instanceof FieldFile file) {
                applyFiles(file, castItems(value));
            } else if (f instanceof FieldPassword p) {
                String plain = Coerce.toText(value);
                plainPasswords.put(f.name(), plain);
                record.set(f.name(), plain.isEmpty() || !p.hashable(plain) ? "" : Passwords.hash(plain, p.cost()));
            } else {
                record.set(f.name(), value);
            }
        }
        if (collection.isAuth() && record.persisted() && record.tokenKey().equals(original.tokenKey())
                && (!record.passwordHash().equals(original.passwordHash()) || !record.email().equals(original.email()))) {
            collection.field("tokenKey").filter(FieldText.class::isInstance)
                    .ifPresent(f -> record.set(f.name(), PatternGenerator.generate(((FieldText) f).autogeneratePattern())));
        }
    }

    private void applyFiles(FieldFile field, List<Object> items) {
        List<Object> kept = field.isMultiple() || items.isEmpty() ? items : List.of(items.get(items.size() - 1));
        fileItems.put(field.name(), kept);
        List<String> names = kept.stream().map(i -> i instanceof UploadedFile u ? u.name() : Coerce.toText(i)).toList();
        record.set(field.name(), names);
        kept.stream().filter(UploadedFile.class::isInstance).forEach(u -> record.addUpload(field.name(), (UploadedFile) u));
        original.getStrings(field.name()).stream().filter(n -> !names.contains(n))
                .forEach(n -> record.addFileToDelete(field.name(), n));
    }

    /** Fills empty text fields that have an autogenerate pattern (id included) on create. */
    private void autogenerate() {
        for (Field f : collection.fields()) {
            if (f instanceof FieldText t && !t.autogeneratePattern().isEmpty() && record.getString(f.name()).isEmpty()) {
                record.set(f.name(), PatternGenerator.generate(t.autogeneratePattern()));
                idGenerated |= t.primaryKey();
            }
        }
    }

    // --- value conversion ------------------------------------------------------------------------------

    private static String text(Map<String, Object> data, String key) {
        return data.containsKey(key) ? Coerce.toText(data.get(key)) : "";
    }

    /** A resolved value as a plain Java value for rules. */
    private static Object plain(Field field, Object value) {
        if (value instanceof List<?> list) {
            List<String> names = list.stream().map(i -> i instanceof UploadedFile u ? u.name() : Coerce.toText(i)).toList();
            if (field instanceof FieldFile f && !f.isMultiple()) {
                return names.isEmpty() ? "" : names.get(names.size() - 1);
            }
            return names;
        }
        if (value instanceof GeoPoint && field != null) {
            return field.toJsonValue(value);
        }
        if (field == null && value instanceof JsonNode n) {
            if (n.isString()) {
                return n.asString();
            }
            if (n.isNumber()) {
                return n.asDouble();
            }
            if (n.isBoolean()) {
                return n.booleanValue();
            }
            if (n.isNull()) {
                return null;
            }
            if (n.isArray() && n.valueStream().allMatch(JsonNode::isValueNode)) {
                return Coerce.toStringList(n);
            }
        }
        return value;
    }
}
