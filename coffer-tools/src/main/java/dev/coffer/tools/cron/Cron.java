package dev.coffer.tools.cron;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler that, once started, wakes at each UTC minute boundary on one daemon thread and starts every job
 * whose schedule matches that minute on a (platform) thread of its own. Jobs can be added, replaced and removed at any
 * time; a job that throws is logged and runs again at its next match.
 */
public final class Cron implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cron.class);

    /** By id, in registration order (a job added again moves to the end, as in PocketBase); guarded by itself. */
    private final Map<String, CronJob> jobs = new LinkedHashMap<>();
    private final Clock clock;
    private final Object lock = new Object();
    private Thread ticker;
    private boolean closed;
    private volatile Predicate<String> claims = key -> true;
    private volatile BiConsumer<String, Runnable> runner = (id, task) -> task.run();

    /** A scheduler on the system clock. */
    public Cron() {
        this(Clock.systemUTC());
    }

    /** A scheduler on the given clock (tests use a fixed one). */
    public Cron(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Registers a job, replacing any job with the same id.
     *
     * @throws IllegalArgumentException when the id is blank or the expression invalid
     */
    public void add(String id, String expression, Runnable task) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a cron job needs a non-blank id");
        }
        CronJob job = new CronJob(id, CronSchedule.parse(expression), Objects.requireNonNull(task, "task"));
        synchronized (jobs) {
            jobs.remove(id);
            jobs.put(id, job);
        }
    }

    /** Removes the job with the id; returns whether there was one. */
    public boolean remove(String id) {
        synchronized (jobs) {
            return jobs.remove(id) != null;
        }
    }

    /** The registered jobs, in registration order. */
    public List<CronJob> jobs() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values());
        }
    }

    /** The job with the id, if registered. */
    public Optional<CronJob> job(String id) {
        synchronized (jobs) {
            return Optional.ofNullable(jobs.get(id));
        }
    }

    /** Starts the job with the id on a thread of its own now; returns false when there is no such job. */
    public boolean runNow(String id) {
        CronJob job = job(id).orElse(null);
        if (job == null) {
            return false;
        }
        launch(job);
        return true;
    }

    /** Whether the ticker thread is running. */
    public boolean isStarted() {
        synchronized (lock) {
            return ticker != null;
        }
    }

    /** Starts ticking (no-op when already started). */
    public void start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("cron is closed");
            }
            if (ticker != null) {
                return;
            }
            Thread t = new Thread(this::tickLoop, "coffer-cron");
            t.setDaemon(true);
            ticker = t;
            t.start();
        }
    }

    /** Stops ticking; running jobs finish on their own. The scheduler can be started again. */
    public void stop() {
        Thread t;
        synchronized (lock) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /** Stops ticking for good. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        stop();
    }

    /**
     * Runs every job through {@code runner} (given the job's id and its task, which it must run), such as to tell
     * the work it does who is doing it.
     */
    public void runJobsWith(BiConsumer<String, Runnable> runner) {
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    /**
     * Makes each scheduled run claim {@code cron:<job id>:<minute>} first and run only when the claim succeeds, so
     * that instances sharing the claims run a job once per minute between them (runs started by {@link #runNow}
     * don't claim).
     */
    public void claimRunsWith(Predicate<String> claim) {
        claims = Objects.requireNonNull(claim, "claim");
    }

    /**
     * Starts every job whose schedule matches the minute of {@code now} (each after claiming that minute, see
     * {@link #claimRunsWith}); returns how many matched.
     */
    public int tick(ZonedDateTime now) {
        int started = 0;
        String minute = now.withZoneSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();
        Predicate<String> claim = claims;
        for (CronJob job : jobs()) {
            if (job.schedule().matches(now)) {
                launch(job, () -> claim.test("cron:" + job.id() + ":" + minute));
                started++;
            }
        }
        return started;
    }

    private void tickLoop() {
        ZonedDateTime last = null;
        while (isCurrentTicker()) {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            ZonedDateTime next = now.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            if (next.equals(last)) {
                next = next.plusMinutes(1); // woke a little early: that minute already ran
            }
            long sleep = Math.max(1, ChronoUnit.MILLIS.between(now, next));
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                return;
            }
            if (!isCurrentTicker()) {
                return;
            }
            tick(next);
            last = next;
        }
    }

    private boolean isCurrentTicker() {
        synchronized (lock) {
            return ticker == Thread.currentThread();
        }
    }

    private void launch(CronJob job) {
        launch(job, () -> true);
    }

    private void launch(CronJob job, BooleanSupplier claim) {
        BiConsumer<String, Runnable> run = runner;
        // a platform thread: jobs do long database work (SQLite's native calls would pin a virtual thread's carrier,
        // and two such jobs would stall every virtual thread of the process, realtime streams included)
        Thread.ofPlatform().daemon().name("cron-" + job.id()).start(() -> {
            try {
                if (!claim.getAsBoolean()) {
                    LOG.debug("cron job {}: another instance runs this minute", job.id());
                    return;
                }
                run.accept(job.id(), job.task());
            } catch (RuntimeException e) {
                LOG.warn("cron job {} failed", job.id(), e);
            }
        });
    }
}
