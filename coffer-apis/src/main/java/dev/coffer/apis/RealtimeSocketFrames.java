package dev.coffer.apis;

import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Message;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON text frames a realtime WebSocket sends (see the README's "Realtime over WebSocket"): {@code connect},
 * {@code ack}, {@code pong}, {@code error} (PocketBase's error shape with a type and the request's id) and
 * {@code event} (the topic and the same data the SSE stream sends for it).
 */
final class RealtimeSocketFrames {

    private RealtimeSocketFrames() {}

    /** The first frame: the client's id. */
    static String connect(String clientId) {
        ObjectNode f = frame("connect", null);
        f.put("clientId", clientId);
        return Json.write(f);
    }

    /** The answer to a request that succeeded. */
    static String ack(JsonNode id) {
        return Json.write(frame("ack", id));
    }

    /** The answer to a subscribe: the subscription strings the events will name as their topic. */
    static String subscribed(JsonNode id, List<String> topics) {
        ObjectNode f = frame("ack", id);
        f.set("topics", Json.MAPPER.valueToTree(topics));
        return Json.write(f);
    }

    /** The answer to an auth request: the bound record's id and collection, or null for a guest. */
    static String authed(JsonNode id, Record auth) {
        ObjectNode f = frame("ack", id);
        if (auth == null) {
            f.putNull("auth");
        } else {
            ObjectNode a = f.putObject("auth");
            a.put("id", auth.id());
            a.put("collectionId", auth.collection().id());
            a.put("collectionName", auth.collection().name());
        }
        return Json.write(f);
    }

    /** The answer to a ping. */
    static String pong(JsonNode id) {
        return Json.write(frame("pong", id));
    }

    /** An error in PocketBase's shape ({@code status, message, data}), answering the request {@code id} if any. */
    static String error(JsonNode id, ApiError err) {
        ObjectNode f = frame("error", id);
        f.setAll(err.toJson());
        return Json.write(f);
    }

    /**
     * A broker message as an event: its name is the topic (the subscription string), its data the event's data. Data
     * that is a JSON object or array (record events, OAuth2 answers) goes in as it is, anything else as a string.
     */
    static String event(Message m) {
        String data = m.data();
        String json = isJsonContainer(data) ? data : Json.write(Json.MAPPER.getNodeFactory().stringNode(data));
        return "{\"type\":\"event\",\"topic\":" + Json.write(Json.MAPPER.getNodeFactory().stringNode(m.name()))
                + ",\"data\":" + json + "}";
    }

    private static boolean isJsonContainer(String data) {
        String t = data.strip();
        return (t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"));
    }

    private static ObjectNode frame(String type, JsonNode id) {
        ObjectNode f = Json.object();
        f.put("type", type);
        if (id != null && !id.isMissingNode() && !id.isNull()) {
            f.set("id", id);
        }
        return f;
    }
}
