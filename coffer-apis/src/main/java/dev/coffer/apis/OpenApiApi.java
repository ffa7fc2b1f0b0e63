package dev.coffer.apis;

import dev.coffer.apis.openapi.OpenApiDocument;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.settings.Settings;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 document of the app's API ({@link OpenApiDocument}), built from
 * the live collections. The document is kept until the collections change (a reload here or on another instance
 * replaces the registry's list, which the cache is keyed on) or the app name does. Who may read it is the
 * {@code openapi.access} setting: superusers (the default), any authenticated record, or anyone.
 */
public final class OpenApiApi {

    /** The path of the document. */
    public static final String PATH = "/api/openapi.json";

    private record Cached(List<Collection> collections, String title, ObjectNode document) {}

    private volatile Cached cached;

    private OpenApiApi() {}

    /** Registers the route. */
    public static void bind(ApiRouter router) {
        OpenApiApi api = new OpenApiApi();
        router.get(PATH, api::document);
    }

    private void document(RequestEvent e) {
        String access = e.app().settings().openApiAccess();
        if (!access.equals(Settings.OPENAPI_PUBLIC)) {
            if (e.auth() == null) {
                throw ApiError.unauthorized("The request requires valid record authorization token.");
            }
            if (access.equals(Settings.OPENAPI_SUPERUSERS) && !e.isSuperuser()) {
                throw ApiError.forbidden("The authorized record is not allowed to perform this action.");
            }
        }
        if (e.header("Accept-Encoding").contains("gzip")) {
            e.allowJsonGzip(); // a few hundred KB of JSON, whether or not the server compresses responses
        }
        e.json(200, current(e).document());
    }

    private Cached current(RequestEvent e) {
        List<Collection> collections = e.app().collections().all();
        String title = e.app().settings().appName();
        Cached c = cached;
        if (c == null || c.collections() != collections || !c.title().equals(title)) {
            c = new Cached(collections, title, OpenApiDocument.build(collections, title, version()));
            cached = c;
        }
        return c;
    }

    private static String version() {
        String v = OpenApiApi.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
