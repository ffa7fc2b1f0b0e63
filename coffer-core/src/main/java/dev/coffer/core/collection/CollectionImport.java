package dev.coffer.core.collection;

import dev.coffer.core.collection.CollectionService.Change;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an import does, worked out before anything is written: which stored collections go, and the new state
 * of each listed one (matched by id, else name). Fields of a matched collection missing from its entry are kept,
 * unless {@code deleteMissing} is set (system fields are always kept). Views are saved last.
 *
 * @param deletions stored collections to delete
 * @param changes the listed collections, non-views first
 * @param resulting every collection after the import
 */
record CollectionImport(List<Collection> deletions, List<Change> changes, List<Collection> resulting) {

    /**
     * Plans an import.
     *
     * @param build builds a collection from its JSON and its stored state (null when new)
     */
    static CollectionImport plan(JsonNode entries, boolean deleteMissing, List<Collection> stored,
            BiFunction<ObjectNode, Collection, Collection> build) {
        List<Change> changes = new ArrayList<>();
        for (JsonNode node : entries) {
            ObjectNode entry = node instanceof ObjectNode o ? o.deepCopy() : dev.coffer.tools.json.Json.object();
            String identifier = entry.path("id").asString("");
            if (identifier.isEmpty()) {
                identifier = entry.path("name").asString("");
            }
            Optional<Collection> existing = find(stored, identifier);
            if (existing.isPresent()) {
                Collection old = existing.get();
                if (!entry.has("fields") || entry.get("fields").isNull()) {
                    if (deleteMissing) {
                        entry.putArray("fields");
                    } else {
                        entry.remove("fields");
                    }
                }
                ObjectNode json = CollectionService.mergedJson(old, entry);
                keepMissingFields(old, (ArrayNode) json.get("fields"), deleteMissing);
                changes.add(new Change(old, build.apply(json, old)));
            } else {
                changes.add(new Change(null, build.apply(entry, null)));
            }
        }
        changes.sort(Comparator.comparing((Change c) -> c.after().isView()).thenComparing(c -> c.after().created()));
        Set<String> listed = new HashSet<>();
        changes.forEach(c -> listed.add(c.after().id()));
        List<Collection> deletions = new ArrayList<>();
        List<Collection> resulting = new ArrayList<>();
        for (Collection c : stored) {
            if (deleteMissing && !listed.contains(c.id()) && !c.system()) {
                deletions.add(c);
            } else if (!listed.contains(c.id())) {
                resulting.add(c);
            }
        }
        changes.forEach(c -> resulting.add(c.after()));
        return new CollectionImport(List.copyOf(deletions), List.copyOf(changes), List.copyOf(resulting));
    }

    private static Optional<Collection> find(List<Collection> stored, String identifier) {
        Optional<Collection> byId = stored.stream().filter(c -> c.id().equals(identifier)).findFirst();
        return byId.isPresent() ? byId
                : stored.stream().filter(c -> c.name().equalsIgnoreCase(identifier)).findFirst();
    }

    private static void keepMissingFields(Collection old, ArrayNode fields, boolean deleteMissing) {
        for (var f : old.fields()) {
            if (!f.system() && deleteMissing) {
                continue;
            }
            if (indexOf(fields, "id", f.id()) >= 0) {
                continue;
            }
            int sameName = indexOf(fields, "name", f.name());
            if (sameName >= 0 && f.type().equals(fields.get(sameName).path("type").asString(""))) {
                fields.set(sameName, f.toJson());
            } else {
                fields.add(f.toJson());
            }
        }
    }

    private static int indexOf(ArrayNode fields, String key, String value) {
        for (int i = 0; i < fields.size(); i++) {
            if (value.equals(fields.get(i).path(key).asString(""))) {
                return i;
            }
        }
        return -1;
    }
}
