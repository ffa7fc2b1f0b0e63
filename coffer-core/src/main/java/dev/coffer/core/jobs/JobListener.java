package dev.coffer.core.jobs;

/** What the queue tells about its jobs as they go (for metrics); called on the threads doing the work. */
public interface JobListener {

    /** A listener that ignores everything. */
    JobListener NONE = new JobListener() {};

    /** A job of {@code type} was enqueued (its transaction may still roll back). */
    default void enqueued(String type) {}

    /**
     * A try of a job of {@code type} ended after {@code millis}: {@link JobState#DONE}, {@link JobState#DEAD}, or
     * {@link JobState#PENDING} when it failed and will be tried again.
     */
    default void finished(String type, JobState outcome, long millis) {}
}
