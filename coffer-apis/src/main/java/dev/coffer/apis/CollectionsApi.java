package dev.coffer.apis;

import dev.coffer.apis.event.CollectionRequestEvent;
import dev.coffer.apis.event.CollectionsListRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.auth.oauth2.OAuth2Providers;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionException;
import dev.coffer.core.collection.SchemaChangeException;
import dev.coffer.core.collection.CollectionJsonShape;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.PagedQuery;
import dev.coffer.tools.search.SimpleFieldResolver;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The collections endpoints: list, view, create, update, delete and truncate collections, import a whole
 * schema, and the scaffolds, OAuth2 provider and view dry-run helpers of the dashboard. Superusers only.
 */
public final class CollectionsApi {

    private static final String COLLECTIONS_TABLE = "_collections";
    private static final List<String> SEARCHABLE = List.of("id", "created", "updated", "name", "system", "type");
    private static final String TYPE_DATA_LOAD_FAILED = "Failed to load the collection type data due to invalid formatting.";
    private static final String DATA_LOAD_FAILED = "Failed to load the submitted data due to invalid formatting.";
    /** The shape of a string value, for {@link CollectionJsonShape}. */
    private static final JsonNode ANY_STRING = JsonNodeFactory.instance.stringNode("");

    private final ApiHooks hooks;

    private CollectionsApi(ApiHooks hooks) {
        this.hooks = hooks;
    }

    /** Registers the routes. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        CollectionsApi api = new CollectionsApi(hooks);
        router.get("/api/collections", guarded(api::list));
        router.post("/api/collections", guarded(api::create));
        router.get("/api/collections/{collection}", guarded(api::view));
        router.patch("/api/collections/{collection}", guarded(api::update));
        router.delete("/api/collections/{collection}", guarded(api::delete));
        router.delete("/api/collections/{collection}/truncate", guarded(CollectionsApi::truncate));
        router.put("/api/collections/import", guarded(api::importCollections));
        router.get("/api/collections/meta/scaffolds", guarded(CollectionsApi::scaffolds));
        router.get("/api/collections/meta/oauth2-providers", guarded(CollectionsApi::oauth2Providers));
        router.post("/api/collections/meta/dry-run-view", guarded(CollectionsApi::dryRunView));
    }

    /** Wraps a handler so that only superusers reach it (401 for guests, 403 for other records). */
    static RequestHandler guarded(RequestHandler handler) {
        return e -> {
            if (e.auth() == null) {
                throw ApiError.unauthorized("The request requires valid record authorization token.");
            }
            if (!e.isSuperuser()) {
                throw ApiError.forbidden("The authorized record is not allowed to perform this action.");
            }
            handler.handle(e);
        };
    }

    private static Collection find(RequestEvent e) {
        return e.app().collections().find(e.pathParam("collection")).orElseThrow(() -> ApiError.notFound(""));
    }

    private static CollectionService service(RequestEvent e) {
        return new CollectionService(e.app());
    }

    private static ObjectNode bodyObject(RequestEvent e, String loadError) {
        try {
            return e.body();
        } catch (ApiError err) {
            throw ApiError.badRequest(loadError);
        }
    }

    private void list(RequestEvent e) throws Exception {
        ListParams paging = ListParams.of(e);
        App app = e.app();
        Dialect dialect = app.db().dialect();
        PagedQuery query;
        try {
            query = PagedQuery.build(dialect, COLLECTIONS_TABLE, dialect.quote("id"),
                    new SimpleFieldResolver(dialect, SEARCHABLE), e.query("filter"), e.query("sort"),
                    paging.page(), paging.perPage());
        } catch (FilterException ex) {
            throw ApiError.badRequest("");
        }
        List<String> ids = app.db().read(c -> {
            List<String> out = new ArrayList<>();
            try (var ps = c.prepareStatement(query.select().sql())) {
                query.select().bindTo(ps, 1);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        List<Collection> page = new ArrayList<>();
        ids.forEach(id -> app.collections().find(id).ifPresent(page::add));
        long total = -1;
        if (!paging.skipTotal()) {
            total = app.db().read(c -> {
                try (var ps = c.prepareStatement(query.count().sql())) {
                    query.count().bindTo(ps, 1);
                    try (var rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : 0L;
                    }
                }
            });
        }
        long totalItems = total;
        hooks.onCollectionsListRequest().trigger(new CollectionsListRequestEvent(e, page), ev -> {
            ArrayNode items = Json.array();
            ev.collections().forEach(c -> items.add(c.toJson()));
            ev.json(200, paging.result(totalItems, items));
        });
    }

    private void view(RequestEvent e) throws Exception {
        hooks.onCollectionViewRequest().trigger(new CollectionRequestEvent(e, find(e)),
                ev -> ev.json(200, ev.collection().toJson()));
    }

    private void create(RequestEvent e) throws Exception {
        // PocketBase reads the type and name first, so an unreadable body fails there, then binds the rest
        ObjectNode body = bodyObject(e, TYPE_DATA_LOAD_FAILED);
        if (!CollectionJsonShape.accepts(body.get("type"), ANY_STRING)
                || !CollectionJsonShape.accepts(body.get("name"), ANY_STRING)) {
            throw ApiError.badRequest(TYPE_DATA_LOAD_FAILED);
        }
        if (!CollectionJsonShape.accepts(body, service(e).blank(body.path("type").asString("")))) {
            throw ApiError.badRequest(DATA_LOAD_FAILED);
        }
        hooks.onCollectionCreateRequest().trigger(new CollectionRequestEvent(e, null), ev -> {
            try {
                ev.setCollection(service(ev).create(ev.body()));
            } catch (ValidationException ex) {
                throw ApiError.badRequest("Failed to create collection.", FieldErrorsJson.of(ex.errors()));
            } catch (SchemaChangeException ex) {
                throw ApiError.badRequest("Failed to create collection. Raw error: \n" + ex.getMessage());
            }
            ev.json(200, ev.collection().toJson());
        });
    }

    private void update(RequestEvent e) throws Exception {
        Collection existing = find(e);
        if (!CollectionJsonShape.accepts(bodyObject(e, DATA_LOAD_FAILED), existing.toJson())) {
            throw ApiError.badRequest(DATA_LOAD_FAILED);
        }
        hooks.onCollectionUpdateRequest().trigger(new CollectionRequestEvent(e, existing), ev -> {
            try {
                ev.setCollection(service(ev).update(ev.collection(), ev.body()));
            } catch (ValidationException ex) {
                throw ApiError.badRequest("Failed to update collection.", FieldErrorsJson.of(ex.errors()));
            } catch (SchemaChangeException ex) {
                throw ApiError.badRequest("Failed to update collection. Raw error: \n" + ex.getMessage());
            }
            ev.json(200, ev.collection().toJson());
        });
    }

    private void delete(RequestEvent e) throws Exception {
        hooks.onCollectionDeleteRequest().trigger(new CollectionRequestEvent(e, find(e)), ev -> {
            try {
                service(ev).delete(ev.collection());
            } catch (CollectionException ex) {
                throw ApiError.badRequest(ex.getMessage());
            }
            ev.noContent(204);
        });
    }

    private static void truncate(RequestEvent e) {
        Collection collection = find(e);
        if (collection.isView()) {
            throw ApiError.badRequest("View collections cannot be truncated since they don't store their own records.");
        }
        try {
            service(e).truncate(collection);
        } catch (CollectionException ex) {
            throw ApiError.badRequest(ex.getMessage());
        }
        e.noContent(204);
    }

    private void importCollections(RequestEvent e) throws Exception {
        hooks.onCollectionsImportRequest().trigger(e, CollectionsApi::runImport);
    }

    private static void runImport(RequestEvent e) {
        ObjectNode body = bodyObject(e, "An error occurred while loading the submitted data.");
        JsonNode collections = body.get("collections");
        if (collections == null || !collections.isArray() || collections.isEmpty()) {
            ObjectNode data = Json.object();
            ObjectNode err = data.putObject("collections");
            err.put("code", "validation_required");
            err.put("message", "Cannot be blank.");
            throw ApiError.badRequest("An error occurred while validating the submitted data.", data);
        }
        try {
            service(e).importCollections(collections, body.path("deleteMissing").asBoolean(false));
        } catch (ValidationException ex) {
            throw ApiError.badRequest("Failed to import collections.", FieldErrorsJson.of(ex.errors()));
        } catch (SchemaChangeException ex) {
            ObjectNode data = Json.object();
            ObjectNode err = data.putObject("collections");
            err.put("code", "validation_collections_import_failure");
            err.put("message", "Failed to import the collections configuration. Raw error:\n" + ex.getMessage());
            throw ApiError.badRequest("Failed to import collections.", data);
        }
        e.noContent(204);
    }

    private static void scaffolds(RequestEvent e) {
        e.json(200, service(e).scaffolds());
    }

    /** Every OAuth2 provider Coffer knows, in PocketBase's order, as {@code {name, displayName, logo}}. */
    private static void oauth2Providers(RequestEvent e) {
        ArrayNode list = Json.array();
        OAuth2Providers.list().forEach(list::add);
        e.json(200, list);
    }

    private static void dryRunView(RequestEvent e) {
        ObjectNode body = bodyObject(e, "An error occurred while loading the submitted data.");
        try {
            e.json(200, service(e).dryRunView(body.path("query").asString("")));
        } catch (ValidationException ex) {
            throw ApiError.badRequest("An error occurred while validating the submitted data.", FieldErrorsJson.of(ex.errors()));
        } catch (CollectionException ex) {
            throw ApiError.badRequest(ex.getMessage());
        }
    }
}
