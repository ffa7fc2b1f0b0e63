package dev.coffer.core.migrations;

import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collections declared in Java code (code-first): what the app's collections should be, written with a builder and
 * compared with the database by {@link AppMigrations#declaredChanges()}, which a migration is made from.
 *
 * <pre>{@code
 * app.migrations().declare(s -> s
 *         .base("posts", c -> c
 *                 .text("title", f -> f.required().max(200))
 *                 .relation("author", "users", f -> f.required())
 *                 .bool("published")
 *                 .autodate("created", true, false)
 *                 .listRule("published = true")
 *                 .index("CREATE INDEX idx_posts_author ON posts (author)")));
 * }</pre>
 *
 * <p>A declared collection is the whole truth about the collection: fields it doesn't name (but system ones such as
 * {@code id} and an auth collection's own) are removed, rules it doesn't set are superusers-only ({@code null}),
 * as in a new collection.
 */
public final class CollectionSchema {

    private final Map<String, Collection> collections = new LinkedHashMap<>();

    /** The declared collections' JSON (the collections API's shape, without ids), by name, in declaration order. */
    public Map<String, ObjectNode> collections() {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        collections.forEach((name, c) -> out.put(name, c.toJson()));
        return out;
    }

    /** Declares a base collection. */
    public CollectionSchema base(String name, Consumer<Collection> body) {
        return add(name, "base", null, body);
    }

    /** Declares an auth collection (its own fields, such as email and password, come with it). */
    public CollectionSchema auth(String name, Consumer<Collection> body) {
        return add(name, "auth", null, body);
    }

    /** Declares a view collection over a SELECT (its fields come from the query). */
    public CollectionSchema view(String name, String query, Consumer<Collection> body) {
        return add(name, "view", query, body);
    }

    private CollectionSchema add(String name, String type, String query, Consumer<Collection> body) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a collection needs a name");
        }
        if (collections.containsKey(name)) {
            throw new IllegalArgumentException("the collection " + name + " is declared twice");
        }
        Collection c = new Collection(name, type, query);
        if (body != null) {
            body.accept(c);
        }
        collections.put(name, c);
        return this;
    }

    /** One declared collection: its fields, rules and indexes. */
    public static final class Collection {

        private final ObjectNode json = Json.object();
        private final List<Field> fields = new ArrayList<>();
        private final List<String> indexes = new ArrayList<>();

        private Collection(String name, String type, String query) {
            json.put("name", name);
            json.put("type", type);
            for (String rule : List.of("listRule", "viewRule", "createRule", "updateRule", "deleteRule")) {
                json.putNull(rule);
            }
            if (type.equals("auth")) {
                json.putNull("authRule");
                json.putNull("manageRule");
            }
            if (query != null) {
                json.put("viewQuery", query);
            }
        }

        public Collection text(String name) {
            return field(name, "text", null);
        }

        public Collection text(String name, Consumer<Field> options) {
            return field(name, "text", options);
        }

        public Collection number(String name) {
            return field(name, "number", null);
        }

        public Collection number(String name, Consumer<Field> options) {
            return field(name, "number", options);
        }

        public Collection bool(String name) {
            return field(name, "bool", null);
        }

        public Collection email(String name) {
            return field(name, "email", null);
        }

        public Collection email(String name, Consumer<Field> options) {
            return field(name, "email", options);
        }

        public Collection url(String name) {
            return field(name, "url", null);
        }

        public Collection editor(String name) {
            return field(name, "editor", null);
        }

        public Collection date(String name) {
            return field(name, "date", null);
        }

        public Collection date(String name, Consumer<Field> options) {
            return field(name, "date", options);
        }

        /** A datetime set when a record is created and/or updated. */
        public Collection autodate(String name, boolean onCreate, boolean onUpdate) {
            return field(name, "autodate", f -> f.option("onCreate", onCreate).option("onUpdate", onUpdate));
        }

        /** A select of one of {@code values} (more with {@code f.maxSelect(n)}). */
        public Collection select(String name, List<String> values, Consumer<Field> options) {
            return field(name, "select", f -> {
                ArrayNode v = f.json.putArray("values");
                values.forEach(v::add);
                f.json.put("maxSelect", 1);
                if (options != null) {
                    options.accept(f);
                }
            });
        }

        public Collection json(String name) {
            return field(name, "json", null);
        }

        /** One file (more with {@code f.maxSelect(n)}), up to 5 MiB each unless {@code f.option("maxSize", n)}. */
        public Collection file(String name, Consumer<Field> options) {
            return field(name, "file", f -> {
                f.json.put("maxSelect", 1);
                f.json.put("maxSize", 5_242_880);
                if (options != null) {
                    options.accept(f);
                }
            });
        }

        /** A relation to one record of {@code collection} (a name or id; more with {@code f.maxSelect(n)}). */
        public Collection relation(String name, String collection) {
            return relation(name, collection, null);
        }

        public Collection relation(String name, String collection, Consumer<Field> options) {
            return field(name, "relation", f -> {
                f.json.put("collectionId", collection);
                f.json.put("maxSelect", 1);
                if (options != null) {
                    options.accept(f);
                }
            });
        }

        public Collection geoPoint(String name) {
            return field(name, "geoPoint", null);
        }

        /** A field of any type PocketBase has, with its options set through {@code options}. */
        public Collection field(String name, String type, Consumer<Field> options) {
            if (fields.stream().anyMatch(f -> f.json.path("name").asString().equals(name))) {
                throw new IllegalArgumentException("the field " + name + " is declared twice");
            }
            Field f = new Field(name, type);
            if (options != null) {
                options.accept(f);
            }
            fields.add(f);
            return this;
        }

        /** Who may list records: a filter, {@code ""} for everyone, null (the default) for superusers only. */
        public Collection listRule(String rule) {
            return rule("listRule", rule);
        }

        public Collection viewRule(String rule) {
            return rule("viewRule", rule);
        }

        public Collection createRule(String rule) {
            return rule("createRule", rule);
        }

        public Collection updateRule(String rule) {
            return rule("updateRule", rule);
        }

        public Collection deleteRule(String rule) {
            return rule("deleteRule", rule);
        }

        /** Any other property of the collections API's JSON (an auth option such as {@code passwordAuth}, …). */
        public Collection set(String property, Object value) {
            json.set(property, Json.MAPPER.valueToTree(value));
            return this;
        }

        private Collection rule(String key, String rule) {
            if (rule == null) {
                json.putNull(key);
            } else {
                json.put(key, rule);
            }
            return this;
        }

        /** An index, as its {@code CREATE [UNIQUE] INDEX} statement. */
        public Collection index(String createIndex) {
            indexes.add(createIndex);
            return this;
        }

        ObjectNode toJson() {
            ObjectNode out = json.deepCopy();
            ArrayNode f = out.putArray("fields");
            fields.forEach(x -> f.add(x.json.deepCopy()));
            ArrayNode i = out.putArray("indexes");
            indexes.forEach(i::add);
            return out;
        }
    }

    /** A declared field's options. */
    public static final class Field {

        private final ObjectNode json = Json.object();

        private Field(String name, String type) {
            json.put("name", name);
            json.put("type", type);
        }

        public Field required() {
            return option("required", true);
        }

        public Field hidden() {
            return option("hidden", true);
        }

        public Field presentable() {
            return option("presentable", true);
        }

        public Field min(Number value) {
            return option("min", value);
        }

        public Field max(Number value) {
            return option("max", value);
        }

        public Field pattern(String regex) {
            return option("pattern", regex);
        }

        public Field maxSelect(int value) {
            return option("maxSelect", value);
        }

        public Field onlyInt() {
            return option("onlyInt", true);
        }

        public Field cascadeDelete() {
            return option("cascadeDelete", true);
        }

        /** Any option of the field type, as the collections API names it. */
        public Field option(String key, Object value) {
            JsonNode node = Json.MAPPER.valueToTree(value);
            json.set(key, node);
            return this;
        }
    }
}
