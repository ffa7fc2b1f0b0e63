package dev.coffer.bench;

import dev.coffer.tools.json.Json;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import tools.jackson.databind.JsonNode;

/**
 * The durable job queue on SQLite: how long the app's workers take to run a backlog of {@code jobs} stored jobs whose
 * handler does nothing (the queue's own cost: claiming in batches, running, marking each done, all through SQLite's
 * one writer), and how long enqueuing that many and running them takes. One operation is the whole backlog; jobs/s =
 * {@code jobs} / score.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JobQueueBench {

    @Param({"5000"})
    int jobs;

    @Param({"4"})
    int workers;

    private BenchApp bench;
    private final AtomicInteger round = new AtomicInteger();
    private String type;
    private CountDownLatch done;
    private final JsonNode payload = Json.parse("{\"file\":\"a.png\",\"size\":1024}");

    @Setup(Level.Trial)
    public void open() {
        bench = BenchApp.open();
        bench.app.jobs().start(workers);
    }

    /**
     * Stores the backlog of {@code drainBacklog} under a type no handler takes yet, so that nothing runs before the
     * measured part.
     */
    @Setup(Level.Iteration)
    public void backlog(BenchmarkParams params) {
        type = "bench-" + round.incrementAndGet();
        boolean stored = params.getBenchmark().endsWith("drainBacklog");
        done = new CountDownLatch(stored ? jobs : 0);
        for (int i = 0; stored && i < jobs; i++) {
            bench.app.jobs().enqueue(type, payload);
        }
    }

    @TearDown(Level.Iteration)
    public void check() {
        if (done.getCount() != 0) {
            throw new IllegalStateException(done.getCount() + " jobs did not run");
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        bench.close();
    }

    /** Runs the stored backlog: a handler is registered for its type and the workers drain it. */
    @Benchmark
    public long drainBacklog() throws InterruptedException {
        CountDownLatch latch = done;
        bench.app.jobs().handle(type, job -> latch.countDown());
        if (!latch.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("backlog not drained");
        }
        return latch.getCount();
    }

    /** Enqueues the jobs one by one (each its own transaction) while the workers run them, until all are done. */
    @Benchmark
    public long enqueueAndRun() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(jobs);
        String live = type + "-live";
        bench.app.jobs().handle(live, job -> latch.countDown());
        for (int i = 0; i < jobs; i++) {
            bench.app.jobs().enqueue(live, payload);
        }
        if (!latch.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("jobs not run");
        }
        return latch.getCount();
    }
}
