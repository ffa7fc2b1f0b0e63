package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Coerce;
import dev.coffer.core.field.Field;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides what a requester sees of the fields with a {@code readRule}: for each record (and each record expanded
 * into it) the value where the rule passes for that record and requester, the field's mask where it fails, or
 * nothing without a mask. One query per distinct rule and collection for a whole page of records. Superusers see
 * every value, and a record nobody decided for shows none of these fields (see
 * {@link dev.coffer.core.record.RecordJson}).
 */
public final class FieldReadAccess {

    private FieldReadAccess() {}

    /** Whether any field of the collection has a read rule. */
    public static boolean restricts(Collection c) {
        for (Field f : c.fields()) {
            if (f.readAccess() != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decides for stored records and everything expanded into them; records already decided (by the query that
     * listed them, see {@link #decide}) are not asked about again.
     */
    public static void apply(RecordRules rules, List<Record> records, RequestInfo info) {
        if (info.isSuperuser() || records.isEmpty()) {
            return;
        }
        Map<String, List<Record>> byCollection = new LinkedHashMap<>();
        Map<Record, Set<String>> hidden = new IdentityHashMap<>();
        collect(records, byCollection, hidden, new IdentityHashMap<>());
        for (List<Record> group : byCollection.values()) {
            Collection c = group.get(0).collection();
            Set<String> ids = new LinkedHashSet<>();
            group.forEach(r -> ids.add(r.id()));
            Map<String, Set<String>> passing = rules.idsMatching(c, ids, info, FieldReadChecks.distinctRules(c));
            for (Record r : group) {
                Set<String> passed = new LinkedHashSet<>();
                passing.forEach((rule, matching) -> {
                    if (matching.contains(r.id())) {
                        passed.add(rule);
                    }
                });
                decide(r, passed);
                hidden.put(r, r.unreadableFields());
            }
        }
        if (!hidden.isEmpty()) {
            prune(records, hidden, new IdentityHashMap<>());
        }
    }

    /** Decides for a record from the read rules it passes for the requester. */
    public static void decide(Record r, Set<String> passedRules) {
        Set<String> unreadable = new LinkedHashSet<>();
        Map<String, JsonNode> view = view(r, f -> {
            boolean readable = !f.readAccess().superusersOnly() && passedRules.contains(f.readAccess().rule());
            if (!readable) {
                unreadable.add(f.name());
            }
            return readable;
        });
        r.restrict(view, unreadable);
    }

    /** Decides for a record that is no longer stored (or not yet), its rules run against its own values. */
    public static void applyDetached(RecordRules rules, Record record, RequestInfo info) {
        if (info.isSuperuser() || !restricts(record.collection())) {
            return;
        }
        Set<String> passed = new LinkedHashSet<>();
        for (String rule : FieldReadChecks.distinctRules(record.collection())) {
            if (rules.canAccessDetached(record, info, rule)) {
                passed.add(rule);
            }
        }
        decide(record, passed);
    }

    /**
     * Drops the expansions that would tell an unreadable relation: a relation field's own expansion, and the
     * records of a back-relation ({@code x_via_field}) whose {@code field} the requester may not read.
     */
    private static void prune(List<Record> records, Map<Record, Set<String>> hidden, Map<Record, Boolean> seen) {
        for (Record r : records) {
            if (seen.put(r, Boolean.TRUE) != null || r.expand().isEmpty()) {
                continue;
            }
            Set<String> own = hidden.getOrDefault(r, Set.of());
            for (String key : List.copyOf(r.expand().keySet())) {
                Object value = r.expand().get(key);
                int via = key.indexOf("_via_");
                if (via < 0 && own.contains(key)) {
                    r.expand().remove(key);
                    continue;
                }
                List<Record> related = new ArrayList<>();
                if (value instanceof Record one) {
                    related.add(one);
                } else if (value instanceof List<?> list) {
                    list.forEach(o -> related.add((Record) o));
                }
                if (via >= 0) {
                    String field = key.substring(via + "_via_".length());
                    List<Record> kept = related.stream()
                            .filter(child -> !hidden.getOrDefault(child, Set.of()).contains(field)).toList();
                    if (kept.size() != related.size()) {
                        if (value instanceof Record) {
                            r.expand().remove(key);
                        } else {
                            r.expand().put(key, new ArrayList<>(kept));
                        }
                    }
                    prune(kept, hidden, seen);
                } else {
                    prune(related, hidden, seen);
                }
            }
        }
    }

    /**
     * The names of the record's fields the requester may not read (the masked ones included); for a stored
     * record unless {@code detached}.
     */
    public static Set<String> unreadable(RecordRules rules, Record record, RequestInfo info, boolean detached) {
        if (info.isSuperuser() || !restricts(record.collection())) {
            return Set.of();
        }
        Record probe = record.copy();
        if (detached) {
            applyDetached(rules, probe, info);
        } else {
            apply(rules, List.of(probe), info);
        }
        return probe.unreadableFields();
    }

    /**
     * Shows a history entry's change of a field the caller may not read as the field's mask of its old and new
     * values, or leaves it out (no mask, or a secret noted only as changed).
     */
    public static void maskChange(Field f, ObjectNode changes) {
        JsonNode change = changes.get(f.name());
        if (change == null) {
            return;
        }
        if (f.mask().isEmpty() || !change.has("old") && !change.has("new")) {
            changes.remove(f.name());
            return;
        }
        ObjectNode shown = Json.object();
        for (String side : List.of("old", "new")) {
            JsonNode v = change.get(side);
            shown.set(side, v == null || v.isNull() ? Json.MAPPER.nullNode()
                    : masked(f, v.isContainer() ? Json.write(v) : v.asString("")));
        }
        changes.set(f.name(), shown);
    }

    private interface Decision {
        boolean readable(Field f);
    }

    private static Map<String, JsonNode> view(Record r, Decision decision) {
        Map<String, JsonNode> view = new HashMap<>();
        for (Field f : r.collection().fields()) {
            if (f.readAccess() == null) {
                continue;
            }
            if (decision.readable(f)) {
                view.put(f.name(), f.toJsonValue(r.get(f.name())));
            } else if (!f.mask().isEmpty()) {
                view.put(f.name(), masked(f, r.get(f.name())));
            }
        }
        return view;
    }

    /** The masked JSON of a value: the mask of its text (an empty value stays empty). */
    public static JsonNode masked(Field f, Object value) {
        String text = value instanceof List<?> || value instanceof JsonNode ? Json.write(f.toJsonValue(value))
                : Coerce.toText(value);
        return Json.object().textNode(text.isEmpty() ? "" : FieldMasks.apply(f.mask(), text));
    }

    private static void collect(List<Record> records, Map<String, List<Record>> out, Map<Record, Set<String>> decided,
            Map<Record, Boolean> seen) {
        for (Record r : records) {
            if (seen.put(r, Boolean.TRUE) != null) {
                continue;
            }
            if (r.unreadableFields() != null) {
                decided.put(r, r.unreadableFields());
            } else if (restricts(r.collection())) {
                out.computeIfAbsent(r.collection().id(), k -> new ArrayList<>()).add(r);
            }
            for (Object value : r.expand().values()) {
                if (value instanceof Record related) {
                    collect(List.of(related), out, decided, seen);
                } else if (value instanceof List<?> list) {
                    List<Record> related = new ArrayList<>();
                    list.forEach(o -> related.add((Record) o));
                    collect(related, out, decided, seen);
                }
            }
        }
    }
}
