package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldAutodate;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.history.HistoryEntry;
import dev.coffer.core.history.RecordHistory;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordForm;
import dev.coffer.core.rules.FieldReadAccess;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.types.DateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The record history over HTTP: a record's changes ({@code GET …/records/{id}/history}), a record as it was
 * ({@code GET …/records/{id}?at=DATETIME}, through {@link RecordCrudApi}), writing an earlier version back
 * ({@code POST …/records/{id}/restore}), a collection's changes and deleted records ({@code GET …/history}), and the
 * superusers' audit list ({@code GET /api/audit}).
 *
 * <p>Reading a record's history takes the collection's {@code historyRule} (null: superusers only) and its view
 * rule, checked against the record (or, once deleted, its last state): a record the caller can't see is a 404.
 * Non-superusers don't see hidden fields, other people's hidden emails, nor the request IP and user agent.
 */
public final class RecordHistoryApi {

    private static final String NO_VERSION = "The record has no such version.";

    private RecordHistoryApi() {}

    /** Registers the routes. */
    public static void bind(ApiRouter router) {
        router.get("/api/collections/{collection}/records/{id}/history", RecordHistoryApi::recordHistory);
        router.post("/api/collections/{collection}/records/{id}/restore", RecordHistoryApi::restore);
        router.get("/api/collections/{collection}/history", RecordHistoryApi::collectionHistory);
        router.get("/api/audit", CollectionsApi.guarded(RecordHistoryApi::audit));
    }

    private static Collection collection(RequestEvent e) {
        return e.app().collections().find(e.pathParam("collection"))
                .filter(c -> !c.isView())
                .orElseThrow(() -> ApiError.notFound("Missing collection context."));
    }

    private static RecordHistory.Filter filter(RequestEvent e) {
        return new RecordHistory.Filter(e.query("action"), e.query("actor"), e.query("field"), time(e, "since"),
                time(e, "until"));
    }

    private static String time(RequestEvent e, String param) {
        String raw = e.query(param);
        if (raw.isEmpty()) {
            return "";
        }
        String normalized = DateTime.normalize(raw);
        if (normalized.isEmpty()) {
            throw ApiError.badRequest("Invalid " + param + " datetime.");
        }
        return normalized;
    }

    // --- reading ----------------------------------------------------------------------------------------

    private static void recordHistory(RequestEvent e) {
        Collection c = collection(e);
        Record subject = readable(e, c, e.pathParam("id"));
        ListParams paging = ListParams.of(e);
        RecordHistory.Page page = e.app().history().ofRecord(c, subject.id(), filter(e), paging.page(),
                paging.perPage());
        e.json(200, paging.result(page.total(), entries(e, c, page.items(), subject)));
    }

    private static void collectionHistory(RequestEvent e) {
        Collection c = collection(e);
        RequestInfo info = e.requestInfo();
        if (!info.isSuperuser()) {
            throw ApiError.forbidden(RecordCrudApi.SUPERUSERS_ONLY);
        }
        ListParams paging = ListParams.of(e);
        RecordHistory.Page page = e.app().history().ofCollection(c, filter(e), paging.page(), paging.perPage());
        e.json(200, paging.result(page.total(), entries(e, c, page.items(), null)));
    }

    private static void audit(RequestEvent e) {
        String superusers = e.app().collections().find("_superusers").map(Collection::id).orElse("_superusers");
        List<String> kinds = switch (e.query("kind")) {
            case "" -> List.of(RecordHistory.SCHEMA, RecordHistory.SETTINGS, superusers);
            case "collections" -> List.of(RecordHistory.SCHEMA);
            case "settings" -> List.of(RecordHistory.SETTINGS);
            case "superusers" -> List.of(superusers);
            default -> throw ApiError.badRequest("Invalid kind: use collections, settings or superusers.");
        };
        ListParams paging = ListParams.of(e);
        RecordHistory.Page page = e.app().history().audit(kinds, filter(e), paging.page(), paging.perPage());
        ArrayNode items = Json.array();
        page.items().forEach(entry -> items.add(entry.toJson(true)));
        e.json(200, paging.result(page.total(), items));
    }

    /** {@code GET …/records/{id}?at=DATETIME}: the record as it was then, under the history access rules. */
    static void viewAt(RequestEvent e, Collection c) {
        String at = time(e, "at");
        readable(e, c, e.pathParam("id"));
        Record then = e.app().history().stateAt(c, e.pathParam("id"), null, at)
                .orElseThrow(() -> ApiError.notFound(""));
        RecordEnricher.enrich(e, List.of(then));
        e.json(200, RecordEnricher.json(e, then));
    }

    /**
     * The record (or the last state of a deleted one) when the caller may read its history: superusers always,
     * others under both the view rule and the history rule (403 when either is superusers-only, 404 when the
     * record is unknown or a rule fails).
     */
    private static Record readable(RequestEvent e, Collection c, String id) {
        App app = e.app();
        RequestInfo info = e.requestInfo();
        if (!info.isSuperuser() && (c.historyRule() == null || c.rules().view() == null)) {
            throw ApiError.forbidden(RecordCrudApi.SUPERUSERS_ONLY);
        }
        Optional<Record> current = id.isEmpty() ? Optional.empty() : app.records().findById(c, id);
        if (current.isPresent()) {
            Record r = current.get();
            if (!info.isSuperuser() && !(app.rules().canAccess(r, info, c.rules().view())
                    && app.rules().canAccess(r, info, c.historyRule()))) {
                throw ApiError.notFound("");
            }
            return r;
        }
        Record last = id.isEmpty() ? null
                : app.history().stateAt(c, id, lastVersionBeforeDelete(app, c, id), null).orElse(null);
        if (last == null || !info.isSuperuser() && !(app.rules().canAccessDetached(last, info, c.rules().view())
                && app.rules().canAccessDetached(last, info, c.historyRule()))) {
            throw ApiError.notFound("");
        }
        return last;
    }

    /** The entries as the caller may see them. */
    private static ArrayNode entries(RequestEvent e, Collection c, List<HistoryEntry> entries, Record subject) {
        RequestInfo info = e.requestInfo();
        boolean superuser = info.isSuperuser();
        Set<String> unreadable = superuser || subject == null ? Set.of() : FieldReadAccess.unreadable(e.app().rules(),
                subject, info, e.app().records().findById(c, subject.id()).isEmpty());
        ArrayNode out = Json.array();
        for (HistoryEntry entry : entries) {
            ObjectNode json = entry.toJson(superuser);
            if (!superuser) {
                ObjectNode changes = (ObjectNode) json.get("changes");
                for (Field f : c.fields()) {
                    if (f.hidden() || f.name().equals("email") && c.isAuth() && !emailVisible(info, subject)) {
                        changes.remove(f.name());
                    } else if (unreadable.contains(f.name()) && changes.has(f.name())) {
                        FieldReadAccess.maskChange(f, changes);
                    }
                }
            }
            out.add(json);
        }
        return out;
    }

    private static boolean emailVisible(RequestInfo info, Record subject) {
        return subject != null && (subject.emailVisibility() || info.auth() != null
                && info.auth().collection().id().equals(subject.collection().id())
                && info.auth().id().equals(subject.id()));
    }

    // --- restoring --------------------------------------------------------------------------------------

    /**
     * Writes a version back: an update of an existing record (under the update rule) or, for a deleted one, a
     * create with its id (under the create rule; an auth record gets a random password to be reset). Passwords,
     * token keys, files and autodates keep their current values; the normal validation runs.
     */
    private static void restore(RequestEvent e) {
        Collection c = collection(e);
        App app = e.app();
        RequestInfo info = e.requestInfo();
        String id = e.pathParam("id");
        JsonNode body = e.body();
        Record subject = readable(e, c, id);
        boolean deleted = app.records().findById(c, id).isEmpty();
        String rule = deleted ? c.rules().create() : c.rules().update();
        if (rule == null && !info.isSuperuser()) {
            throw ApiError.forbidden(RecordCrudApi.SUPERUSERS_ONLY);
        }
        JsonNode submitted = body.get("version");
        boolean given = submitted != null && !submitted.isNull();
        Long version = given && submitted.isIntegralNumber() ? Long.valueOf(submitted.asLong()) : null;
        if (given && version == null || version == null && !deleted || version != null && version < 1) {
            throw ApiError.badRequest("Failed to restore record.", FieldErrorsJson.of(Map.of("version",
                    FieldError.of("validation_required", "Cannot be blank."))));
        }
        List<HistoryEntry> entries = app.history().all(c, id);
        long last = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).version();
        if (version != null && version > last) {
            throw ApiError.badRequest(NO_VERSION);
        }
        Record then = app.history().stateAt(c, id, version == null ? last - 1 : version, null)
                .orElseThrow(() -> ApiError.badRequest(NO_VERSION));
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            if (f instanceof FieldPassword || f instanceof FieldAutodate || f instanceof FieldFile
                    || f.name().equals("tokenKey") || f.name().equals("id") && !deleted) {
                continue;
            }
            values.put(f.name(), Json.MAPPER.valueToTree(then.get(f.name())));
        }
        if (deleted && c.isAuth()) {
            String password = RandomString.alphanumeric(30);
            values.put("password", Json.MAPPER.valueToTree(password));
            values.put("passwordConfirm", Json.MAPPER.valueToTree(password));
        }
        Record existing = deleted ? null : subject;
        RecordForm form = new RecordForm(app, c, existing, info, info.isSuperuser());
        form.load(values, Map.of());
        RequestInfo resolved = info.withBody(form.resolvedBody());
        if (!info.isSuperuser() && !rule.isBlank() && !(deleted ? app.rules().matchesDraft(form.record(), resolved, rule)
                : app.rules().matches(existing, resolved, rule))) {
            throw deleted ? ApiError.badRequest("Failed to create record.") : ApiError.notFound("");
        }
        try {
            form.validate();
            // hidden fields are the superusers' to write, but these values come from the history, not the caller
            for (Field f : c.fields()) {
                if (f.hidden() && values.containsKey(f.name())) {
                    form.record().set(f.name(), then.get(f.name()));
                }
            }
            app.save(form.record());
        } catch (ValidationException ex) {
            throw ApiError.badRequest("Failed to restore record.", FieldErrorsJson.of(ex.errors()));
        }
        RecordEnricher.enrich(e, List.of(form.record()));
        e.json(200, RecordEnricher.json(e, form.record()));
    }

    private static long lastVersionBeforeDelete(App app, Collection c, String id) {
        List<HistoryEntry> all = app.history().all(c, id);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).version() - 1;
    }
}
