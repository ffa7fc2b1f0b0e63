package dev.coffer.core.record;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.FieldRelation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands relations of records for a response ({@code ?expand=a.b,c_via_d}) as PocketBase does: each path on its
 * own, related records fetched under the related collection's view rule for the requester. A path that can't be
 * followed to its end (an unknown field, a collection the requester may not view) expands nothing at all, and
 * the records keep no {@code expand} key for it; levels past the sixth are ignored.
 */
public final class RecordExpander {

    /** The deepest relation level expanded; a longer path expands its first levels. */
    public static final int MAX_DEPTH = 6;
    /** The most back-related records expanded per record. */
    public static final int MAX_BACK_RELATIONS = 1000;

    /** {@code collection_via_field}. */
    private static final Pattern VIA = Pattern.compile("^(\\w+)_via_(\\w+)$");
    /** The older back-relation form {@code collection(field)}, still accepted. */
    private static final Pattern VIA_OLD = Pattern.compile("^(\\w+)\\((\\w+)\\)$");

    private RecordExpander() {}

    /** A path that can't be followed; its expansion is dropped. */
    private static final class PathFailure extends Exception {
        PathFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** Expands the paths on the records (all of one collection) for the requester in {@code info}. */
    public static void expand(App app, List<Record> records, List<String> paths, RequestInfo info) {
        if (records.isEmpty()) {
            return;
        }
        RequestInfo expandInfo = info.withContext("expand");
        for (String path : normalize(paths)) {
            try {
                expandPath(app, records, path, 1, expandInfo);
            } catch (PathFailure | RuntimeException failed) {
                // as in PocketBase, a failing path is skipped silently
            }
        }
    }

    /**
     * The paths without spaces and outer dots, empty ones dropped, and those another path continues dropped
     * ({@code a.b} when {@code a.b.c} is asked too), in their order, each once.
     */
    static List<String> normalize(List<String> paths) {
        List<String> cleaned = new ArrayList<>();
        for (String raw : paths) {
            String p = raw.replace(" ", "");
            int start = 0;
            int end = p.length();
            while (start < end && p.charAt(start) == '.') {
                start++;
            }
            while (end > start && p.charAt(end - 1) == '.') {
                end--;
            }
            p = p.substring(start, end);
            if (!p.isEmpty()) {
                cleaned.add(p);
            }
        }
        LinkedHashSet<String> result = new LinkedHashSet<>();
        for (int i = 0; i < cleaned.size(); i++) {
            String p = cleaned.get(i);
            boolean continued = false;
            for (int j = 0; j < cleaned.size() && !continued; j++) {
                continued = i != j && cleaned.get(j).startsWith(p + ".");
            }
            if (!continued) {
                result.add(p);
            }
        }
        return List.copyOf(result);
    }

    /** The relation a path's first part names: the expand key, the target, its ids per record, one or many. */
    private record Step(String key, Collection target, Map<Record, List<String>> ids, boolean multiple) {}

    private static void expandPath(App app, List<Record> records, String path, int level, RequestInfo info)
            throws PathFailure {
        if (path.isEmpty() || level > MAX_DEPTH || records.isEmpty()) {
            return;
        }
        int dot = path.indexOf('.');
        String first = dot < 0 ? path : path.substring(0, dot);
        String rest = dot < 0 ? "" : path.substring(dot + 1);
        Step step = step(app, records, first);

        LinkedHashSet<String> unique = new LinkedHashSet<>();
        step.ids().values().forEach(unique::addAll);
        List<Record> related;
        try {
            related = app.rules().findViewable(step.target(), new ArrayList<>(unique), info);
        } catch (RuntimeException e) {
            throw new PathFailure(e.getMessage());
        }
        if (!rest.isEmpty()) {
            expandPath(app, related, rest, level + 1, info);
        }
        Map<String, Record> byId = new HashMap<>();
        related.forEach(r -> byId.put(r.id(), r));
        for (Record r : records) {
            r.markExpandRequested();
            List<Record> valid = new ArrayList<>();
            for (String id : step.ids().get(r)) {
                Record found = byId.get(id);
                if (found != null) {
                    valid.add(found);
                }
            }
            if (valid.isEmpty()) {
                continue;
            }
            // an earlier path may have expanded this key already (a.b, then a.c): keep what it expanded below
            for (Record old : expanded(r.expand().get(step.key()))) {
                for (Record now : valid) {
                    if (now.id().equals(old.id())) {
                        mergeExpand(now, old.expand());
                    }
                }
            }
            r.expand().put(step.key(), step.multiple() ? valid : valid.get(0));
        }
    }

    private static Step step(App app, List<Record> records, String first) throws PathFailure {
        Collection own = records.get(0).collection();
        Matcher via = first.contains("(") ? VIA_OLD.matcher(first) : VIA.matcher(first);
        if (via.matches()) {
            Collection source = app.collections().find(via.group(1))
                    .orElseThrow(() -> new PathFailure("no back-related collection " + via.group(1)));
            if (!(source.field(via.group(2)).orElse(null) instanceof FieldRelation rel)
                    || !rel.collectionId().equals(own.id())) {
                throw new PathFailure("no back-relation field " + via.group(2) + " in " + source.name());
            }
            Map<Record, List<String>> ids = new IdentityHashMap<>();
            for (Record r : records) {
                List<String> referencing = new ArrayList<>();
                app.records().findReferencing(source, rel, r.id(), MAX_BACK_RELATIONS)
                        .forEach(s -> referencing.add(s.id()));
                ids.put(r, referencing);
            }
            boolean single = source.singleColumnUniqueIndex(rel.name()).isPresent();
            return new Step(first, source, ids, !single);
        }
        if (!(own.field(first).orElse(null) instanceof FieldRelation rel)) {
            throw new PathFailure("no relation field " + first + " in " + own.name());
        }
        Optional<Collection> target = app.collections().find(rel.collectionId());
        if (target.isEmpty()) {
            throw new PathFailure("no related collection " + rel.collectionId());
        }
        Map<Record, List<String>> ids = new IdentityHashMap<>();
        records.forEach(r -> ids.put(r, r.getStrings(rel.name())));
        return new Step(rel.name(), target.get(), ids, rel.isMultiple());
    }

    private static List<Record> expanded(Object value) {
        if (value instanceof Record r) {
            return List.of(r);
        }
        if (value instanceof List<?> list) {
            List<Record> out = new ArrayList<>();
            list.forEach(o -> {
                if (o instanceof Record r) {
                    out.add(r);
                }
            });
            return out;
        }
        return List.of();
    }

    /** Merges expanded relations into a record's, record by record (by id), at every level. */
    private static void mergeExpand(Record target, Map<String, Object> incoming) {
        if (incoming.isEmpty()) {
            return;
        }
        target.markExpandRequested();
        Map<String, Object> current = target.expand();
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(incoming).entrySet()) {
            Object old = current.get(e.getKey());
            if (old == null) {
                current.put(e.getKey(), e.getValue());
                continue;
            }
            List<Record> oldList = new ArrayList<>(expanded(old));
            for (Record now : expanded(e.getValue())) {
                Record match = oldList.stream().filter(o -> o.id().equals(now.id())).findFirst().orElse(null);
                if (match != null) {
                    mergeExpand(match, now.expand());
                } else {
                    oldList.add(now);
                }
            }
            boolean many = old instanceof List<?> || e.getValue() instanceof List<?> || oldList.isEmpty();
            current.put(e.getKey(), many ? oldList : oldList.get(0));
        }
    }
}
