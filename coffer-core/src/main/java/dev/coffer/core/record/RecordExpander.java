package dev.coffer.core.record;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldRelation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expands relations of records for a response ({@code ?expand=a.b,c_via_d}): related records are fetched
 * with the related collection's view rule for the requester; invisible records and bad paths are skipped
 * silently, as PocketBase does.
 */
public final class RecordExpander {

    /** The deepest expand path accepted. */
    public static final int MAX_DEPTH = 6;
    /** The most back-related records expanded per record. */
    public static final int MAX_BACK_RELATIONS = 1000;

    private static final String VIA = "_via_";

    private RecordExpander() {}

    /** Expands the paths on the records (all of one collection) for the requester in {@code info}. */
    public static void expand(App app, List<Record> records, List<String> paths, RequestInfo info) {
        if (records.isEmpty()) {
            return;
        }
        Map<String, List<String>> byFirst = new LinkedHashMap<>();
        for (String raw : paths) {
            String path = raw.trim();
            if (path.isEmpty()) {
                continue;
            }
            String[] parts = path.split("\\.", -1);
            if (parts.length > MAX_DEPTH) {
                continue;
            }
            String rest = parts.length > 1 ? path.substring(parts[0].length() + 1) : "";
            byFirst.computeIfAbsent(parts[0], k -> new ArrayList<>());
            if (!rest.isEmpty()) {
                byFirst.get(parts[0]).add(rest);
            }
        }
        RequestInfo expandInfo = info.withContext("expand");
        for (Map.Entry<String, List<String>> e : byFirst.entrySet()) {
            expandOne(app, records, e.getKey(), e.getValue(), expandInfo);
        }
    }

    private static void expandOne(App app, List<Record> records, String key, List<String> rest, RequestInfo info) {
        Collection collection = records.get(0).collection();
        Optional<Field> field = collection.field(key);
        if (field.isPresent() && field.get() instanceof FieldRelation rel) {
            expandRelation(app, records, rel, rest, info);
            return;
        }
        int via = key.indexOf(VIA);
        if (via > 0) {
            expandBackRelation(app, records, key, key.substring(0, via), key.substring(via + VIA.length()), rest, info);
        }
    }

    private static void expandRelation(App app, List<Record> records, FieldRelation rel, List<String> rest, RequestInfo info) {
        Optional<Collection> target = app.collections().find(rel.collectionId());
        if (target.isEmpty()) {
            return;
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        records.forEach(r -> ids.addAll(r.getStrings(rel.name())));
        List<Record> visible = ids.isEmpty() ? List.of() : app.rules().findVisible(target.get(), new ArrayList<>(ids), info);
        if (!rest.isEmpty() && !visible.isEmpty()) {
            expand(app, visible, rest, info);
        }
        Map<String, Record> byId = new LinkedHashMap<>();
        visible.forEach(r -> byId.put(r.id(), r));
        for (Record r : records) {
            r.markExpandRequested();
            List<Record> related = new ArrayList<>();
            for (String id : r.getStrings(rel.name())) {
                Record found = byId.get(id);
                if (found != null) {
                    related.add(found);
                }
            }
            if (related.isEmpty()) {
                continue;
            }
            r.expand().put(rel.name(), rel.isMultiple() ? related : related.get(related.size() - 1));
        }
    }

    private static void expandBackRelation(App app, List<Record> records, String key, String collectionName,
            String fieldName, List<String> rest, RequestInfo info) {
        Optional<Collection> source = app.collections().find(collectionName);
        if (source.isEmpty()) {
            return;
        }
        Optional<Field> f = source.get().field(fieldName);
        Collection own = records.get(0).collection();
        if (f.isEmpty() || !(f.get() instanceof FieldRelation rel) || !rel.collectionId().equals(own.id())) {
            return;
        }
        boolean single = source.get().singleColumnUniqueIndex(fieldName).isPresent();
        for (Record r : records) {
            r.markExpandRequested();
            List<Record> related = app.rules().findReferencing(source.get(), rel, r.id(), MAX_BACK_RELATIONS, info);
            if (!rest.isEmpty() && !related.isEmpty()) {
                expand(app, related, rest, info);
            }
            if (!related.isEmpty()) {
                r.expand().put(key, single ? related.get(0) : related);
            }
        }
    }
}
