package dev.coffer.apis;

import dev.coffer.core.webhooks.Webhooks;
import dev.coffer.tools.json.Json;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhooks beyond their records (which the records API serves as for any superuser-only collection), for
 * superusers: {@code GET /api/webhooks/status} ({@code installed} and the retry schedule in seconds),
 * {@code POST /api/webhooks/install} (creates {@code _webhooks} and {@code _webhookDeliveries}),
 * {@code POST /api/webhooks/{id}/test} (a {@code webhook.test} event to that webhook) and
 * {@code POST /api/webhooks/deliveries/{id}/redeliver} (the same body and message id again). The two sends go
 * through the job queue and answer {@code {"messageId": …}} at once. Also raises {@code COLLECTION.auth} events
 * after each successful sign-in (not token refreshes).
 */
public final class WebhooksApi {

    private WebhooksApi() {}

    /** Registers the routes and the sign-in event. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        router.get("/api/webhooks/status", CollectionsApi.guarded(WebhooksApi::status));
        router.post("/api/webhooks/install", CollectionsApi.guarded(WebhooksApi::install));
        router.post("/api/webhooks/{id}/test", CollectionsApi.guarded(WebhooksApi::test));
        router.post("/api/webhooks/deliveries/{id}/redeliver", CollectionsApi.guarded(WebhooksApi::redeliver));
        hooks.onRecordAuthRequest().bind("coffer:webhooks", 50, e -> {
            e.next();
            if (!e.authMethod().isEmpty() && e.status() == 200) {
                e.app().webhooks().publish(e.record(), "auth");
            }
        });
    }

    private static void status(RequestEvent e) {
        Webhooks w = e.app().webhooks();
        ObjectNode out = Json.object();
        out.put("installed", w.installed());
        ArrayNode schedule = out.putArray("retrySchedule");
        for (Duration d : w.retrySchedule()) {
            schedule.add(d.toSeconds());
        }
        e.json(200, out);
    }

    private static void install(RequestEvent e) {
        e.app().webhooks().install();
        e.json(200, Json.object().put("installed", true));
    }

    private static void test(RequestEvent e) {
        queued(e, () -> e.app().webhooks().sendTest(e.pathParam("id")));
    }

    private static void redeliver(RequestEvent e) {
        queued(e, () -> e.app().webhooks().redeliver(e.pathParam("id")));
    }

    /** Answers {@code {"messageId": …}} of a send queued by {@code send}; 404 when what it names doesn't exist. */
    private static void queued(RequestEvent e, Supplier<String> send) {
        requireInstalled(e);
        try {
            e.json(200, Json.object().put("messageId", send.get()));
        } catch (NoSuchElementException ex) {
            throw ApiError.notFound("The requested resource wasn't found.");
        }
    }

    private static void requireInstalled(RequestEvent e) {
        if (!e.app().webhooks().installed()) {
            throw ApiError.notFound("Webhooks are not installed (POST /api/webhooks/install).");
        }
    }
}
