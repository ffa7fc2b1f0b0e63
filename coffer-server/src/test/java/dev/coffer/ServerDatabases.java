package dev.coffer;

import static org.assertj.core.api.Assertions.fail;

import dev.coffer.tools.db.DatabaseUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases on a server for tests that run Coffer's jar on it: each {@link #create()} makes a database with a
 * unique name and returns its URL, {@link #drop} removes it. Without the server the test is skipped, or fails
 * when {@code COFFER_REQUIRE_SERVICES=1}.
 */
final class ServerDatabases {

    private final DatabaseUrl admin;
    private final boolean postgres;

    private ServerDatabases(DatabaseUrl admin) {
        this.admin = admin;
        this.postgres = admin.engine() == DatabaseUrl.Engine.POSTGRES;
    }

    /** The local PostgreSQL server ({@code COFFER_TEST_POSTGRES_URL}, default {@code postgres://postgres@127.0.0.1:5432/postgres}). */
    static ServerDatabases postgres(String test) {
        return reach(test, DatabaseUrl.parse(System.getenv().getOrDefault("COFFER_TEST_POSTGRES_URL",
                "postgres://postgres@127.0.0.1:5432/postgres")));
    }

    /** The local MariaDB server ({@code COFFER_TEST_MARIADB_URL}, default {@code mysql://root@127.0.0.1:3306/mysql}). */
    static ServerDatabases mariadb(String test) {
        return reach(test, DatabaseUrl.parse(System.getenv().getOrDefault("COFFER_TEST_MARIADB_URL",
                "mysql://root@127.0.0.1:3306/mysql")));
    }

    private static ServerDatabases reach(String test, DatabaseUrl admin) {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password())) {
            c.isValid(2);
        } catch (SQLException e) {
            String message = test + " on " + admin.engine() + ": " + admin + " is unreachable (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
                fail(message + "; COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping");
            }
            System.out.println(message + "; skipped");
            Assumptions.abort(message);
        }
        return new ServerDatabases(admin);
    }

    /** A new empty database; its URL. */
    String create() {
        String name = "coffer_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name + (postgres ? "" : " CHARACTER SET utf8mb4"));
        return admin.withDatabase(name).toUrl();
    }

    /** Drops the database of a URL {@link #create()} returned. */
    void drop(String url) {
        execute("DROP DATABASE IF EXISTS " + DatabaseUrl.parse(url).database() + (postgres ? " WITH (FORCE)" : ""));
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + admin + ": " + e.getMessage(), e);
        }
    }
}
