package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Client;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The requests a realtime WebSocket peer sends, each a JSON object with a {@code type} and an optional {@code id}
 * echoed in the answer: {@code auth} (bind a token's record, or a guest), {@code subscribe} (add topics, each
 * optionally with PocketBase's {@code ?options=} suffix, or one {@code options} object for all), {@code unsubscribe}
 * (remove topics with any options, or all) and {@code ping}. The subscription limits are the SSE endpoint's.
 */
final class RealtimeSocketRequests {

    private static final String INVALID = "Invalid realtime request; see data for the failing fields.";

    private final RealtimeSocket socket;

    RealtimeSocketRequests(RealtimeSocket socket) {
        this.socket = socket;
    }

    /**
     * Carries out a request and returns the answer frame.
     *
     * @throws ApiError when the request is refused (answered as an {@code error} frame)
     */
    String handle(JsonNode request) {
        if (!request.isObject()) {
            throw ApiError.badRequest("The message must be a JSON object with a type.");
        }
        JsonNode id = request.path("id");
        return switch (request.path("type").asString("")) {
            case "ping" -> RealtimeSocketFrames.pong(id);
            case "auth" -> RealtimeSocketFrames.authed(id, socket.authenticate(text(request.path("token"), "token")));
            case "subscribe" -> RealtimeSocketFrames.subscribed(id, subscribe(request));
            case "unsubscribe" -> {
                unsubscribe(request);
                yield RealtimeSocketFrames.ack(id);
            }
            default -> throw ApiError.badRequest("Unknown message type; expected auth, subscribe, unsubscribe or ping.",
                    fieldError("type", "validation_in_invalid", "Must be auth, subscribe, unsubscribe or ping."));
        };
    }

    private List<String> subscribe(JsonNode request) {
        List<String> topics = topics(request.path("topics"));
        if (topics.isEmpty()) {
            throw ApiError.badRequest(INVALID, fieldError("topics", FieldErrors.REQUIRED, "Cannot be blank."));
        }
        JsonNode options = request.path("options");
        if (!options.isMissingNode() && !options.isNull()) {
            if (!options.isObject()) {
                throw ApiError.badRequest(INVALID, fieldError("options", "validation_invalid_options",
                        "Must be an object like {\"query\":{...},\"headers\":{...}}."));
            }
            String suffix = "?options=" + URLEncoder.encode(Json.write(options), StandardCharsets.UTF_8)
                    .replace("+", "%20");
            List<String> withOptions = new ArrayList<>();
            for (int i = 0; i < topics.size(); i++) {
                if (topics.get(i).contains("?")) {
                    throw ApiError.badRequest(INVALID, indexError(i, "validation_invalid_options",
                            "A topic with its own ?options= can't take the options object too."));
                }
                withOptions.add(topics.get(i) + suffix);
            }
            topics = withOptions;
        }
        Client client = socket.client();
        Set<String> held = client.subscriptions().keySet();
        List<String> fresh = topics.stream().filter(t -> !held.contains(t)).distinct().toList();
        ObjectNode errors = Json.object();
        RealtimeClients.validateSubscriptions(errors, "topics", fresh, held.size());
        if (!errors.isEmpty()) {
            throw ApiError.badRequest(INVALID, errors);
        }
        client.subscribe(topics);
        return topics;
    }

    private void unsubscribe(JsonNode request) {
        Client client = socket.client();
        List<String> topics = topics(request.path("topics"));
        if (topics.isEmpty()) {
            client.unsubscribeAll();
            return;
        }
        for (String t : topics) {
            if (t.contains("?")) {
                client.unsubscribe(t);
            } else {
                client.subscriptionsOf(t).keySet().forEach(client::unsubscribe);
            }
        }
    }

    /** The topics of a request: absent or null is none; anything but an array of non-empty strings is refused. */
    private static List<String> topics(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.badRequest(INVALID, fieldError("topics", "validation_not_array", "Must be an array of topics."));
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            if (!t.isString() || t.asString().isEmpty()) {
                throw ApiError.badRequest(INVALID, indexError(i, "validation_invalid_topic", "Must be a non-empty string."));
            }
            out.add(t.asString());
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String name) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (!node.isString()) {
            throw ApiError.badRequest(INVALID, fieldError(name, "validation_not_string", "Must be a string."));
        }
        return node.asString();
    }

    private static ObjectNode fieldError(String name, String code, String message) {
        ObjectNode errors = Json.object();
        RealtimeClients.error(errors, name, code, message);
        return errors;
    }

    private static ObjectNode indexError(int index, String code, String message) {
        ObjectNode errors = Json.object();
        RealtimeClients.error(errors.putObject("topics"), String.valueOf(index), code, message);
        return errors;
    }
}
