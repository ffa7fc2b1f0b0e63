package dev.coffer;

import dev.coffer.apis.ApiHooks;
import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.js.JsMigrationTemplates;
import dev.coffer.js.JsMigrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * PocketBase's automigrate: each collection created, changed or deleted through the API (the dashboard included;
 * not imports, hooks or migrations) writes a migration file {@code <unix time>_created|updated|deleted_<name>.js} to
 * the migrations folder, recorded as applied here, so that the folder replays the schema elsewhere. A change that
 * fails writes nothing, and a save that changes nothing writes no file.
 */
public final class Automigrate {

    private static final String HOOK_ID = "coffer:automigrate";

    private Automigrate() {}

    /** The unix time a migration file's name starts with, 0 when it starts otherwise. */
    private static long time(Path file) {
        String name = file.getFileName().toString();
        int end = name.indexOf('_');
        try {
            return end > 0 ? Long.parseLong(name.substring(0, end)) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Binds automigrate to a server's collection requests, writing to {@code dir}. */
    public static void bind(Coffer coffer, Path dir) {
        App app = coffer.app();
        ApiHooks hooks = coffer.apiHooks();
        hooks.onCollectionCreateRequest().bind(HOOK_ID, 0, e -> {
            e.next();
            Collection after = e.collection();
            write(app, dir, "created_" + after.name(), JsMigrationTemplates.create(after.toJson()));
        });
        hooks.onCollectionUpdateRequest().bind(HOOK_ID, 0, e -> {
            Collection before = e.collection();
            JsonNode old = before.toJson();
            e.next();
            Optional<Collection> after = app.collections().find(before.id());
            if (after.isPresent()) {
                Optional<String> text = JsMigrationTemplates.update(old, after.get().toJson());
                if (text.isPresent()) {
                    write(app, dir, "updated_" + before.name(), text.get());
                }
            }
        });
        hooks.onCollectionDeleteRequest().bind(HOOK_ID, 0, e -> {
            Collection before = e.collection();
            e.next();
            write(app, dir, "deleted_" + before.name(), JsMigrationTemplates.delete(before.toJson()));
        });
    }

    /**
     * Records the file as applied and writes it (the record is undone when the file can't be written). Its time is
     * now, or one second after the newest file of the folder when that is as late: names keep the order of the
     * changes however fast they come (PocketBase would give two changes in one second the same time, and a second
     * change of the same collection the same name).
     */
    private static synchronized void write(App app, Path dir, String action, String text) {
        String name = action.toLowerCase(Locale.ROOT).endsWith("test") ? action + "_" : action;
        long newest = JsMigrations.files(dir).stream().mapToLong(Automigrate::time).max().orElse(0);
        String file = Math.max(Instant.now().getEpochSecond(), newest + 1) + "_" + name + ".js";
        app.db().write(c -> {
            app.migrations().markApplied(file);
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve(file), text);
            } catch (IOException ex) {
                throw new UncheckedIOException("failed to write the migration file " + dir.resolve(file), ex);
            }
            return null;
        });
    }
}
