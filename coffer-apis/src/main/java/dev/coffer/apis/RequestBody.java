package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
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
    /** The message of a body that doesn't parse (endpoints that say it their own way catch it). */
    static final String LOAD_FAILED = "An error occurred while loading the submitted data.";
    /** The message of a body of a type PocketBase doesn't read; every endpoint passes it on as it is. */
    static final String UNSUPPORTED = "Unsupported Content-Type.";

    private static final ObjectReader FIRST_VALUE =
            Json.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern MINIMAL_NUMBER = Pattern.compile("^-?(0|[1-9]\\d*)(\\.\\d*[1-9])?$");

    private RequestBody() {}

    /**
     * The body of a request, read as PocketBase binds it: nothing for an empty body; JSON for
     * {@code application/json} (its first value, which must be an object); the values of a form or multipart
     * body; for any other type (or none) a 400 {@code Unsupported Content-Type.}.
     *
     * @throws ApiError 400 with {@link #LOAD_FAILED} when the content doesn't parse, or {@link #UNSUPPORTED}
     */
    static ObjectNode read(Exchange ex) {
        String type = ex.contentType() == null ? "" : ex.contentType().toLowerCase(Locale.ROOT);
        if (MultipartForm.isMultipart(ex.contentType())) {
            return fromForm(ex.multipart().values());
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return fromForm(ex.formParams());
        }
        byte[] raw = ex.bodyBytes();
        if (raw.length == 0) {
            return Json.object();
        }
        if (!type.startsWith("application/json")) {
            throw ApiError.badRequest(UNSUPPORTED);
        }
        try {
            // the first JSON value; what follows it is not read, as Go's json.Decoder does for PocketBase
            JsonNode node = FIRST_VALUE.readTree(raw);
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw ApiError.badRequest(LOAD_FAILED);
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
                throw ApiError.badRequest(LOAD_FAILED);
            }
            if (p instanceof ObjectNode po) {
                out.setAll(po);
            } else if (p.isNull()) {
                out.removeAll(); // as in PocketBase, where a JSON null unmarshalled into the body map resets it
            } else {
                throw ApiError.badRequest(LOAD_FAILED);
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
