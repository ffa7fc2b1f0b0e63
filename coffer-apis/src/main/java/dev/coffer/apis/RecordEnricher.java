package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.event.RecordEnrichEvent;
import dev.coffer.core.record.Record;
import dev.coffer.core.rules.FieldReadAccess;
import dev.coffer.core.record.RecordExpander;
import dev.coffer.core.record.RecordJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prepares records for a response: expands the relations the request asks for ({@code ?expand=}) and
 * decides, per auth record, whether its email is shown whatever its {@code emailVisibility} — to the
 * record itself, to a superuser, and to a requester who satisfies the collection's manage rule.
 */
final class RecordEnricher {

    private RecordEnricher() {}

    /** Expands and flags the records (all of one collection) for the request. */
    static void enrich(RequestEvent e, List<Record> records) {
        if (records.isEmpty()) {
            return;
        }
        enrich(e.app(), e.requestInfo(), e.query("expand"), records);
    }

    /** Expands ({@code expand} as in {@code ?expand=}, blank for none) and flags the records for a requester. */
    static void enrich(App app, RequestInfo info, String expand, List<Record> records) {
        if (!expand.isBlank()) {
            RecordExpander.expand(app, records, Arrays.asList(expand.split(",")), info);
        }
        flagEmails(app, records, info, new IdentityHashMap<>());
        FieldReadAccess.apply(app.rules(), records, info);
        if (app.hooks().onRecordEnrich().size() > 0) {
            for (Record r : records) {
                try {
                    app.hooks().onRecordEnrich().trigger(new RecordEnrichEvent(app, r, info));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
    }

    /** The JSON of an enriched record for the requester. */
    static ObjectNode json(RequestEvent e, Record record) {
        boolean superuser = e.isSuperuser();
        return RecordJson.write(record, new RecordJson.Visibility(superuser, superuser));
    }

    /** The JSON array of enriched records for the requester. */
    static ArrayNode jsonArray(RequestEvent e, List<Record> records) {
        ArrayNode out = dev.coffer.tools.json.Json.array();
        records.forEach(r -> out.add(json(e, r)));
        return out;
    }

    private static void flagEmails(App app, List<Record> records, RequestInfo info, Map<Record, Boolean> seen) {
        List<Record> fresh = new ArrayList<>();
        for (Record r : records) {
            if (seen.put(r, Boolean.TRUE) == null) {
                fresh.add(r);
            }
        }
        for (Record r : fresh) {
            if (r.collection().isAuth() && !r.emailVisibility()) {
                r.setEmailAlwaysVisible(canSeeEmail(app, r, info));
            }
        }
        for (Record r : fresh) {
            for (Object value : r.expand().values()) {
                if (value instanceof Record related) {
                    flagEmails(app, List.of(related), info, seen);
                } else if (value instanceof List<?> list) {
                    List<Record> related = new ArrayList<>();
                    list.forEach(o -> related.add((Record) o));
                    flagEmails(app, related, info, seen);
                }
            }
        }
    }

    private static boolean canSeeEmail(App app, Record r, RequestInfo info) {
        if (info.isSuperuser()) {
            return true;
        }
        Record auth = info.auth();
        if (auth != null && auth.id().equals(r.id()) && auth.collection().id().equals(r.collection().id())) {
            return true;
        }
        String manageRule = r.collection().authOptions().manageRule();
        return manageRule != null && !manageRule.isBlank() && app.rules().matches(r, info, manageRule);
    }
}
