package dev.coffer.core.field;

import dev.coffer.core.validation.FieldError;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One field of a collection schema: its identity and flags shared by every type, plus the type's options
 * (in each subclass). Fields are immutable values; a schema change builds new ones.
 */
public abstract sealed class Field permits FieldText, FieldEditor, FieldNumber, FieldBool, FieldDomainText,
        FieldDate, FieldAutodate, FieldMultiValue, FieldJson, FieldPassword, FieldGeoPoint {

    private final String id;
    private final String name;
    private final boolean system;
    private final boolean hidden;
    private final boolean presentable;
    private final String help;
    private final boolean required;
    private final Access readAccess;
    private final Access writeAccess;
    private final String mask;

    /**
     * Who may read or write a field beyond the collection's rules: a filter evaluated per record and per caller,
     * or, when {@code rule} is null, superusers only. A field without one ({@code null} access, or an empty rule in
     * its JSON) is open to everyone the collection's rules let in.
     *
     * @param rule the filter, or null for superusers only
     */
    public record Access(String rule) {
        /** Whether only superusers pass. */
        public boolean superusersOnly() {
            return rule == null;
        }
    }

    /** Reads the common keys of a field JSON object. */
    protected Field(ObjectNode json) {
        this.id = text(json, "id");
        this.name = text(json, "name");
        this.system = bool(json, "system");
        this.hidden = bool(json, "hidden");
        this.presentable = bool(json, "presentable");
        this.help = text(json, "help");
        this.required = bool(json, "required");
        this.readAccess = access(json, "readRule");
        this.writeAccess = access(json, "writeRule");
        this.mask = text(json, "mask");
    }

    private static Access access(ObjectNode json, String key) {
        if (!json.has(key)) {
            return null;
        }
        JsonNode rule = json.get(key);
        if (rule.isNull()) {
            return new Access(null);
        }
        String filter = rule.asString("");
        return filter.isBlank() ? null : new Access(filter);
    }

    /** The field type name as stored, such as {@code text}. */
    public abstract String type();

    /** The field id (unique within the collection). */
    public String id() {
        return id;
    }

    /** The field name (the column name). */
    public String name() {
        return name;
    }

    /** Whether the field is a system field that can't be renamed or removed. */
    public boolean system() {
        return system;
    }

    /** Whether the value is left out of API responses and filters for non-superusers. */
    public boolean hidden() {
        return hidden;
    }

    /**
     * Who may read the value ({@code readRule}), or null when everyone the collection's rules let in may; a caller
     * who may not gets the {@link #mask() masked} value, or none.
     */
    public Access readAccess() {
        return readAccess;
    }

    /** Who may write the value ({@code writeRule}), or null when everyone the collection's rules let in may. */
    public Access writeAccess() {
        return writeAccess;
    }

    /**
     * The mask shown to callers who may not read the value ({@code email}, {@code last4}, {@code redact}, or one
     * registered in Java), or {@code ""} to leave the value out.
     */
    public String mask() {
        return mask;
    }

    /** Whether the dashboard shows the value when presenting a record reference. */
    public boolean presentable() {
        return presentable;
    }

    /** The help text the dashboard shows ({@code ""} for none, and for types without the option). */
    public String help() {
        return help;
    }

    /** Whether a value is required (types without a required option answer false). */
    public boolean required() {
        return required;
    }

    /** Tells whether the field holds a list of values (multi select, relation or file). */
    public boolean isMultiple() {
        return false;
    }

    /**
     * Converts a raw column value read from the database to the field's value type: {@code String},
     * {@code Double}, {@code Boolean}, {@code List<String>}, {@link JsonNode} or {@link GeoPoint}.
     */
    public abstract Object fromDb(Object raw);

    /** The JSON form of a value of this field, as PocketBase returns it. */
    public abstract JsonNode toJsonValue(Object value);

    /** The value an unset field has. */
    public abstract Object zeroValue();

    /**
     * Converts a submitted value (a Jackson node or a Java value) to the field's value type; by default the
     * same lenient conversion as for database values.
     */
    public Object normalize(Object raw) {
        return fromDb(raw);
    }

    /**
     * The setter for a submitted body key, or null when the key doesn't target this field. The plain field
     * name sets the normalised value; types with modifiers ({@code field+}, {@code +field}, …) add theirs.
     */
    public FieldSetter setter(String key) {
        return key.equals(name) ? (current, raw) -> normalize(raw) : null;
    }

    /**
     * Checks a value of this field against the field's options alone (no database access).
     *
     * @return the first failure, or null when the value is valid
     */
    public FieldError validateValue(Object value) {
        return null;
    }

    /** The field as PocketBase's field JSON, keys in alphabetical order as PocketBase writes them. */
    public final ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("hidden", hidden);
        out.put("id", id);
        out.put("name", name);
        out.put("presentable", presentable);
        out.put("system", system);
        out.put("type", type());
        writeOptions(out);
        if (readAccess != null) {
            out.put("readRule", readAccess.rule());
        }
        if (writeAccess != null) {
            out.put("writeRule", writeAccess.rule());
        }
        if (!mask.isEmpty()) {
            out.put("mask", mask);
        }
        return Json.sortedKeys(out);
    }

    /** Writes the type-specific options into the field JSON. */
    protected abstract void writeOptions(ObjectNode out);

    /** Parses a field JSON object into its typed class. */
    public static Field parse(JsonNode json) {
        if (!(json instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("a field must be a JSON object");
        }
        String type = text(obj, "type");
        return switch (type) {
            case FieldText.TYPE -> new FieldText(obj);
            case FieldEditor.TYPE -> new FieldEditor(obj);
            case FieldNumber.TYPE -> new FieldNumber(obj);
            case FieldBool.TYPE -> new FieldBool(obj);
            case FieldEmail.TYPE -> new FieldEmail(obj);
            case FieldUrl.TYPE -> new FieldUrl(obj);
            case FieldDate.TYPE -> new FieldDate(obj);
            case FieldAutodate.TYPE -> new FieldAutodate(obj);
            case FieldSelect.TYPE -> new FieldSelect(obj);
            case FieldFile.TYPE -> new FieldFile(obj);
            case FieldRelation.TYPE -> new FieldRelation(obj);
            case FieldJson.TYPE -> new FieldJson(obj);
            case FieldPassword.TYPE -> new FieldPassword(obj);
            case FieldGeoPoint.TYPE -> new FieldGeoPoint(obj);
            default -> throw new IllegalArgumentException("unknown field type \"" + type + "\"");
        };
    }

    // --- JSON reading helpers for subclasses -------------------------------------------------------------

    /** A string option, {@code ""} when absent or null. */
    protected static String text(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v == null || v.isNull() ? "" : v.asString();
    }

    /** A boolean option, false when absent. */
    protected static boolean bool(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v != null && (v.isBoolean() ? v.booleanValue() : v.asBoolean(false));
    }

    /** An integer option, 0 when absent. */
    protected static long integer(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v == null || v.isNull() ? 0 : v.asLong(0);
    }

    /** A nullable number option. */
    protected static Double nullableNumber(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v == null || v.isNull() || !v.isNumber() ? null : v.asDouble();
    }

    /** A string list option; {@code null} when absent or null (PocketBase keeps the distinction). */
    protected static List<String> strings(JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || v.isNull() || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        v.forEach(n -> out.add(n.asString()));
        return List.copyOf(out);
    }

    /** Writes a string list option; an unset one as {@code []}, as PocketBase 0.40 writes it. */
    protected static void putStrings(ObjectNode out, String key, List<String> values) {
        ArrayNode arr = out.putArray(key);
        if (values != null) {
            values.forEach(arr::add);
        }
    }

    @Override
    public String toString() {
        return type() + " " + name;
    }
}
