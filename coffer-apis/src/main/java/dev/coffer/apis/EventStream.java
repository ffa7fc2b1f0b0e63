package dev.coffer.apis;

import dev.coffer.core.history.HistoryEntry;
import dev.coffer.tools.json.Json;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * The event log as server-sent events on the request's own (virtual) thread: each change after the cursor is a
 * {@code change} event whose id is its cursor, so a client that reconnects with {@code Last-Event-ID} misses none; a
 * comment every few seconds keeps the connection alive and notices a client that left. A stream ends after
 * {@link #MAX_LIFETIME} (the client reconnects and resumes) or when its client goes away.
 */
final class EventStream {

    /** How long one stream lives before it ends (clients reconnect and resume from their last event id). */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private EventStream() {}

    static void run(RequestEvent e, List<String> collectionIds, long after, int limit, boolean superuser,
            Consumer<ObjectNode> render) {
        Context ctx = e.ctx();
        if (ctx == null) {
            throw ApiError.badRequest("Streaming needs an HTTP connection.");
        }
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setHeader("Content-Type", "text/event-stream");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Accel-Buffering", "no");
        long deadline = System.nanoTime() + MAX_LIFETIME.toNanos();
        long cursor = after;
        try {
            OutputStream out = res.getOutputStream();
            out.write(PING);
            out.flush();
            while (System.nanoTime() < deadline && !e.app().history().waitsEnded()) {
                List<HistoryEntry> found = e.app().history().awaitEvents(collectionIds, cursor, limit, KEEP_ALIVE);
                if (found.isEmpty()) {
                    out.write(PING);
                }
                for (HistoryEntry entry : found) {
                    ObjectNode json = entry.toJson(superuser);
                    render.accept(json);
                    out.write(("id: " + entry.seq() + "\nevent: change\ndata: " + Json.write(json) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    cursor = entry.seq();
                }
                out.flush();
            }
        } catch (IOException gone) {
            // the client went away (or the server is stopping): nothing more to send
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
