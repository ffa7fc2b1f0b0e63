package dev.coffer.core.jobs;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A job as stored: what to do ({@code type}, handled by the handler registered for it) with what ({@code payload}),
 * where it stands ({@code state}), how often it was tried and may be tried, when it is due next and why the last try
 * failed.
 *
 * @param attempts the tries started so far, the current one included while it runs
 * @param runAt when the job is due (for a pending job: its next try)
 * @param lastError what the last failed try reported, empty when none failed
 * @param created when it was enqueued, in the API's datetime format
 * @param updated when its state last changed, in the API's datetime format
 */
public record Job(String id, String type, JsonNode payload, JobState state, int attempts, int maxAttempts,
        Instant runAt, String lastError, String created, String updated) {}
