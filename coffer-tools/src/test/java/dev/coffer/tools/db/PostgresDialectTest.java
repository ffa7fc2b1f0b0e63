package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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

    private static final String TABLE = "CREATE TABLE `t` (`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,"
            + " `txt` TEXT DEFAULT '' NOT NULL, `num` NUMERIC DEFAULT 0 NOT NULL, `flag` BOOLEAN DEFAULT FALSE NOT NULL,"
            + " `js` JSON DEFAULT NULL, `arr` JSON DEFAULT '[]' NOT NULL, `day` TEXT DEFAULT '' NOT NULL)";

    private static final Object[][] ROWS = {
        {"a", "Hello World", 5, 1, "{\"a\":1,\"b\":{\"c\":\"x\"},\"l\":[1,2]}", "[\"x\",\"y\"]", "2024-01-15 10:20:30.123Z"},
        {"b", "héllo", -2.5, 0, "[3,4]", "[]", "2023-12-31 23:59:59.999Z"},
        {"c", "", 0, 0, null, "not json", ""},
        {"d", "50%_off", 1e10, 1, "\"str\"", "[1,\"1\",true]", "2024-02-29"},
        {"e", "ABC", 3, 0, "{\"a\":null,\"t\":true}", "x", "2024-03-10T08:00:00Z"},
    };

    @BeforeAll
    static void setUp() throws Exception {
        scratch = TestServers.postgres();
        Path file = Files.createTempFile(tmp, "dialect", ".db");
        sqlite = Database.openSqlite(file, 1);
        sqlite.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(TABLE);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Object[] row : ROWS) {
                    for (int i = 0; i < row.length; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
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

    /** An expression over table {@code t} built by a dialect, with its bound parameters. */
    private record Case(String name, Function<Dialect, String> expression, List<Object> params) {
        Case(String name, Function<Dialect, String> expression) {
            this(name, expression, List.of());
        }
    }

    private static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String path : List.of("$.a", "$.b.c", "$.b", "$.l[1]", "$[0]", "$", "$.t", "$.missing")) {
            out.add(new Case("jsonPathValue js " + path, d -> d.jsonPathValue(d.quote("js"), path)));
        }
        out.add(new Case("jsonPathValue txt $", d -> d.jsonPathValue(d.quote("txt"), "$")));
        out.add(new Case("jsonExtract js $.a", d -> d.jsonExtract(d.quote("js"), "$.a")));
        out.add(new Case("jsonArrayLength arr", d -> d.jsonArrayLength(d.quote("arr"))));
        out.add(new Case("jsonItemCount arr", d -> d.jsonItemCount(d.quote("arr"))));
        out.add(new Case("jsonItemCount txt", d -> d.jsonItemCount(d.quote("txt"))));
        out.add(new Case("jsonEach count arr", d -> "(SELECT count(*) FROM " + d.jsonEach(d.quote("arr")) + " "
                + d.quote("je") + ")"));
        out.add(new Case("jsonEach max value arr", d -> "(SELECT max(" + d.jsonEachValue("je") + ") FROM "
                + d.jsonEach(d.quote("arr")) + " " + d.quote("je") + ")"));
        out.add(new Case("jsonArrayContains arr x", d -> d.jsonArrayContains(d.quote("arr")), List.of("x")));
        out.add(new Case("jsonArrayContains arr 1", d -> d.jsonArrayContains(d.quote("arr")), List.of("1")));
        for (String pattern : List.of("%hello%", "%WORLD%", "%\\%\\_%", "a%", "%é%", "%É%")) {
            out.add(new Case("like txt " + pattern, d -> d.like(d.quote("txt"), "?", false), List.of(pattern)));
        }
        out.add(new Case("not like txt %l%", d -> d.like(d.quote("txt"), "?", true), List.of("%l%")));
        out.add(new Case("like num %5%", d -> d.like(d.quote("num"), "?", false), List.of("%5%")));
        out.add(new Case("concat", d -> d.concat(List.of("'<'", d.quote("txt"), "?", "'>'")), List.of("!")));
        out.add(new Case("null-safe equal", d -> d.nullSafeEqual(d.quote("js"), "?"), java.util.Arrays.asList((Object) null)));
        out.add(new Case("null-safe not equal", d -> d.nullSafeNotEqual(d.quote("txt"), "?"), List.of("")));
        out.add(new Case("geo distance", d -> "round(" + d.geoDistanceKm("'13.4'", "'52.5'", "'2.35'", "'48.85'") + ")"));
        out.add(new Case("geo distance same point", d -> d.geoDistanceKm("'13.4'", "'52.5'", "'13.4'", "'52.5'")));
        List<List<String>> strftime = List.of(
                List.of("'%Y-%m-%d'", "day"), List.of("'%H:%M:%S'", "day"), List.of("'%Y-%m-%d %H:%M:%f'", "day"),
                List.of("'%j %w %u'", "day"), List.of("'%s'", "day"), List.of("'%W %U'", "day"),
                List.of("'%Y-%m'", "day", "'start of month'", "'+1 month'"),
                List.of("'%Y-%m-%d %H'", "day", "'+2 days'", "'-3 hours'"), List.of("'%Y-%m-%d'", "day", "'start of year'"),
                List.of("'%Y-%m-%d'", "day", "'weekday 0'"), List.of("'%d/%m'", "'2020-02-03 04:05:06'"),
                List.of("'%Y'", "'garbage'"), List.of("'%Y-%m-%d %H:%M:%S'", "'1700000000'", "'unixepoch'"));
        for (List<String> args : strftime) {
            out.add(new Case("strftime " + args, d -> d.strftime(args.stream().map(a -> a.startsWith("'") ? a : d.quote(a))
                    .toList())));
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> expressionsGiveTheSameAnswersAsOnSqlite() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<String> expected = answers(sqlite, c);
            List<String> actual = answers(postgres, c);
            assertThat(actual).as(c.name() + " on PostgreSQL (" + c.expression().apply(postgres.dialect()) + ")")
                    .isEqualTo(expected);
        }));
    }

    private static List<String> answers(Database db, Case c) {
        String sql = "SELECT " + db.dialect().quote("id") + ", " + c.expression().apply(db.dialect()) + " FROM "
                + db.dialect().quote("t") + " ORDER BY " + db.dialect().quote("id");
        return db.read(conn -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                for (int i = 0; i < c.params().size(); i++) {
                    ps.setObject(i + 1, c.params().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + "=" + normalize(rs.getObject(2)));
                    }
                }
            }
            return out;
        });
    }

    /** Booleans as 1/0 and whole doubles without a fraction, as SQLite gives them. */
    private static String normalize(Object value) {
        return switch (value) {
            case null -> "NULL";
            case Boolean b -> b ? "1" : "0";
            case Number n when n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e15 ->
                    String.valueOf(n.longValue());
            default -> value.toString();
        };
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
