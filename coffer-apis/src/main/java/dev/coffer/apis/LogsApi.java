package dev.coffer.apis;

import dev.coffer.core.logs.LogEntry;
import dev.coffer.core.logs.LogStore;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.FilterException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The logs endpoints, for superusers only: list the stored logs (page, perPage, skipTotal, filter and sort on
 * {@code id}, {@code created}, {@code level}, {@code message}, {@code data.*}), view one, count them per hour,
 * and delete them all. Successful calls are not themselves logged.
 */
public final class LogsApi {

    private LogsApi() {}

    /** Registers {@code /api/logs}, {@code /api/logs/stats} and {@code /api/logs/{id}}. */
    public static void bind(ApiRouter router) {
        // the router tries later routes first: the literal /stats goes after /{id}
        router.get("/api/logs", guarded(LogsApi::list));
        router.delete("/api/logs", guarded(LogsApi::deleteAll));
        router.get("/api/logs/{id}", guarded(LogsApi::view));
        router.get("/api/logs/stats", guarded(LogsApi::stats));
    }

    private static RequestHandler guarded(RequestHandler handler) {
        return CollectionsApi.guarded(e -> {
            e.skipSuccessLog();
            handler.handle(e);
        });
    }

    private static void list(RequestEvent e) {
        ListParams paging = ListParams.of(e);
        LogStore.Page page;
        try {
            page = e.app().logs().list(e.query("filter"), e.query("sort"), paging.page(), paging.perPage(),
                    paging.skipTotal());
        } catch (FilterException ex) {
            throw ApiError.badRequest("");
        }
        ArrayNode items = Json.array();
        page.items().forEach(l -> items.add(l.toJson()));
        e.json(200, paging.result(page.totalItems(), items));
    }

    private static void stats(RequestEvent e) {
        ArrayNode out = Json.array();
        try {
            for (LogStore.HourlyCount c : e.app().logs().stats(e.query("filter"))) {
                ObjectNode item = out.addObject();
                item.put("total", c.total());
                item.put("date", c.date());
            }
        } catch (FilterException ex) {
            throw ApiError.badRequest("Invalid filter format.");
        }
        e.json(200, out);
    }

    private static void view(RequestEvent e) {
        String id = e.pathParam("id");
        LogEntry log = id.isEmpty() ? null : e.app().logs().find(id).orElse(null);
        if (log == null) {
            throw ApiError.notFound("");
        }
        e.json(200, log.toJson());
    }

    private static void deleteAll(RequestEvent e) {
        e.app().logs().deleteAll();
        e.noContent(204);
    }
}
