package dev.coffer.testkit;

import dev.coffer.Coffer;
import dev.coffer.CofferConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A Coffer instance on a fresh copy of PocketBase's test fixture (or an empty data directory), listening on
 * a free loopback port; closing it stops the server and deletes the copy.
 */
public final class TestApp implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final Path dir;
    private final Coffer coffer;
    /** The server database URL the app runs on, {@code ""} for SQLite files in {@link #dir}. */
    private final String database;
    /** Whether closing deletes the data directory and drops the database (they were made for this app). */
    private final boolean owned;

    private TestApp(Path dir, UnaryOperator<CofferConfig> config, Consumer<Coffer> setup, String database) {
        this(dir, config, setup, database, true);
    }

    private TestApp(Path dir, UnaryOperator<CofferConfig> config, Consumer<Coffer> setup, String database,
            boolean owned) {
        this.dir = dir;
        this.database = database;
        this.owned = owned;
        Coffer c = Coffer.create(config.apply(CofferConfig.of(dir).withGracefulStop(0)));
        try {
            setup.accept(c);
            c.start();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        this.coffer = c;
    }

    /**
     * The root of the Coffer checkout: the nearest directory, from the working directory upwards, holding
     * {@code fixtures/pocketbase-testdata/data.db} (tests run from a module directory or from the root).
     */
    public static Path repositoryDir() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("fixtures").resolve("pocketbase-testdata").resolve("data.db"))) {
                return p;
            }
        }
        throw new IllegalStateException("no fixtures/pocketbase-testdata/data.db in " + start + " or its parents");
    }

    /** PocketBase's API-test data directory, {@code fixtures/pocketbase-testdata} (copied, never changed). */
    public static Path fixtureDir() {
        return repositoryDir().resolve("fixtures").resolve("pocketbase-testdata");
    }

    /** Starts an app on a fresh copy of the fixture. */
    public static TestApp fromFixture() {
        return fromFixture(c -> {});
    }

    /** Starts an app on a fresh copy of the fixture, letting {@code setup} bind hooks and routes first. */
    public static TestApp fromFixture(Consumer<Coffer> setup) {
        return fromFixture(UnaryOperator.identity(), setup);
    }

    /** Starts an app on a fresh copy of the fixture with a changed config ({@code withGzip(true)}, say). */
    public static TestApp fromFixture(UnaryOperator<CofferConfig> config, Consumer<Coffer> setup) {
        Path dir = tempDir();
        copyTree(fixtureDir(), dir);
        if (!TestDatabases.onServer()) {
            return new TestApp(dir, config, setup, "");
        }
        deleteQuietly(dir.resolve("data.db"));
        deleteQuietly(dir.resolve("auxiliary.db"));
        return onServer(dir, TestDatabases.fromFixture(), config, setup);
    }

    /** Starts an app on a new, empty data directory. */
    public static TestApp empty() {
        Path dir = tempDir();
        if (!TestDatabases.onServer()) {
            return new TestApp(dir, UnaryOperator.identity(), c -> {}, "");
        }
        return onServer(dir, TestDatabases.empty(), UnaryOperator.identity(), c -> {});
    }

    /**
     * Starts an app on an existing data directory and, unless {@code database} is {@code ""}, on that database
     * server; closing it stops the server and leaves both as they are.
     */
    public static TestApp on(Path dir, String database) {
        return new TestApp(dir, c -> c.withDatabase(database), c -> {}, database, false);
    }

    private static TestApp onServer(Path dir, String url, UnaryOperator<CofferConfig> config, Consumer<Coffer> setup) {
        try {
            return new TestApp(dir, c -> config.apply(c.withDatabase(url)), setup, url);
        } catch (RuntimeException e) {
            TestDatabases.dropUrl(url);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the app opens the server database anyway
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("coffer-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory tree (skipping SQLite's -wal/-shm side files). */
    public static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    String name = f.getFileName().toString();
                    if (!name.endsWith("-wal") && !name.endsWith("-shm")) {
                        Files.copy(f, to.resolve(from.relativize(f).toString()), StandardCopyOption.REPLACE_EXISTING);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running Coffer. */
    public Coffer coffer() {
        return coffer;
    }

    /** The data directory copy. */
    public Path dir() {
        return dir;
    }

    /** The base URL, such as {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return coffer.baseUrl();
    }

    /**
     * Sends a request and returns the response; {@code body} may be null.
     *
     * @param headers extra headers; {@code content-type: application/json} is sent unless overridden
     */
    public HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20));
        boolean hasType = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"));
        if (!hasType) {
            b.header("content-type", "application/json");
        }
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("host") && !k.equalsIgnoreCase("content-length")) {
                b.header(k, v.trim());
            }
        });
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server and deletes the data directory copy. */
    @Override
    public void close() {
        try {
            coffer.close();
        } finally {
            if (owned) {
                deleteTree(dir);
                if (!database.isEmpty()) {
                    TestDatabases.dropUrl(database);
                }
            }
        }
    }

    /** Deletes a directory tree, ignoring failures. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
