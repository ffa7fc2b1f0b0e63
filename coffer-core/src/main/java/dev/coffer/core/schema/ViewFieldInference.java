package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import tools.jackson.databind.node.ObjectNode;

/**
 * Infers the fields of a view collection from its query, as PocketBase does: {@code id} is the text primary
 * key; a column taken straight from a collection field keeps that field's type and options (an {@code id}
 * of another collection becomes a single relation to it); counts, totals and casts become numbers, text or
 * bools; anything else is JSON.
 */
final class ViewFieldInference {

    /** The name of the required primary key column. */
    static final String ID = "id";

    private static final Pattern CAST = Pattern.compile("(?is)^cast\\s*\\(.*\\s+as\\s+(\\w+)\\s*\\)$");

    private final ViewSync views;

    ViewFieldInference(ViewSync views) {
        this.views = views;
    }

    /** The fields of a view query, in the order of its result columns. */
    List<Field> infer(Connection c, java.util.Collection<Collection> all, String rawQuery) throws SQLException {
        String query = ViewQueryParser.normalize(rawQuery);
        Map<String, Field> suggested = suggest(all, ViewQueryParser.parse(query));
        List<Field> fields = new ArrayList<>();
        boolean hasId = false;
        for (Statements.ColumnInfo col : views.queryColumns(c, query)) {
            hasId |= col.name().equals(ID);
            Field f = suggested.get(col.name());
            fields.add(f != null ? f : fallback(col.name()));
        }
        if (!hasId) {
            throw new ViewQueryException("missing required id column (you can use `(ROW_NUMBER() OVER()) as id` "
                    + "if you don't have one)");
        }
        return List.copyOf(fields);
    }

    private static Map<String, Field> suggest(java.util.Collection<Collection> all, ViewQueryParser.Parsed parsed)
            throws ViewQueryException {
        Map<String, Collection> byAlias = new HashMap<>();
        for (ViewQueryParser.Identifier table : parsed.tables()) {
            if (table.alias().contains("(")) {
                continue;
            }
            for (Collection col : all) {
                if (col.name().equals(table.original())) {
                    byAlias.put(table.alias(), col);
                }
            }
        }
        String mainAlias = parsed.tables().isEmpty() ? null : parsed.tables().get(0).alias();
        Map<String, Field> out = new HashMap<>();
        for (ViewQueryParser.Identifier column : parsed.columns()) {
            if (column.alias().equals("*")) {
                throw new ViewQueryException("wildcard columns (*) are not supported - manually type the collection "
                        + "field names you want the view query to have");
            }
            out.put(column.alias(), suggest(column, byAlias, mainAlias));
        }
        return out;
    }

    private static Field suggest(ViewQueryParser.Identifier column, Map<String, Collection> byAlias, String mainAlias) {
        String alias = column.alias();
        String lower = column.original().toLowerCase(Locale.ROOT);
        if (alias.equals(ID)) {
            return idField();
        }
        if (lower.startsWith("count(")) {
            return number(alias, true);
        }
        if (lower.startsWith("total(")) {
            return number(alias, false);
        }
        Matcher cast = CAST.matcher(lower);
        if (cast.matches()) {
            Field typed = switch (cast.group(1)) {
                case "real", "decimal", "numeric" -> number(alias, false);
                case "int", "integer" -> number(alias, true);
                case "text" -> text(alias);
                case "boolean", "bool" -> build("bool", alias);
                default -> null;
            };
            if (typed != null) {
                return typed;
            }
        }
        String[] parts = column.original().split("\\.", -1);
        String fieldName = parts.length == 2 ? parts[1] : parts[0];
        Collection source = parts.length == 2 ? byAlias.get(parts[0]) : byAlias.get(mainAlias);
        if (source == null) {
            return fallback(alias);
        }
        Field original = source.fields().stream()
                .filter(f -> f.name().equalsIgnoreCase(fieldName))
                .findFirst()
                .orElse(null);
        if (original == null) {
            return fallback(alias);
        }
        if (fieldName.equalsIgnoreCase(ID)) {
            ObjectNode json = options("relation", alias);
            json.put("cascadeDelete", false);
            json.put("collectionId", source.id());
            json.put("maxSelect", 1);
            json.put("minSelect", 0);
            return Field.parse(json);
        }
        ObjectNode clone = original.toJson();
        clone.put("id", "_clone_" + RandomString.of(4, RandomString.ALPHANUMERIC));
        clone.put("name", alias);
        return Field.parse(clone);
    }

    /** The field of a column nothing is known about: the primary key for {@code id}, JSON otherwise. */
    private static Field fallback(String name) {
        if (name.equals(ID)) {
            return idField();
        }
        ObjectNode json = options("json", name);
        json.put("maxSize", 1);
        return Field.parse(json);
    }

    private static Field idField() {
        ObjectNode json = options("text", ID);
        json.put("autogeneratePattern", "");
        json.put("max", 0);
        json.put("min", 0);
        json.put("pattern", "^[a-z0-9]+$");
        json.put("primaryKey", true);
        json.put("required", true);
        json.put("system", true);
        return Field.parse(json);
    }

    private static Field number(String name, boolean onlyInt) {
        ObjectNode json = options("number", name);
        json.putNull("max");
        json.putNull("min");
        json.put("onlyInt", onlyInt);
        return Field.parse(json);
    }

    private static Field text(String name) {
        ObjectNode json = options("text", name);
        json.put("autogeneratePattern", "");
        json.put("max", 0);
        json.put("min", 0);
        json.put("pattern", "");
        json.put("primaryKey", false);
        return Field.parse(json);
    }

    private static Field build(String type, String name) {
        return Field.parse(options(type, name));
    }

    /** The common keys of a new field, with PocketBase's id for an unnamed field: type + CRC-32 of the name. */
    private static ObjectNode options(String type, String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        ObjectNode json = Json.object();
        json.put("hidden", false);
        json.put("id", type + crc.getValue());
        json.put("name", name);
        json.put("presentable", false);
        json.put("required", false);
        json.put("system", false);
        json.put("type", type);
        return json;
    }
}
