package dev.coffer.apis;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/** Allows at most a number of attempts per key within a sliding time window. */
final class AttemptLimiter {

    private final int max;
    private final long windowNanos;
    private final ConcurrentHashMap<String, Deque<Long>> attempts = new ConcurrentHashMap<>();

    AttemptLimiter(int max, Duration window) {
        this.max = max;
        this.windowNanos = window.toNanos();
    }

    /** Counts an attempt for the key; false when the key already used up its attempts in the window. */
    boolean tryAcquire(String key) {
        long now = System.nanoTime();
        boolean[] allowed = new boolean[1];
        attempts.compute(key, (k, times) -> {
            Deque<Long> t = times == null ? new ArrayDeque<>() : times;
            while (!t.isEmpty() && now - t.peekFirst() >= windowNanos) {
                t.pollFirst();
            }
            allowed[0] = t.size() < max;
            if (allowed[0]) {
                t.addLast(now);
            }
            return t;
        });
        return allowed[0];
    }
}
