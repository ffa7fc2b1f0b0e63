package dev.coffer.core.backup;

import dev.coffer.core.App;
import dev.coffer.tools.db.DatabasePause;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Replaces the content of a running app's data directory with another directory's while the app keeps its
 * databases objects: both databases are paused (work on them waits), the current content moves aside, the new
 * content moves in and the databases reopen on it. When anything fails, the old content is put back and the
 * app goes on with it.
 */
final class DataDirSwap {

    private DataDirSwap() {}

    /**
     * Moves the content of {@code incoming} into the data directory, the replaced content into {@code aside};
     * top-level names in {@code kept} stay where they are.
     */
    static void replace(App app, Path incoming, Path aside, Set<String> kept) throws IOException {
        Path dataDir = app.dataDir();
        try (DatabasePause data = app.db().pause()) {
            try (DatabasePause aux = app.auxDb().pause()) {
                moveContent(dataDir, aside, kept);
                try {
                    moveContent(incoming, dataDir, kept);
                    data.resume();
                    aux.resume();
                } catch (IOException | RuntimeException ex) {
                    data.suspend();
                    aux.suspend();
                    try {
                        moveContent(dataDir, incoming, kept);
                        moveContent(aside, dataDir, kept);
                    } catch (IOException revert) {
                        ex.addSuppressed(revert);
                    }
                    throw ex;
                }
            }
        }
        app.refresh();
    }

    /**
     * Moves the content of {@code incoming} into the data directory as {@link #replace} does, for an app whose
     * databases live on a server: instead of reopening files it runs {@code load} (which replaces the databases'
     * content in one transaction); when that fails the old files are put back.
     */
    static void replaceFiles(App app, Path incoming, Path aside, Set<String> kept, Runnable load) throws IOException {
        Path dataDir = app.dataDir();
        moveContent(dataDir, aside, kept);
        try {
            moveContent(incoming, dataDir, kept);
            load.run();
        } catch (IOException | RuntimeException ex) {
            try {
                moveContent(dataDir, incoming, kept);
                moveContent(aside, dataDir, kept);
            } catch (IOException revert) {
                ex.addSuppressed(revert);
            }
            throw ex;
        }
        app.refresh();
    }

    private static void moveContent(Path from, Path to, Set<String> kept) throws IOException {
        Files.createDirectories(to);
        List<Path> entries;
        try (Stream<Path> s = Files.list(from)) {
            entries = s.toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (!kept.contains(name)) {
                Files.move(entry, to.resolve(name));
            }
        }
    }
}
