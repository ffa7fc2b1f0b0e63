package dev.coffer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.collection.CollectionService;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** {@link DataCopy} from a data directory an app is writing to meanwhile. */
class DataCopyTest {

    @TempDir
    Path tmp;

    @Test
    void aCopyOfALiveDataDirHoldsItAsOfOneMoment() throws Exception {
        Path live = tmp.resolve("live");
        try (App app = App.open(AppConfig.of(live))) {
            CollectionService service = new CollectionService(app);
            for (String name : List.of("a", "b")) {
                service.create((ObjectNode) Json.parse("{\"name\":\"" + name + "\",\"fields\":[{\"type\":\"text\",\"name\":\"n\"}]}"));
            }
            // enough rows that copying one table takes a while: each write below adds a row to both tables at once
            app.db().write(c -> {
                for (String table : List.of("a", "b")) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, n) VALUES (?, ?)")) {
                        for (int i = 0; i < 20_000; i++) {
                            ps.setString(1, String.format("x%014d", i));
                            ps.setString(2, "row " + i);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                return null;
            });
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong written = new AtomicLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                long i = 0;
                while (!stop.get()) {
                    String id = String.format("w%014d", i++);
                    app.db().write(c -> {
                        for (String table : List.of("a", "b")) {
                            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, n) VALUES (?, '')")) {
                                ps.setString(1, id);
                                ps.executeUpdate();
                            }
                        }
                        return null;
                    });
                    written.incrementAndGet();
                }
            });
            List<long[]> copies = new ArrayList<>();
            try {
                for (int round = 0; round < 3; round++) {
                    Path copy = tmp.resolve("copy" + round);
                    long before = written.get();
                    Map<String, Long> counts = DataCopy.copy(live.toString(), copy.toString(), false, line -> {});
                    assertThat(written.get()).as("writes went on during the copy").isGreaterThan(before);
                    copies.add(new long[] {counts.get("a"), counts.get("b"), rows(copy, "a"), rows(copy, "b")});
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            for (long[] c : copies) {
                assertThat(c[0]).as("rows of a and of b, written together, copied together").isEqualTo(c[1])
                        .isEqualTo(c[2]).isEqualTo(c[3]).isGreaterThanOrEqualTo(20_000);
            }
        }
    }

    private static long rows(Path dir, String table) {
        try (Database db = Database.openSqliteReadOnly(dir.resolve("data.db"))) {
            return db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
        }
    }
}
