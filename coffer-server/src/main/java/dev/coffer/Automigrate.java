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
     * Records the file as applied and writes it (the record is undone when the file can't be written), named by
     * {@link JsMigrations#newFile}.
     */
    private static synchronized void write(App app, Path dir, String action, String text) {
        Path path = JsMigrations.newFile(dir, action);
        app.db().write(c -> {
            app.migrations().markApplied(path.getFileName().toString());
            try {
                Files.createDirectories(dir);
                Files.writeString(path, text);
            } catch (IOException ex) {
                throw new UncheckedIOException("failed to write the migration file " + path, ex);
            }
            return null;
        });
    }
}
