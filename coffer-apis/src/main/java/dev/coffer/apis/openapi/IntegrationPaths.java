package dev.coffer.apis.openapi;

import static dev.coffer.apis.openapi.Schemas.array;
import static dev.coffer.apis.openapi.Schemas.enumOf;
import static dev.coffer.apis.openapi.Schemas.integer;
import static dev.coffer.apis.openapi.Schemas.object;
import static dev.coffer.apis.openapi.Schemas.string;

import dev.coffer.apis.openapi.Operation.Access;
import tools.jackson.databind.node.ObjectNode;

/**
 * Coffer's integration APIs: the durable job queue and webhooks (superusers only), and realtime over WebSocket.
 */
final class IntegrationPaths {

    private final SystemPaths system;

    IntegrationPaths(SystemPaths system) {
        this.system = system;
    }

    /** Adds the paths. */
    void add() {
        jobs();
        webhooks();
        system.add("/api/realtime/ws", "get", Operation.of("Connect to realtime events over a WebSocket")
                .tag("Realtime").id("realtimeWebSocket").access(Access.OPTIONAL)
                .description("An HTTP upgrade to a WebSocket carrying the realtime subscriptions as JSON frames "
                        + "(connect, auth, subscribe, unsubscribe, ping/pong, event, error); see the README.")
                .empty(101, "Switching to the WebSocket protocol.").errors(400, 403));
    }

    private void jobs() {
        String tag = "Jobs";
        ObjectNode job = object("id", string(), "type", string(), "payload", Schemas.anyObject(),
                "state", enumOf("pending", "running", "done", "dead", "cancelled"), "attempts", integer(),
                "maxAttempts", integer(), "runAt", string(), "lastError", string(), "created", string(),
                "updated", string());
        ObjectNode page = object("page", integer(), "perPage", integer(), "totalItems", integer(),
                "totalPages", integer(), "items", array(job));
        ObjectNode states = enumOf("pending", "running", "done", "dead", "cancelled");
        system.add("/api/jobs", "get", Operation.of("List jobs").tag(tag).id("listJobs").access(Access.SUPERUSER)
                .query("state", "Only jobs in this state.", states).query("type", "Only jobs of this type.", string())
                .sharedParam("page").sharedParam("perPage").ok(200, "A page of jobs, newest first.", page)
                .errors(400));
        system.add("/api/jobs", "delete", Operation.of("Purge finished jobs").tag(tag).id("purgeJobs")
                .access(Access.SUPERUSER).query("state", "done, dead or cancelled.", enumOf("done", "dead",
                        "cancelled"))
                .query("before", "Only jobs last changed before this datetime.", string())
                .ok(200, "How many were deleted.", object("deleted", integer())).errors(400));
        system.add("/api/jobs/stats", "get", Operation.of("Jobs per state").tag(tag).id("jobStats")
                .access(Access.SUPERUSER).ok(200, "Counts per state and the handled types.",
                        object("counts", Schemas.anyObject(), "types", array(string()), "paused", Schemas.bool())));
        system.add("/api/jobs/pause", "post", Operation.of("Pause this instance's workers").tag(tag).id("pauseJobs")
                .access(Access.SUPERUSER).empty(204, "Paused: running jobs finish, no new ones are taken."));
        system.add("/api/jobs/resume", "post", Operation.of("Resume this instance's workers").tag(tag)
                .id("resumeJobs").access(Access.SUPERUSER).empty(204, "Resumed."));
        system.add("/api/jobs/{id}", "get", Operation.of("View a job").tag(tag).id("viewJob").access(Access.SUPERUSER)
                .pathParam("id", "The job id.").ok(200, "The job.", job).errors(404));
        system.add("/api/jobs/{id}/retry", "post", Operation.of("Run a finished job again").tag(tag).id("retryJob")
                .access(Access.SUPERUSER).pathParam("id", "The job id.").empty(204, "Queued again.")
                .errors(400, 404));
        system.add("/api/jobs/{id}/cancel", "post", Operation.of("Cancel a pending job").tag(tag).id("cancelJob")
                .access(Access.SUPERUSER).pathParam("id", "The job id.").empty(204, "Cancelled.").errors(400, 404));
    }

    private void webhooks() {
        String tag = "Webhooks";
        ObjectNode sent = object("messageId", string());
        system.add("/api/webhooks/status", "get", Operation.of("Whether webhooks are installed").tag(tag)
                .id("webhookStatus").access(Access.SUPERUSER).ok(200, "The status and the retry schedule (seconds).",
                        object("installed", Schemas.bool(), "retrySchedule", array(integer()))));
        system.add("/api/webhooks/install", "post", Operation.of("Create the webhook collections").tag(tag)
                .id("installWebhooks").access(Access.SUPERUSER)
                .description("Creates the system collections _webhooks and _webhookDeliveries when missing.")
                .ok(200, "Installed.", object("installed", Schemas.bool())));
        system.add("/api/webhooks/{id}/test", "post", Operation.of("Send a test event").tag(tag).id("testWebhook")
                .access(Access.SUPERUSER).pathParam("id", "The _webhooks record id.")
                .ok(200, "Queued.", sent).errors(404));
        system.add("/api/webhooks/deliveries/{id}/redeliver", "post", Operation.of("Send a delivery again").tag(tag)
                .id("redeliverWebhook").access(Access.SUPERUSER).pathParam("id", "The _webhookDeliveries record id.")
                .ok(200, "Queued.", sent).errors(404));
    }
}
