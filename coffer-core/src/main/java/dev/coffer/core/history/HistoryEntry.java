package dev.coffer.core.history;

import dev.coffer.tools.json.Json;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change of a record (or, in the audit list, of a collection or the settings) as history keeps it.
 *
 * @param seq the entry's position in the history of the whole database (increasing in commit order)
 * @param collectionId the record's collection id ({@code _collections} for schema changes, {@code _params} for
 *     settings)
 * @param recordId the record's id (the collection's id, {@code settings})
 * @param version the change's number among the record's changes, from 1
 * @param action {@code create}, {@code update} or {@code delete}
 * @param actor who made it ({@link dev.coffer.core.Actor#label()})
 * @param ip the request's client IP, or empty
 * @param userAgent the request's user agent, or empty
 * @param created when, in PocketBase's datetime layout (UTC)
 * @param fields the names of the changed fields
 * @param changes {@code {field: {old, new}}}; a secret has {@code {changed: true}} instead
 */
public record HistoryEntry(long seq, String collectionId, String recordId, long version, String action, String actor,
        String ip, String userAgent, String created, List<String> fields, ObjectNode changes) {

    /** The entry as the API answers it; the request's IP and user agent only when {@code withClient}. */
    public ObjectNode toJson(boolean withClient) {
        ObjectNode out = Json.object();
        out.put("id", seq);
        out.put("collectionId", collectionId);
        out.put("recordId", recordId);
        out.put("version", version);
        out.put("action", action);
        out.put("actor", actor);
        if (withClient) {
            out.put("ip", ip);
            out.put("userAgent", userAgent);
        }
        out.put("created", created);
        out.set("changes", changes);
        return out;
    }
}
