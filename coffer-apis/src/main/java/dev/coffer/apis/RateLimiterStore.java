package dev.coffer.apis;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Fixed-window request counters by key (limiter and client), bounded in memory. Counting is one lock-free
 * compare-and-set on the client's own counter; windows that ended are swept at most once a
 * {@code sweepEverySeconds}, by one thread, and a full store drops entries rather than growing past
 * {@code maxEntries}.
 */
final class RateLimiterStore {

    /** The default bound on tracked clients. */
    static final int DEFAULT_MAX_ENTRIES = 100_000;
    private static final long SWEEP_EVERY_SECONDS = 60;

    /** A window: its start second (upper 32 bits, relative to the store's epoch) and its count (lower 32). */
    private static final class Window extends AtomicLong {
        private static final long serialVersionUID = 1L;
        final long duration;

        Window(long duration, long start) {
            super(start << 32);
            this.duration = duration;
        }
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clockSeconds;
    private final long epoch;
    private final int maxEntries;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile long nextSweep;

    /** A store on the system clock. */
    RateLimiterStore() {
        this(() -> System.currentTimeMillis() / 1000, DEFAULT_MAX_ENTRIES);
    }

    /** A store on a given clock (seconds) keeping at most about {@code maxEntries} windows. */
    RateLimiterStore(LongSupplier clockSeconds, int maxEntries) {
        this.clockSeconds = clockSeconds;
        this.epoch = clockSeconds.getAsLong() - 1;
        this.maxEntries = maxEntries;
        this.nextSweep = epoch + SWEEP_EVERY_SECONDS;
    }

    /**
     * Counts one request for {@code key} and says whether it is within {@code maxRequests} per
     * {@code durationSeconds}.
     */
    boolean tryAcquire(String key, int maxRequests, long durationSeconds) {
        long now = clockSeconds.getAsLong() - epoch;
        Window w = windows.get(key);
        if (w == null) {
            sweepIfDue(now);
            w = windows.computeIfAbsent(key, k -> new Window(durationSeconds, now));
        }
        while (true) {
            long state = w.get();
            long start = state >>> 32;
            long count = state & 0xffffffffL;
            if (now - start >= durationSeconds) {
                if (w.compareAndSet(state, (now << 32) | 1)) {
                    return true;
                }
            } else if (count >= maxRequests) {
                return false;
            } else if (w.compareAndSet(state, state + 1)) {
                return true;
            }
        }
    }

    /** How many windows are kept. */
    int size() {
        return windows.size();
    }

    /** Forgets every window (after a settings change). */
    void clear() {
        windows.clear();
    }

    private void sweepIfDue(long now) {
        boolean full = windows.size() >= maxEntries;
        if ((!full && now + epoch < nextSweep) || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            nextSweep = now + epoch + SWEEP_EVERY_SECONDS;
            windows.values().removeIf(w -> now - (w.get() >>> 32) >= w.duration);
            Iterator<String> it = windows.keySet().iterator();
            int target = maxEntries - maxEntries / 10;
            while (full && windows.size() >= target && it.hasNext()) {
                it.next();
                it.remove(); // still full of live windows: make room, those clients start afresh
            }
        } finally {
            sweeping.set(false);
        }
    }
}
