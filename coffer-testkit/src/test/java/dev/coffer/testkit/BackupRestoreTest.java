package dev.coffer.testkit;

import static dev.coffer.testkit.BackupsApiTest.SUPERUSER;
import static dev.coffer.testkit.BackupsApiTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A backup taken while clients keep writing holds every write acknowledged before it started, and restoring it
 * in place brings exactly that state back on the same running server.
 */
class BackupRestoreTest {

    private static final int WRITERS = 4;

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return app.send(method, path, Map.of("Authorization", SUPERUSER), body);
    }

    /** Waits until no backup or restore runs (the health check says one can start). */
    static void awaitIdle(TestApp app) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> h = app.send("GET", "/api/health", Map.of("Authorization", SUPERUSER), null);
            if (h.statusCode() == 200 && json(h).path("data").path("canBackup").asBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the backup/restore did not finish in time");
    }

    private Set<String> storedIds() {
        return app.coffer().app().db().read(c -> {
            Set<String> ids = new HashSet<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM bk_items")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    private String create(String title) {
        HttpResponse<String> r = send("POST", "/api/collections/bk_items/records", "{\"title\":\"" + title + "\"}");
        return r.statusCode() == 200 ? json(r).path("id").asString() : null;
    }

    @Test
    void restoresEveryWriteAcknowledgedBeforeTheBackup() throws Exception {
        assertThat(send("POST", "/api/collections",
                "{\"name\":\"bk_items\",\"type\":\"base\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}")
                .statusCode()).isEqualTo(200);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            int n = t;
            writers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; running.get(); i++) {
                    String id = create("w" + n + "-" + i);
                    if (id == null) {
                        failures.incrementAndGet();
                    } else {
                        acknowledged.add(id);
                    }
                }
            }));
        }
        while (acknowledged.size() < 200) {
            Thread.sleep(10);
        }
        Set<String> beforeBackup = new HashSet<>(acknowledged);
        long started = System.nanoTime();
        assertThat(send("POST", "/api/backups", "{\"name\":\"during_writes.zip\"}").statusCode()).isEqualTo(204);
        long backupMillis = (System.nanoTime() - started) / 1_000_000;
        int duringBackup = acknowledged.size() - beforeBackup.size();
        running.set(false);
        for (Thread w : writers) {
            w.join();
        }
        assertThat(failures.get()).isZero();

        Set<String> after = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            after.add(create("after-" + i));
        }
        assertThat(storedIds()).containsAll(after).containsAll(acknowledged);

        assertThat(send("POST", "/api/backups/during_writes.zip/restore", null).statusCode()).isEqualTo(204);
        awaitIdle(app);

        Set<String> restored = storedIds();
        assertThat(restored).containsAll(beforeBackup).doesNotContainAnyElementsOf(after);
        assertThat(app.coffer().app().db().integrityProblems()).isEmpty();
        assertThat(app.coffer().app().auxDb().integrityProblems()).isEmpty();
        assertThat(send("GET", "/api/collections/bk_items/records?perPage=1", null).statusCode()).isEqualTo(200);
        assertThat(create("after-restore")).isNotNull();
        assertThat(send("GET", "/api/backups", null).body()).contains("during_writes.zip");
        System.out.printf("backup of %d records took %d ms while %d more were written; %d restored%n",
                beforeBackup.size(), backupMillis, duringBackup, restored.size());
    }

    @Test
    void requestsDuringARestoreWaitAndThenSucceed() throws Exception {
        assertThat(send("POST", "/api/collections",
                "{\"name\":\"bk_items\",\"type\":\"base\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}")
                .statusCode()).isEqualTo(200);
        String kept = create("kept");
        assertThat(send("POST", "/api/backups", "{\"name\":\"base.zip\"}").statusCode()).isEqualTo(204);
        String dropped = create("dropped");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < WRITERS; t++) {
            int n = t;
            clients.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; running.get(); i++) {
                    boolean ok = n % 2 == 0 ? create("during-" + n + "-" + i) != null
                            : send("GET", "/api/collections/bk_items/records?perPage=5", null).statusCode() == 200;
                    (ok ? done : failures).incrementAndGet();
                }
            }));
        }
        assertThat(send("POST", "/api/backups/base.zip/restore", null).statusCode()).isEqualTo(204);
        awaitIdle(app);
        Thread.sleep(200);
        running.set(false);
        for (Thread c : clients) {
            c.join();
        }
        assertThat(failures.get()).isZero();
        assertThat(done.get()).isPositive();
        assertThat(storedIds()).contains(kept).doesNotContain(dropped);
        assertThat(app.coffer().app().db().integrityProblems()).isEmpty();
    }
}
