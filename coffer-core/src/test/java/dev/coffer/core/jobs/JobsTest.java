package dev.coffer.core.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** The durable job queue on SQLite: runs, retries, dead letters, transactions, crashes, manual controls. */
class JobsTest {

    @TempDir
    Path dir;

    /** A clock a test moves by hand. */
    static final class TestClock implements InstantSource {
        private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    private static ObjectNode payload(int n) {
        return (ObjectNode) Json.parse("{\"n\":" + n + "}");
    }

    @Test
    void aJobRunsWithItsPayloadAndEndsDone() {
        try (App app = App.open(AppConfig.of(dir))) {
            List<Integer> seen = new CopyOnWriteArrayList<>();
            app.jobs().handle("count", job -> seen.add(job.payload().get("n").asInt()));
            String id = app.jobs().enqueue("count", payload(7));
            assertThat(id).matches("[a-z0-9]{15}");
            Instant t = Instant.parse("2030-01-01T00:00:00Z");
            assertThat(Jobs.newId(t).substring(0, 9)).isLessThan(Jobs.newId(t.plusMillis(1)).substring(0, 9));
            assertThat(app.jobs().find(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
            assertThat(app.jobs().runDue()).isEqualTo(1);
            assertThat(seen).containsExactly(7);
            Job done = app.jobs().find(id).orElseThrow();
            assertThat(done.state()).isEqualTo(JobState.DONE);
            assertThat(done.attempts()).isEqualTo(1);
            assertThat(app.jobs().runDue()).isZero();
        }
    }

    @Test
    void aFailingJobIsRetriedWithBackoffThenDeadLettered() {
        try (App app = App.open(AppConfig.of(dir))) {
            TestClock clock = new TestClock();
            app.jobs().clock(clock);
            AtomicInteger tries = new AtomicInteger();
            app.jobs().handle("flaky", job -> {
                tries.incrementAndGet();
                throw new IllegalStateException("receiver down " + job.attempts());
            }, JobOptions.DEFAULT.withRetry(RetryPolicy.schedule(Duration.ofSeconds(5), Duration.ofMinutes(5))));
            String id = app.jobs().enqueue("flaky", payload(1));
            assertThat(app.jobs().runDue()).isEqualTo(1);
            Job failed = app.jobs().find(id).orElseThrow();
            assertThat(failed.state()).isEqualTo(JobState.PENDING);
            assertThat(failed.lastError()).isEqualTo("receiver down 1");
            assertThat(failed.runAt()).isEqualTo(clock.instant().plusSeconds(5));
            clock.advance(Duration.ofSeconds(4));
            assertThat(app.jobs().runDue()).isZero(); // not due yet
            clock.advance(Duration.ofSeconds(1));
            assertThat(app.jobs().runDue()).isEqualTo(1);
            assertThat(app.jobs().find(id).orElseThrow().runAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
            clock.advance(Duration.ofMinutes(5));
            assertThat(app.jobs().runDue()).isEqualTo(1);
            Job dead = app.jobs().find(id).orElseThrow();
            assertThat(dead.state()).isEqualTo(JobState.DEAD);
            assertThat(dead.attempts()).isEqualTo(3);
            assertThat(tries).hasValue(3);
            clock.advance(Duration.ofDays(1));
            assertThat(app.jobs().runDue()).isZero();

            // retried by hand: from its first try, at once
            assertThat(app.jobs().retry(id)).isTrue();
            assertThat(app.jobs().find(id).orElseThrow().attempts()).isZero();
            assertThat(app.jobs().runDue()).isEqualTo(1);
            assertThat(tries).hasValue(4);
        }
    }

    @Test
    void aPermanentFailureEndsTheJobAtOnce() {
        try (App app = App.open(AppConfig.of(dir))) {
            app.jobs().handle("gone", job -> {
                throw JobFailure.permanent("410 Gone");
            });
            String id = app.jobs().enqueue("gone", payload(1));
            app.jobs().runDue();
            Job dead = app.jobs().find(id).orElseThrow();
            assertThat(dead.state()).isEqualTo(JobState.DEAD);
            assertThat(dead.attempts()).isEqualTo(1);
            assertThat(dead.lastError()).isEqualTo("410 Gone");
        }
    }

    @Test
    void aJobEnqueuedInATransactionThatRollsBackNeverRuns() {
        try (App app = App.open(AppConfig.of(dir))) {
            AtomicInteger runs = new AtomicInteger();
            app.jobs().handle("side-effect", job -> runs.incrementAndGet());
            Collection notes = new CollectionService(app).create((ObjectNode) Json.parse(
                    "{\"name\":\"notes\",\"fields\":[{\"name\":\"title\",\"type\":\"text\",\"required\":true}]}"));
            // a hook enqueues a job with every note; a failing save takes its job with it
            app.hooks().onRecordCreate().bind(e -> {
                e.next();
                app.jobs().enqueue("side-effect", payload(1));
            });
            Record ok = new Record(notes);
            ok.set("title", "kept");
            app.save(ok);
            assertThatThrownBy(() -> app.db().write(c -> {
                Record r = new Record(notes);
                r.set("title", "rolled back");
                app.save(r);
                throw new IllegalStateException("abort");
            })).hasMessageContaining("abort");
            assertThat(app.jobs().counts().get(JobState.PENDING)).isEqualTo(1);
            assertThat(app.jobs().runDue()).isEqualTo(1);
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void jobsEnqueuedBeforeACrashRunAfterTheRestartAndARunningOneIsTakenAgain() throws Exception {
        String pending;
        String interrupted;
        try (App app = App.open(AppConfig.of(dir))) {
            pending = app.jobs().enqueue("work", payload(1));
            interrupted = app.jobs().enqueue("work", payload(2));
            // a worker of the first process took the second job and died mid-run (listing the pending jobs moves the
            // incoming ones into the queue proper, where a worker would have found it)
            assertThat(app.jobs().list(JobState.PENDING, null, 1, 10).items()).hasSize(2);
            app.db().write(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE \"_jobs\" SET \"state\" = 'running',"
                        + " \"attempts\" = 1, \"lockedBy\" = 'dead-process', \"lockedUntil\" = ? WHERE \"id\" = ?")) {
                    ps.setLong(1, Instant.now().plus(Duration.ofHours(1)).toEpochMilli());
                    ps.setString(2, interrupted);
                    ps.executeUpdate();
                }
                return null;
            });
        }
        try (App app = App.open(AppConfig.of(dir))) {
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            CountDownLatch both = new CountDownLatch(2);
            app.jobs().handle("work", job -> {
                runs.merge(job.id(), 1, Integer::sum);
                both.countDown();
            });
            app.jobs().start(2);
            assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(runs).containsOnlyKeys(pending, interrupted);
            assertThat(runs.values()).containsOnly(1);
            assertThat(app.jobs().find(interrupted).orElseThrow().attempts()).isEqualTo(2);
        }
    }

    @Test
    void aHeldJobWhoseHolderStopsRenewingIsTakenAgainAfterTheVisibilityTimeout() {
        try (App app = App.open(AppConfig.of(dir))) {
            TestClock clock = new TestClock();
            app.jobs().clock(clock);
            List<Integer> attempts = new ArrayList<>();
            app.jobs().handle("slow", job -> attempts.add(job.attempts()),
                    JobOptions.DEFAULT.withVisibilityTimeout(Duration.ofSeconds(30)));
            String id = app.jobs().enqueue("slow", payload(1));
            List<Job> held = app.jobs().claim(1); // taken by a worker that then stalls
            assertThat(held).extracting(Job::id).containsExactly(id);
            assertThat(app.jobs().runDue()).isZero(); // held: nobody else takes it
            clock.advance(Duration.ofSeconds(31));
            assertThat(app.jobs().runDue()).isEqualTo(1);
            assertThat(attempts).containsExactly(2);
            app.jobs().run(held.get(0)); // the stalled worker wakes up: its claim is gone, the job stays as it is
            assertThat(app.jobs().find(id).orElseThrow().attempts()).isEqualTo(2);
        }
    }

    @Test
    void pendingJobsCanBeCancelledAndFinishedOnesPurged() {
        try (App app = App.open(AppConfig.of(dir))) {
            app.jobs().handle("x", job -> {});
            String a = app.jobs().enqueue("x", payload(1));
            String b = app.jobs().enqueueAt("x", payload(2), Instant.now().plus(Duration.ofDays(1)));
            assertThat(app.jobs().cancel(b)).isTrue();
            assertThat(app.jobs().cancel(b)).isFalse();
            app.jobs().runDue();
            assertThat(app.jobs().cancel(a)).isFalse(); // done already
            assertThat(app.jobs().list(JobState.CANCELLED, null, 1, 10).items()).extracting(Job::id).containsExactly(b);
            assertThat(app.jobs().purge(JobState.DONE, null)).isEqualTo(1);
            assertThatThrownBy(() -> app.jobs().purge(JobState.PENDING, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(app.jobs().counts()).containsEntry(JobState.DONE, 0L).containsEntry(JobState.CANCELLED, 1L);
        }
    }

    @Test
    void jobsEnqueuedWhilePausedAreFoundCountedListedAndCancellableThenRunOnResume() throws Exception {
        try (App app = App.open(AppConfig.of(dir))) {
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            CountDownLatch ran = new CountDownLatch(3);
            app.jobs().handle("x", job -> {
                runs.merge(job.id(), 1, Integer::sum);
                ran.countDown();
            });
            app.jobs().pause();
            app.jobs().start(2);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ids.add(app.jobs().enqueue("x", payload(i)));
            }
            Thread.sleep(300); // a paused worker takes nothing
            Job first = app.jobs().find(ids.get(0)).orElseThrow();
            assertThat(first.state()).isEqualTo(JobState.PENDING);
            assertThat(first.payload().get("n").asInt()).isZero();
            assertThat(first.attempts()).isZero();
            assertThat(app.jobs().counts()).containsEntry(JobState.PENDING, 4L).containsEntry(JobState.RUNNING, 0L);
            assertThat(app.jobs().cancel(ids.get(3))).isTrue();
            assertThat(app.jobs().list(JobState.PENDING, null, 1, 10).items()).extracting(Job::id)
                    .containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
            assertThat(app.jobs().counts()).containsEntry(JobState.PENDING, 3L).containsEntry(JobState.CANCELLED, 1L);
            assertThat(runs).isEmpty();
            app.jobs().resume();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(runs).containsOnlyKeys(ids.subList(0, 3));
            assertThat(runs.values()).containsOnly(1);
        }
    }

    @Test
    void workersRunManyJobsEachExactlyOnceWithoutOverlap() throws Exception {
        try (App app = App.open(AppConfig.of(dir))) {
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            Map<String, Boolean> active = new ConcurrentHashMap<>();
            AtomicInteger overlaps = new AtomicInteger();
            int total = 500;
            CountDownLatch all = new CountDownLatch(total);
            app.jobs().handle("n", job -> {
                if (active.putIfAbsent(job.id(), true) != null) {
                    overlaps.incrementAndGet();
                }
                runs.merge(job.id(), 1, Integer::sum);
                active.remove(job.id());
                all.countDown();
            });
            app.jobs().start(4);
            for (int i = 0; i < total; i++) {
                app.jobs().enqueue("n", payload(i));
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(runs).hasSize(total);
            assertThat(runs.values()).containsOnly(1);
            assertThat(overlaps).hasValue(0);
        }
    }
}
