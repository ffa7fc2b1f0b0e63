package dev.coffer.apis;

import dev.coffer.apis.event.RealtimeConnectRequestEvent;
import dev.coffer.apis.event.RealtimeSubscribeRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Client;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The realtime endpoints: {@code GET /api/realtime} opens a server-sent event stream for a new client
 * ({@link RealtimeStream}) and {@code POST /api/realtime} replaces a client's subscriptions and binds the
 * requester's auth to it; {@code GET /api/realtime/ws} is the same over a WebSocket ({@link RealtimeSockets}).
 * Record changes reach the subscribers of both through {@link RealtimeRecordEvents}.
 */
public final class RealtimeApi {

    /** A stream with no message for this long is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** A stream is closed after this long whatever happens; clients reconnect. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(30);

    private static final int MAX_CLIENT_ID = 255;
    /** The bus topic of subscription requests for a client another instance holds. */
    private static final String SUBSCRIBE_TOPIC = "realtime-subscribe";

    private RealtimeApi() {}

    /** Adds the realtime routes and publishes the app's record changes to the broker's clients. */
    public static void bind(ApiRouter router, App app, Broker broker, ApiHooks hooks) {
        router.get("/api/realtime", e -> {
            e.skipSuccessLog();
            hooks.onRealtimeConnectRequest().trigger(new RealtimeConnectRequestEvent(e, IDLE_TIMEOUT),
                    ev -> RealtimeStream.open(ev, broker, hooks, IDLE_TIMEOUT, MAX_LIFETIME));
        });
        router.post("/api/realtime", e -> subscribe(e, broker, hooks));
        // the WebSocket transport: upgrades reach this route through the request hooks, plain requests are refused
        router.get(RealtimeSockets.PATH, new RealtimeSockets(app, broker, hooks)::admit);
        RealtimeRecordEvents.bind(app, broker);
        app.cluster().answer(SUBSCRIBE_TOPIC, request -> subscribeHere(app, broker, Json.parse(request)));
    }

    private static void subscribe(RequestEvent e, Broker broker, ApiHooks hooks) throws Exception {
        ObjectNode body = e.body();
        String clientId = text(body.path("clientId"));
        List<String> requested = texts(body.path("subscriptions"));
        validate(clientId, requested);
        hooks.onRealtimeSubscribeRequest().trigger(new RealtimeSubscribeRequestEvent(e, clientId, requested),
                ev -> subscribe(ev, broker, clientId, ev.subscriptions()));
    }

    private static void subscribe(RequestEvent e, Broker broker, String clientId, List<String> subs) {
        Client client = broker.client(clientId).orElse(null);
        int status;
        if (client != null) {
            status = apply(client, subs, e.realIP(), e.auth());
        } else {
            // behind a load balancer the stream may be held by another instance: it applies the request
            ObjectNode request = Json.object();
            request.put("clientId", clientId);
            request.set("subscriptions", Json.MAPPER.valueToTree(subs));
            request.put("ip", e.realIP());
            if (e.auth() != null) {
                request.put("authCollection", e.auth().collection().id());
                request.put("authId", e.auth().id());
            }
            status = e.app().cluster().ask(SUBSCRIBE_TOPIC, Json.write(request)).map(Integer::parseInt).orElse(404);
        }
        switch (status) {
            case 204 -> e.noContent(204);
            case 400 -> throw ApiError.badRequest("Invalid realtime client.");
            case 403 -> throw ApiError.forbidden("The current and the previous request authorization don't match.");
            default -> throw ApiError.notFound("Missing or invalid client id.");
        }
    }

    /** A subscription request another instance received for a client held here: its status, or null when not held. */
    private static String subscribeHere(App app, Broker broker, JsonNode request) {
        Client client = broker.client(request.path("clientId").asString("")).orElse(null);
        if (client == null) {
            return null;
        }
        Record auth = null;
        if (request.has("authId")) {
            auth = app.collections().find(request.path("authCollection").asString(""))
                    .flatMap(c -> app.records().findById(c, request.path("authId").asString(""))).orElse(null);
            if (auth == null) {
                return "403"; // deleted meanwhile: not the auth the request was made with
            }
        }
        List<String> subs = new ArrayList<>();
        request.path("subscriptions").forEach(n -> subs.add(n.asString("")));
        return String.valueOf(apply(client, subs, request.path("ip").asString(""), auth));
    }

    /** Replaces a client's subscriptions and binds the requester's auth; 204, or 400/403 when refused. */
    private static int apply(Client client, List<String> subs, String requesterIp, Record auth) {
        if (RealtimeClients.isWebSocket(client)) {
            return 404; // a WebSocket client changes its subscriptions over its socket
        }
        Object ip = client.get(RealtimeClients.IP_KEY);
        if (ip != null && !ip.equals(requesterIp)) {
            return 400;
        }
        Record bound = RealtimeClients.auth(client);
        if (bound != null && !RealtimeClients.sameAuth(bound, auth)) {
            return 403;
        }
        RealtimeClients.bindAuth(client, auth);
        client.unsubscribeAll();
        client.subscribe(subs);
        return 204;
    }

    private static String text(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (!node.isString()) {
            throw ApiError.badRequest("");
        }
        return node.asString();
    }

    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw ApiError.badRequest("");
        }
        node.forEach(n -> out.add(text(n)));
        return out;
    }

    private static void validate(String clientId, List<String> subs) {
        ObjectNode errors = Json.object();
        if (clientId.isEmpty()) {
            RealtimeClients.error(errors, "clientId", FieldErrors.REQUIRED, "Cannot be blank.");
        } else if (clientId.length() > MAX_CLIENT_ID) {
            RealtimeClients.error(errors, "clientId", FieldErrors.LENGTH_OUT_OF_RANGE,
                    "The length must be between 1 and 255.");
        }
        RealtimeClients.validateSubscriptions(errors, "subscriptions", subs, 0);
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("", errors);
        }
    }
}
