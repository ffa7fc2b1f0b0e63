package dev.coffer.core.jobs;

import java.time.Duration;

/**
 * How the jobs of one type are run.
 *
 * @param retry how often a job is tried and how long it waits between tries
 * @param visibilityTimeout how long a worker holds a job it runs before others may take it (the worker renews the
 *     hold while the handler runs, so only a crashed or stalled worker loses it)
 */
public record JobOptions(RetryPolicy retry, Duration visibilityTimeout) {

    /** {@link RetryPolicy#DEFAULT} and a five-minute visibility timeout. */
    public static final JobOptions DEFAULT = new JobOptions(RetryPolicy.DEFAULT, Duration.ofMinutes(5));

    public JobOptions {
        if (retry == null) {
            throw new IllegalArgumentException("a retry policy is required");
        }
        if (visibilityTimeout == null || visibilityTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("the visibility timeout must be at least 100 ms");
        }
    }

    /** These options with another retry policy. */
    public JobOptions withRetry(RetryPolicy value) {
        return new JobOptions(value, visibilityTimeout);
    }

    /** These options with another visibility timeout. */
    public JobOptions withVisibilityTimeout(Duration value) {
        return new JobOptions(retry, value);
    }
}
