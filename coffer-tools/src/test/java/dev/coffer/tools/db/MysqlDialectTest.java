package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * The MariaDB dialect gives the answers the SQLite dialect gives: each expression is built by both dialects over
 * the same rows (copied from SQLite to MariaDB with {@link TableCopy}) and the results are compared; tables,
 * indexes and rows copy back to SQLite as they were.
 */
class MysqlDialectTest {

    @TempDir
    static Path tmp;

    private static TestServers.Scratch scratch;
    private static Database sqlite;
    private static Database mariadb;

    @BeforeAll
    static void setUp() throws Exception {
        scratch = TestServers.mariadb();
        sqlite = DialectCases.sqlite(tmp);
        mariadb = Database.open(scratch.url(), "test", 2);
        TableCopy.copy(sqlite, mariadb, List.of("t"), line -> {});
    }

    @AfterAll
    static void tearDown() {
        if (sqlite != null) {
            sqlite.close();
        }
        if (mariadb != null) {
            mariadb.close();
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
                    List<String> actual = DialectCases.answers(mariadb, c);
                    assertThat(actual).as(c.name() + " on MariaDB (" + c.expression().apply(mariadb.dialect()) + ")")
                            .isEqualTo(expected);
                }));
    }

    @Test
    void jsonItemsReadAsOnSqlite() {
        for (String json : List.of("[{\"a\": 1, \"b\": [true]}, [1, 2], true, false, null, \"x\", \"true\", 1.5, -3]",
                "\"scalar\"", "{\"k\": \"v\"}", "[]", "not json", "")) {
            assertThat(items(mariadb, json)).as(json).isEqualTo(items(sqlite, json));
            // text probes: SQLite never finds text among numbers and booleans (1 != '1'), the server compares as text
            for (String probe : List.of("x", "true", "{\"a\":1,\"b\":[true]}", "scalar")) {
                assertThat(contains(mariadb, json, probe)).as(json + " contains " + probe)
                        .isEqualTo(contains(sqlite, json, probe));
            }
        }
    }

    private static List<String> items(Database db, String json) {
        Dialect d = db.dialect();
        String sql = "SELECT " + d.jsonEachValue("je") + " FROM " + d.jsonEach("'" + json.replace("'", "''") + "'")
                + " " + d.quote("je");
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(DialectCases.normalize(rs.getObject(1)));
                    }
                }
            }
            return out;
        });
    }

    private static boolean contains(Database db, String json, String probe) {
        Dialect d = db.dialect();
        String sql = "SELECT " + d.jsonArrayContains("'" + json.replace("'", "''") + "'");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, probe);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) == 1;
                }
            }
        });
    }

    @Test
    void copiedRowsKeepTheirValues() {
        Map<String, Object> first = mariadb.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM t WHERE id = 'a'")) {
                rs.next();
                return Map.of("num", rs.getObject("num"), "flag", rs.getObject("flag"), "js", rs.getObject("js"),
                        "columns", rs.getMetaData().getColumnCount());
            }
        });
        assertThat(first).containsEntry("num", 5.0).containsEntry("flag", true)
                .containsEntry("js", "{\"a\":1,\"b\":{\"c\":\"x\"},\"l\":[1,2]}")
                .containsEntry("columns", 7); // the invisible _rowid_ stays out of SELECT *
    }

    @Test
    void rowidKeepsInsertionOrder() {
        List<String> ids = mariadb.read(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY " + mariadb.dialect().rowid(null) + " DESC")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
        assertThat(ids).containsExactly("e", "d", "c", "b", "a");
    }

    @Test
    void textComparesByBytesAndKeepsTrailingSpaces() {
        List<Object> answers = mariadb.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT txt = 'abc', txt = 'ABC ', 'a' = 'A', ? = ?"
                    + " FROM t WHERE id = 'e'")) {
                ps.setString(1, "x");
                ps.setString(2, "X");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4));
                }
            }
        });
        assertThat(answers).containsExactly(0, 0, 0, 0);
    }

    @Test
    void indexesTranslateAndReadBack() throws SQLException {
        Ddl ddl = mariadb.dialect().ddl();
        IndexDefinition nocase = IndexDefinition.parse("CREATE UNIQUE INDEX `idx_t_txt` ON `t` (`txt` COLLATE NOCASE)");
        IndexDefinition partial = IndexDefinition.parse("CREATE UNIQUE INDEX `idx_t_day` ON `t` (`day`) WHERE `day` != ''");
        IndexDefinition expression = IndexDefinition.parse(
                "CREATE INDEX `idx_t_hour` ON `t` (strftime('%Y-%m-%d %H:00:00', `day`))");
        IndexDefinition plain = IndexDefinition.parse("CREATE INDEX `idx_t_txt_num` ON `t` (`txt`, `num` DESC)");
        exec(ddl.createIndex(nocase), ddl.createIndex(partial), ddl.createIndex(expression), ddl.createIndex(plain),
                ddl.createIndex(plain.ifNotExists()));
        List<IndexDefinition> back = mariadb.read(c -> Catalog.of(mariadb.dialect()).indexes(c, "t"));
        assertThat(back).extracting(IndexDefinition::build).containsExactlyInAnyOrder(nocase.build(), partial.build(),
                expression.build(), plain.build());
        // the unique LOWER(txt) index rejects a case-only duplicate, as SQLite's NOCASE index does
        assertThat(uniqueViolation("abc", "2000-01-01")).containsExactly("t.txt");
        // the partial index lets several rows have an empty day, but not the same day
        assertThat(uniqueViolation("new1", "")).isEmpty();
        assertThat(uniqueViolation("new2", "2024-02-29")).containsExactly("t.day");
        assertThat(uniqueViolation("new1", "")).containsExactly("t.id");
        assertThatThrownBy(() -> exec(ddl.createIndex(plain))).hasMessageContaining("already exists");
        exec(ddl.dropIndex("IDX_T_TXT"), ddl.dropIndex("idx_t_day"), ddl.dropIndex("idx_t_hour"),
                ddl.dropIndex("idx_t_txt_num"), ddl.dropIndex("idx_missing"), "DELETE FROM t WHERE id LIKE 'new%'");
        List<IndexDefinition> left = mariadb.read(c -> Catalog.of(mariadb.dialect()).indexes(c, "t"));
        assertThat(left).isEmpty();
        int columns = mariadb.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = 't'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertThat(columns).as("the generated columns went with their indexes").isEqualTo(8);
    }

    @Test
    void tablesCopyBackToSqliteAsTheyWere() throws Exception {
        TableDefinition original = sqlite.read(c -> Catalog.of(sqlite.dialect()).table(c, "t"));
        TableDefinition onServer = mariadb.read(c -> Catalog.of(mariadb.dialect()).table(c, "t"));
        assertThat(onServer).isEqualTo(original);
        try (Database back = Database.openSqlite(tmp.resolve("back.db"), 1)) {
            TableCopy.copy(mariadb, back, List.of("t"), line -> {});
            TableDefinition copied = back.read(c -> Catalog.of(back.dialect()).table(c, "t"));
            assertThat(copied).isEqualTo(original);
            for (DialectCases.Case c : DialectCases.cases()) {
                assertThat(DialectCases.answers(back, c)).as(c.name()).isEqualTo(DialectCases.answers(sqlite, c));
            }
        }
    }

    @Test
    void aFailedCopyDropsTheTablesItCreated() {
        exec("CREATE TABLE clash (a TEXT)");
        try (Database source = DialectCases.sqlite(tmp)) {
            source.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE first (a TEXT)");
                    s.execute("INSERT INTO first VALUES ('x')");
                    s.execute("CREATE TABLE clash (a TEXT)");
                }
                return null;
            });
            assertThatThrownBy(() -> TableCopy.copy(source, mariadb, List.of("first", "clash"), line -> {}))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("clash exists already");
            assertThat(TableCopy.tables(mariadb)).contains("clash").doesNotContain("first");
            int tables = mariadb.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*)"
                        + " FROM information_schema.tables WHERE table_schema = DATABASE()")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(tables).as("no shadow table is left").isEqualTo(2);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            exec("DROP TABLE clash");
        }
    }

    @Test
    void replacingEverythingInOneTransactionSwapsTheTablesInOrPutsThemBack() throws Exception {
        try (TestServers.Scratch other = TestServers.mariadb();
                Database target = Database.open(other.url(), "test", 3);
                Database next = DialectCases.sqlite(tmp)) {
            TableCopy.copy(sqlite, target, List.of("t"), line -> {});
            next.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE t SET txt = 'new'");
                    s.execute("CREATE TABLE extra (a TEXT)");
                }
                return null;
            });
            // a failure after the swap puts the old tables back
            assertThatThrownBy(() -> target.write(c -> {
                TableCopy.dropAll(target);
                TableCopy.copy(next, target, List.of("t", "extra"), line -> {});
                assertThat(texts(target, c)).containsOnly("new");
                throw new SQLException("fails after the copy");
            })).hasMessageContaining("fails after the copy");
            assertThat(TableCopy.tables(target)).containsExactly("t");
            List<String> kept = target.read(c -> texts(target, c));
            assertThat(kept).contains("Hello World").doesNotContain("new");

            // while the copy runs, other connections read the old rows; after the commit, the new ones
            target.write(c -> {
                TableCopy.dropAll(target);
                assertThat(elsewhere(target)).contains("Hello World");
                TableCopy.copy(next, target, List.of("t", "extra"), line -> {});
                assertThat(elsewhere(target)).containsOnly("new");
                return null;
            });
            List<String> replaced = target.read(c -> texts(target, c));
            assertThat(replaced).containsOnly("new");
            assertThat(TableCopy.tables(target)).containsExactlyInAnyOrder("t", "extra");
            int tables = target.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*)"
                        + " FROM information_schema.tables WHERE table_schema = DATABASE()")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(tables).as("the tables moved aside are gone").isEqualTo(2);
        }
    }

    /** The texts of table t as another thread, on another connection, reads them. */
    private static List<String> elsewhere(Database db) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> db.read(c -> texts(db, c))).join();
    }

    private static List<String> texts(Database db, java.sql.Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT txt FROM t")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void timeLimitsInterruptLongStatements() {
        assertThatThrownBy(() -> mariadb.read(java.time.Duration.ofMillis(200), c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SLEEP(5) FROM t")) {
                while (rs.next()) {
                    rs.getObject(1);
                }
            }
            return null;
        })).satisfies(e -> assertThat(Database.isTimeout(e)).as(e.toString()).isTrue());
    }

    @Test
    void errorsReadAsTheServerWritesThem() {
        assertThatThrownBy(() -> exec("SELECT * FROM missing_table")).satisfies(e -> assertThat(
                mariadb.dialect().errorText(e)).matches("Table '.*missing_table' doesn't exist"));
    }

    private static List<String> uniqueViolation(String id, String day) {
        try {
            mariadb.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (id, txt, day) VALUES (?, ?, ?)")) {
                    ps.setString(1, id);
                    ps.setString(2, id.startsWith("new") ? id : "ABC");
                    ps.setString(3, day);
                    ps.executeUpdate();
                }
                return null;
            });
            return List.of();
        } catch (DatabaseException e) {
            return mariadb.dialect().uniqueViolation(e);
        }
    }

    private static void exec(String... statements) {
        mariadb.write(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }
}
