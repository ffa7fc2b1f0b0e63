package dev.coffer.bench;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import tools.jackson.databind.node.ObjectNode;

/** An {@link App} over a fresh SQLite data directory in the temp dir, deleted again on {@link #close()}. */
final class BenchApp implements AutoCloseable {

    final Path dir;
    final App app;

    private BenchApp(Path dir, App app) {
        this.dir = dir;
        this.app = app;
    }

    static BenchApp open() {
        Path dir;
        try {
            dir = Files.createTempDirectory("coffer-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new BenchApp(dir, App.open(AppConfig.of(dir)));
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** Creates a collection from its JSON, as the collections API does. */
    Collection createCollection(String json) {
        return new CollectionService(app).create((ObjectNode) Json.parse(json));
    }

    @Override
    public void close() {
        try {
            app.close();
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
