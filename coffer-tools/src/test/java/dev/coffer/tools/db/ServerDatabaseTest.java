package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A database server through {@link ServerDatabase}: transactions, time limits, retries, no leaked connections. */
class ServerDatabaseTest {

    private TestServers.Scratch scratch;
    private Database db;

    @BeforeEach
    void open() {
        scratch = TestServers.postgres();
        db = Database.open(scratch.url(), "test", 4);
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n DOUBLE PRECISION NOT NULL DEFAULT 0)");
                s.execute("INSERT INTO t VALUES ('a', 0), ('b', 0)");
            }
            return null;
        });
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    private double n(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT n FROM t WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getDouble(1);
                }
            }
        });
    }

    private static void add(java.sql.Connection c, String id, double by) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE t SET n = n + ? WHERE id = ?")) {
            ps.setDouble(1, by);
            ps.setString(2, id);
            ps.executeUpdate();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFailedWriteRollsBackAndRunsItsRollbackActionsButNotItsCommitActions() {
        List<String> ran = new ArrayList<>();
        assertThatThrownBy(() -> db.write(c -> {
            add(c, "a", 1);
            db.afterCommit(() -> ran.add("commit"));
            db.afterRollback(() -> ran.add("rollback"));
            throw new IllegalStateException("no");
        })).hasMessage("no");
        assertThat(n("a")).isZero();
        assertThat(ran).containsExactly("rollback");

        db.write(c -> {
            add(c, "a", 1);
            db.afterCommit(() -> ran.add("commit"));
            double inside = db.read(r -> {
                try (Statement s = r.createStatement(); ResultSet rs = s.executeQuery("SELECT n FROM t WHERE id = 'a'")) {
                    rs.next();
                    return rs.getDouble(1);
                }
            });
            assertThat(inside).as("a read inside the write sees its own change").isEqualTo(1);
            return null;
        });
        assertThat(ran).containsExactly("rollback", "commit");
    }

    @Test
    void aFailedStatementInsideATransactionRollsBackAloneAsOnSqlite() {
        db.write(c -> {
            add(c, "a", 5);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT * FROM no_such_table");
            } catch (java.sql.SQLException expected) {
                // the transaction goes on
            }
            add(c, "b", 7);
            return null;
        });
        assertThat(n("a")).isEqualTo(5);
        assertThat(n("b")).isEqualTo(7);
    }

    @Test
    void aReadLongerThanItsLimitIsInterruptedAndTheConnectionStaysUsable() {
        assertThatThrownBy(() -> db.read(Duration.ofMillis(200), c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_sleep(5)");
            }
            return null;
        })).satisfies(e -> assertThat(Database.isTimeout(e)).isTrue());
        // no limit, then the default again, on whichever pooled connection comes
        for (int i = 0; i < 8; i++) {
            int one = db.read(Duration.ZERO, c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_sleep(0.01), 1")) {
                    rs.next();
                    return rs.getInt(2);
                }
            });
            assertThat(one).isEqualTo(1);
        }
    }

    @Test
    void aDeadlockedWriteIsRunAgain() throws Exception {
        // two writers lock a and b in opposite orders; the server aborts one, which runs again and succeeds
        CountDownLatch bothLockedOne = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> db.write(c -> {
                attempts.incrementAndGet();
                add(c, "a", 1);
                bothLockedOne.countDown();
                await(bothLockedOne);
                add(c, "b", 1);
                return null;
            }));
            Future<?> second = pool.submit(() -> db.write(c -> {
                attempts.incrementAndGet();
                add(c, "b", 10);
                bothLockedOne.countDown();
                await(bothLockedOne);
                add(c, "a", 10);
                return null;
            }));
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(attempts.get()).as("one of the two ran twice").isEqualTo(3);
        assertThat(n("a")).isEqualTo(11);
        assertThat(n("b")).isEqualTo(11);
    }

    @Test
    void failuresLeakNoConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int k = i;
                all.add(pool.submit(() -> {
                    try {
                        if (k % 2 == 0) {
                            db.read(c -> {
                                try (Statement s = c.createStatement()) {
                                    s.execute("SELECT broken syntax here");
                                }
                                return null;
                            });
                        } else {
                            db.write(c -> {
                                add(c, "a", 1);
                                throw new IllegalStateException("undo");
                            });
                        }
                    } catch (RuntimeException expected) {
                        // each fails
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(n("a")).isZero();
        // all four pooled connections are free again: four writes can hold one each at the same time
        CountDownLatch holding = new CountDownLatch(4);
        ExecutorService four = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                writes.add(four.submit(() -> db.write(c -> {
                    holding.countDown();
                    await(holding);
                    return null;
                })));
            }
            for (Future<?> f : writes) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            four.shutdownNow();
        }
    }

    @Test
    void aConsistentReadSeesOneMoment() {
        double[] seen = db.readConsistent(c -> {
            double before = n("a");
            // a write on another thread's connection commits meanwhile
            Thread writer = Thread.ofPlatform().start(() -> db.write(w -> {
                add(w, "a", 3);
                return null;
            }));
            join(writer);
            return new double[] {before, n("a")};
        });
        assertThat(seen[1]).as("the committed change is not seen inside").isEqualTo(seen[0]);
        assertThat(n("a")).isEqualTo(3);
    }

    @Test
    void badUrlsAndServersSayWhyInOneLine() {
        DatabaseUrl closed = DatabaseUrl.parse("postgres://postgres@127.0.0.1:1/x");
        assertThatThrownBy(() -> Database.open(closed, "test", 1)).isInstanceOf(DatabaseException.class)
                .hasMessageStartingWith("cannot connect to postgres://postgres@127.0.0.1:1/x: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        DatabaseUrl missing = scratch.url().withDatabase("coffer_no_such_database");
        assertThatThrownBy(() -> Database.open(missing, "test", 1))
                .hasMessageContaining("database \"coffer_no_such_database\" does not exist");
        assertThat(db.version()).startsWith("PostgreSQL ");
        assertThat(db.hasFile()).isFalse();
    }
}
