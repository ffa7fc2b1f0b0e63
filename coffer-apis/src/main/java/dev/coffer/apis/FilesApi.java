package dev.coffer.apis;

import dev.coffer.apis.event.FileDownloadRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.files.RecordFiles;
import dev.coffer.core.record.Record;
import dev.coffer.core.schema.ViewFileSource;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.images.ThumbSize;
import dev.coffer.tools.images.Thumbnails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files API: downloading record files (with on-demand thumbnails and protected-file tokens) and issuing file
 * tokens.
 */
public final class FilesApi {

    private static final Logger LOG = LoggerFactory.getLogger(FilesApi.class);

    /** The thumbnail size every image field allows, besides its own {@code thumbs}. */
    static final String DEFAULT_THUMB = "100x100";

    /** The context protected-file rule checks run in ({@code @request.context}). */
    static final String PROTECTED_FILE_CONTEXT = "protectedFile";

    private FilesApi() {}

    /** Registers {@code POST /api/files/token} and {@code GET|HEAD /api/files/{collection}/{recordId}/{filename}}. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        router.post("/api/files/token", FilesApi::token);
        router.get("/api/files/{collection}/{recordId}/{filename}", e -> download(e, hooks));
    }

    /** The record whose stored files a view record's file belongs to (files of views live with their source). */
    private static Optional<Record> viewFileRecord(App app, Collection view, FieldFile field, String filename) {
        Optional<ViewFileSource> source = ViewFileSource.of(app.collections().all(), view, field.name());
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Collection c = source.get().collection();
        FieldFile f = source.get().field();
        Dialect d = app.db().dialect();
        String column = d.quote(c.name()) + "." + d.quote(f.name());
        String where = f.isMultiple() ? d.jsonArrayContains(column) : column + " = ?";
        return app.records().query(c, where, List.of(filename), 1).stream().findFirst();
    }

    private static void token(RequestEvent e) {
        Record auth = e.auth();
        if (auth == null) {
            throw ApiError.unauthorized("The request requires valid record authorization token.");
        }
        e.json(200, Map.of("token", e.app().tokens().newToken(auth, TokenType.FILE, Map.of())));
    }

    private static void download(RequestEvent e, ApiHooks hooks) throws Exception {
        App app = e.app();
        Collection collection = app.collections().find(e.pathParam("collection"))
                .orElseThrow(() -> ApiError.notFound(""));
        Record record = app.records().findById(collection, e.pathParam("recordId"))
                .orElseThrow(() -> ApiError.notFound(""));
        String filename = e.pathParam("filename");
        FieldFile field = fileFieldOf(record, filename).orElseThrow(() -> ApiError.notFound(""));
        if (field.isProtected() && !canViewProtected(e, record)) {
            throw ApiError.notFound("");
        }

        String baseCollection = collection.id();
        String baseRecord = record.id();
        if (collection.isView()) {
            Record source = viewFileRecord(app, collection, field, filename).orElseThrow(() -> ApiError.notFound(""));
            baseCollection = source.collection().id();
            baseRecord = source.id();
        }
        RecordFiles files = app.files();
        String originalKey = RecordFiles.fileKey(baseCollection, baseRecord, filename);
        FileInfo original = info(files, originalKey).orElseThrow(() -> ApiError.notFound(""));
        String servedKey = originalKey;
        String servedName = filename;
        String thumb = e.query("thumb");
        Optional<ThumbSize> size = ThumbSize.parse(thumb);
        if (size.isPresent() && (thumb.equals(DEFAULT_THUMB) || field.thumbs().contains(thumb))
                && Thumbnails.SOURCE_TYPES.contains(original.contentType())) {
            String thumbKey = RecordFiles.thumbKey(baseCollection, baseRecord, filename, thumb);
            try {
                files.thumbnails().ensure(originalKey, original.contentType(), thumbKey, size.get());
                servedKey = thumbKey;
                servedName = thumb + "_" + filename;
            } catch (IOException | RuntimeException ex) {
                LOG.warn("Serving the original of {}: no {} thumbnail: {}", originalKey, thumb, ex.getMessage());
                LOG.debug("thumbnail failure", ex);
            }
        }
        FileInfo served = servedKey.equals(originalKey) ? original
                : info(files, servedKey).orElseThrow(() -> ApiError.notFound(""));
        hooks.onFileDownloadRequest().trigger(new FileDownloadRequestEvent(e, collection, record, field.name(),
                servedName), ev -> {
                    // record files may be embedded anywhere, so the global clickjacking header does not apply
                    ev.exchange().setHeader("X-Frame-Options", null);
                    FileResponse.serve(ev, files.fileSystem(), served, ev.servedName());
                });
    }

    /** The file field of the record that holds the file name, if any. */
    private static Optional<FieldFile> fileFieldOf(Record record, String filename) {
        if (filename.isEmpty()) {
            return Optional.empty();
        }
        for (Field f : record.collection().fields()) {
            if (f instanceof FieldFile ff && record.getStrings(ff.name()).contains(filename)) {
                return Optional.of(ff);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the {@code ?token=} file token (or none, for a guest) passes the collection's view rule. A
     * superuser token counts only from an allowed IP.
     */
    private static boolean canViewProtected(RequestEvent e, Record record) {
        App app = e.app();
        Record viewer = app.tokens().verify(e.query("token"), TokenType.FILE)
                .map(dev.coffer.core.auth.RecordTokens.Verified::record).orElse(null);
        if (viewer != null && viewer.isSuperuser()) {
            var allowed = app.settings().superuserIps();
            if (!allowed.isEmpty() && !allowed.contains(e.realIP())) {
                viewer = null;
            }
        }
        RequestInfo info = e.requestInfo().withAuth(viewer).withContext(PROTECTED_FILE_CONTEXT);
        return app.rules().canAccess(record, info, record.collection().rules().view());
    }

    private static Optional<FileInfo> info(RecordFiles files, String key) {
        try {
            return Optional.of(files.info(key));
        } catch (UncheckedIOException ex) {
            return Optional.empty();
        }
    }
}
