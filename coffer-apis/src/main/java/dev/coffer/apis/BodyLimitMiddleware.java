package dev.coffer.apis;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldEditor;
import dev.coffer.core.field.FieldFile;

/**
 * Refuses request bodies over the limit with PocketBase's 413 before anything reads them: 32 MiB, and for
 * record creates and updates 32 MiB plus what the collection's file fields ({@code maxSize × maxSelect}) and
 * editor fields may hold; batches have their own limit ({@link BatchApi}). The limit is checked against {@code Content-Length}; bodies sent without one are
 * bounded by the server-wide cap of {@link ApiServer}.
 */
public final class BodyLimitMiddleware {

    /** Id of the body limit middleware. */
    public static final String ID = "coffer:bodyLimit";
    /** Its priority: right after the rate limit. */
    public static final int PRIORITY = RateLimitMiddleware.PRIORITY + 10;

    private BodyLimitMiddleware() {}

    /** Binds the middleware. */
    public static void bind(ApiHooks hooks) {
        hooks.onRequest().bind(ID, PRIORITY, e -> {
            long length = e.exchange().contentLength();
            if (length > ApiServer.DEFAULT_BODY_LIMIT && length > limit(e)) {
                throw tooLarge();
            }
            e.next();
        });
    }

    /** PocketBase's 413 error. */
    static ApiError tooLarge() {
        return new ApiError(413, "Request entity too large", null);
    }

    /** The body limit of a request in bytes. */
    static long limit(RequestEvent e) {
        if (e.path().equals(BatchApi.PATH)) {
            return Long.MAX_VALUE; // the batch endpoint applies its own limit (batch.maxBodySize)
        }
        if (BackupsApi.isUpload(e.method(), e.path())) {
            return Long.MAX_VALUE; // backups can be any size
        }
        return CollectionRoute.of(e.method(), e.path())
                .filter(CollectionRoute::writesRecord)
                .flatMap(r -> e.app().collections().find(r.collection()))
                .map(BodyLimitMiddleware::recordLimit)
                .orElse(ApiServer.DEFAULT_BODY_LIMIT);
    }

    private static long recordLimit(Collection c) {
        long limit = ApiServer.DEFAULT_BODY_LIMIT;
        if (c.isView()) {
            return limit;
        }
        for (Field f : c.fields()) {
            if (f instanceof FieldFile file) {
                limit += file.effectiveMaxSize() * Math.max(1, file.maxSelect());
            } else if (f instanceof FieldEditor editor) {
                limit += editor.maxSize() <= 0 ? FieldEditor.DEFAULT_MAX_SIZE : editor.maxSize();
            }
        }
        return limit;
    }
}
