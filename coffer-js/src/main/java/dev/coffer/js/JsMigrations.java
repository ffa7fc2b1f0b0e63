package dev.coffer.js;

import dev.coffer.core.App;
import dev.coffer.core.migrations.Migration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * PocketBase's JavaScript migrations: the {@code *.js} files of a folder ({@code pb_migrations}), each calling
 * {@code migrate(up, down)}, become migrations of the app named by their file names, so they run in PocketBase's
 * order and are recorded as PocketBase records them. A file is read and run when its migration runs, in a context of
 * its own.
 */
public final class JsMigrations {

    private JsMigrations() {}

    /** Adds the files of {@code dir} (read each time the app lists its migrations; a missing folder has none). */
    public static void install(App app, Path dir) {
        app.migrations().addSource(() -> files(dir).stream().map(f -> (Migration) new FileMigration(f)).toList());
    }

    /**
     * Writes a migration file to {@code dir} for each collection declared in code that the database doesn't match
     * ({@code <unix time>_created_<name>.js} or {@code _updated_<name>.js}, as automigrate names them); they are
     * pending until applied. Returns the files written.
     */
    public static List<Path> writeDeclared(App app, Path dir) throws IOException {
        List<Path> written = new java.util.ArrayList<>();
        for (var change : app.migrations().declaredChanges()) {
            String text = change.action().equals("created") ? JsMigrationTemplates.create(change.after())
                    : JsMigrationTemplates.update(change.before(), change.after()).orElse(null);
            if (text == null) {
                continue;
            }
            Path file = newFile(dir, change.action() + "_" + change.name());
            Files.createDirectories(dir);
            Files.writeString(file, text);
            written.add(file);
        }
        return written;
    }

    /**
     * The path of a new migration file {@code <unix time>_<action>.js} in {@code dir} (an action ending in "test" gets
     * a {@code _}, as PocketBase names them). Its time is now, or one second after the newest file of the folder when
     * that is as late, so names keep the order in which files are made however fast they come (PocketBase would give
     * two files of one second the same time, and two changes of one collection the same name).
     */
    public static synchronized Path newFile(Path dir, String action) {
        String name = action.toLowerCase(java.util.Locale.ROOT).endsWith("test") ? action + "_" : action;
        long newest = files(dir).stream().mapToLong(JsMigrations::time).max().orElse(0);
        return dir.resolve(Math.max(java.time.Instant.now().getEpochSecond(), newest + 1) + "_" + name + ".js");
    }

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

    /** The migration files of a folder in order: {@code *.js} files directly in it. */
    public static List<Path> files(Path dir) {
        return JsRuntime.scripts(dir, ".js");
    }

    private record FileMigration(Path path) implements Migration {

        @Override
        public String file() {
            return path.getFileName().toString();
        }

        @Override
        public void up(App app) throws IOException {
            run(app, "up");
        }

        @Override
        public void down(App app) throws IOException {
            run(app, "down");
        }

        private void run(App app, String direction) throws IOException {
            Source source = Source.newBuilder("js", path.toFile()).name(file()).build();
            try (Context context = JsRuntime.newContext(app)) {
                context.eval(source);
                context.getBindings("js").getMember("__coffer").invokeMember("run", direction);
            } catch (PolyglotException e) {
                if (e.isHostException() && e.asHostException() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException(JsRuntime.describe(e), e);
            }
        }
    }
}
