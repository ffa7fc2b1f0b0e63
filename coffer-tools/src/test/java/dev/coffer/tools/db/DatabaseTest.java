package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transactions of the SQLite database: after-commit actions and dry runs. */
class DatabaseTest {

    @TempDir
    Path dir;

    private static int count(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
    }

    @Test
    void theWriterKeepsPocketBasesPageCacheAndEachReaderASmallOne() {
        try (Database db = Database.openSqlite(dir.resolve("cache.db"), 3)) {
            int writer = db.write(c -> cacheSize(c));
            assertThat(writer).isEqualTo(-16000);
            List<Integer> readers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int reader = db.read(c -> cacheSize(c));
                readers.add(reader);
            }
            assertThat(readers).containsOnly(-2000);
        }
    }

    private static int cacheSize(java.sql.Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("PRAGMA cache_size")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void afterCommitActionsRunOnceCommittedAndAreDroppedOnRollback() {
        try (Database db = Database.openSqlite(dir.resolve("a.db"), 2)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (x INTEGER)");
                }
                return null;
            });
            List<String> ran = new ArrayList<>();
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (1)");
                }
                db.write(inner -> {
                    db.afterCommit(() -> ran.add("inner saw " + count(db)));
                    return null;
                });
                db.afterCommit(() -> ran.add("outer"));
                assertThat(ran).isEmpty();
                return null;
            });
            assertThat(ran).containsExactly("inner saw 1", "outer");

            ran.clear();
            assertThatThrownBy(() -> db.write(c -> {
                db.afterCommit(() -> ran.add("never"));
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(ran).isEmpty();

            db.afterCommit(() -> ran.add("now"));
            assertThat(ran).containsExactly("now");
        }
    }

    @Test
    void dryRunsLeaveNoTrace() {
        try (Database db = Database.openSqlite(dir.resolve("b.db"), 2)) {
            int seen = db.dryRun(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (x INTEGER)");
                    s.execute("INSERT INTO t VALUES (1), (2)");
                    try (var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                        return rs.next() ? rs.getInt(1) : 0;
                    }
                }
            });
            assertThat(seen).isEqualTo(2);
            assertThatThrownBy(() -> count(db)).hasMessageContaining("no such table");
        }
    }

    /** A query that counts for ever (until SQLite interrupts it). */
    private static final String ENDLESS = "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r) "
            + "SELECT count(*) FROM r";

    private static long scalar(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    @Test
    void readsAndWritesThatRunOutOfTimeAreInterruptedAndRolledBack() {
        try (Database db = Database.openSqlite(dir.resolve("t.db"), 1)) {
            assertThat(db.queryTimeout()).isEqualTo(Database.DEFAULT_QUERY_TIMEOUT);
            db.queryTimeout(java.time.Duration.ofMillis(300));
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (x INTEGER)");
                }
                return null;
            });
            long start = System.nanoTime();
            assertThatThrownBy(() -> db.read(c -> scalar(c, ENDLESS)))
                    .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(Database.isTimeout(e)).isTrue())
                    .hasMessage("the query ran longer than 300 ms and was interrupted");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the interrupt").isLessThan(5_000);
            // the reader is usable again at once, with its limit cleared between works
            assertThat(db.<Long>read(c -> scalar(c, "SELECT 41 + 1"))).isEqualTo(42L);
            // a quick read isn't interrupted by a limit that passed during earlier work
            assertThat(count(db)).isZero();

            // a write over its own limit rolls back as a whole; the writer is usable afterwards
            assertThatThrownBy(() -> db.write(java.time.Duration.ofMillis(200), c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (1)");
                }
                return scalar(c, ENDLESS);
            })).satisfies(e -> assertThat(Database.isTimeout(e)).isTrue());
            assertThat(count(db)).isZero();
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (2)");
                }
                return null;
            });
            assertThat(count(db)).isEqualTo(1);

            // other failures are not timeouts; a zero limit means none
            assertThatThrownBy(() -> db.read(c -> scalar(c, "SELECT * FROM missing")))
                    .satisfies(e -> assertThat(Database.isTimeout(e)).isFalse());
            db.queryTimeout(java.time.Duration.ZERO);
            assertThat(db.<Long>read(c -> scalar(c, "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r "
                    + "WHERE i < 2000000) SELECT count(*) FROM r"))).isEqualTo(2_000_000L);
            assertThatThrownBy(() -> db.queryTimeout(java.time.Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
