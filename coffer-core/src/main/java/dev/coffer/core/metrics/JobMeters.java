package dev.coffer.core.metrics;

import dev.coffer.core.jobs.JobListener;
import dev.coffer.core.jobs.JobState;
import dev.coffer.core.jobs.Jobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The job queue's meters: {@code coffer.jobs.queued} (pending jobs, the queue depth), {@code coffer.jobs} by
 * {@code state} (running, dead, …; the counts are read at most every 2 s), {@code coffer.jobs.enqueued} and
 * {@code coffer.jobs.runs} (a timer of tries by {@code type} and {@code outcome}: done, retry, dead) — failures are the
 * runs with outcome retry or dead. Webhook deliveries are the runs of type {@code coffer:webhook}.
 */
public final class JobMeters implements JobListener {

    private static final long COUNTS_NANOS = 2_000_000_000L;

    private final MeterRegistry registry;
    private final Jobs jobs;
    private final Map<String, Timer> runs = new ConcurrentHashMap<>();
    private final Map<String, Counter> enqueued = new ConcurrentHashMap<>();
    private volatile Map<JobState, Long> counts = Map.of();
    private volatile long countedAt;

    private JobMeters(MeterRegistry registry, Jobs jobs) {
        this.registry = registry;
        this.jobs = jobs;
    }

    /** Registers the meters of an app's queue and makes them its listener. */
    public static JobMeters bind(MeterRegistry registry, Jobs jobs) {
        JobMeters m = new JobMeters(registry, jobs);
        Gauge.builder("coffer.jobs.queued", m, x -> x.count(JobState.PENDING))
                .description("Jobs waiting to run (due or later)").register(registry);
        for (JobState s : JobState.values()) {
            Gauge.builder("coffer.jobs", m, x -> x.count(s)).tag("state", s.label())
                    .description("Jobs in the queue table by state").register(registry);
        }
        jobs.listener(m);
        return m;
    }

    private double count(JobState state) {
        long now = System.nanoTime();
        if (now - countedAt > COUNTS_NANOS) {
            try {
                counts = jobs.counts();
            } catch (RuntimeException e) {
                return Double.NaN; // the database is closing or paused
            }
            countedAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }

    @Override
    public void enqueued(String type) {
        enqueued.computeIfAbsent(type, t -> Counter.builder("coffer.jobs.enqueued").tag("type", t)
                .description("Jobs enqueued (some in transactions that may roll back)").register(registry))
                .increment();
    }

    @Override
    public void finished(String type, JobState outcome, long millis) {
        String label = switch (outcome) {
            case DONE -> "done";
            case DEAD -> "dead";
            default -> "retry";
        };
        runs.computeIfAbsent(type + '\n' + label, k -> Timer.builder("coffer.jobs.runs").tag("type", type)
                .tag("outcome", label).description("Tries of jobs, by how they ended").register(registry))
                .record(millis, TimeUnit.MILLISECONDS);
    }
}
