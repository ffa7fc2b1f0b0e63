package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.auth.RecordTokens;
import dev.coffer.core.backup.BackupBusyException;
import dev.coffer.core.backup.Backups;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.record.Record;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.filesystem.FileSystem;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The backups endpoints: list, create, upload, download (with a superuser file token), delete and restore; all
 * for superusers only.
 */
public final class BackupsApi {

    private static final Logger LOG = LoggerFactory.getLogger(BackupsApi.class);
    private static final String BUSY = "Try again later - another backup/restore process has already been started";
    private static final String FORBIDDEN = "Insufficient permissions to access the resource.";
    /** How long a restore waits after its request is answered before replacing the data. */
    static final long RESTORE_DELAY_MILLIS = 1000;

    private BackupsApi() {}

    /** Registers {@code /api/backups} and its sub-routes. */
    public static void bind(ApiRouter router) {
        router.get("/api/backups", CollectionsApi.guarded(BackupsApi::list));
        router.post("/api/backups", CollectionsApi.guarded(BackupsApi::create));
        router.post("/api/backups/upload", CollectionsApi.guarded(BackupsApi::upload));
        router.get("/api/backups/{key}", BackupsApi::download);
        router.delete("/api/backups/{key}", CollectionsApi.guarded(BackupsApi::delete));
        router.post("/api/backups/{key}/restore", CollectionsApi.guarded(BackupsApi::restore));
    }

    /** Whether a request is a backup upload (which has no body size limit). */
    static boolean isUpload(String method, String path) {
        return "POST".equals(method) && "/api/backups/upload".equals(path);
    }

    private static void list(RequestEvent e) {
        List<FileInfo> files;
        try {
            files = e.app().backups().list();
        } catch (IOException | RuntimeException ex) {
            throw ApiError.badRequest("Failed to retrieve backup items. Raw error: \n" + ex.getMessage());
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (FileInfo f : files) {
            ObjectNode item = out.addObject();
            item.put("key", f.key());
            item.put("modified", DateTime.format(f.modified()));
            item.put("size", f.size());
        }
        e.json(200, out);
    }

    private static void create(RequestEvent e) {
        Backups backups = e.app().backups();
        if (backups.isBusy()) {
            throw ApiError.badRequest(BUSY);
        }
        String name = BodyFields.text(e.body(), "name");
        FieldError invalid = null;
        if (!name.isEmpty()) {
            if (name.length() > 150) {
                invalid = FieldError.of("validation_length_out_of_range", "The length must be between 1 and 150.");
            } else if (!Backups.NAME.matcher(name).matches()) {
                invalid = FieldError.of("validation_match_invalid", "Must be in a valid format.");
            } else if (exists(e.app().backupsFileSystem(), name)) {
                invalid = FieldError.of("validation_backup_name_exists",
                        "The backup file name is invalid or already exists.");
            }
        }
        if (invalid != null) {
            throw ApiError.badRequest(BodyFields.VALIDATE_ERROR, FieldErrorsJson.of(Map.of("name", invalid)));
        }
        try {
            backups.create(name);
        } catch (BackupBusyException ex) {
            throw ApiError.badRequest(BUSY);
        } catch (IOException | RuntimeException ex) {
            LOG.warn("Failed to create backup {}", name, ex);
            throw ApiError.badRequest("Failed to create backup.");
        }
        e.noContent(204);
    }

    private static boolean exists(FileSystem fs, String key) {
        try {
            return fs.exists(key);
        } catch (IOException | RuntimeException ex) {
            return true; // PocketBase counts a failed check as taken
        }
    }

    private static void upload(RequestEvent e) {
        FileSystem fs = e.app().backupsFileSystem();
        List<UploadedFile> files = e.files().getOrDefault("file", List.of());
        FieldError invalid = null;
        UploadedFile file = files.isEmpty() ? null : files.get(0);
        if (file == null) {
            invalid = FieldErrors.required();
        } else if (!"application/zip".equals(file.mimeType())) {
            invalid = FieldError.of("validation_invalid_mime_type",
                    "\"" + file.name() + "\" mime type must be one of: application/zip.");
        } else if (exists(fs, file.originalName())) {
            invalid = FieldError.of("validation_backup_name_exists",
                    "Backup file with the specified name already exists.");
        }
        if (invalid != null) {
            throw ApiError.badRequest(BodyFields.VALIDATE_ERROR, FieldErrorsJson.of(Map.of("file", invalid)));
        }
        try (var in = file.open()) {
            fs.put(file.originalName(), in);
        } catch (IOException | RuntimeException ex) {
            throw ApiError.badRequest("Failed to upload backup.");
        }
        e.noContent(204);
    }

    private static void download(RequestEvent e) throws IOException {
        App app = e.app();
        Record viewer = app.tokens().verify(e.query("token"), TokenType.FILE)
                .map(RecordTokens.Verified::record).orElse(null);
        if (viewer == null || !viewer.isSuperuser()) {
            throw ApiError.forbidden(FORBIDDEN);
        }
        List<String> allowed = app.settings().superuserIps();
        if (!allowed.isEmpty() && !allowed.contains(e.realIP())) {
            throw ApiError.forbidden(FORBIDDEN);
        }
        FileSystem fs = app.backupsFileSystem();
        String key = e.pathParam("key");
        FileInfo info;
        try {
            info = fs.info(key);
        } catch (NoSuchFileException | IllegalArgumentException ex) {
            throw ApiError.notFound("");
        }
        FileResponse.serve(e, fs, info, key.substring(key.lastIndexOf('/') + 1));
    }

    private static void delete(RequestEvent e) {
        String key = e.pathParam("key");
        if (!key.isEmpty() && e.app().backups().active().filter(key::equals).isPresent()) {
            throw ApiError.badRequest("The backup is currently being used and cannot be deleted.");
        }
        String raw;
        try {
            if (e.app().backupsFileSystem().delete(key)) {
                e.noContent(204);
                return;
            }
            raw = "file " + key + " does not exist";
        } catch (IOException | RuntimeException ex) {
            raw = String.valueOf(ex.getMessage());
        }
        throw ApiError.badRequest("Invalid or already deleted backup file. Raw error: \n" + raw);
    }

    private static void restore(RequestEvent e) {
        App app = e.app();
        if (app.backups().isBusy()) {
            throw ApiError.badRequest(BUSY + ".");
        }
        String key = e.pathParam("key");
        if (!exists(app.backupsFileSystem(), key) || key.isEmpty()) {
            throw ApiError.badRequest("Missing or invalid backup file.");
        }
        if (!app.backups().claim(key)) {
            throw ApiError.badRequest(BUSY + ".");
        }
        Thread restore = new Thread(() -> {
            try {
                Thread.sleep(RESTORE_DELAY_MILLIS);
                app.backups().restoreClaimed(key);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException ex) {
                LOG.error("Failed to restore backup {}", key, ex);
            } finally {
                app.backups().release(key);
            }
        }, "coffer-backup-restore");
        restore.setDaemon(true);
        restore.start();
        e.noContent(204);
    }
}
