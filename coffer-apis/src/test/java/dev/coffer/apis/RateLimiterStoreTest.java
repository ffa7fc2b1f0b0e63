package dev.coffer.apis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fixed-window counters: windows, expiry, the memory bound and exact counts under contention. */
class RateLimiterStoreTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);

    @Test
    void fixedWindowAllowsMaxThenResets() {
        RateLimiterStore store = new RateLimiterStore(clock::get, 1000);
        assertThat(store.tryAcquire("a", 2, 10)).isTrue();
        assertThat(store.tryAcquire("a", 2, 10)).isTrue();
        assertThat(store.tryAcquire("a", 2, 10)).isFalse();
        assertThat(store.tryAcquire("b", 2, 10)).as("another client").isTrue();
        clock.addAndGet(9);
        assertThat(store.tryAcquire("a", 2, 10)).isFalse();
        clock.addAndGet(1);
        assertThat(store.tryAcquire("a", 2, 10)).isTrue();
    }

    @Test
    void endedWindowsAreSweptAndTheStoreStaysBounded() {
        RateLimiterStore store = new RateLimiterStore(clock::get, 1000);
        for (int i = 0; i < 500; i++) {
            store.tryAcquire("old" + i, 1, 5);
        }
        assertThat(store.size()).isEqualTo(500);
        clock.addAndGet(61);
        store.tryAcquire("new", 1, 5);
        assertThat(store.size()).as("ended windows dropped on the periodic sweep").isEqualTo(1);

        for (int i = 0; i < 5000; i++) {
            store.tryAcquire("live" + i, 1, 3600);
        }
        assertThat(store.size()).as("never far past the bound").isLessThanOrEqualTo(1001);
    }

    @Test
    void concurrentCountsAreExact() throws Exception {
        RateLimiterStore store = new RateLimiterStore();
        int threads = 4;
        int perThread = 200_000;
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    if (store.tryAcquire("shared", 100_000, 3600)) {
                        allowed.incrementAndGet();
                    }
                    store.tryAcquire("own" + id + "/" + (i & 1023), 1_000_000, 3600);
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long nanos = System.nanoTime() - start;
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        assertThat(allowed.get()).isEqualTo(100_000);
        System.out.printf("rate limiter: %d threads, %.0f ns per acquire%n", threads,
                (double) nanos / (2.0 * perThread));
    }
}
