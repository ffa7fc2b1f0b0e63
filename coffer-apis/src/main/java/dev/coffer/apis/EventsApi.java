package dev.coffer.apis;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionException;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.field.Field;
import dev.coffer.core.history.HistoryEntry;
import dev.coffer.core.record.Record;
import dev.coffer.core.rules.FieldReadAccess;
import dev.coffer.tools.json.Json;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event log over HTTP: {@code GET /api/events?collection=&after=&limit=&wait=} reads the changes after a cursor
 * in commit order, waiting (long polling) up to {@code wait} seconds for the next one when there is none, and
 * {@code POST /api/collections/{collection}/events/replay} rebuilds an events-mode collection's table from its log.
 * With {@code stream=1} (or {@code Accept: text/event-stream}) the changes come as server-sent events instead, one per
 * change with its cursor as the event id, resumable with {@code Last-Event-ID} ({@link EventStream}).
 *
 * <p>Superusers read every collection's events (all of them without {@code collection}); others one collection's,
 * when its {@code eventsRule} (a filter on {@code @request.*}; null for superusers only) passes, without hidden
 * fields and with fields that have a read rule masked or left out.
 */
public final class EventsApi {

    /** The longest wait of a long poll, in seconds. */
    static final int MAX_WAIT_SECONDS = 60;
    private static final int MAX_LIMIT = 1000;

    private EventsApi() {}

    /** Registers the routes. */
    public static void bind(ApiRouter router) {
        router.get("/api/events", EventsApi::events);
        router.post("/api/collections/{collection}/events/replay", CollectionsApi.guarded(EventsApi::replay));
    }

    private static void events(RequestEvent e) throws InterruptedException {
        RequestInfo info = e.requestInfo();
        String name = e.query("collection");
        Collection c = name.isEmpty() ? null : e.app().collections().find(name)
                .orElseThrow(() -> ApiError.notFound("Missing collection context."));
        if (!info.isSuperuser()) {
            if (c == null || c.eventsRule() == null) {
                throw info.auth() == null ? ApiError.unauthorized("The request requires valid record authorization "
                        + "token.") : ApiError.forbidden(RecordCrudApi.SUPERUSERS_ONLY);
            }
            if (!c.eventsRule().isBlank() && !e.app().rules().matchesDraft(new Record(c), info, c.eventsRule())) {
                throw info.auth() == null ? ApiError.unauthorized("The request requires valid record authorization "
                        + "token.") : ApiError.forbidden("The authorized record is not allowed to follow these events.");
            }
        }
        long after = number(e, "after", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(e, "limit", 1, MAX_LIMIT, 100);
        int wait = (int) number(e, "wait", 0, MAX_WAIT_SECONDS, 0);
        List<String> ids = c == null ? List.of() : List.of(c.id());
        e.skipSuccessLog();
        if (e.query("stream").equals("1") || e.query("stream").equals("true")
                || e.header("Accept").contains("text/event-stream")) {
            String lastId = e.header("Last-Event-ID").strip();
            if (!lastId.isEmpty()) {
                try {
                    after = Math.max(0, Long.parseLong(lastId));
                } catch (NumberFormatException ex) {
                    throw ApiError.badRequest("Invalid Last-Event-ID: a whole number is expected.");
                }
            }
            EventStream.run(e, ids, after, limit, info.isSuperuser(), json -> render(e, info, json));
            return;
        }
        Runnable restore = wait > 0 ? outlastIdleTimeout(e, wait) : () -> {};
        List<HistoryEntry> found;
        try {
            found = e.app().history().awaitEvents(ids, after, limit, Duration.ofSeconds(wait));
        } finally {
            restore.run();
        }
        ArrayNode items = Json.array();
        for (HistoryEntry entry : found) {
            ObjectNode json = entry.toJson(info.isSuperuser());
            render(e, info, json);
            items.add(json);
        }
        ObjectNode out = Json.object();
        out.set("items", items);
        out.put("cursor", found.isEmpty() ? after : found.getLast().seq());
        e.json(200, out);
    }

    /** Adds the collection's name to an entry's JSON and, for others than superusers, hides what they may not see. */
    private static void render(RequestEvent e, RequestInfo info, ObjectNode json) {
        e.app().collections().find(json.path("collectionId").asString("")).ifPresent(owner -> {
            json.put("collectionName", owner.name());
            if (!info.isSuperuser()) {
                visibleChanges(owner, (ObjectNode) json.get("changes"));
            }
        });
    }

    /** What a follower other than a superuser sees: no hidden fields, fields with a read rule masked or left out. */
    private static void visibleChanges(Collection c, ObjectNode changes) {
        for (Field f : c.fields()) {
            if (!changes.has(f.name())) {
                continue;
            }
            if (f.hidden()) {
                changes.remove(f.name());
            } else if (f.readAccess() != null) {
                FieldReadAccess.maskChange(f, changes);
            }
        }
    }

    /**
     * Makes the connection's idle timeout (Jetty's, 30 s by default) outlast a long poll; returns what puts it back.
     */
    private static Runnable outlastIdleTimeout(RequestEvent e, int seconds) {
        Context ctx = e.ctx();
        if (ctx == null) {
            return () -> {};
        }
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                .getConnection().getEndPoint();
        long before = endPoint.getIdleTimeout();
        long needed = (seconds + 15) * 1000L;
        if (before <= 0 || before >= needed) {
            return () -> {};
        }
        endPoint.setIdleTimeout(needed);
        return () -> endPoint.setIdleTimeout(before);
    }

    private static long number(RequestEvent e, String param, long min, long max, long fallback) {
        String raw = e.query(param);
        if (raw.isEmpty()) {
            return fallback;
        }
        long value;
        try {
            value = Long.parseLong(raw);
        } catch (NumberFormatException ex) {
            throw ApiError.badRequest("Invalid " + param + ": a whole number is expected.");
        }
        if (value < min || value > max) {
            throw ApiError.badRequest("Invalid " + param + ": it must be between " + min + " and " + max + ".");
        }
        return value;
    }

    private static void replay(RequestEvent e) {
        Collection c = e.app().collections().find(e.pathParam("collection"))
                .orElseThrow(() -> ApiError.notFound("Missing collection context."));
        int applied;
        try {
            applied = new CollectionService(e.app()).replayEvents(c);
        } catch (CollectionException ex) {
            throw ApiError.badRequest(ex.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("applied", applied);
        e.json(200, out);
    }
}
