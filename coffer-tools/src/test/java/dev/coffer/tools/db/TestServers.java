package dev.coffer.tools.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The database servers of the machine for tests: a test that needs one gets a database of its own with a unique
 * name (dropped by {@link Scratch#close()}); without the server it is skipped, or fails when
 * {@code COFFER_REQUIRE_SERVICES=1} (as in CI).
 */
final class TestServers {

    private TestServers() {}

    /** A scratch database on a server. */
    record Scratch(DatabaseUrl admin, DatabaseUrl url) implements AutoCloseable {
        @Override
        public void close() {
            execute(admin, admin.engine() == DatabaseUrl.Engine.POSTGRES
                    ? "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)"
                    : "DROP DATABASE IF EXISTS " + url.database());
        }
    }

    /** A new PostgreSQL database ({@code COFFER_TEST_POSTGRES_URL}, default the local server as postgres). */
    static Scratch postgres() {
        return scratch("PostgreSQL", DatabaseUrl.parse(System.getenv().getOrDefault("COFFER_TEST_POSTGRES_URL",
                "postgres://postgres@127.0.0.1:5432/postgres")), "");
    }

    /**
     * A new MariaDB (or MySQL) database ({@code COFFER_TEST_MARIADB_URL}, default the local server as root), in
     * utf8mb4.
     */
    static Scratch mariadb() {
        return scratch("MariaDB", DatabaseUrl.parse(System.getenv().getOrDefault("COFFER_TEST_MARIADB_URL",
                "mysql://root@127.0.0.1:3306/mysql")), " CHARACTER SET utf8mb4");
    }

    private static Scratch scratch(String server, DatabaseUrl admin, String options) {
        try (Connection c = connect(admin)) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = server + " at " + admin + " is unreachable (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
                throw new AssertionError(message + "; COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping");
            }
            Assumptions.abort(message + "; skipping");
        }
        String name = "coffer_unit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(admin, "CREATE DATABASE " + name + options);
        return new Scratch(admin, admin.withDatabase(name));
    }

    private static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    private static void execute(DatabaseUrl admin, String sql) {
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
