package dev.coffer.apis;

import dev.coffer.tools.cron.CronJob;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;

/**
 * The cron endpoints, for superusers only: list the registered jobs ({@code [{id, expression}]}, sorted by id
 * with the built-in {@code __pb*} jobs last, in the order they were registered) and run one now in the background (204; 404 for an unknown id).
 */
public final class CronsApi {

    private static final String BUILT_IN_PREFIX = "__pb";

    private CronsApi() {}

    /** Registers {@code /api/crons} and {@code /api/crons/{id}}. */
    public static void bind(ApiRouter router) {
        router.get("/api/crons", CollectionsApi.guarded(CronsApi::list));
        router.post("/api/crons/{id}", CollectionsApi.guarded(CronsApi::run));
    }

    private static void list(RequestEvent e) {
        // as PocketBase orders them: the app's own jobs by id, then the built-in ones in registration order
        List<CronJob> jobs = new ArrayList<>(e.app().cron().jobs());
        List<CronJob> builtIn = jobs.stream().filter(j -> j.id().startsWith(BUILT_IN_PREFIX)).toList();
        jobs.removeAll(builtIn);
        jobs.sort(Comparator.comparing(CronJob::id));
        jobs.addAll(builtIn);
        ArrayNode out = Json.array();
        for (CronJob job : jobs) {
            out.addObject().put("id", job.id()).put("expression", job.expression());
        }
        e.json(200, out);
    }

    private static void run(RequestEvent e) {
        if (!e.app().cron().runNow(e.pathParam("id"))) {
            throw ApiError.notFound("Missing or invalid cron job");
        }
        e.noContent(204);
    }
}
