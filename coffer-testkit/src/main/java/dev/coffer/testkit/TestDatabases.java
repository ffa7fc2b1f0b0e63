package dev.coffer.testkit;

import dev.coffer.core.DataCopy;
import dev.coffer.tools.db.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The database server the tests run their apps on, chosen by the environment variable {@code COFFER_TEST_DB}:
 * unset or {@code sqlite} for SQLite files in each test's data directory, {@code postgres} for a PostgreSQL
 * database per app ({@code COFFER_TEST_POSTGRES_URL}, default {@code postgres://postgres@127.0.0.1:5432/postgres},
 * names the server and the database to administer it from).
 *
 * <p>Each app gets a database of its own with a unique name, made from a template that holds the PocketBase
 * fixture (copied into it once per test run with {@code coffer db copy}'s code), and dropped when the app closes;
 * the template is dropped when the JVM exits.
 */
public final class TestDatabases {

    private static final String KIND = System.getenv().getOrDefault("COFFER_TEST_DB", "sqlite").toLowerCase(Locale.ROOT);
    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static String template;

    private TestDatabases() {}

    /** Whether the apps run on a database server rather than on SQLite files. */
    public static boolean onServer() {
        return !KIND.equals("sqlite") && !KIND.isEmpty();
    }

    /** The engine the tests run on: {@code sqlite} or {@code postgres}. */
    public static String kind() {
        return KIND;
    }

    private static DatabaseUrl admin() {
        return admin(KIND);
    }

    private static DatabaseUrl admin(String kind) {
        return switch (kind) {
            case "postgres" -> DatabaseUrl.parse(System.getenv().getOrDefault("COFFER_TEST_POSTGRES_URL",
                    "postgres://postgres@127.0.0.1:5432/postgres"));
            default -> throw new IllegalStateException("COFFER_TEST_DB must be sqlite or postgres, not " + kind);
        };
    }

    private static final java.util.Map<String, Boolean> REACHABLE = new java.util.concurrent.ConcurrentHashMap<>();

    private static void requireServer() {
        requireServer(KIND);
    }

    /**
     * Checks the engine's server answers, once: without it the test is skipped (JUnit's assumption), or fails when
     * {@code COFFER_REQUIRE_SERVICES=1} (as in CI).
     */
    private static void requireServer(String kind) {
        boolean reachable = REACHABLE.computeIfAbsent(kind, k -> {
            DatabaseUrl admin = admin(k);
            try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
                return c.isValid(2);
            } catch (SQLException e) {
                System.out.println(k + ": " + admin + " is unreachable (" + e.getMessage() + ")");
                return false;
            }
        });
        if (!reachable) {
            String message = kind + " server " + admin(kind) + " is unreachable";
            if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
                throw new AssertionError(message + "; COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping");
            }
            Assumptions.abort(message + "; skipping");
        }
    }

    /** A new database holding the fixture; its URL. */
    public static synchronized String fromFixture() {
        requireServer();
        if (template == null) {
            String name = "coffer_tpl_" + RUN;
            execute("CREATE DATABASE " + name);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
            Path copy = tempCopyOfFixture();
            try {
                DataCopy.copy(copy.toString(), url(name), false, line -> {});
            } finally {
                TestApp.deleteTree(copy);
            }
            template = name;
        }
        String name = "coffer_t_" + RUN + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        return url(name);
    }

    /** A new empty database; its URL. */
    public static String empty() {
        return emptyOn(KIND);
    }

    /**
     * A new empty database on the server of an engine ({@code postgres}), whatever {@code COFFER_TEST_DB} says;
     * its URL (drop it with {@link #dropUrl}). Skips the test without the server, as {@link #fromFixture()}.
     */
    public static String emptyOn(String kind) {
        requireServer(kind);
        String name = "coffer_t_" + RUN + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute(admin(kind), "CREATE DATABASE " + name);
        return admin(kind).withDatabase(name).toUrl();
    }

    /** Drops the database of an app's URL, ending its connections. */
    public static void dropUrl(String url) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        String kind = parsed.engine() == DatabaseUrl.Engine.POSTGRES ? "postgres" : "mariadb";
        execute(admin(kind), "DROP DATABASE IF EXISTS " + parsed.database() + " WITH (FORCE)");
    }

    private static void drop(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String url(String name) {
        return admin().withDatabase(name).toUrl();
    }

    private static Path tempCopyOfFixture() {
        try {
            Path dir = Files.createTempDirectory("coffer-fixture-");
            TestApp.copyTree(TestApp.fixtureDir(), dir);
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void execute(String sql) {
        execute(admin(), sql);
    }

    private static void execute(DatabaseUrl admin, String sql) {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + " on " + admin + ": " + e.getMessage(), e);
        }
    }
}
