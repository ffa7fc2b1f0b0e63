package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.db.SqliteDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs built filters against a real in-memory SQLite table to prove their results, not just their text. */
class SqliteFilterExecutionTest {

    static Connection db;

    @BeforeAll
    static void createTable() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, title TEXT, n NUMERIC, data JSON, tags JSON, email TEXT,"
                    + " visible INTEGER)");
            s.execute("INSERT INTO t VALUES"
                    + " ('r1', 'abc', 1, '{\"a\":1,\"items\":[{\"x\":\"y\"}]}', '[\"a\",\"b\"]', 'a@x', 1),"
                    + " ('r2', '', 0, 'null', '[]', '', 0),"
                    + " ('r3', NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " ('r4', 'a%b_c\\d', 5.5, '\"x\"', '[\"c\"]', 'hidden@x', 0),"
                    + " ('r5', 'ABC', 2, '{\"a\":2}', '[\"a\"]', NULL, 1),"
                    + " ('r6', '1', 3, '[]', '[\"a\",\"a\"]', 'six@x', 1)");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    /** The ids of the rows a filter selects, in id order. */
    static List<String> ids(String filter) throws SQLException {
        SqlExpression where = new FilterSqlBuilder(SqliteDialect.INSTANCE).build(Filter.parse(filter), new TestResolver());
        return select(where, "");
    }

    static List<String> select(SqlExpression where, String orderBy) throws SQLException {
        String sql = "SELECT DISTINCT \"t\".\"id\" " + TestResolver.FROM + " WHERE " + where.sql()
                + (orderBy.isEmpty() ? " ORDER BY \"t\".\"id\"" : " ORDER BY " + orderBy);
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            where.bindTo(ps, 1);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** A filter and the ids it must select. */
    record Case(String filter, String... ids) {}

    @TestFactory
    Stream<DynamicTest> selects() {
        String all = "r1 r2 r3 r4 r5 r6";
        return Stream.of(
                // NULL and empty text are equal for = and !=
                new Case("title = ''", "r2", "r3"),
                new Case("title = null", "r2", "r3"),
                new Case("'' = title", "r2", "r3"),
                new Case("title != ''", "r1", "r4", "r5", "r6"),
                new Case("title != null", "r1", "r4", "r5", "r6"),
                new Case("title != 'abc'", "r2", "r3", "r4", "r5", "r6"),
                new Case("title = email"), // email only matches where visible (the resolver's after-build step)
                new Case("title = email || visible = null", "r3"),
                new Case("n = null", "r3"),
                new Case("data = null", "r2", "r3"),
                new Case("data.a = 1", "r1"),
                new Case("data.items.0.x = 'y'", "r1"),
                // = is case-sensitive, ~ is ASCII case-insensitive "contains"
                new Case("title = 'abc'", "r1"),
                new Case("title ~ 'abc'", "r1", "r5"),
                new Case("title:lower = 'abc'", "r1", "r5"),
                new Case("title !~ 'abc'", "r2", "r4", "r6"),
                new Case("title ~ '_'", "r4"),
                new Case("title ~ 'a\\%b'", "r4"),
                new Case("title ~ 'c\\\\d'", "r4"),
                new Case("title ~ '%'", "r1", "r2", "r4", "r5", "r6"),
                new Case("title ~ 'A%'", "r1", "r4", "r5"),
                new Case("'xxabcxx' ~ title", "r1", "r2", "r5"),
                // numbers: a number column accepts quoted numbers, a text column is compared as text
                new Case("n = '1'", "r1"),
                new Case("n > 1", "r4", "r5", "r6"),
                new Case("n >= 2 && n < 5.5", "r5", "r6"),
                new Case("title = 1"),
                new Case("title = '1'", "r6"),
                new Case("n = true", "r1"),
                new Case("n = false", "r2"),
                // multi-valued operands: plain operators need all values, ? operators any
                new Case("tags:each ?= 'a'", "r1", "r5", "r6"),
                new Case("tags:each = 'a'", "r5", "r6"),
                new Case("tags:each != 'a'", "r2", "r3", "r4"),
                new Case("tags:each ?!= 'a'", "r1", "r2", "r3", "r4"),
                new Case("'a' = tags:each", "r5", "r6"),
                new Case("tags:each ~ 'A'", "r5", "r6"),
                new Case("tags:each ?~ 'B'", "r1"),
                new Case("tags:each = tags:each", "r2", "r3", "r4", "r5", "r6"),
                new Case("strftime('%Y', tags:each) = ''", all.split(" ")),
                new Case("tags ~ 'a'", "r1", "r5", "r6"),
                new Case("tags:length > 1", "r1", "r6"),
                // resolver constraints, functions, macros, precedence
                new Case("email ~ 'x'", "r1", "r6"),
                new Case("geoDistance(23.23033854945808, 42.713146090563384, 23.44920680886216, 42.7078484153991) > 17.88"
                        + " && geoDistance(23.23033854945808, 42.713146090563384, 23.44920680886216, 42.7078484153991)"
                        + " < 17.9", all.split(" ")),
                new Case("geoDistance(n, n, 1, 1) = null", "r3"),
                new Case("geoDistance(23.23033854945808, 42.71, 23.23033854945808, 42.71) = 0", all.split(" ")),
                new Case("strftime('%Y-%m', '2026-01-02 01:02:03.456Z', '+1 years', '+5 months') = '2027-06'",
                        all.split(" ")),
                new Case("strftime('%Y', title) = ''", "r1", "r2", "r3", "r4", "r5"), // '1' is a julian day number
                new Case("@now > '2000' && @year > 2000 && @todayStart < @todayEnd", all.split(" ")),
                new Case("title = 'abc' || n = 2 && title = 'ABC'", "r1", "r5"),
                new Case("(title = 'abc' || n = 2) && title = 'ABC'", "r5"),
                new Case("@request.auth.id = 'u1' && (id = 'r1' || id = 'r2')", "r1", "r2"))
                .map(c -> DynamicTest.dynamicTest(FilterLexerTest.displayName(c.filter()),
                        () -> assertThat(ids(c.filter())).containsExactly(c.ids())));
    }

    @Test
    void guestRequestValuesAreEmpty() throws SQLException {
        SqlExpression where = new FilterSqlBuilder(SqliteDialect.INSTANCE)
                .build(Filter.parse("@request.auth.id != '' || id = 'r1'"), new TestResolver(null));
        assertThat(select(where, "")).containsExactly("r1");
    }

    @Test
    void sortsThroughTheResolver() throws SQLException {
        SortSqlBuilder sorts = new SortSqlBuilder(SqliteDialect.INSTANCE);
        SqlExpression all = SqlExpression.of("1=1");
        assertThat(select(all, sorts.build(SortField.parseList("-n,id"), new TestResolver(), "t")))
                .containsExactly("r4", "r6", "r5", "r1", "r2", "r3");
        assertThat(select(all, sorts.build(SortField.parseList("-@rowid"), new TestResolver(), "t")))
                .containsExactly("r6", "r5", "r4", "r3", "r2", "r1");
        assertThat(select(all, sorts.build(SortField.parseList("@random"), new TestResolver(), "t"))).hasSize(6);
    }
}
