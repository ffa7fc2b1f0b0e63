package dev.coffer.core.jobs;

/**
 * Runs the jobs of one type. A job is delivered at least once: a handler may see the same job again after a crash
 * or a lost lock, so its work should be idempotent. Returning marks the job done; throwing fails this try (it is
 * tried again after the retry policy's delay until its tries run out); throwing {@link JobFailure#permanent} ends it
 * at once.
 */
@FunctionalInterface
public interface JobHandler {

    /** Does the job's work. */
    void handle(Job job) throws Exception;
}
