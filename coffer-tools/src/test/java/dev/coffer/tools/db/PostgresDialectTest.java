package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL dialect gives the answers the SQLite dialect gives: each expression is built by both dialects
 * over the same rows (copied from SQLite to PostgreSQL with {@link TableCopy}) and the results are compared.
 */
class PostgresDialectTest {

    @TempDir
    static Path tmp;

    private static TestServers.Scratch scratch;
    private static Database sqlite;
    private static Database postgres;

    @BeforeAll
    static void setUp() throws Exception {
        scratch = TestServers.postgres();
        sqlite = DialectCases.sqlite(tmp);
        postgres = Database.open(scratch.url(), "test", 2);
        TableCopy.copy(sqlite, postgres, List.of("t"), line -> {});
    }

    @AfterAll
    static void tearDown() {
        if (sqlite != null) {
            sqlite.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> expressionsGiveTheSameAnswersAsOnSqlite() {
        return Stream.concat(DialectCases.cases().stream(), DialectCases.comparisons().stream())
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    List<String> expected = DialectCases.answers(sqlite, c);
                    List<String> actual = DialectCases.answers(postgres, c);
                    assertThat(actual).as(c.name() + " on PostgreSQL (" + c.expression().apply(postgres.dialect()) + ")")
                            .isEqualTo(expected);
                }));
    }

    /**
     * Comparisons {@link DialectCases#comparisons()} leaves out because MariaDB can't tell them apart, which PostgreSQL
     * can, knowing each operand's type: a number or boolean column against text that doesn't spell a number (the
     * number sorts first), and text columns against number and boolean columns (compared as numbers where the text
     * spells one).
     */
    @TestFactory
    Stream<DynamicTest> comparisonsOfTypedColumnsGiveTheSameAnswersAsOnSqlite() {
        List<DialectCases.Case> cases = new java.util.ArrayList<>();
        for (String column : List.of("num", "flag")) {
            for (String value : List.of("abc", "", "ABC", " 5 ", "1e3", "-")) {
                for (String op : List.of(" = ", " > ", " < ", " >= ")) {
                    cases.add(new DialectCases.Case(column + op + "'" + value + "'",
                            d -> "(" + d.comparable(d.quote(column), SqlType.ANY, SqlType.TEXT) + op
                                    + d.comparable("?", SqlType.TEXT, SqlType.ANY) + ")", List.of(value)));
                    cases.add(new DialectCases.Case("'" + value + "'" + op + column,
                            d -> "(" + d.comparable("?", SqlType.TEXT, SqlType.ANY) + op
                                    + d.comparable(d.quote(column), SqlType.ANY, SqlType.TEXT) + ")", List.of(value)));
                }
            }
        }
        for (List<String> pair : List.of(List.of("txt", "num"), List.of("num", "txt"), List.of("txt", "flag"),
                List.of("day", "num"), List.of("num", "flag"), List.of("flag", "num"))) {
            for (String op : List.of(" = ", " > ", " < ")) {
                cases.add(DialectCases.Case.of(pair.get(0) + op + pair.get(1), d -> "("
                        + d.comparable(d.quote(pair.get(0)), SqlType.ANY, SqlType.ANY) + op
                        + d.comparable(d.quote(pair.get(1)), SqlType.ANY, SqlType.ANY) + ")"));
            }
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> assertThat(DialectCases.answers(postgres, c))
                .as(c.name() + " on PostgreSQL (" + c.expression().apply(postgres.dialect()) + ")")
                .isEqualTo(DialectCases.answers(sqlite, c))));
    }

    @Test
    void copiedRowsKeepTheirValues() {
        Map<String, Object> first = postgres.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t WHERE id = 'a'")) {
                rs.next();
                return Map.of("num", rs.getObject("num"), "flag", rs.getObject("flag"), "js", rs.getObject("js"));
            }
        });
        assertThat(first).containsEntry("num", 5.0).containsEntry("flag", true)
                .containsEntry("js", "{\"a\":1,\"b\":{\"c\":\"x\"},\"l\":[1,2]}");
    }

    @Test
    void rowidKeepsInsertionOrderWhenRowsAreUpdated() {
        // an update writes a new row version, which PostgreSQL's physical order (ctid) puts last
        exec("UPDATE t SET txt = txt WHERE id = 'a'", "UPDATE t SET num = num WHERE id = 'b'");
        assertThat(ids("SELECT id FROM t ORDER BY " + postgres.dialect().rowid(null))).containsExactly("a", "b", "c", "d", "e");
        assertThat(ids("SELECT id FROM t ORDER BY " + postgres.dialect().rowid("t") + " DESC"))
                .containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    void rowidSortsADistinctListOfWholeRows() {
        // the query of a records list whose filter joins other rows: SELECT DISTINCT t.* ... ORDER BY the row id
        Dialect d = postgres.dialect();
        String sql = "SELECT DISTINCT " + d.quote("t") + ".* FROM " + d.quote("t") + " JOIN " + d.quote("t") + " "
                + d.quote("u") + " ON " + d.quote("u") + ".num <= " + d.quote("t") + ".num ORDER BY " + d.rowid("t")
                + " DESC";
        assertThat(ids(sql)).containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    void rowidStaysOutOfTheCatalogAndOfRawQueries() throws Exception {
        TableDefinition original = sqlite.read(c -> Catalog.of(sqlite.dialect()).table(c, "t"));
        TableDefinition onServer = postgres.read(c -> Catalog.of(postgres.dialect()).table(c, "t"));
        assertThat(onServer).isEqualTo(original);
        List<String> columns = postgres.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(postgres.dialect().ddl().columnsQuery())) {
                ps.setString(1, "t");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString("name"));
                    }
                }
            }
            return out;
        });
        assertThat(columns).containsExactly("id", "txt", "num", "flag", "js", "arr", "day");
        RawQuery.Result star = RawQuery.run(postgres, "SELECT * FROM t ORDER BY id", 10);
        assertThat(star.columns()).extracting(RawQuery.Column::name)
                .containsExactlyElementsOf(RawQuery.run(sqlite, "SELECT * FROM t ORDER BY id", 10).columns().stream()
                        .map(RawQuery.Column::name).toList());
        assertThat(star.rows()).allSatisfy(row -> assertThat(row).hasSize(7));
        RawQuery.Result named = RawQuery.run(postgres, "SELECT id, _rowid_ FROM t ORDER BY _rowid_", 10);
        assertThat(named.columns()).extracting(RawQuery.Column::name).containsExactly("id", "_rowid_");
    }

    @Test
    void tablesCopyBackToSqliteAsTheyWereInTheSameOrder() throws Exception {
        exec("UPDATE t SET day = day WHERE id IN ('a', 'c')");
        try (Database back = Database.openSqlite(tmp.resolve("back.db"), 1)) {
            TableCopy.copy(postgres, back, List.of("t"), line -> {});
            TableDefinition copied = back.read(c -> Catalog.of(back.dialect()).table(c, "t"));
            assertThat(copied).isEqualTo(sqlite.read(c -> Catalog.of(sqlite.dialect()).table(c, "t")));
            for (DialectCases.Case c : DialectCases.cases()) {
                assertThat(DialectCases.answers(back, c)).as(c.name()).isEqualTo(DialectCases.answers(sqlite, c));
            }
            List<String> order = back.read(c -> {
                List<String> out = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM t ORDER BY rowid")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(order).containsExactly("a", "b", "c", "d", "e");
        }
    }

    @Test
    void tablesMadeWithoutARowidGetOneInTheirRowOrderWhenTheDatabaseOpens() {
        // as a Coffer that sorted by PostgreSQL's physical row order made it
        exec("CREATE TABLE old_rows (id TEXT PRIMARY KEY)", "INSERT INTO old_rows VALUES ('x'), ('y'), ('z')");
        try (Database reopened = Database.open(scratch.url(), "test", 1)) {
            List<String> ids = reopened.read(c -> {
                List<String> out = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT id FROM old_rows ORDER BY " + reopened.dialect().rowid(null))) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(ids).containsExactly("x", "y", "z");
        } finally {
            exec("DROP TABLE old_rows");
        }
    }

    private static List<String> ids(String sql) {
        return postgres.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString("id"));
                }
            }
            return out;
        });
    }

    private static void exec(String... statements) {
        postgres.write(c -> {
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql);
                }
            }
            return null;
        });
    }

    @Test
    void indexesTranslateAndReadBack() throws SQLException {
        IndexDefinition nocase = IndexDefinition.parse("CREATE UNIQUE INDEX `idx_t_txt` ON `t` (`txt` COLLATE NOCASE)");
        IndexDefinition expression = IndexDefinition.parse(
                "CREATE INDEX `idx_t_day` ON `t` (strftime('%Y-%m-%d %H:00:00', `day`)) WHERE `num` > 0");
        IndexDefinition partial = IndexDefinition.parse("CREATE UNIQUE INDEX `idx_t_arr` ON `t` (`arr`) WHERE `arr` != '[]'");
        postgres.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(postgres.dialect().ddl().createIndex(nocase));
                s.execute(postgres.dialect().ddl().createIndex(expression));
                s.execute(postgres.dialect().ddl().createIndex(partial));
            }
            return null;
        });
        List<IndexDefinition> back = postgres.read(c -> Catalog.of(postgres.dialect()).indexes(c, "t"));
        assertThat(back).extracting(IndexDefinition::indexName).contains("idx_t_txt", "idx_t_day");
        IndexDefinition txt = back.stream().filter(i -> i.indexName().equals("idx_t_txt")).findFirst().orElseThrow();
        assertThat(txt.unique()).isTrue();
        assertThat(txt.columns()).containsExactly(new IndexDefinition.Column("txt", "NOCASE", ""));
        IndexDefinition day = back.stream().filter(i -> i.indexName().equals("idx_t_day")).findFirst().orElseThrow();
        assertThat(day.where()).isEqualTo("num > 0");
        assertThat(day.columns()).containsExactly(new IndexDefinition.Column("strftime('%Y-%m-%d %H:00:00', day)", "", ""));
        // what reads back builds an SQLite statement PocketBase's index parser reads again
        assertThat(IndexDefinition.parse(day.build())).isEqualTo(day.withName("", "idx_t_day"));
        IndexDefinition arr = back.stream().filter(i -> i.indexName().equals("idx_t_arr")).findFirst().orElseThrow();
        assertThat(arr.where()).isEqualTo("arr != '[]'");
        assertThat(IndexDefinition.parse(arr.build())).isEqualTo(arr);
        // the unique lower(txt) index rejects a case-only duplicate, as SQLite's NOCASE index does
        assertThat(uniqueViolation("abc")).contains("t.txt");
        postgres.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX idx_t_txt");
                s.execute("DROP INDEX idx_t_day");
                s.execute("DROP INDEX idx_t_arr");
            }
            return null;
        });
    }

    private static List<String> uniqueViolation(String text) {
        try {
            postgres.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, txt) VALUES ('z', ?)")) {
                    ps.setString(1, text);
                    ps.executeUpdate();
                }
                return null;
            });
            return List.of();
        } catch (DatabaseException e) {
            return postgres.dialect().uniqueViolation(e);
        }
    }
}
