package dev.coffer.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.FilterException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class AppLoggerTest {

    @TempDir
    Path dir;
    App app;

    @BeforeEach
    void open() {
        app = App.open(AppConfig.of(dir));
    }

    @AfterEach
    void close() {
        app.close();
    }

    private void logs(String json) {
        app.replaceSettings(app.settings().withPatch((ObjectNode) Json.parse("{\"logs\":" + json + "}")));
    }

    private void flush() throws InterruptedException {
        assertThat(app.logger().batcher().flush(5000)).isTrue();
    }

    @Test
    void rowsAreWrittenInTheBackgroundAndReadBack() throws Exception {
        assertThat(app.logger().info("GET /a", Map.of("type", "request", "status", 200))).isTrue();
        assertThat(app.logger().warn("GET /b", Map.of("type", "request", "status", 404))).isTrue();
        assertThat(app.logger().error("boom", Map.of("type", "app"))).isTrue();
        flush();

        LogStore.Page all = app.logs().list("", "-level", 1, 30, false);
        assertThat(all.totalItems()).isEqualTo(3);
        assertThat(all.items()).extracting(LogEntry::message).containsExactly("boom", "GET /b", "GET /a");
        assertThat(all.items().get(0).level()).isEqualTo(LogEntry.ERROR);

        assertThat(app.logs().list("message ~ '/b'", "-created,-@rowid", 1, 30, false).items())
                .extracting(LogEntry::message).containsExactly("GET /b");
        LogStore.Page filtered = app.logs().list("data.type = 'request' && data.status >= 400", "", 1, 30, false);
        assertThat(filtered.items()).extracting(LogEntry::message).containsExactly("GET /b");
        assertThat(app.logs().list("", "message", 2, 2, true))
                .satisfies(p -> assertThat(p.totalItems()).isEqualTo(-1))
                .satisfies(p -> assertThat(p.items()).extracting(LogEntry::message).containsExactly("boom"));

        LogEntry one = filtered.items().get(0);
        assertThat(app.logs().find(one.id())).get().satisfies(l -> {
            assertThat(l.data().path("status").asInt()).isEqualTo(404);
            assertThat(l.created()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        });
        assertThat(app.logs().find("missing")).isEmpty();

        List<LogStore.HourlyCount> stats = app.logs().stats("level >= 4");
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).total()).isEqualTo(2);
        assertThat(stats.get(0).date()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:00:00\\.000Z");
    }

    @Test
    void badFiltersAndUnknownFieldsAreRefused() {
        assertThatThrownBy(() -> app.logs().list("nope = 1", "", 1, 30, false)).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> app.logs().list("level >", "", 1, 30, false)).isInstanceOf(FilterException.class);
        assertThatThrownBy(() -> app.logs().stats("(")).isInstanceOf(FilterException.class);
    }

    @Test
    void settingsGateWhatIsStored() throws Exception {
        logs("{\"maxDays\":0}");
        assertThat(app.logger().error("off", Map.of())).isFalse();
        logs("{\"maxDays\":3,\"minLevel\":4}");
        assertThat(app.logger().info("too low", Map.of())).isFalse();
        assertThat(app.logger().warn("kept", Map.of())).isTrue();
        flush();
        assertThat(app.logs().list("", "", 1, 30, false).items()).extracting(LogEntry::message).containsExactly("kept");
    }

    @Test
    void deletesByAgeAndAll() throws Exception {
        app.logger().info("x", Map.of());
        app.logger().info("y", Map.of());
        flush();
        assertThat(app.logs().deleteCreatedBefore(Instant.now().minusSeconds(3600))).isZero();
        assertThat(app.logs().deleteCreatedBefore(Instant.now().plusSeconds(1))).isEqualTo(2);
        app.logger().info("z", Map.of());
        flush();
        assertThat(app.logs().deleteAll()).isEqualTo(1);
    }

    @Test
    void aFullQueueDropsAndCountsAndCloseFlushes() throws Exception {
        LogBatcher batcher = new LogBatcher(app.auxDb(), 2, () -> Settings.DEFAULT_LOG_DATA_SIZE);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread blocker = Thread.ofPlatform().start(() -> app.auxDb().write(c -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            if (batcher.offer(new LogEntry("drop" + i, "2026-01-01 00:00:00.000Z", 0, "m" + i, Json.object()))) {
                accepted++;
            }
        }
        // while the writer waits for the database it holds at most one batch and the queue two more rows
        assertThat(accepted).isBetween(2, LogBatcher.BATCH_SIZE + 2);
        assertThat(batcher.dropped()).isEqualTo(1000 - accepted);
        release.countDown();
        blocker.join();
        batcher.close();
        assertThat(batcher.written()).isEqualTo(accepted);
        assertThat(app.logs().list("id ~ 'drop'", "", 1, 30, false).totalItems()).isEqualTo(accepted);
        assertThat(batcher.offer(new LogEntry("late", "2026-01-01 00:00:00.000Z", 0, "m", Json.object()))).isFalse();
    }

    @Test
    void loadingTheSettingsDropsLogsOlderThanMaxDaysOrBelowMinLevel() throws Exception {
        String old = dev.coffer.tools.types.DateTime.format(Instant.now().minus(java.time.Duration.ofDays(6)));
        String recent = dev.coffer.tools.types.DateTime.format(Instant.now().minus(java.time.Duration.ofDays(4)));
        for (LogEntry e : List.of(new LogEntry("old", old, 0, "old", Json.object()),
                new LogEntry("recent", recent, 0, "recent", Json.object()),
                new LogEntry("debug", recent, LogEntry.DEBUG, "debug", Json.object()))) {
            assertThat(app.logger().batcher().offer(e)).isTrue();
        }
        flush();
        assertThat(app.logs().list("", "", 1, 30, false).totalItems()).isEqualTo(3);

        app.reloadSettings(); // as at start and after a settings change: maxDays 5, minLevel 0 by default
        assertThat(app.logs().list("", "", 1, 30, false).items()).extracting(LogEntry::id).containsExactly("recent");
    }

    @Test
    void builtInJobsAreRegistered() {
        assertThat(app.cron().jobs()).extracting(j -> j.id() + " " + j.expression()).containsExactly(
                "__pbDBOptimize__ 0 0 * * *", "__pbMFACleanup__ 0 * * * *", "__pbOTPCleanup__ 0 * * * *",
                "__pbLogsCleanup__ 0 */6 * * *");
    }
}
