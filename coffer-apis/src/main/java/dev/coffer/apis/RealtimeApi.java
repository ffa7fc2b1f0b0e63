package dev.coffer.apis;

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
 * requester's auth to it. Record changes reach subscribers through {@link RealtimeRecordEvents}.
 */
public final class RealtimeApi {

    /** The client store key of the bound auth record. */
    static final String AUTH_KEY = "auth";
    /** The client store key of the IP the stream was opened from. */
    static final String IP_KEY = "ip";
    /** A stream with no message for this long is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** A stream is closed after this long whatever happens; clients reconnect. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(30);

    private static final int MAX_CLIENT_ID = 255;
    private static final int MAX_SUBSCRIPTIONS = 1000;
    private static final int MAX_SUBSCRIPTION_LENGTH = 2500;
    /** The bus topic of subscription requests for a client another instance holds. */
    private static final String SUBSCRIBE_TOPIC = "realtime-subscribe";

    private RealtimeApi() {}

    /** Adds the realtime routes and publishes the app's record changes to the broker's clients. */
    public static void bind(ApiRouter router, App app, Broker broker) {
        router.get("/api/realtime", e -> {
            e.skipSuccessLog();
            RealtimeStream.open(e, broker, IDLE_TIMEOUT, MAX_LIFETIME);
        });
        router.post("/api/realtime", e -> subscribe(e, broker));
        RealtimeRecordEvents.bind(app, broker);
        app.cluster().answer(SUBSCRIBE_TOPIC, request -> subscribeHere(app, broker, Json.parse(request)));
    }

    private static void subscribe(RequestEvent e, Broker broker) {
        ObjectNode body = e.body();
        String clientId = text(body.path("clientId"));
        List<String> subs = texts(body.path("subscriptions"));
        validate(clientId, subs);
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
        Object ip = client.get(IP_KEY);
        if (ip != null && !ip.equals(requesterIp)) {
            return 400;
        }
        Record bound = (Record) client.get(AUTH_KEY);
        if (bound != null && !sameAuth(bound, auth)) {
            return 403;
        }
        client.set(AUTH_KEY, auth);
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
            error(errors, "clientId", FieldErrors.REQUIRED, "Cannot be blank.");
        } else if (clientId.length() > MAX_CLIENT_ID) {
            error(errors, "clientId", FieldErrors.LENGTH_OUT_OF_RANGE, "The length must be between 1 and 255.");
        }
        if (subs.size() > MAX_SUBSCRIPTIONS) {
            error(errors, "subscriptions", "validation_length_too_long", "The length must be no more than 1000.");
        } else {
            ObjectNode each = Json.object();
            for (int i = 0; i < subs.size(); i++) {
                if (subs.get(i).length() > MAX_SUBSCRIPTION_LENGTH) {
                    error(each, String.valueOf(i), "validation_length_too_long",
                            "The length must be no more than 2500.");
                }
            }
            if (!each.isEmpty()) {
                errors.set("subscriptions", each);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("", errors);
        }
    }

    private static void error(ObjectNode errors, String name, String code, String message) {
        ObjectNode e = errors.putObject(name);
        e.put("code", code);
        e.put("message", message);
    }

    /** Whether two auth states are the same record (both guests count as the same). */
    static boolean sameAuth(Record a, Record b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.id().equals(b.id()) && a.collection().id().equals(b.collection().id());
    }
}
