package dev.coffer.apis;

import dev.coffer.core.jobs.Job;
import dev.coffer.core.jobs.JobPage;
import dev.coffer.core.jobs.JobState;
import dev.coffer.core.jobs.Jobs;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The job queue for superusers: {@code GET /api/jobs} (a page of jobs, newest first, by {@code state} and
 * {@code type}), {@code GET /api/jobs/stats} (how many in each state, the types this instance handles and whether its
 * workers are paused), {@code POST /api/jobs/pause} and {@code /resume} (this instance's workers stop or start
 * taking jobs), {@code GET /api/jobs/{id}}, {@code POST /api/jobs/{id}/retry} (a dead, cancelled or done job runs again from its
 * first try), {@code POST /api/jobs/{id}/cancel} (a pending job) and {@code DELETE /api/jobs?state=} (purge the done,
 * dead or cancelled jobs; {@code before=} a datetime keeps newer ones).
 */
public final class JobsApi {

    private JobsApi() {}

    /** Registers the routes. */
    public static void bind(ApiRouter router) {
        router.get("/api/jobs", CollectionsApi.guarded(JobsApi::list));
        router.get("/api/jobs/stats", CollectionsApi.guarded(JobsApi::stats));
        router.get("/api/jobs/{id}", CollectionsApi.guarded(JobsApi::view));
        router.post("/api/jobs/{id}/retry", CollectionsApi.guarded(JobsApi::retry));
        router.post("/api/jobs/{id}/cancel", CollectionsApi.guarded(JobsApi::cancel));
        router.delete("/api/jobs", CollectionsApi.guarded(JobsApi::purge));
        router.post("/api/jobs/pause", CollectionsApi.guarded(e -> {
            e.app().jobs().pause();
            e.noContent(204);
        }));
        router.post("/api/jobs/resume", CollectionsApi.guarded(e -> {
            e.app().jobs().resume();
            e.noContent(204);
        }));
    }

    private static void list(RequestEvent e) {
        JobState state = state(e.query("state"), true);
        ListParams paging = ListParams.of(e);
        JobPage result = e.app().jobs().list(state, e.query("type"), (int) Math.min(paging.page(), Integer.MAX_VALUE),
                paging.perPage());
        ArrayNode items = Json.array();
        result.items().forEach(j -> items.add(json(j)));
        e.json(200, ListParams.result(result.page(), result.perPage(), result.totalItems(), result.totalPages(),
                items));
    }

    private static void stats(RequestEvent e) {
        Jobs jobs = e.app().jobs();
        ObjectNode out = Json.object();
        ObjectNode counts = out.putObject("counts");
        for (Map.Entry<JobState, Long> c : jobs.counts().entrySet()) {
            counts.put(c.getKey().label(), c.getValue());
        }
        out.put("paused", jobs.paused());
        ArrayNode types = out.putArray("types");
        jobs.types().stream().sorted().forEach(types::add);
        e.json(200, out);
    }

    private static void view(RequestEvent e) {
        Job job = found(e);
        e.json(200, json(job));
    }

    private static void retry(RequestEvent e) {
        Job job = found(e);
        if (!e.app().jobs().retry(job.id())) {
            throw ApiError.badRequest("The job is " + job.state().label() + " and can't be retried now.");
        }
        e.noContent(204);
    }

    private static void cancel(RequestEvent e) {
        Job job = found(e);
        if (!e.app().jobs().cancel(job.id())) {
            throw ApiError.badRequest("Only a pending job can be cancelled; this one is " + job.state().label() + ".");
        }
        e.noContent(204);
    }

    private static void purge(RequestEvent e) {
        JobState state = state(e.query("state"), false);
        if (state == JobState.PENDING || state == JobState.RUNNING) {
            throw ApiError.badRequest("Only done, dead or cancelled jobs can be purged.");
        }
        String before = e.query("before");
        java.time.Instant cutoff = null;
        if (before != null && !before.isEmpty()) {
            cutoff = DateTime.parse(before)
                    .orElseThrow(() -> ApiError.badRequest("Invalid before datetime: " + before));
        }
        int deleted = e.app().jobs().purge(state, cutoff);
        e.json(200, Json.object().put("deleted", deleted));
    }

    /** The job the path names; 404 when there is none. */
    private static Job found(RequestEvent e) {
        return e.app().jobs().find(e.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound("The requested resource wasn't found."));
    }

    private static JobState state(String value, boolean optional) {
        if (value == null || value.isEmpty()) {
            if (optional) {
                return null;
            }
            throw ApiError.badRequest("The state query parameter is required (done, dead or cancelled).");
        }
        return JobState.of(value).orElseThrow(() -> ApiError.badRequest("Unknown job state: " + value
                + " (pending, running, done, dead or cancelled)."));
    }

    /** A job as the API shows it. */
    static ObjectNode json(Job j) {
        ObjectNode o = Json.object();
        o.put("id", j.id());
        o.put("type", j.type());
        o.set("payload", j.payload());
        o.put("state", j.state().label());
        o.put("attempts", j.attempts());
        o.put("maxAttempts", j.maxAttempts());
        o.put("runAt", DateTime.format(j.runAt()));
        o.put("lastError", j.lastError());
        o.put("created", j.created());
        o.put("updated", j.updated());
        return o;
    }
}
