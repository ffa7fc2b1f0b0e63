package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body into a JSON object: JSON as it is; form and multipart values with PocketBase's
 * inference ({@code "true"}/{@code "false"} to booleans, minimal decimal numbers to numbers, repeated keys to
 * arrays) and each {@code @jsonPayload} value merged over them. Multipart file parts are not values: they are
 * read by {@link MultipartForm} and reach handlers through {@link RequestEvent#files()}.
 */
final class RequestBody {

    /** The multipart field whose JSON object value is merged into the body. */
    static final String JSON_PAYLOAD = "@jsonPayload";

    private static final Pattern MINIMAL_NUMBER = Pattern.compile("^-?(0|[1-9]\\d*)(\\.\\d*[1-9])?$");

    private RequestBody() {}

    static ObjectNode read(Exchange ex) {
        if (MultipartForm.isMultipart(ex.contentType())) {
            return fromForm(ex.multipart().values());
        }
        String type = ex.contentType() == null ? "" : ex.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return fromForm(ex.formParams());
        }
        byte[] raw = ex.bodyBytes();
        if (raw.length == 0 || new String(raw, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return Json.object();
        }
        if (!type.isEmpty() && !type.startsWith("application/json") && !type.contains("+json")) {
            throw ApiError.badRequest("An error occurred while loading the submitted data.");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw ApiError.badRequest("An error occurred while loading the submitted data.");
    }

    /**
     * The form values with PocketBase's inference, then every {@code @jsonPayload} value merged over them in the
     * order sent (the SDK sends one part per object or array value): each must be a JSON object, whose keys
     * replace those already there, or {@code null}, which drops every value read so far.
     */
    static ObjectNode fromForm(Map<String, List<String>> form) {
        ObjectNode out = Json.object();
        List<String> payloads = List.of();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            if (e.getKey().equals(JSON_PAYLOAD)) {
                payloads = e.getValue();
                continue;
            }
            List<String> values = e.getValue();
            if (values.size() == 1) {
                out.set(e.getKey(), infer(values.get(0)));
            } else {
                ArrayNode arr = out.putArray(e.getKey());
                values.forEach(v -> arr.add(infer(v)));
            }
        }
        for (String payload : payloads) {
            JsonNode p;
            try {
                p = Json.parse(payload);
            } catch (IllegalArgumentException ex) {
                throw ApiError.badRequest("An error occurred while loading the submitted data.");
            }
            if (p instanceof ObjectNode po) {
                out.setAll(po);
            } else if (p.isNull()) {
                out.removeAll(); // as in PocketBase, where a JSON null unmarshalled into the body map resets it
            } else {
                throw ApiError.badRequest("An error occurred while loading the submitted data.");
            }
        }
        return out;
    }

    /** The value PocketBase infers from a form string. */
    static JsonNode infer(String v) {
        if (v.equals("true")) {
            return JsonNodeFactory.instance.booleanNode(true);
        }
        if (v.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(false);
        }
        if (MINIMAL_NUMBER.matcher(v).matches() && v.length() < 17) {
            BigDecimal d = new BigDecimal(v);
            return d.scale() <= 0 ? JsonNodeFactory.instance.numberNode(d.longValue())
                    : JsonNodeFactory.instance.numberNode(d.doubleValue());
        }
        return JsonNodeFactory.instance.stringNode(v);
    }
}
