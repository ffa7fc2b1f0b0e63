package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.db.SqliteDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A filtered, sorted page of a plain table and its count, run on SQLite. */
class PagedQueryTest {

    static Connection db;
    static final SimpleFieldResolver RESOLVER = SimpleFieldResolver.of(SqliteDialect.INSTANCE, "id", "name", "system");

    @BeforeAll
    static void createTable() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE c (id TEXT PRIMARY KEY, name TEXT, system INTEGER, secret TEXT)");
            s.execute("INSERT INTO c VALUES ('a', 'users', 0, 'x'), ('b', '_mfas', 1, 'x'), ('c', 'posts', 0, 'x'),"
                    + " ('d', '_otps', 1, 'x'), ('e', 'tags', 0, 'x')");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    private static List<String> run(SqlExpression q) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(q.sql())) {
            q.bindTo(ps, 1);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    @Test
    void pagesAFilteredSortedTableAndCountsIt() throws SQLException {
        PagedQuery q = PagedQuery.build(SqliteDialect.INSTANCE, "c", "\"id\"", RESOLVER, "system = false", "-name", 2, 2);
        assertThat(run(q.select())).containsExactly("c"); // users, tags | posts
        assertThat(run(q.count())).containsExactly("3");
        assertThat(q.select().params()).endsWith(2, 2L); // LIMIT and OFFSET are bound
    }

    @Test
    void noFilterOrSortListsInStorageOrder() throws SQLException {
        PagedQuery q = PagedQuery.build(SqliteDialect.INSTANCE, "c", "\"id\"", RESOLVER, "", "", 1, 3);
        assertThat(run(q.select())).containsExactly("a", "b", "c");
        assertThat(run(q.count())).containsExactly("5");
    }

    @Test
    void refusesNamesTheResolverDoesNotKnow() {
        assertThatThrownBy(() -> PagedQuery.build(SqliteDialect.INSTANCE, "c", "\"id\"", RESOLVER, "secret = 'x'", "", 1, 3))
                .isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> PagedQuery.build(SqliteDialect.INSTANCE, "c", "\"id\"", RESOLVER, "", "secret", 1, 3))
                .isInstanceOf(FilterException.class);
    }
}
