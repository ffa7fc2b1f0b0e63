package dev.coffer.apis;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.form.FormSchema;

/**
 * {@code GET /api/collections/{collection}/ui-schema}: the form of the collection's records (see
 * {@link FormSchema}), for superusers (every field but the token key) and for anyone the collection's list rule
 * lets list it (the fields that aren't hidden); others get PocketBase's 403.
 */
public final class UiSchemaApi {

    private UiSchemaApi() {}

    /** Registers the route. */
    public static void bind(ApiRouter router) {
        router.get("/api/collections/{collection}/ui-schema", UiSchemaApi::schema);
    }

    private static void schema(RequestEvent e) {
        Collection collection = e.app().collections().find(e.pathParam("collection"))
                .orElseThrow(() -> ApiError.notFound("Missing collection context."));
        RequestInfo info = e.requestInfo();
        if (!info.isSuperuser() && collection.rules().list() == null) {
            throw ApiError.forbidden(RecordCrudApi.SUPERUSERS_ONLY);
        }
        e.json(200, FormSchema.of(collection, e.app().collections(), info.isSuperuser()));
    }
}
