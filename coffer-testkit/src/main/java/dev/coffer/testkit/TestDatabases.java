package dev.coffer.testkit;

import dev.coffer.core.DataCopy;
import dev.coffer.tools.db.DatabaseUrl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The database server the tests run their apps on, chosen by the environment variable {@code COFFER_TEST_DB}:
 * unset or {@code sqlite} for SQLite files in each test's data directory, {@code postgres} for a PostgreSQL
 * database per app ({@code COFFER_TEST_POSTGRES_URL}, default {@code postgres://postgres@127.0.0.1:5432/postgres},
 * names the server and the database to administer it from), {@code mariadb} (or {@code mysql}) for a MariaDB
 * database per app ({@code COFFER_TEST_MARIADB_URL}, default {@code mysql://root@127.0.0.1:3306/mysql}).
 *
 * <p>Each app gets a database of its own with a unique name, made from a template that holds the PocketBase
 * fixture (copied into it once per test run with {@code coffer db copy}'s code), and dropped when the app closes;
 * the template is dropped when the JVM exits. PostgreSQL copies the template database itself; MariaDB, which has
 * no template databases, copies its tables (rows in their insertion order) and views.
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

    /** The engine the tests run on: {@code sqlite}, {@code postgres} or {@code mariadb}. */
    public static String kind() {
        return KIND;
    }

    private static boolean mariadb() {
        return KIND.equals("mariadb") || KIND.equals("mysql");
    }

    private static DatabaseUrl admin() {
        return admin(KIND);
    }

    private static DatabaseUrl admin(String kind) {
        return switch (kind) {
            case "postgres" -> DatabaseUrl.parse(System.getenv().getOrDefault("COFFER_TEST_POSTGRES_URL",
                    "postgres://postgres@127.0.0.1:5432/postgres"));
            case "mariadb", "mysql" -> DatabaseUrl.parse(System.getenv().getOrDefault("COFFER_TEST_MARIADB_URL",
                    "mysql://root@127.0.0.1:3306/mysql"));
            default -> throw new IllegalStateException("COFFER_TEST_DB must be sqlite, postgres or mariadb, not " + kind);
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
            execute("CREATE DATABASE " + name + (mariadb() ? " CHARACTER SET utf8mb4" : ""));
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
        if (mariadb()) {
            copyMariadb(template, name);
        } else {
            execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        }
        return url(name);
    }

    /**
     * Makes a MariaDB database holding a copy of another one's tables (with their indexes, invisible columns and
     * rows in insertion order) and views.
     */
    private static void copyMariadb(String from, String to) {
        DatabaseUrl admin = admin();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + to + "` CHARACTER SET utf8mb4");
            try {
                List<String> tables = strings(s, "SELECT table_name FROM information_schema.tables WHERE table_schema = '"
                        + from + "' AND table_type = 'BASE TABLE'");
                for (String table : tables) {
                    s.execute("CREATE TABLE `" + to + "`.`" + table + "` LIKE `" + from + "`.`" + table + "`");
                    List<String> columns = strings(s, "SELECT CONCAT('`', column_name, '`') FROM information_schema.columns"
                            + " WHERE table_schema = '" + from + "' AND table_name = '" + table + "'"
                            + " AND is_generated = 'NEVER' ORDER BY ordinal_position");
                    String list = String.join(", ", columns);
                    s.execute("INSERT INTO `" + to + "`.`" + table + "` (" + list + ") SELECT " + list + " FROM `" + from
                            + "`.`" + table + "`");
                }
                List<String[]> views = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT table_name, view_definition FROM information_schema.views"
                        + " WHERE table_schema = '" + from + "'")) {
                    while (rs.next()) {
                        views.add(new String[] {rs.getString(1), rs.getString(2).replace("`" + from + "`.", "`" + to + "`.")});
                    }
                }
                // a view reading another one needs it first: retry those that failed until none is left
                while (!views.isEmpty()) {
                    List<String[]> failed = new ArrayList<>();
                    SQLException last = null;
                    for (String[] view : views) {
                        try {
                            s.execute("CREATE VIEW `" + to + "`.`" + view[0] + "` AS " + view[1]);
                        } catch (SQLException e) {
                            failed.add(view);
                            last = e;
                        }
                    }
                    if (failed.size() == views.size()) {
                        throw last;
                    }
                    views = failed;
                }
            } catch (SQLException e) {
                s.execute("DROP DATABASE IF EXISTS `" + to + "`");
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy database " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
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
        boolean mariadb = kind.equals("mariadb") || kind.equals("mysql");
        execute(admin(kind), "CREATE DATABASE " + name + (mariadb ? " CHARACTER SET utf8mb4" : ""));
        return admin(kind).withDatabase(name).toUrl();
    }

    /** Drops the database of an app's URL, ending its connections. */
    public static void dropUrl(String url) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        boolean postgres = parsed.engine() == DatabaseUrl.Engine.POSTGRES;
        execute(admin(postgres ? "postgres" : "mariadb"), "DROP DATABASE IF EXISTS " + parsed.database()
                + (postgres ? " WITH (FORCE)" : ""));
    }

    private static void drop(String name) {
        execute("DROP DATABASE IF EXISTS " + name + (mariadb() ? "" : " WITH (FORCE)"));
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
