package dev.coffer.js;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text of JavaScript migration files in the form PocketBase's automigrate and {@code migrate create|collections}
 * write them, so a {@code pb_migrations} folder reads the same whichever of the two made it: a blank file, a snapshot
 * of every collection, and a collection's creation, deletion and update (only what changed: the collection's changed
 * properties through {@code unmarshal}, then removed, added and changed fields). Collections are given as the
 * collections API writes them; JSON keys are sorted, as PocketBase prints them.
 */
public final class JsMigrationTemplates {

    private static final String HEADER = "/// <reference path=\"../pb_data/types.d.ts\" />\n";

    private JsMigrationTemplates() {}

    /** A migration with nothing in it yet ({@code migrate create NAME}). */
    public static String blank() {
        return HEADER + "migrate((app) => {\n  // add up queries...\n}, (app) => {\n  // add down queries...\n})\n";
    }

    /** Every collection as it is now, imported without deleting others ({@code migrate collections}). */
    public static String snapshot(List<JsonNode> collections) {
        List<JsonNode> clean = collections.stream().map(JsMigrationTemplates::withoutVolatile).toList();
        return HEADER + "migrate((app) => {\n  const snapshot = " + indent(write(array(clean)))
                + ";\n\n  return app.importCollections(snapshot, false);\n}, (app) => {\n  return null;\n})\n";
    }

    /** The creation of a collection (undone by deleting it). */
    public static String create(JsonNode collection) {
        JsonNode c = withoutVolatile(collection);
        return HEADER + "migrate((app) => {\n" + newCollection(c) + "\n}, (app) => {\n" + deleteCollection(c) + "\n})\n";
    }

    /** The deletion of a collection (undone by creating it again). */
    public static String delete(JsonNode collection) {
        JsonNode c = withoutVolatile(collection);
        return HEADER + "migrate((app) => {\n" + deleteCollection(c) + "\n}, (app) => {\n" + newCollection(c) + "\n})\n";
    }

    /** The change from {@code before} to {@code after} of one collection, or empty when nothing changed. */
    public static Optional<String> update(JsonNode before, JsonNode after) {
        JsonNode old = withoutVolatile(before);
        JsonNode neu = withoutVolatile(after);
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        changes(old, neu, up, down);
        if (up.isEmpty() && down.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(HEADER + "migrate((app) => {\n" + updateBody(old.path("id").asString(), up)
                + "\n}, (app) => {\n" + updateBody(neu.path("id").asString(), down) + "\n})\n");
    }

    private static String newCollection(JsonNode c) {
        return "  const collection = new Collection(" + indent(write(c)) + ");\n\n  return app.save(collection);";
    }

    private static String deleteCollection(JsonNode c) {
        return "  const collection = app.findCollectionByNameOrId(" + quote(c.path("id").asString())
                + ");\n\n  return app.delete(collection);";
    }

    private static String updateBody(String id, List<String> statements) {
        return "  const collection = app.findCollectionByNameOrId(" + quote(id) + ")\n\n"
                + String.join("\n\n", statements) + "\n\n  return app.save(collection)";
    }

    /**
     * The statements that turn {@code old} into {@code neu} ({@code up}) and back ({@code down}), in PocketBase's
     * order: the collection's properties; then for each field gone (in the old order) its removal and its return;
     * for each new field (in the new order) its addition and its removal; then each changed field.
     */
    private static void changes(JsonNode old, JsonNode neu, List<String> up, List<String> down) {
        ObjectNode forward = diff(without(old, "fields"), without(neu, "fields"));
        if (!forward.isEmpty()) {
            up.add(unmarshal(forward));
        }
        ObjectNode backward = diff(without(neu, "fields"), without(old, "fields"));
        if (!backward.isEmpty()) {
            down.add(unmarshal(backward));
        }
        List<JsonNode> oldFields = list(old.path("fields"));
        List<JsonNode> newFields = list(neu.path("fields"));
        Map<String, JsonNode> oldById = byId(oldFields);
        Map<String, JsonNode> newById = byId(newFields);
        for (int i = 0; i < oldFields.size(); i++) {
            JsonNode f = oldFields.get(i);
            if (!newById.containsKey(f.path("id").asString())) {
                up.add(removeById(f));
                down.add(addAt("add field", i, f));
            }
        }
        for (int i = 0; i < newFields.size(); i++) {
            JsonNode f = newFields.get(i);
            if (!oldById.containsKey(f.path("id").asString())) {
                up.add(addAt("add field", i, f));
                down.add(removeById(f));
            }
        }
        for (int i = 0; i < newFields.size(); i++) {
            JsonNode f = newFields.get(i);
            JsonNode was = oldById.get(f.path("id").asString());
            if (was != null && !write(was).equals(write(f))) {
                up.add(addAt("update field", i, f));
                down.add(addAt("update field", oldFields.indexOf(was), was));
            }
        }
    }

    private static String unmarshal(ObjectNode props) {
        return "  // update collection data\n  unmarshal(" + indent(write(props)) + ", collection)";
    }

    private static String removeById(JsonNode field) {
        return "  // remove field\n  collection.fields.removeById(" + quote(field.path("id").asString()) + ")";
    }

    private static String addAt(String comment, int index, JsonNode field) {
        return "  // " + comment + "\n  collection.fields.addAt(" + index + ", new Field(" + indent(write(field)) + "))";
    }

    /**
     * What differs from {@code from} to {@code to}: new or changed keys with their new values (objects on both sides
     * by their changed keys only), and {@code null} for keys that are gone.
     */
    private static ObjectNode diff(JsonNode from, JsonNode to) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String key : to.propertyNames()) {
            JsonNode a = from.get(key);
            JsonNode b = to.get(key);
            if (a == null) {
                out.set(key, b);
            } else if (a.isObject() && b.isObject()) {
                ObjectNode inner = diff(a, b);
                if (!inner.isEmpty()) {
                    out.set(key, inner);
                }
            } else if (!a.equals(b)) {
                out.set(key, b);
            }
        }
        for (String key : from.propertyNames()) {
            if (!to.has(key)) {
                out.putNull(key);
            }
        }
        return out;
    }

    /** A collection without what a migration leaves out: times, and OAuth2 providers (their secrets). */
    private static JsonNode withoutVolatile(JsonNode collection) {
        ObjectNode c = (ObjectNode) collection.deepCopy();
        c.remove("created");
        c.remove("updated");
        if (c.get("oauth2") instanceof ObjectNode oauth2) {
            oauth2.remove("providers");
        }
        return c;
    }

    private static JsonNode without(JsonNode node, String key) {
        ObjectNode copy = (ObjectNode) node.deepCopy();
        copy.remove(key);
        return copy;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Map<String, JsonNode> byId(List<JsonNode> fields) {
        Map<String, JsonNode> out = new HashMap<>();
        fields.forEach(f -> out.put(f.path("id").asString(), f));
        return out;
    }

    private static JsonNode array(List<JsonNode> items) {
        var a = JsonNodeFactory.instance.arrayNode();
        items.forEach(a::add);
        return a;
    }

    /** Continuation lines of a value written after two spaces of indentation. */
    private static String indent(String json) {
        return json.replace("\n", "\n  ");
    }

    /** JSON with sorted keys, two spaces of indentation, and characters written as they are (no \\u escapes). */
    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out, "");
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out, String indent) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            TreeSet<String> keys = new TreeSet<>(node.propertyNames());
            if (keys.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append("{\n");
            String inner = indent + "  ";
            int i = 0;
            for (String key : keys) {
                out.append(inner).append(quote(key)).append(": ");
                write(node.get(key), out, inner);
                out.append(++i < keys.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < node.size(); i++) {
                out.append(inner);
                write(node.get(i), out, inner);
                out.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (node.isString()) {
            out.append(quote(node.asString()));
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isBoolean()) {
            out.append(node.asBoolean());
        } else {
            out.append(quote(node.asString()));
        }
    }

    /** A number as PocketBase prints its float64 values: integral ones without a fraction. */
    private static String number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.bigIntegerValue().toString();
        }
        double d = n.asDouble();
        if (d == Math.rint(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, everything else as it is. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
