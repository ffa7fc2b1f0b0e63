package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
                cases.add(new DialectCases.Case(pair.get(0) + op + pair.get(1), d -> "("
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
