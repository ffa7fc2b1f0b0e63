package dev.coffer.apis;

import dev.coffer.apis.event.RecordRequestEvent;
import dev.coffer.apis.event.RecordsListRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordDeleteException;
import dev.coffer.core.record.RecordForm;
import dev.coffer.core.rules.RecordSearch;
import dev.coffer.core.rules.SuperuserOnlyException;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.FilterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The records endpoints of a collection: list, view, create, update and delete, each checked against the
 * collection's API rule (a null rule lets only superusers through).
 */
public final class RecordCrudApi {

    static final String SUPERUSERS_ONLY = "Only superusers can perform this action.";
    private static final String MISSING_COLLECTION = "Missing collection context.";
    private static final String MISSING_OR_INVALID_COLLECTION = "Missing or invalid collection context.";
    private static final String UNSUPPORTED_TYPE = "Unsupported collection type.";
    private static final String CREATE_FAILED = "Failed to create record.";
    private static final String UPDATE_FAILED = "Failed to update record.";
    private static final String DELETE_FAILED =
            "Failed to delete record. Make sure that the record is not part of a required relation reference.";

    private final ApiHooks hooks;

    private RecordCrudApi(ApiHooks hooks) {
        this.hooks = hooks;
    }

    /** Registers the routes. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        RecordCrudApi api = new RecordCrudApi(hooks);
        router.get("/api/collections/{collection}/records", api::list);
        router.get("/api/collections/{collection}/records/{id}", api::view);
        router.post("/api/collections/{collection}/records", api::create);
        router.patch("/api/collections/{collection}/records/{id}", api::update);
        router.delete("/api/collections/{collection}/records/{id}", api::delete);
    }

    private static Collection collection(RequestEvent e) {
        return collection(e, MISSING_COLLECTION);
    }

    private static Collection collection(RequestEvent e, String missing) {
        return e.app().collections().find(e.pathParam("collection")).orElseThrow(() -> ApiError.notFound(missing));
    }

    /** The collection of a write; PocketBase words a missing one differently for create and update. */
    private static Collection writableCollection(RequestEvent e, String missing) {
        Collection c = collection(e, missing);
        if (c.isView()) {
            throw ApiError.badRequest(UNSUPPORTED_TYPE);
        }
        return c;
    }

    // --- list ------------------------------------------------------------------------------------------

    private void list(RequestEvent e) throws Exception {
        Collection collection = collection(e);
        RequestInfo info = e.requestInfo();
        if (collection.rules().list() == null && !info.isSuperuser()) {
            throw ApiError.forbidden(SUPERUSERS_ONLY);
        }
        try {
            checkSuperuserOnlyFields(e, info);
        } catch (SuperuserOnlyException ex) {
            throw ApiError.forbidden(ex.getMessage());
        }
        ListParams paging = ListParams.of(e);
        RecordSearch.Page result;
        try {
            result = new RecordSearch(e.app().db(), e.app().collections()).list(collection, info,
                    new RecordSearch.ListQuery(e.query("filter"), e.query("sort"), paging.page(), paging.perPage(),
                            paging.skipTotal()));
        } catch (SuperuserOnlyException ex) {
            throw ApiError.forbidden(ex.getMessage());
        } catch (FilterException ex) {
            throw ApiError.badRequest("");
        }
        List<Record> items = new ArrayList<>(result.items());
        RecordsListRequestEvent event = new RecordsListRequestEvent(e, collection, items, result.page(),
                result.perPage(), result.totalItems(), result.totalPages());
        hooks.onRecordsListRequest().trigger(event, ev -> {
            RecordEnricher.enrich(ev, ev.records());
            ev.json(200, ListParams.result(ev.page(), ev.perPage(), ev.totalItems(), ev.totalPages(),
                    RecordEnricher.jsonArray(ev, ev.records())));
        });
    }

    /** Non-superusers may not use {@code @collection.*} or {@code @request.*} in a filter or sort. */
    private static void checkSuperuserOnlyFields(RequestEvent e, RequestInfo info) {
        if (!info.isSuperuser()) {
            RecordSearch.checkSuperuserOnly(e.query("filter"));
            RecordSearch.checkSuperuserOnly(e.query("sort"));
        }
    }

    // --- view ------------------------------------------------------------------------------------------

    private void view(RequestEvent e) throws Exception {
        Collection collection = collection(e);
        if (!e.query("at").isEmpty() && !collection.isView()) {
            RecordHistoryApi.viewAt(e, collection); // the record as it was then
            return;
        }
        Record record = findWithRule(e, collection, collection.rules().view());
        RecordRequestEvent event = new RecordRequestEvent(e, collection, record);
        hooks.onRecordViewRequest().trigger(event, ev -> {
            RecordEnricher.enrich(ev, List.of(ev.record()));
            ev.json(200, RecordEnricher.json(ev, ev.record()));
        });
    }

    /**
     * The record named by the path if it exists and the request satisfies the rule: 403 for a null rule and a
     * non-superuser, else 404 when the record is missing or the rule fails.
     */
    private static Record findWithRule(RequestEvent e, Collection collection, String rule) {
        String id = e.pathParam("id");
        if (id.isEmpty()) {
            throw ApiError.notFound("");
        }
        RequestInfo info = e.requestInfo();
        if (rule == null && !info.isSuperuser()) {
            throw ApiError.forbidden(SUPERUSERS_ONLY);
        }
        App app = e.app();
        Optional<Record> found = app.records().findById(collection, id);
        if (found.isEmpty() || !app.rules().canAccess(found.get(), info, rule)) {
            throw ApiError.notFound("");
        }
        return found.get();
    }

    // --- create ----------------------------------------------------------------------------------------

    private void create(RequestEvent e) throws Exception {
        Collection collection = writableCollection(e, MISSING_OR_INVALID_COLLECTION);
        Map<String, Object> body = bodyMap(e); // read first: a body that can't be read is a 400 for anyone
        RequestInfo info = e.requestInfo();
        boolean superuser = info.isSuperuser();
        String rule = collection.rules().create();
        if (rule == null && !superuser) {
            throw ApiError.forbidden(SUPERUSERS_ONLY);
        }
        App app = e.app();
        RecordForm form = new RecordForm(app, collection, null, info, superuser);
        form.load(body, e.files());
        RequestInfo resolved = info.withBody(form.resolvedBody());
        if (!superuser) {
            Record draft = form.record().copy();
            if (collection.isAuth()) {
                draft.set("verified", false); // a rule relying on it must not be satisfied by the client's value
            }
            if (!rule.isBlank() && !app.rules().matchesDraft(draft, resolved, rule)) {
                throw ApiError.badRequest(CREATE_FAILED);
            }
            if (collection.isAuth() && isManageable(collection) && app.rules().matchesDraft(draft, resolved,
                    collection.authOptions().manageRule())) {
                form = new RecordForm(app, collection, null, resolved, true);
                form.load(body, e.files());
            }
        }
        RecordForm submitted = form;
        RecordRequestEvent event = new RecordRequestEvent(e, collection, form.record());
        hooks.onRecordCreateRequest().trigger(event, ev -> {
            submit(ev, submitted, CREATE_FAILED);
            RecordEnricher.enrich(ev, List.of(ev.record()));
            ev.json(200, RecordEnricher.json(ev, ev.record()));
        });
    }

    private static boolean isManageable(Collection c) {
        String manageRule = c.authOptions().manageRule();
        return manageRule != null && !manageRule.isBlank();
    }

    /** Validates and saves the event's record; validation failures become a 400 with the field errors. */
    private static void submit(RecordRequestEvent ev, RecordForm form, String failMessage) {
        if (ev.record() != form.record()) {
            throw ApiError.badRequest(failMessage);
        }
        try {
            form.validate();
            ev.app().save(ev.record());
        } catch (ValidationException ex) {
            throw ApiError.badRequest(failMessage, FieldErrorsJson.of(ex.errors()));
        }
    }

    /**
     * The submitted values; a body that can't be parsed is PocketBase's generic 400 here, as it is there (an
     * unsupported content type keeps its own message).
     */
    private static Map<String, Object> bodyMap(RequestEvent e) {
        ObjectNode body;
        try {
            body = e.body();
        } catch (ApiError err) {
            if (err.status() != 400 || err.getMessage().equals(RequestBody.UNSUPPORTED)) {
                throw err;
            }
            throw ApiError.badRequest("");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        body.properties().forEach(entry -> out.put(entry.getKey(), entry.getValue()));
        return out;
    }

    // --- update ----------------------------------------------------------------------------------------

    private void update(RequestEvent e) throws Exception {
        Collection collection = writableCollection(e, MISSING_OR_INVALID_COLLECTION);
        String id = e.pathParam("id");
        if (id.isEmpty()) {
            throw ApiError.notFound("");
        }
        Map<String, Object> body = bodyMap(e); // read first: a body that can't be read is a 400 for anyone
        RequestInfo info = e.requestInfo();
        boolean superuser = info.isSuperuser();
        String rule = collection.rules().update();
        if (rule == null && !superuser) {
            throw ApiError.forbidden(SUPERUSERS_ONLY);
        }
        App app = e.app();
        Record existing = app.records().findById(collection, id).orElseThrow(() -> ApiError.notFound(""));
        RecordForm form = new RecordForm(app, collection, existing, info, superuser);
        form.load(body, e.files());
        RequestInfo resolved = info.withBody(form.resolvedBody());
        if (!superuser && !rule.isBlank() && !app.rules().matches(existing, resolved, rule)) {
            throw ApiError.notFound("");
        }
        if (!superuser && collection.isAuth() && isManageable(collection)
                && app.rules().matches(existing, resolved, collection.authOptions().manageRule())) {
            form = new RecordForm(app, collection, existing, resolved, true);
            form.load(body, e.files());
        }
        RecordForm submitted = form;
        RecordRequestEvent event = new RecordRequestEvent(e, collection, form.record());
        hooks.onRecordUpdateRequest().trigger(event, ev -> {
            submit(ev, submitted, UPDATE_FAILED);
            RecordEnricher.enrich(ev, List.of(ev.record()));
            ev.json(200, RecordEnricher.json(ev, ev.record()));
        });
    }

    // --- delete ----------------------------------------------------------------------------------------

    private void delete(RequestEvent e) throws Exception {
        Collection collection = writableCollection(e, MISSING_COLLECTION);
        Record record = findWithRule(e, collection, collection.rules().delete());
        RecordRequestEvent event = new RecordRequestEvent(e, collection, record);
        hooks.onRecordDeleteRequest().trigger(event, ev -> {
            try {
                ev.app().delete(ev.record());
            } catch (RecordDeleteException ex) {
                throw ApiError.badRequest(DELETE_FAILED);
            }
            ev.noContent(204);
        });
    }
}
