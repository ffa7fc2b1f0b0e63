package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.record.Record;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.hook.Event;
import dev.coffer.tools.json.FieldsPicker;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.IpAddress;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One API request and its response, as every handler and request hook sees it: the app, the
 * authenticated record, path and query parameters, the parsed body, and ways to write the response.
 */
public class RequestEvent extends Event {

    private final App app;
    private final Exchange exchange;
    private final Map<String, String> pathParams;
    private final String route;
    private Record auth;
    private JsonNode body;
    private boolean written;
    private RequestInfo info;
    private boolean gzipJson;
    private boolean skipSuccessLog;
    /** Values handlers pass along the chain ({@link #get}/{@link #set}), shared by the events of one request. */
    private final Map<String, Object> values;

    /** The smallest JSON response {@link #allowJsonGzip()} compresses, in bytes. */
    public static final int GZIP_MIN_BYTES = 1024;

    /** Creates the event for a request the server received; {@code pathParams} come from the matched route. */
    public RequestEvent(App app, Context ctx, Map<String, String> pathParams) {
        this(app, new JavalinExchange(ctx), pathParams);
    }

    /** Creates the event for a request on any exchange; {@code pathParams} come from the matched route. */
    public RequestEvent(App app, Exchange exchange, Map<String, String> pathParams) {
        this(app, exchange, pathParams, "");
    }

    /**
     * Creates the event for a request on any exchange with the pattern and path parameters of the route it matched
     * ({@code ""} and none when it matched no route).
     */
    public RequestEvent(App app, Exchange exchange, Map<String, String> pathParams, String route) {
        this.app = app;
        this.exchange = exchange;
        this.pathParams = Map.copyOf(pathParams);
        this.route = route;
        this.values = new java.util.concurrent.ConcurrentHashMap<>();
    }

    /** Creates an event that shares another's request (for events of a more specific type). */
    protected RequestEvent(RequestEvent other) {
        this.app = other.app;
        this.exchange = other.exchange;
        this.infoContext = other.infoContext;
        this.pathParams = other.pathParams;
        this.route = other.route;
        this.auth = other.auth;
        this.body = other.body;
        this.written = other.written;
        this.parent = other;
        this.values = other.values;
    }

    /** A value a handler earlier in the chain stored under the key (PocketBase's {@code e.get}), or null. */
    public Object get(String key) {
        return values.get(key);
    }

    /** Stores a value for the handlers after this one (PocketBase's {@code e.set}); null removes it. */
    public void set(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    private RequestEvent parent;
    private String infoContext = RequestInfo.CONTEXT_DEFAULT;

    /** The app. */
    public App app() {
        return app;
    }

    /**
     * The Javalin context, for code at the transport edge.
     *
     * @throws IllegalStateException when the request did not come over a connection (a batch sub-request)
     */
    Context ctx() {
        if (exchange instanceof JavalinExchange j) {
            return j.ctx();
        }
        throw new IllegalStateException("not a request received over HTTP");
    }

    /** The exchange the request is read from and the response written to. */
    public Exchange exchange() {
        return exchange;
    }

    /** Sets the context rules see as {@code @request.context} (such as {@code batch}). */
    public void setInfoContext(String context) {
        root().infoContext = context;
        root().info = null;
    }

    /** The HTTP method in upper case. */
    public String method() {
        return exchange.method().toUpperCase(Locale.ROOT);
    }

    /** The request path (raw, as sent). */
    public String path() {
        return exchange.path();
    }

    /**
     * The pattern of the route the request matched, as registered (such as
     * {@code /api/collections/{collection}/records}), or {@code ""} when it matched none.
     */
    public String route() {
        return route;
    }

    /** A path parameter of the matched route, or {@code ""}. */
    public String pathParam(String name) {
        return pathParams.getOrDefault(name, "");
    }

    /** The first value of a query parameter, or {@code ""}. */
    public String query(String name) {
        List<String> v = exchange.queryParams().get(name);
        return v == null || v.isEmpty() ? "" : v.get(0);
    }

    /** A request header, or {@code ""}. */
    public String header(String name) {
        String v = exchange.header(name);
        return v == null ? "" : v;
    }

    /** Sets a response header. */
    public void setHeader(String name, String value) {
        exchange.setHeader(name, value);
    }

    /** Adds a response header value, keeping earlier values of the same header (such as {@code Vary}). */
    public void addHeader(String name, String value) {
        exchange.addHeader(name, value);
    }

    /**
     * Lets the JSON responses of this request of at least {@value #GZIP_MIN_BYTES} bytes be gzip-compressed;
     * the gzip middleware calls it when the client accepts gzip. Streams (files, server-sent events) are never
     * compressed.
     */
    public void allowJsonGzip() {
        root().gzipJson = true;
    }

    /** The authenticated record, or null for a guest. */
    public Record auth() {
        return root().auth;
    }

    /** Sets the authenticated record (the auth middleware does this from the token). */
    public void setAuth(Record record) {
        root().auth = record;
        root().info = null;
        this.auth = record;
    }

    /** Whether the request is made by a superuser. */
    public boolean isSuperuser() {
        Record a = auth();
        return a != null && a.isSuperuser();
    }

    private RequestEvent root() {
        return parent == null ? this : parent.root();
    }

    /**
     * The client IP: from the first of the settings' {@code trustedProxy.headers} the request carries (its last
     * value; the leftmost or rightmost valid IP in it, as {@code trustedProxy.useLeftmostIP} says), else
     * {@link #remoteIP()}. IPv6 addresses are expanded. Only as trustworthy as the proxy setup: use
     * {@link #remoteIP()} where a spoofed header would matter and no proxy is known to be in front.
     */
    public String realIP() {
        var settings = app.settings();
        for (String name : settings.trustedProxyHeaders()) {
            List<String> values = exchange.headers(name);
            if (values.isEmpty() || values.get(values.size() - 1).isBlank()) {
                continue;
            }
            String[] ips = values.get(values.size() - 1).split(",");
            boolean leftmost = settings.trustedProxyUseLeftmostIp();
            for (int i = 0; i < ips.length; i++) {
                String ip = IpAddress.expanded(ips[leftmost ? i : ips.length - 1 - i]);
                if (!ip.isEmpty()) {
                    return ip;
                }
            }
        }
        return remoteIP();
    }

    /** The IP of the connected peer (the last proxy when behind one), IPv6 expanded. */
    public String remoteIP() {
        String remote = exchange.remoteAddr();
        String ip = IpAddress.expanded(remote);
        return ip.isEmpty() ? remote : ip;
    }

    /**
     * The request body parsed as a JSON object (empty for no body). JSON, urlencoded and multipart bodies are
     * supported; multipart file parts are not part of it (see {@link #files()}).
     *
     * @throws ApiError 400 when the body is malformed
     */
    public ObjectNode body() {
        RequestEvent r = root();
        if (r.body == null) {
            r.body = RequestBody.read(exchange);
        }
        return (ObjectNode) r.body;
    }

    /**
     * The files of a multipart request by part name as sent ({@code field}, {@code +field}, {@code field+}), each
     * with a fresh storage name; empty for other requests. The body is read once, whichever of this and
     * {@link #body()} comes first.
     *
     * @throws ApiError 400 when the body is malformed
     */
    public Map<String, List<UploadedFile>> files() {
        return exchange.multipart().files();
    }

    /** The request info rules see ({@code @request.*}). */
    public RequestInfo requestInfo() {
        RequestEvent r = root();
        if (r.info == null) {
            r.info = buildRequestInfo();
        }
        return r.info;
    }

    private RequestInfo buildRequestInfo() {
        Map<String, String> query = new LinkedHashMap<>();
        exchange.queryParams().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : exchange.headerNames()) {
            headers.put(name.toLowerCase(Locale.ROOT).replace('-', '_'), exchange.header(name));
        }
        Map<String, Object> bodyMap = new LinkedHashMap<>();
        try {
            body().properties().forEach(e -> bodyMap.put(e.getKey(), e.getValue()));
        } catch (ApiError ignored) {
            // a malformed body reads as empty here; the handler reports it
        }
        return new RequestInfo(auth(), query, headers, bodyMap, method(), root().infoContext);
    }

    /**
     * Leaves the request out of the request log when it succeeds (failures are still logged), for routes whose
     * URL may carry secrets or that are too chatty to log.
     */
    public void skipSuccessLog() {
        root().skipSuccessLog = true;
    }

    /** Whether {@link #skipSuccessLog()} was called. */
    public boolean successLogSkipped() {
        return root().skipSuccessLog;
    }

    /** The status code written so far (200 until a response sets one). */
    public int status() {
        return exchange.status();
    }

    /** Whether a response was already written. */
    public boolean written() {
        return root().written;
    }

    /**
     * Writes a JSON response. For 2xx responses the {@code ?fields=} query parameter trims the body (for
     * list results, each item).
     */
    public void json(int status, Object value) {
        JsonNode node = value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value);
        String fields = query("fields");
        if (!fields.isEmpty() && status >= 200 && status < 300) {
            FieldsPicker picker;
            try {
                picker = FieldsPicker.parse(fields);
            } catch (IllegalArgumentException badFields) {
                throw ApiError.badRequest(""); // the client's mistake: answered as PocketBase does, not logged
            }
            if (isListResult(node)) {
                ObjectNode copy = ((ObjectNode) node).deepCopy();
                copy.set("items", picker.pick(node.get("items")));
                node = copy;
            } else {
                node = picker.pick(node);
            }
        }
        byte[] bytes = Json.writeBytes(node); // no trailing newline, as PocketBase 0.40 writes it
        exchange.status(status);
        exchange.setHeader("Content-Type", "application/json");
        if (root().gzipJson && bytes.length >= GZIP_MIN_BYTES && !method().equals("HEAD")) {
            exchange.setHeader("Content-Encoding", "gzip");
            bytes = gzip(bytes);
        }
        exchange.result(bytes);
        markWritten();
    }

    private static byte[] gzip(byte[] data) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length / 4 + 64);
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out, 8192)) {
            z.write(data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // not reachable: the stream is in memory
        }
        return out.toByteArray();
    }

    private static boolean isListResult(JsonNode node) {
        return node instanceof ObjectNode o && o.has("items") && o.has("page") && o.has("perPage");
    }

    /** Writes an empty response with a status (such as 204). */
    public void noContent(int status) {
        exchange.status(status);
        exchange.setHeader("Content-Type", null); // an empty answer has no type, as in PocketBase
        exchange.result(new byte[0]);
        markWritten();
    }

    /** Writes a redirect ({@code 301}, {@code 302}, …) to {@code location}, with no body. */
    public void redirect(int status, String location) {
        exchange.setHeader("Location", location);
        noContent(status);
    }

    /** Writes a plain text response. */
    public void text(int status, String text) {
        exchange.status(status);
        exchange.setHeader("Content-Type", "text/plain; charset=utf-8");
        exchange.result(text.getBytes(StandardCharsets.UTF_8));
        markWritten();
    }

    /** Writes a binary response from a stream. */
    public void stream(int status, String contentType, InputStream in) {
        exchange.status(status);
        exchange.setHeader("Content-Type", contentType);
        exchange.result(in);
        markWritten();
    }

    private void markWritten() {
        written = true;
        root().written = true;
    }

    /** Reads the raw request body bytes. */
    public byte[] rawBody() throws IOException {
        return exchange.bodyBytes();
    }

    /** All values of a query parameter. */
    public List<String> queryAll(String name) {
        return exchange.queryParams().getOrDefault(name, List.of());
    }
}
