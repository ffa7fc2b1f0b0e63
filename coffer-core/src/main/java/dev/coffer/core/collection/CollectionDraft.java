package dev.coffer.core.collection;

import dev.coffer.core.field.Field;
import dev.coffer.core.migrations.AuthDefaults;
import dev.coffer.core.migrations.DefaultFields;
import dev.coffer.tools.db.IndexDefinition;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns submitted collection JSON into a complete {@link Collection} the way PocketBase prepares a collection
 * before validating it: default type and id, default field ids, the {@code id} primary key and auth system
 * fields with their enforced flags, the auth unique indexes, indexes renamed to the collection's table, and
 * type options over PocketBase's defaults.
 */
final class CollectionDraft {

    /** The top-level keys of an auth collection's JSON that are type options. */
    static final List<String> AUTH_OPTION_KEYS = List.of("authRule", "manageRule", "authAlert", "oauth2",
            "passwordAuth", "mfa", "otp", "authToken", "passwordResetToken", "emailChangeToken", "verificationToken",
            "fileToken", "verificationTemplate", "resetPasswordTemplate", "confirmEmailChangeTemplate");

    private static final Set<String> TYPES = Set.of("base", "auth", "view");

    private CollectionDraft() {}

    /** The full JSON of a stored collection, secrets included, as the base a patch is merged onto. */
    static ObjectNode jsonOf(Collection c) {
        ObjectNode json = c.toJson();
        json.setAll(c.rawOptions());
        return json;
    }

    /**
     * Merges {@code patch} onto {@code base} as decoding JSON onto an existing value does: objects merge key by
     * key, anything else (arrays included) replaces.
     */
    static ObjectNode merge(ObjectNode base, JsonNode patch) {
        ObjectNode out = base.deepCopy();
        if (patch instanceof ObjectNode p) {
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                JsonNode current = out.get(e.getKey());
                if (current instanceof ObjectNode co && e.getValue() instanceof ObjectNode) {
                    out.set(e.getKey(), merge(co, e.getValue()));
                } else {
                    out.set(e.getKey(), e.getValue().deepCopy());
                }
            }
        }
        return out;
    }

    /**
     * Builds the collection a create or update would store.
     *
     * @param json the submitted (create) or merged (update) collection JSON
     * @param original the stored collection of an update, null for a create
     * @param idTaken tells whether a collection id is already used (for the default id of a new collection)
     * @param now the current time in PocketBase's layout
     * @throws ValidationException when the type or a field can't be read at all
     */
    static Collection build(ObjectNode json, Collection original, Predicate<String> idTaken, String now) {
        String typeName = json.path("type").asString("");
        if (typeName.isEmpty()) {
            typeName = "base";
        }
        if (!TYPES.contains(typeName)) {
            throw ValidationException.of("type", CollectionErrors.notIn());
        }
        CollectionType type = CollectionType.of(typeName);
        String name = json.path("name").asString("");
        String id = original != null ? json.path("id").asString("") : defaultId(json, typeName, name, idTaken);

        ArrayNode fieldsJson = Json.array();
        if (json.get("fields") instanceof ArrayNode submitted) {
            submitted.forEach(f -> fieldsJson.add(f.isObject() ? f.deepCopy() : f));
        }
        List<String> indexes = new ArrayList<>();
        if (json.get("indexes") instanceof ArrayNode submitted) {
            submitted.forEach(i -> indexes.add(i.asString("")));
        }
        if (type != CollectionType.VIEW) {
            initIdField(fieldsJson);
        }
        if (type == CollectionType.AUTH) {
            initAuthFields(fieldsJson, indexes, id.isEmpty() ? name : id, name);
        }
        List<Field> fields = parseFields(fieldsJson);
        for (int i = 0; i < indexes.size(); i++) {
            IndexDefinition parsed = IndexDefinition.parse(indexes.get(i));
            String normalized = parsed.withTable(name).build();
            if (!parsed.tableName().equals(name) && !normalized.isEmpty()) {
                indexes.set(i, normalized);
            }
        }
        Collection.Rules rules = new Collection.Rules(rule(json, "listRule"), rule(json, "viewRule"),
                rule(json, "createRule"), rule(json, "updateRule"), rule(json, "deleteRule"));
        return new Collection(id, name, type, json.path("system").asBoolean(false), fields, rules, indexes,
                options(json, type, original), original == null ? now : original.created(), now);
    }

    private static String defaultId(ObjectNode json, String type, String name, Predicate<String> idTaken) {
        String submitted = json.path("id").asString("");
        if (!submitted.isEmpty()) {
            return submitted;
        }
        String base = DefaultFields.collectionId(type, name);
        String id = base;
        for (int i = 2; i < 1000 && idTaken.test(id); i++) {
            id = base + i;
        }
        return id;
    }

    private static String rule(ObjectNode json, String key) {
        JsonNode v = json.get(key);
        return v == null || v.isNull() ? null : v.asString("");
    }

    private static ObjectNode options(ObjectNode json, CollectionType type, Collection original) {
        ObjectNode options = typeOptions(json, type, original);
        if (type != CollectionType.VIEW) {
            for (String key : Collection.EXTENSION_OPTIONS) {
                if (json.has(key)) {
                    options.set(key, json.get(key).deepCopy());
                }
            }
        }
        return options;
    }

    private static ObjectNode typeOptions(ObjectNode json, CollectionType type, Collection original) {
        return switch (type) {
            case AUTH -> {
                ObjectNode options = AuthDefaults.options(AuthDefaults.AUTH_TOKEN_DURATION, "", "");
                ObjectNode submitted = Json.object();
                AUTH_OPTION_KEYS.forEach(k -> {
                    if (json.has(k)) {
                        submitted.set(k, json.get(k));
                    }
                });
                ObjectNode merged = merge(options, submitted);
                completeProviders(merged, original != null && original.isAuth() ? original.rawOptions() : null);
                yield merged;
            }
            case VIEW -> {
                ObjectNode options = Json.object();
                options.put("viewQuery", json.path("viewQuery").asString(""));
                yield options;
            }
            default -> Json.object();
        };
    }

    /**
     * Completes each submitted OAuth2 provider entry as PocketBase 0.40 does: merged onto the stored entry of the
     * same provider name, if any (a key left out keeps its stored value, {@code extra} merges key by key; the API
     * never returns the client secret, so a client that sends back what it read keeps it), then given every key of
     * a provider config ({@link AuthOptions#providerJson}).
     */
    private static void completeProviders(ObjectNode options, ObjectNode stored) {
        if (!(options.path("oauth2").get("providers") instanceof ArrayNode providers)) {
            return;
        }
        JsonNode old = stored == null ? Json.array() : stored.path("oauth2").path("providers");
        for (int i = 0; i < providers.size(); i++) {
            if (!(providers.get(i) instanceof ObjectNode entry)) {
                continue;
            }
            ObjectNode complete = entry;
            String name = entry.path("name").asString("");
            for (JsonNode o : old) {
                if (o instanceof ObjectNode previous && o.path("name").asString("").equals(name)) {
                    complete = merge(previous, entry);
                    break;
                }
            }
            providers.set(i, AuthOptions.providerJson(complete));
        }
    }

    private static List<Field> parseFields(ArrayNode fieldsJson) {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < fieldsJson.size(); i++) {
            JsonNode f = fieldsJson.get(i);
            try {
                if (f instanceof ObjectNode o && o.path("id").asString("").isEmpty()) {
                    o.put("id", DefaultFields.fieldId(o.path("type").asString(""), o.path("name").asString("")));
                }
                fields.add(Field.parse(f));
            } catch (IllegalArgumentException e) {
                throw new ValidationException(Map.of("fields", Map.of(Integer.toString(i),
                        Map.of("type", CollectionErrors.notIn()))));
            }
        }
        return fields;
    }

    private static ObjectNode find(ArrayNode fields, String name, String type) {
        for (JsonNode f : fields) {
            if (f instanceof ObjectNode o && name.equals(o.path("name").asString(""))
                    && type.equals(o.path("type").asString(""))) {
                return o;
            }
        }
        return null;
    }

    private static void initIdField(ArrayNode fields) {
        ObjectNode id = find(fields, "id", "text");
        if (id == null) {
            fields.insert(0, DefaultFields.id());
            return;
        }
        id.put("system", true);
        id.put("required", true);
        id.put("primaryKey", true);
        id.put("hidden", false);
        if (id.path("pattern").asString("").isEmpty()) {
            id.put("pattern", "^[a-z0-9]+$");
        }
    }

    private static void initAuthFields(ArrayNode fields, List<String> indexes, String indexSuffix, String table) {
        ObjectNode password = find(fields, "password", "password");
        if (password == null) {
            fields.add(DefaultFields.password());
        } else {
            password.put("system", true).put("hidden", true).put("required", true);
        }
        ObjectNode tokenKey = find(fields, "tokenKey", "text");
        if (tokenKey == null) {
            fields.add(DefaultFields.tokenKey());
        } else {
            tokenKey.put("system", true).put("hidden", true).put("required", true);
        }
        addUniqueIndex(indexes, "tokenKey", indexSuffix, table, "");
        ObjectNode email = find(fields, "email", "email");
        if (email == null) {
            fields.add(DefaultFields.email());
        } else {
            email.put("system", true).put("hidden", false);
        }
        addUniqueIndex(indexes, "email", indexSuffix, table, " WHERE `email` != ''");
        for (String flag : List.of("emailVisibility", "verified")) {
            ObjectNode bool = find(fields, flag, "bool");
            if (bool == null) {
                fields.add(DefaultFields.systemBool(flag));
            } else {
                bool.put("system", true);
            }
        }
    }

    private static void addUniqueIndex(List<String> indexes, String field, String suffix, String table, String where) {
        for (String sql : indexes) {
            if (IndexDefinition.parse(sql).isSingleColumnUnique(field)) {
                return;
            }
        }
        indexes.add("CREATE UNIQUE INDEX `" + DefaultFields.indexName(field, suffix) + "` ON `" + table + "` (`"
                + field + "`)" + where);
    }
}
