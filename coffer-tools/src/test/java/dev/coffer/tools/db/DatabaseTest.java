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
}
