package dev.coffer.apis;

import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Client;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bookkeeping every realtime client has, whichever transport carries its messages (the SSE stream of
 * {@link RealtimeStream} or the WebSocket of {@link RealtimeSocket}): its id and IP, the auth bound to it, the limits
 * on its subscriptions, and what an auth record's change or delete does to it. Record events reach both kinds through
 * the one broker ({@link RealtimeRecordEvents}): the rules, options and serialization are the same for both.
 */
final class RealtimeClients {

    /** The client store key of the bound auth record. */
    static final String AUTH_KEY = "auth";
    /** The client store key of the IP the client connected from. */
    static final String IP_KEY = "ip";
    /** The client store key of the transport when it is not SSE ({@value #WEBSOCKET}). */
    static final String TRANSPORT_KEY = "transport";
    /** The transport value of WebSocket clients. */
    static final String WEBSOCKET = "websocket";
    /** The client store key of a {@link Runnable} run when the bound auth is dropped (deleted, token invalidated). */
    static final String AUTH_DROPPED_KEY = "authDropped";
    /** The most subscriptions a client may have. */
    static final int MAX_SUBSCRIPTIONS = 1000;
    /** The longest subscription string, options included. */
    static final int MAX_SUBSCRIPTION_LENGTH = 2500;
    private static final int CLIENT_ID_LENGTH = 40;

    private RealtimeClients() {}

    /** Creates a client with a new random id for a connection from {@code ip} and registers it with the broker. */
    static Client open(Broker broker, String ip) {
        Client client = new Client(RandomString.alphanumeric(CLIENT_ID_LENGTH));
        client.set(IP_KEY, ip);
        broker.register(client);
        return client;
    }

    /** The auth bound to a client, or null for a guest. */
    static Record auth(Client client) {
        return (Record) client.get(AUTH_KEY);
    }

    /** Binds an auth record (null: guest) to a client; its record events are checked with it from now on. */
    static void bindAuth(Client client, Record auth) {
        client.set(AUTH_KEY, auth);
    }

    /** Whether the client is carried by a WebSocket (its subscriptions are then changed only over it). */
    static boolean isWebSocket(Client client) {
        return WEBSOCKET.equals(client.get(TRANSPORT_KEY));
    }

    /**
     * Adds the errors of a subscription list to {@code errors} under {@code name}, in PocketBase's shape: too many
     * subscriptions, or the indexes of those too long.
     */
    static void validateSubscriptions(ObjectNode errors, String name, List<String> subs, int alreadyHeld) {
        if (subs.size() + alreadyHeld > MAX_SUBSCRIPTIONS) {
            error(errors, name, "validation_length_too_long", "The length must be no more than " + MAX_SUBSCRIPTIONS
                    + ".");
            return;
        }
        ObjectNode each = Json.object();
        for (int i = 0; i < subs.size(); i++) {
            if (subs.get(i).length() > MAX_SUBSCRIPTION_LENGTH) {
                error(each, String.valueOf(i), "validation_length_too_long",
                        "The length must be no more than " + MAX_SUBSCRIPTION_LENGTH + ".");
            }
        }
        if (!each.isEmpty()) {
            errors.set(name, each);
        }
    }

    /** Adds one field error in PocketBase's shape ({@code {code, message}}). */
    static void error(ObjectNode errors, String name, String code, String message) {
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

    /**
     * Applies a change of an auth record to the clients it is bound to: they see its new state, or, after a token
     * key change or a delete, go on as guests (and their {@value #AUTH_DROPPED_KEY} callback runs).
     */
    static void authChanged(Broker broker, Record record, boolean deleted) {
        if (!record.collection().isAuth()) {
            return;
        }
        for (Client client : broker.clients()) {
            Record bound = auth(client);
            if (bound != null && sameAuth(bound, record)) {
                boolean keep = !deleted && bound.tokenKey().equals(record.tokenKey());
                bindAuth(client, keep ? record : null);
                if (!keep && client.get(AUTH_DROPPED_KEY) instanceof Runnable dropped) {
                    dropped.run();
                }
            }
        }
    }
}
