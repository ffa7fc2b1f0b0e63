package dev.coffer.core.webhooks;

import dev.coffer.core.record.Record;
import dev.coffer.tools.types.DateTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A webhook as read from its {@code _webhooks} record.
 *
 * @param events the subscription patterns ({@link WebhookEvents})
 * @param filter a filter the changed record must satisfy, empty for every record
 * @param headers extra request headers
 * @param secrets the signing secrets in use: the current one first, then rotated-out ones still within their overlap
 * @param failingSince when deliveries started failing without a success since, or null
 */
record Webhook(String id, String url, List<String> events, String filter, Map<String, String> headers,
        List<String> secrets, boolean enabled, Instant failingSince) {

    /** Reads a {@code _webhooks} record; rotated-out secrets past their time at {@code now} are left out. */
    static Webhook of(Record r, Instant now) {
        List<String> events = new ArrayList<>();
        JsonNode ev = json(r.get("events"));
        if (ev != null && ev.isArray()) {
            ev.forEach(n -> {
                if (n.isString()) {
                    events.add(n.asString());
                }
            });
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = json(r.get("headers"));
        if (h != null && h.isObject()) {
            h.properties().forEach(e -> {
                if (e.getValue().isString()) {
                    headers.put(e.getKey(), e.getValue().asString());
                }
            });
        }
        List<String> secrets = new ArrayList<>();
        secrets.add(r.getString("secret"));
        JsonNode previous = json(r.get("previousSecrets"));
        if (previous != null && previous.isArray()) {
            for (JsonNode p : previous) {
                Instant until = DateTime.parse(p.path("until").asString("")).orElse(Instant.EPOCH);
                String s = p.path("secret").asString("");
                if (until.isAfter(now) && WebhookSignature.isValid(s)) {
                    secrets.add(s);
                }
            }
        }
        String since = r.getString("failingSince");
        return new Webhook(r.id(), r.getString("url"), List.copyOf(events), r.getString("filter").strip(),
                Map.copyOf(headers), List.copyOf(secrets), Boolean.TRUE.equals(r.get("enabled")),
                since.isEmpty() ? null : DateTime.parse(since).orElse(null));
    }

    private static JsonNode json(Object value) {
        return value instanceof JsonNode n ? n : null;
    }
}
