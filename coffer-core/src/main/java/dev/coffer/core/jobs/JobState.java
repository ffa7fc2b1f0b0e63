package dev.coffer.core.jobs;

import java.util.Locale;
import java.util.Optional;

/** Where a job stands; stored and shown in lower case. */
public enum JobState {
    /** Waiting for its time ({@code runAt}) or for a worker. */
    PENDING,
    /** Taken by a worker, which holds it until its visibility timeout runs out. */
    RUNNING,
    /** Finished successfully. */
    DONE,
    /** Failed on its last allowed try, or failed permanently: it is not tried again unless retried by hand. */
    DEAD,
    /** Cancelled before it ran. */
    CANCELLED;

    /** The stored name. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a stored or requested name, if it is one. */
    public static Optional<JobState> of(String label) {
        for (JobState s : values()) {
            if (s.label().equals(label)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
