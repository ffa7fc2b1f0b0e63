package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an SQLite database tells about itself for metrics: transaction times, its pool's counts, its WAL's size. */
class DatabaseObserverTest {

    @TempDir
    Path dir;

    private record Told(String kind, long waitNanos, long workNanos, boolean failed) {}

    private static final class Recorder implements DatabaseObserver {
        final List<Told> told = new CopyOnWriteArrayList<>();

        @Override
        public void read(long waitNanos, long workNanos, boolean failed) {
            told.add(new Told("read", waitNanos, workNanos, failed));
        }

        @Override
        public void write(long waitNanos, long workNanos, boolean failed) {
            told.add(new Told("write", waitNanos, workNanos, failed));
        }
    }

    @Test
    void eachTopLevelTransactionIsToldOnceWithItsOutcome() {
        try (Database db = Database.openSqlite(dir.resolve("a.db"), 2)) {
            Recorder r = new Recorder();
            db.observe(r);
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (x INTEGER)");
                }
                return db.read(inner -> 1); // joins the write: not told apart
            });
            db.read(c -> 1);
            assertThatThrownBy(() -> db.write(c -> {
                throw new SQLException("no");
            })).isInstanceOf(DatabaseException.class);
            assertThatThrownBy(() -> db.read(c -> {
                throw new SQLException("no");
            })).isInstanceOf(DatabaseException.class);
            assertThat(r.told).extracting(Told::kind, Told::failed).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("write", false), org.assertj.core.groups.Tuple.tuple("read", false),
                    org.assertj.core.groups.Tuple.tuple("write", true), org.assertj.core.groups.Tuple.tuple("read", true));
            assertThat(r.told).allSatisfy(t -> {
                assertThat(t.waitNanos()).isNotNegative();
                assertThat(t.workNanos()).isPositive();
            });
        }
    }

    @Test
    void poolStatsCountBusyReadersTheWriterAndWaiters() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("b.db"), 1)) {
            assertThat(db.poolStats()).isEqualTo(new PoolStats(0, 2, 0, 2));
            CountDownLatch inRead = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().start(() -> db.read(c -> {
                inRead.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(inRead.await(5, TimeUnit.SECONDS)).isTrue();
            Thread waiter = Thread.ofPlatform().start(() -> db.read(c -> null));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (db.poolStats().pending() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(db.poolStats()).isEqualTo(new PoolStats(1, 1, 1, 2));
            release.countDown();
            holder.join();
            waiter.join();
            assertThat(db.poolStats()).isEqualTo(new PoolStats(0, 2, 0, 2));
        }
    }

    @Test
    void theWalSizeIsTheLogFilesSize() {
        try (Database db = Database.openSqlite(dir.resolve("c.db"), 1)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (x TEXT)");
                    s.execute("INSERT INTO t VALUES (randomblob(100000))");
                }
                return null;
            });
            assertThat(db.walSize()).isPresent();
            assertThat(db.walSize().getAsLong()).isGreaterThan(100_000);
            db.optimize(); // truncates the log
            assertThat(db.walSize().getAsLong()).isZero();
        }
    }
}
