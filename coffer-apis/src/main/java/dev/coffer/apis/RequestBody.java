package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
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

    /** The deepest nesting of a JSON body (Go's encoding/json v2 limit). */
    static final int MAX_NESTING = 10_000;

    /**
     * How request JSON is read, as PocketBase 0.40 (Go's encoding/json v2) reads it: the first value only, duplicate
     * names refused, up to 10,000 levels of nesting.
     */
    private static final ObjectReader FIRST_VALUE = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        ObjectNode body = parseObject(raw);
        if (body == null) {
            throw ApiError.badRequest(LOAD_FAILED);
        }
        return body;
    }

    /**
     * The JSON object of request bytes, read strictly (see {@link #FIRST_VALUE}; a byte-order mark or a lone UTF-16
     * surrogate is refused as well), or null when they are not one.
     */
    static ObjectNode parseObject(byte[] raw) {
        if (raw.length >= 3 && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF) {
            return null;
        }
        try {
            // the first JSON value; what follows it is not read, as Go's json.Decoder does for PocketBase
            return FIRST_VALUE.readTree(raw) instanceof ObjectNode o && validText(o) ? o : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether every name and text in the tree is valid Unicode (no unpaired surrogate). */
    private static boolean validText(JsonNode root) {
        java.util.ArrayDeque<JsonNode> pending = new java.util.ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isString() && !wellFormed(node.asString())) {
                return false;
            }
            if (node.isObject()) {
                for (var p : node.properties()) {
                    if (!wellFormed(p.getKey())) {
                        return false;
                    }
                    pending.push(p.getValue());
                }
            } else if (node.isArray()) {
                node.forEach(pending::push);
            }
        }
        return true;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
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
            if (payload.strip().equals("null")) {
                out.removeAll(); // as in PocketBase, where a JSON null unmarshalled into the body map resets it
                continue;
            }
            ObjectNode p = parseObject(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (p == null) {
                throw ApiError.badRequest(LOAD_FAILED);
            }
            out.setAll(p);
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
