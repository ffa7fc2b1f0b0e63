package dev.coffer.tools.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CronTest {

    @Test
    void addReplacesSameIdAndJobsKeepRegistrationOrder() {
        try (Cron cron = new Cron()) {
            cron.add("b", "* * * * *", () -> { });
            cron.add("c", "* * * * *", () -> { });
            cron.add("a", "0 * * * *", () -> { });
            assertEquals(List.of("b", "c", "a"), cron.jobs().stream().map(CronJob::id).toList());
            cron.add("b", "@daily", () -> { }); // replaced, and moved to the end
            List<CronJob> jobs = cron.jobs();
            assertEquals(List.of("c", "a", "b"), jobs.stream().map(CronJob::id).toList());
            assertEquals("@daily", jobs.get(2).expression());
            assertTrue(cron.remove("a"));
            assertFalse(cron.remove("a"));
            assertEquals(List.of("c", "b"), cron.jobs().stream().map(CronJob::id).toList());
        }
    }

    @Test
    void addRefusesBadInput() {
        try (Cron cron = new Cron()) {
            assertThrows(IllegalArgumentException.class, () -> cron.add("x", "nope", () -> { }));
            assertThrows(IllegalArgumentException.class, () -> cron.add(" ", "* * * * *", () -> { }));
            assertTrue(cron.jobs().isEmpty());
        }
    }

    @Test
    void runNowRunsTheJobInTheBackgroundOnAPlatformThread() throws Exception {
        try (Cron cron = new Cron()) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean virtual = new AtomicBoolean(true);
            cron.add("job", "@yearly", () -> {
                // jobs make long native calls (SQLite): on a virtual thread they would pin its carrier
                virtual.set(Thread.currentThread().isVirtual());
                ran.countDown();
            });
            assertTrue(cron.runNow("job"));
            assertFalse(cron.runNow("missing"));
            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertFalse(virtual.get());
        }
    }

    @Test
    void tickRunsOnlyMatchingJobsAndSurvivesFailures() throws Exception {
        try (Cron cron = new Cron()) {
            AtomicInteger hourly = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(2);
            cron.add("failing", "* * * * *", () -> {
                done.countDown();
                throw new IllegalStateException("boom");
            });
            cron.add("hourly", "@hourly", () -> {
                hourly.incrementAndGet();
                done.countDown();
            });
            cron.add("never", "0 0 1 1 *", () -> { throw new AssertionError("must not run"); });
            assertEquals(2, cron.tick(ZonedDateTime.of(2026, 5, 5, 10, 0, 0, 0, ZoneOffset.UTC)));
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(1, hourly.get());
            assertEquals(1, cron.tick(ZonedDateTime.of(2026, 5, 5, 10, 1, 0, 0, ZoneOffset.UTC)));
        }
    }

    @Test
    void aScheduledRunClaimsItsMinuteFirstAndRunsOnlyWhenTheClaimSucceeds() throws Exception {
        try (Cron cron = new Cron()) {
            java.util.Set<String> claimed = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.Queue<String> asked = new java.util.concurrent.ConcurrentLinkedQueue<>();
            cron.claimRunsWith(key -> {
                asked.add(key);
                return claimed.add(key);
            });
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch first = new CountDownLatch(1);
            cron.add("job", "* * * * *", () -> {
                runs.incrementAndGet();
                first.countDown();
            });
            ZonedDateTime minute = ZonedDateTime.of(2026, 5, 5, 10, 7, 0, 0, ZoneOffset.ofHours(2));
            cron.tick(minute);
            assertTrue(first.await(5, TimeUnit.SECONDS));
            cron.tick(minute.plusSeconds(20)); // the same minute again (another instance's tick): claimed already
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (asked.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(100);
            assertEquals(List.of("cron:job:2026-05-05T08:07Z", "cron:job:2026-05-05T08:07Z"), List.copyOf(asked));
            assertEquals(1, runs.get());
            CountDownLatch manual = new CountDownLatch(1);
            cron.add("manual", "@yearly", manual::countDown);
            assertTrue(cron.runNow("manual"));
            assertTrue(manual.await(5, TimeUnit.SECONDS));
            assertEquals(2, asked.size(), "a run started by hand claims nothing");
        }
    }

    @Test
    void startAndStopControlTheTicker() {
        Cron cron = new Cron();
        assertFalse(cron.isStarted());
        cron.start();
        cron.start();
        assertTrue(cron.isStarted());
        cron.stop();
        assertFalse(cron.isStarted());
        cron.close();
        assertThrows(IllegalStateException.class, cron::start);
    }
}
