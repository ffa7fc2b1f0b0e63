package dev.coffer.apis;

import dev.coffer.apis.event.BatchRequestEvent;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/batch}: runs record create, update, upsert ({@code PUT}) and delete sub-requests in one
 * database transaction through the routes' own handlers, answering {@code [{body, status}]} in order, or
 * rolling everything back and answering 400 with the failed sub-request's error under
 * {@code data.requests.<i>.response}. Off unless {@code batch.enabled}; limited by {@code batch.maxRequests},
 * {@code batch.timeout} and {@code batch.maxBodySize}.
 */
public final class BatchApi {

    /** The path of the endpoint. */
    public static final String PATH = "/api/batch";
    /** The {@code @request.context} of sub-requests. */
    public static final String INFO_CONTEXT = "batch";

    private static final String FAILED = "Batch transaction failed.";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final int MAX_URL_LENGTH = 2000;
    private static final Pattern FILE_KEY = Pattern.compile("^requests(?:\\.(\\d+)\\.|\\[(\\d+)]\\.)(.+)$");
    private static final Pattern UPSERT = Pattern.compile("^PUT /api/collections/([^/?]+)/records(\\?.*)?$");
    private static final List<Pattern> ACTIONS = List.of(
            Pattern.compile("^POST /api/collections/[^/?]+/records(\\?.*)?$"),
            Pattern.compile("^PATCH /api/collections/[^/?]+/records/[^/?]+(\\?.*)?$"),
            Pattern.compile("^DELETE /api/collections/[^/?]+/records/[^/?]+(\\?.*)?$"));

    private final ApiRouter router;
    private final ApiHooks hooks;

    private BatchApi(ApiRouter router, ApiHooks hooks) {
        this.router = router;
        this.hooks = hooks;
    }

    /** Registers the route; sub-requests are dispatched through {@code router}. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        router.post(PATH, new BatchApi(router, hooks)::handle);
    }

    private void handle(RequestEvent e) throws Exception {
        Settings settings = e.app().settings();
        int maxRequests = settings.batchMaxRequests();
        if (!settings.batchEnabled() || maxRequests <= 0) {
            throw ApiError.forbidden("Batch requests are not allowed.");
        }
        if (e.exchange().contentLength() > settings.batchMaxBodySize()) {
            throw BodyLimitMiddleware.tooLarge();
        }
        List<InternalRequest> requests = read(e);
        validate(requests, maxRequests);
        long timeoutNanos = settings.batchTimeoutSeconds() * 1_000_000_000L;
        BatchRequestEvent event = new BatchRequestEvent(e, requests);
        hooks.onBatchRequest().trigger(event, ev -> ev.json(200, run(ev, ev.requests(), timeoutNanos)));
    }

    private static List<InternalRequest> read(RequestEvent e) {
        JsonNode raw;
        Map<String, List<UploadedFile>> files;
        try {
            raw = e.body().path("requests");
            files = e.files();
        } catch (ApiError err) {
            throw ApiError.badRequest("Failed to read the submitted batch data.");
        }
        if (!raw.isMissingNode() && !raw.isNull() && !raw.isArray()) {
            throw ApiError.badRequest("Failed to read the submitted batch data.");
        }
        List<InternalRequest> out = new ArrayList<>();
        for (JsonNode item : raw) {
            if (!item.isObject()) {
                throw ApiError.badRequest("Failed to read the submitted batch data.");
            }
            java.util.LinkedHashMap<String, String> headers = new java.util.LinkedHashMap<>();
            item.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asString("")));
            JsonNode body = item.path("body");
            out.add(new InternalRequest(item.path("method").asString(""), item.path("url").asString(""), headers,
                    body instanceof ObjectNode o ? o : null));
        }
        files.forEach((key, list) -> {
            Matcher m = FILE_KEY.matcher(key);
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                if (i < out.size()) {
                    out.get(i).files().computeIfAbsent(m.group(3), k -> new ArrayList<>()).addAll(list);
                }
            }
        });
        return out;
    }

    private static void validate(List<InternalRequest> requests, int max) {
        ObjectNode errors = Json.object();
        if (requests.isEmpty()) {
            errors.set("requests", error(FieldErrors.REQUIRED, "Cannot be blank."));
        } else if (requests.size() > max) {
            errors.set("requests", error("validation_length_too_long", "The length must be no more than " + max + "."));
        } else {
            ObjectNode items = Json.object();
            for (int i = 0; i < requests.size(); i++) {
                InternalRequest r = requests.get(i);
                ObjectNode item = Json.object();
                if (r.method().isEmpty()) {
                    item.set("method", error(FieldErrors.REQUIRED, "Cannot be blank."));
                } else if (!METHODS.contains(r.method())) {
                    item.set("method", error(FieldErrors.IN_INVALID, "Must be a valid value."));
                }
                if (r.url().isEmpty()) {
                    item.set("url", error(FieldErrors.REQUIRED, "Cannot be blank."));
                } else if (r.url().length() > MAX_URL_LENGTH) {
                    item.set("url", error("validation_length_too_long",
                            "The length must be no more than " + MAX_URL_LENGTH + "."));
                }
                if (!item.isEmpty()) {
                    items.set(String.valueOf(i), item);
                }
            }
            if (!items.isEmpty()) {
                errors.set("requests", items);
            }
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("Invalid batch request data.", errors);
        }
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode n = Json.object();
        n.put("code", code);
        n.put("message", message);
        return n;
    }

    /** Runs the sub-requests in one transaction; any failure (or the timeout) rolls all of them back. */
    private ArrayNode run(RequestEvent base, List<InternalRequest> requests, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        ArrayNode results = Json.array();
        try {
            base.app().db().write(c -> {
                for (int i = 0; i < requests.size(); i++) {
                    results.add(runOne(base, requests.get(i), i));
                    if (System.nanoTime() - deadline > 0) {
                        throw ApiError.badRequest(FAILED);
                    }
                }
                return null;
            });
        } catch (SubRequestFailure f) {
            ObjectNode failure = error("batch_request_failed", "Batch request failed.");
            failure.set("response", f.error.toJson());
            ObjectNode data = Json.object();
            data.putObject("requests").set(String.valueOf(f.index), failure);
            throw ApiError.badRequest(FAILED, data);
        }
        return results;
    }

    private ObjectNode runOne(RequestEvent base, InternalRequest request, int index) {
        String method = request.method().toUpperCase(Locale.ROOT);
        String url = request.url();
        Matcher upsert = UPSERT.matcher(method + " " + url);
        if (upsert.matches()) {
            String collection = upsert.group(1);
            String query = upsert.group(2) == null ? "" : upsert.group(2);
            String id = request.body().path("id").asString("");
            boolean exists = !id.isEmpty() && base.app().collections().find(collection)
                    .flatMap(c -> base.app().records().findById(c, id)).isPresent();
            method = exists ? "PATCH" : "POST";
            url = "/api/collections/" + collection + "/records" + (exists ? "/" + id : "") + query;
        }
        String action = method + " " + url;
        var match = ACTIONS.stream().anyMatch(p -> p.matcher(action).matches())
                ? router.match(method, url.split("\\?", 2)[0]) : java.util.Optional.<ApiRouter.Match>empty();
        if (match.isEmpty()) {
            throw new SubRequestFailure(index, ApiError.badRequest(""));
        }
        MemoryExchange exchange = exchange(base, request, method, url);
        RequestEvent sub = new RequestEvent(base.app(), exchange, match.get().params(), match.get().pattern());
        sub.setAuth(base.auth());
        sub.setInfoContext(INFO_CONTEXT);
        try {
            match.get().handler().handle(sub);
        } catch (Exception err) {
            throw new SubRequestFailure(index, ApiServer.toApiError(err, method, url));
        }
        ObjectNode result = Json.object();
        byte[] body = exchange.responseBody();
        result.set("body", body.length == 0 ? Json.MAPPER.nullNode() : parseOrText(body));
        result.put("status", exchange.responseStatus());
        return result;
    }

    private static JsonNode parseOrText(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return Json.MAPPER.getNodeFactory().stringNode(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** The sub-request's exchange: the batch request's headers, the sub-request's own over them (not auth). */
    private static MemoryExchange exchange(RequestEvent base, InternalRequest request, String method, String url) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Exchange outer = base.exchange();
        for (String name : outer.headerNames()) {
            headers.put(name, outer.headers(name));
        }
        request.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Authorization")) {
                headers.put(name, List.of(value));
            }
        });
        Map<String, List<String>> values = Map.of(RequestBody.JSON_PAYLOAD, List.of(Json.write(request.body())));
        return new MemoryExchange(method, url, headers, values, request.files(), outer.remoteAddr());
    }

    /** A sub-request failed: the batch rolls back and reports it. */
    private static final class SubRequestFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final transient ApiError error;

        SubRequestFailure(int index, ApiError error) {
            super(error.getMessage(), null, false, false);
            this.index = index;
            this.error = error;
        }
    }
}
