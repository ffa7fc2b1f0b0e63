package dev.coffer.core.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background side of {@link Jobs}: one polling thread takes due jobs (as many as there are idle workers) and
 * hands them to a pool of platform threads (handlers may use SQLite, which pins virtual threads). It looks again
 * when woken (a local enqueue committed, a job ended) or after a second (jobs other instances enqueued, retries
 * coming due), renews the holds of running jobs, and now and then deletes week-old finished jobs.
 */
final class JobWorker {

    private static final Logger LOG = LoggerFactory.getLogger(JobWorker.class);
    private static final long POLL_MILLIS = 1000;
    private static final long CLEANUP_MILLIS = 3_600_000;
    private static final long CONTENDED_MILLIS = 20;

    private final Jobs jobs;
    private final int concurrency;
    private final ExecutorService pool;
    private final Set<Job> running = ConcurrentHashMap.newKeySet();
    private final Queue<Jobs.Outcome> ended = new ConcurrentLinkedQueue<>();
    // set by wake() and cleared by the poller when it looks: a wake while it is set costs one read (an enqueue per
    // request wakes the poller, and a lock there would have request threads wait on each other)
    private final AtomicBoolean woken = new AtomicBoolean();
    private final Thread poller;
    private volatile boolean stopped;

    JobWorker(Jobs jobs, int concurrency) {
        this.jobs = jobs;
        this.concurrency = concurrency;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "coffer-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(concurrency, threads);
        this.poller = new Thread(this::loop, "coffer-jobs");
        this.poller.setDaemon(true);
    }

    void start() {
        poller.start();
    }

    void wake() {
        if (!woken.get() && woken.compareAndSet(false, true)) {
            LockSupport.unpark(poller);
        }
    }

    void stop(long graceMillis) {
        stopped = true;
        wake();
        try {
            poller.join(Math.max(graceMillis, 1));
            pool.shutdown();
            if (!pool.awaitTermination(Math.max(graceMillis, 1), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
            List<Jobs.Outcome> last = new ArrayList<>(ended);
            ended.clear();
            jobs.record(last);
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long lastRenewal = System.currentTimeMillis();
        long lastCleanup = 0;
        while (!stopped) {
            try {
                List<Jobs.Outcome> outcomes = new ArrayList<>();
                for (Jobs.Outcome o; (o = ended.poll()) != null; ) {
                    outcomes.add(o);
                }
                // a job stays in `running` (its hold renewed) until its outcome is recorded
                int free = jobs.paused() ? 0 : concurrency - (running.size() - outcomes.size());
                List<Job> taken;
                try {
                    taken = jobs.recordAndClaim(outcomes, free);
                } catch (RuntimeException e) {
                    ended.addAll(outcomes); // recorded on the next round
                    throw e;
                }
                outcomes.forEach(o -> running.remove(o.job()));
                for (Job job : taken) {
                    running.add(job);
                    pool.execute(() -> {
                        Jobs.Outcome outcome = null;
                        try {
                            outcome = jobs.execute(job);
                        } catch (Throwable t) {
                            LOG.error("job {} ({}) failed outside its handler", job.id(), job.type(), t);
                        } finally {
                            if (outcome != null) {
                                ended.add(outcome);
                            } else {
                                running.remove(job);
                            }
                            wake();
                        }
                    });
                }
                long now = System.currentTimeMillis();
                long renewEvery = Math.max(jobs.visibilityTimeout().toMillis() / 3, 50);
                if (now - lastRenewal >= renewEvery) {
                    jobs.extend(List.copyOf(running));
                    lastRenewal = now;
                }
                if (now - lastCleanup >= CLEANUP_MILLIS) {
                    jobs.cleanUp();
                    lastCleanup = now;
                }
                if (!taken.isEmpty() && taken.size() == free) {
                    continue; // every worker busy: look again once one frees up (it wakes us)
                }
                // due jobs held by other instances' claims at that moment: look again soon
                await(taken.isEmpty() && free > 0 && jobs.contended() ? CONTENDED_MILLIS
                        : Math.min(POLL_MILLIS, renewEvery));
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.warn("job queue poll failed: {}", e.getMessage());
                    await(POLL_MILLIS);
                }
            }
        }
    }

    private void await(long millis) {
        long deadline = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        while (!woken.get() && !stopped) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        woken.set(false);
    }
}
