package dev.coffer.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What {@link ApiFuzzTest} knows of the fixture, read once over the API as a superuser before fuzzing: every
 * collection with its fields and rules, and every record as a superuser sees it (hidden fields and all emails
 * included). The fuzz sends only GET requests, so this snapshot stays true for the whole run.
 */
final class ApiFuzzSchema {

    /** A field of a collection; {@code target} is the related collection's id for a relation, else null. */
    record Field(String name, String type, boolean hidden, String target, int maxSelect) {}

    /** A collection with its fields, rules ({@code null} = superusers only) and records by id. */
    record Coll(String id, String name, String type, String listRule, String viewRule, String manageRule,
            List<Field> fields, Map<String, JsonNode> records) {

        boolean isAuth() {
            return type.equals("auth");
        }

        Optional<Field> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }
    }

    /** A back-relation {@code <from>_via_<field>}: records of {@code from} whose {@code field} points here. */
    record BackRelation(Coll from, Field field) {

        String segment() {
            return from.name() + "_via_" + field.name();
        }
    }

    private static final Pattern VIA = Pattern.compile("^(\\w+)_via_(\\w+)$");
    private static final Pattern VIA_OLD = Pattern.compile("^(\\w+)\\((\\w+)\\)$");

    private final Map<String, Coll> byName = new LinkedHashMap<>();
    private final Map<String, Coll> byId = new LinkedHashMap<>();

    ApiFuzzSchema(JsonNode collectionsList, Map<String, Map<String, JsonNode>> recordsByCollection) {
        for (JsonNode c : collectionsList.path("items")) {
            List<Field> fields = new ArrayList<>();
            for (JsonNode f : c.path("fields")) {
                String target = f.path("type").asString().equals("relation") ? f.path("collectionId").asString() : null;
                fields.add(new Field(f.path("name").asString(), f.path("type").asString(), f.path("hidden").asBoolean(),
                        target, f.path("maxSelect").asInt(0)));
            }
            String name = c.path("name").asString();
            Coll coll = new Coll(c.path("id").asString(), name, c.path("type").asString(), rule(c, "listRule"),
                    rule(c, "viewRule"), rule(c, "manageRule"), List.copyOf(fields),
                    recordsByCollection.getOrDefault(name, Map.of()));
            byName.put(name, coll);
            byId.put(coll.id(), coll);
        }
    }

    private static String rule(JsonNode c, String key) {
        JsonNode r = c.get(key);
        return r == null || r.isNull() ? null : r.asString();
    }

    /** Every collection, in the order the API listed them. */
    List<Coll> collections() {
        return List.copyOf(byName.values());
    }

    /** The collection with this exact name. */
    Coll named(String name) {
        Coll c = byName.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no collection " + name);
        }
        return c;
    }

    /** The collection with this id. */
    Coll withId(String id) {
        return byId.get(id);
    }

    /**
     * The collection a {@code /api/collections/{segment}/...} path names, as PocketBase finds it: a name
     * compared without case, or an exact id.
     */
    Optional<Coll> fromPath(String segment) {
        for (Coll c : byName.values()) {
            if (c.name().equalsIgnoreCase(segment) || c.id().equals(segment)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** The relation fields of other collections (and this one) that point at {@code c}. */
    List<BackRelation> backRelations(Coll c) {
        List<BackRelation> out = new ArrayList<>();
        for (Coll from : byName.values()) {
            for (Field f : from.fields()) {
                if (c.id().equals(f.target())) {
                    out.add(new BackRelation(from, f));
                }
            }
        }
        return out;
    }

    /**
     * The collection an expand key or relation path segment of {@code c} leads to: a relation field's target,
     * or the source of a back-relation {@code <coll>_via_<field>} (or the older {@code <coll>(<field>)}); empty
     * when the segment is neither.
     */
    Optional<Coll> relationTarget(Coll c, String segment) {
        Optional<Field> f = c.field(segment);
        if (f.isPresent()) {
            return Optional.ofNullable(f.get().target()).map(byId::get);
        }
        Matcher m = VIA.matcher(segment);
        if (!m.matches()) {
            m = VIA_OLD.matcher(segment);
        }
        if (m.matches()) {
            Optional<Coll> from = fromPath(m.group(1));
            if (from.isPresent() && from.get().field(m.group(2)).map(x -> c.id().equals(x.target())).orElse(false)) {
                return from;
            }
        }
        return Optional.empty();
    }
}
