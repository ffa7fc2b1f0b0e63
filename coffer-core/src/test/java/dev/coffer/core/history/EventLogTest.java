package dev.coffer.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.TestFixture;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionException;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.record.Record;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The event log: reading it after a cursor, waiting for new events, replaying an events-mode table, projections. */
class EventLogTest {

    @TempDir
    Path dir;

    private App open() throws Exception {
        Path fixture = TestFixture.dir();
        for (String f : new String[] {"data.db", "auxiliary.db"}) {
            if (!Files.exists(dir.resolve(f))) {
                Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return App.open(AppConfig.of(dir));
    }

    private static Collection ledger(App app) {
        return new CollectionService(app).create((ObjectNode) Json.parse("{\"name\":\"ledger\",\"type\":\"base\","
                + "\"mode\":\"events\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"},"
                + "{\"name\":\"amount\",\"type\":\"number\"},{\"name\":\"paid\",\"type\":\"bool\"},"
                + "{\"name\":\"tags\",\"type\":\"select\",\"maxSelect\":3,\"values\":[\"a\",\"b\",\"c\"]},"
                + "{\"name\":\"meta\",\"type\":\"json\"},"
                + "{\"name\":\"created\",\"type\":\"autodate\",\"onCreate\":true},"
                + "{\"name\":\"updated\",\"type\":\"autodate\",\"onCreate\":true,\"onUpdate\":true}]}"));
    }

    private static String checksum(App app, Collection c) {
        List<String> rows = new ArrayList<>();
        for (Record r : app.records().query(c, "", List.of(), 0)) {
            rows.add(Json.write(Json.MAPPER.valueToTree(r.values())));
        }
        rows.sort(null);
        return String.join("\n", rows);
    }

    @Test
    void anEventsModeTableIsRebuiltExactlyFromItsLogAfterADrop() throws Exception {
        try (App app = open()) {
            Collection ledger = ledger(app);
            assertThat(ledger.eventSourced()).isTrue();
            assertThat(ledger.historyEnabled()).isTrue();
            List<Record> made = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Record r = new Record(ledger);
                r.set("title", "entry " + i);
                r.set("amount", i * 1.5);
                r.set("tags", i % 2 == 0 ? List.of("a", "c") : List.of("b"));
                r.set("meta", Json.parse("{\"n\":" + i + ",\"nested\":{\"x\":[1,2]}}"));
                app.save(r);
                made.add(r);
            }
            for (int i = 0; i < 30; i += 3) {
                Record r = made.get(i);
                r.set("paid", true);
                r.set("amount", 99.25);
                r.set("tags", List.of());
                app.save(r);
            }
            for (int i = 1; i < 30; i += 7) {
                app.delete(made.get(i));
            }
            String before = checksum(app, ledger);
            assertThat(before).contains("entry 0").doesNotContain("\"entry 1\"");

            app.db().write(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("DROP TABLE " + app.db().dialect().quote("ledger"));
                }
                return null;
            });
            int applied = new CollectionService(app).replayEvents(ledger);
            assertThat(applied).isEqualTo(30 + 10 + 5);
            assertThat(checksum(app, ledger)).isEqualTo(before);

            // a tampered row is put back too, and a replay writes no new events
            app.db().write(c -> {
                try (var s = c.createStatement()) {
                    s.executeUpdate("UPDATE " + app.db().dialect().quote("ledger") + " SET "
                            + app.db().dialect().quote("title") + " = 'tampered'");
                }
                return null;
            });
            long events = app.history().events(List.of(ledger.id()), 0, 1000).size();
            new CollectionService(app).replayEvents(ledger);
            assertThat(checksum(app, ledger)).isEqualTo(before);
            assertThat(app.history().events(List.of(ledger.id()), 0, 1000)).hasSize((int) events);

            Collection demo2 = app.collections().find("demo2").orElseThrow();
            assertThatThrownBy(() -> new CollectionService(app).replayEvents(demo2))
                    .isInstanceOf(CollectionException.class);
        }
    }

    @Test
    void onlyBaseCollectionsTakeEventsMode() throws Exception {
        try (App app = open()) {
            assertThatThrownBy(() -> new CollectionService(app).create((ObjectNode) Json.parse(
                    "{\"name\":\"members\",\"type\":\"auth\",\"mode\":\"events\"}")))
                    .isInstanceOf(ValidationException.class);
            assertThatThrownBy(() -> new CollectionService(app).create((ObjectNode) Json.parse(
                    "{\"name\":\"x\",\"type\":\"base\",\"mode\":\"sometimes\"}")))
                    .isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void eventsAreReadAfterACursorInCommitOrderAndAWaitEndsWithTheNextCommit() throws Exception {
        try (App app = open()) {
            Collection ledger = ledger(app);
            Record first = new Record(ledger);
            first.set("title", "one");
            app.save(first);
            List<HistoryEntry> all = app.history().events(List.of(ledger.id()), 0, 100);
            assertThat(all).hasSize(1);
            long cursor = all.get(0).seq();
            assertThat(app.history().events(List.of(ledger.id()), cursor, 100)).isEmpty();

            var pool = Executors.newSingleThreadExecutor();
            try {
                Future<List<HistoryEntry>> waiting = pool.submit(() -> app.history().awaitEvents(List.of(ledger.id()),
                        cursor, 100, Duration.ofSeconds(20)));
                Thread.sleep(200);
                assertThat(waiting.isDone()).isFalse();
                Record second = new Record(ledger);
                second.set("title", "two");
                app.save(second);
                List<HistoryEntry> woken = waiting.get(5, TimeUnit.SECONDS);
                assertThat(woken).extracting(HistoryEntry::recordId).containsExactly(second.id());
                assertThat(woken.get(0).seq()).isGreaterThan(cursor);
            } finally {
                pool.shutdownNow();
            }
            long started = System.nanoTime();
            assertThat(app.history().awaitEvents(List.of(ledger.id()), Long.MAX_VALUE - 1, 10,
                    Duration.ofMillis(300))).isEmpty();
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        }
    }

    @Test
    void aProjectionAppliesEachEventOnceAndCatchesUpAfterDowntime() throws Exception {
        List<String> applied = new CopyOnWriteArrayList<>();
        String[] ledgerId = {""};
        Projection totals = new Projection() {
            @Override
            public String id() {
                return "totals";
            }

            @Override
            public boolean accepts(HistoryEntry entry) {
                return entry.collectionId().equals(ledgerId[0]) && entry.action().equals("create");
            }

            @Override
            public void apply(App app, HistoryEntry entry) {
                applied.add(entry.changes().path("title").path("new").asString());
            }
        };
        try (App app = open()) {
            Collection ledger = ledger(app);
            ledgerId[0] = ledger.id();
            Record r = new Record(ledger);
            r.set("title", "before registering");
            app.save(r);
            app.history().projections().register(totals);
            app.history().projections().catchUp();
            assertThat(applied).containsExactly("before registering");
            Record live = new Record(ledger);
            live.set("title", "live");
            app.save(live);
            long deadline = System.currentTimeMillis() + 5000;
            while (applied.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(applied).containsExactly("before registering", "live");
        }
        try (App app = open()) { // the projection is down: changes go on
            Record r = new Record(app.collections().find(ledgerId[0]).orElseThrow());
            r.set("title", "while down");
            app.save(r);
        }
        try (App app = open()) {
            app.history().projections().register(totals);
            app.history().projections().catchUp();
            assertThat(applied).containsExactly("before registering", "live", "while down");
            assertThat(app.history().projections().cursor("totals"))
                    .isEqualTo(app.history().events(List.of(), 0, 10_000).getLast().seq());
        }
    }
}
