package dev.coffer.core.jobs;

import java.time.Instant;

/**
 * What a {@link JobHandler} throws to say how its failed try goes on: not at all ({@link #permanent}), or at a
 * time of its choosing ({@link #retryAt}) instead of the retry policy's.
 */
public final class JobFailure extends RuntimeException {

    private final boolean permanent;
    private final Instant retryAt;

    private JobFailure(String message, boolean permanent, Instant retryAt) {
        super(message, null, false, false);
        this.permanent = permanent;
        this.retryAt = retryAt;
    }

    /** A failure that no further try can fix: the job goes to {@link JobState#DEAD} now. */
    public static JobFailure permanent(String message) {
        return new JobFailure(message, true, null);
    }

    /** A failure to try again at {@code when} (if the job has tries left). */
    public static JobFailure retryAt(String message, Instant when) {
        return new JobFailure(message, false, when);
    }

    /** Whether the job must not be tried again. */
    public boolean isPermanent() {
        return permanent;
    }

    /** When to try again, or null for the retry policy's delay. */
    public Instant retryAt() {
        return retryAt;
    }
}
