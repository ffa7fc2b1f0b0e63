package dev.coffer.core.migrations;

import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One field of a system collection: its stored JSON (keys in alphabetical order, as PocketBase writes them) and
 * the column definition of its records table column, in PocketBase's SQLite text (other engines translate the
 * whole {@code CREATE TABLE} with {@link dev.coffer.tools.db.Ddl#portable}).
 *
 * @param name the field and column name
 * @param columnType the column definition after the column name
 * @param json the field's {@code _collections.fields} entry
 */
record FieldDefinition(String name, String columnType, ObjectNode json) {

    static final String TEXT_COLUMN = "TEXT DEFAULT '' NOT NULL";
    static final String PRIMARY_KEY_COLUMN = "TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL";
    static final String BOOL_COLUMN = "BOOLEAN DEFAULT FALSE NOT NULL";
    static final String JSON_ARRAY_COLUMN = "JSON DEFAULT '[]' NOT NULL";

    /** PocketBase's deterministic field id: the type followed by the CRC-32 (IEEE) of the name. */
    static String fieldId(String type, String name) {
        return type + crc32(name);
    }

    /** PocketBase's deterministic collection id: {@code pbc_} followed by the CRC-32 of type and name. */
    static String collectionId(String type, String name) {
        return "pbc_" + crc32(type + name);
    }

    static long crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The primary key {@code id} text field every base and auth collection starts with. */
    static FieldDefinition id() {
        return text(new TextOptions("id").autogenerate("[a-z0-9]{15}").length(15, 15).pattern("^[a-z0-9]+$")
                .primaryKey().required().system());
    }

    /** A text field. */
    static FieldDefinition text(TextOptions o) {
        Map<String, Object> m = common("text", o.name, o.system, o.hidden, o.required);
        m.put("autogeneratePattern", o.autogeneratePattern);
        m.put("max", o.max);
        m.put("min", o.min);
        m.put("pattern", o.pattern);
        m.put("primaryKey", o.primaryKey);
        return new FieldDefinition(o.name, o.primaryKey ? PRIMARY_KEY_COLUMN : TEXT_COLUMN, sorted(m));
    }

    /** A system, hidden, required password field. */
    static FieldDefinition password(String name, int min, int cost) {
        Map<String, Object> m = common("password", name, true, true, true);
        m.put("cost", cost);
        m.put("max", 0);
        m.put("min", min);
        m.put("pattern", "");
        return new FieldDefinition(name, TEXT_COLUMN, sorted(m));
    }

    /** An email field without domain restrictions (stored as {@code null} lists, as Go writes nil slices). */
    static FieldDefinition email(String name, boolean system, boolean required) {
        Map<String, Object> m = common("email", name, system, false, required);
        m.put("exceptDomains", null);
        m.put("onlyDomains", null);
        return new FieldDefinition(name, TEXT_COLUMN, sorted(m));
    }

    /** A boolean field. */
    static FieldDefinition bool(String name, boolean system) {
        return new FieldDefinition(name, BOOL_COLUMN, sorted(common("bool", name, system, false, false)));
    }

    /** A non-system file field without size limit or thumbs. */
    static FieldDefinition file(String name, int maxSelect, List<String> mimeTypes) {
        Map<String, Object> m = common("file", name, false, false, false);
        m.put("maxSelect", maxSelect);
        m.put("maxSize", 0);
        m.put("mimeTypes", mimeTypes);
        m.put("protected", false);
        m.put("thumbs", null);
        return new FieldDefinition(name, maxSelect > 1 ? JSON_ARRAY_COLUMN : TEXT_COLUMN, sorted(m));
    }

    /** An autodate field set on create (and on update when {@code onUpdate}). */
    static FieldDefinition autodate(String name, boolean system, boolean onUpdate) {
        Map<String, Object> m = common("autodate", name, system, false, false);
        m.remove("help");
        m.remove("required");
        m.put("onCreate", true);
        m.put("onUpdate", onUpdate);
        return new FieldDefinition(name, TEXT_COLUMN, sorted(m));
    }

    private static Map<String, Object> common(String type, String name, boolean system, boolean hidden,
            boolean required) {
        Map<String, Object> m = new TreeMap<>();
        m.put("help", "");
        m.put("hidden", hidden);
        m.put("id", fieldId(type, name));
        m.put("name", name);
        m.put("presentable", false);
        m.put("required", required);
        m.put("system", system);
        m.put("type", type);
        return m;
    }

    private static ObjectNode sorted(Map<String, Object> values) {
        ObjectNode node = Json.object();
        for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
            switch (e.getValue()) {
                case null -> node.putNull(e.getKey());
                case String s -> node.put(e.getKey(), s);
                case Boolean b -> node.put(e.getKey(), b);
                case Integer i -> node.put(e.getKey(), i);
                case List<?> list -> {
                    ArrayNode array = node.putArray(e.getKey());
                    list.forEach(item -> array.add(String.valueOf(item)));
                }
                default -> throw new IllegalArgumentException("unsupported field option " + e.getKey());
            }
        }
        return node;
    }

    /** The options of a text field, PocketBase's defaults unless set. */
    static final class TextOptions {
        private final String name;
        private String autogeneratePattern = "";
        private String pattern = "";
        private int min;
        private int max;
        private boolean primaryKey;
        private boolean required;
        private boolean system;
        private boolean hidden;

        TextOptions(String name) {
            this.name = name;
        }

        TextOptions autogenerate(String regex) {
            this.autogeneratePattern = regex;
            return this;
        }

        TextOptions pattern(String regex) {
            this.pattern = regex;
            return this;
        }

        TextOptions length(int min, int max) {
            this.min = min;
            this.max = max;
            return this;
        }

        TextOptions primaryKey() {
            this.primaryKey = true;
            return this;
        }

        TextOptions required() {
            this.required = true;
            return this;
        }

        TextOptions system() {
            this.system = true;
            return this;
        }

        TextOptions hidden() {
            this.hidden = true;
            return this;
        }
    }
}
