package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots of a live database and replacing its file while paused. */
class DatabasePauseTest {

    @TempDir
    Path dir;

    private static void exec(Database db, String sql) {
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    private static int count(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                return rs.next() ? rs.getInt(1) : -1;
            }
        });
    }

    @Test
    void aSnapshotHoldsTheCommittedStateAndIsIntact() {
        try (Database db = Database.openSqlite(dir.resolve("a.db"), 2)) {
            exec(db, "CREATE TABLE t (x INTEGER)");
            exec(db, "INSERT INTO t VALUES (1), (2)");
            db.snapshotTo(dir.resolve("copy.db"));
            exec(db, "INSERT INTO t VALUES (3)");
            try (Database copy = Database.openSqlite(dir.resolve("copy.db"), 1)) {
                assertThat(count(copy)).isEqualTo(2);
                assertThat(copy.integrityProblems()).isEmpty();
            }
        }
    }

    @Test
    void aPausedDatabaseReopensOnTheReplacedFileAndWorkWaitsMeanwhile() throws Exception {
        try (Database other = Database.openSqlite(dir.resolve("b.db"), 1)) {
            exec(other, "CREATE TABLE t (x INTEGER)");
            exec(other, "INSERT INTO t VALUES (1), (2), (3)");
        }
        try (Database db = Database.openSqlite(dir.resolve("a.db"), 2)) {
            exec(db, "CREATE TABLE t (x INTEGER)");
            CompletableFuture<Integer> waiting;
            try (DatabasePause pause = db.pause()) {
                waiting = CompletableFuture.supplyAsync(() -> count(db));
                Thread.sleep(100);
                assertThat(waiting).isNotDone();
                Files.move(dir.resolve("b.db"), dir.resolve("a.db"), StandardCopyOption.REPLACE_EXISTING);
                pause.resume();
            }
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isEqualTo(3);
            exec(db, "INSERT INTO t VALUES (4)");
            assertThat(count(db)).isEqualTo(4);
        }
    }

    @Test
    void aFileThatCannotBeOpenedLeavesThePauseInPlace() throws Exception {
        try (Database db = Database.openSqlite(dir.resolve("a.db"), 1)) {
            exec(db, "CREATE TABLE t (x INTEGER)");
            try (DatabasePause pause = db.pause()) {
                Path aside = dir.resolve("aside.db");
                Files.move(dir.resolve("a.db"), aside);
                Files.writeString(dir.resolve("a.db"), "not a database, but long enough to be read as a header....");
                assertThatThrownBy(pause::resume).isInstanceOf(DatabaseException.class);
                Files.move(aside, dir.resolve("a.db"), StandardCopyOption.REPLACE_EXISTING);
            }
            assertThat(count(db)).isZero();
        }
    }
}
