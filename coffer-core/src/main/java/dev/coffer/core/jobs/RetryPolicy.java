package dev.coffer.core.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often a job is tried and how long it waits between tries: either a fixed schedule of delays (one try more
 * than delays) or exponential backoff (base × 2^(try − 1), capped, with up to 10% jitter).
 *
 * @param maxAttempts how many tries in all (at least 1)
 * @param schedule the delay after each failed try, when fixed; empty for exponential backoff
 * @param base the first delay of exponential backoff
 * @param cap the longest delay of exponential backoff
 */
public record RetryPolicy(int maxAttempts, List<Duration> schedule, Duration base, Duration cap) {

    /** Five tries, waiting 10 s, 20 s, 40 s, 80 s between them (give or take jitter). */
    public static final RetryPolicy DEFAULT = exponential(5, Duration.ofSeconds(10), Duration.ofHours(1));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        schedule = List.copyOf(schedule);
        if (schedule.stream().anyMatch(d -> d.isNegative())) {
            throw new IllegalArgumentException("a retry delay can't be negative");
        }
    }

    /** Exponential backoff: {@code maxAttempts} tries, the first retry after {@code base}, none later than {@code cap}. */
    public static RetryPolicy exponential(int maxAttempts, Duration base, Duration cap) {
        return new RetryPolicy(maxAttempts, List.of(), base, cap);
    }

    /** A fixed schedule: after the n-th failed try the job waits the n-th delay; one try more than delays. */
    public static RetryPolicy schedule(List<Duration> delays) {
        return new RetryPolicy(delays.size() + 1, delays, Duration.ZERO, Duration.ZERO);
    }

    /** A fixed schedule: after the n-th failed try the job waits the n-th delay; one try more than delays. */
    public static RetryPolicy schedule(Duration... delays) {
        return schedule(List.of(delays));
    }

    /** The wait after the {@code attempt}-th failed try (1-based). */
    public Duration delayAfter(int attempt) {
        if (!schedule.isEmpty()) {
            return schedule.get(Math.min(Math.max(attempt, 1), schedule.size()) - 1);
        }
        long baseMs = Math.max(base.toMillis(), 1);
        int shift = Math.min(Math.max(attempt - 1, 0), 30);
        long ms = Math.min(baseMs << shift, Math.max(cap.toMillis(), baseMs));
        long jitter = ms / 10 > 0 ? ThreadLocalRandom.current().nextLong(ms / 10 + 1) : 0;
        return Duration.ofMillis(ms + jitter);
    }
}
