package dev.coffer.apis;

import dev.coffer.core.logs.LogEntry;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/**
 * Logs every request to the app's log once it is answered, as PocketBase's activity logger does: message
 * {@code "METHOD /uri"}, data {@code type "request"}, method, url, status, execTime (ms), auth (the auth
 * collection's name, or {@code ""} for guests), authId and the IPs when the {@code logs} settings ask for them,
 * referer, userAgent, and {@code error}/{@code details} with level error when the request failed (else info).
 * Nothing is logged when {@code logs.maxDays} is 0, nor for a successful request that called
 * {@link RequestEvent#skipSuccessLog()}. The row is queued, never written on the request thread.
 */
public final class RequestLogMiddleware {

    /** Id of the middleware. */
    public static final String ID = "coffer:requestLog";
    /** Priority: before the auth token and rate limit middlewares, so rejected requests are logged too. */
    public static final int PRIORITY = DefaultMiddlewares.LOAD_AUTH_TOKEN_PRIORITY - 40;

    private RequestLogMiddleware() {}

    /** Binds the middleware. */
    public static void bind(ApiHooks hooks) {
        hooks.onRequest().bind(ID, PRIORITY, e -> {
            long started = System.nanoTime();
            Throwable failure = null;
            try {
                e.next();
            } catch (Exception | Error ex) {
                failure = ex;
                throw ex;
            } finally {
                try {
                    log(e, failure, started);
                } catch (RuntimeException ignored) {
                    // logging never changes the response
                }
            }
        });
    }

    private static void log(RequestEvent e, Throwable failure, long started) {
        Settings settings = e.app().settings();
        if (settings.logsMaxDays() == 0 || (failure == null && e.successLogSkipped())) {
            return;
        }
        int level = failure == null ? LogEntry.INFO : LogEntry.ERROR;
        if (!e.app().logger().isEnabled(level)) {
            return;
        }
        ObjectNode data = Json.object();
        data.put("type", "request");
        data.put("execTime", (System.nanoTime() - started) / 1_000_000.0);
        int status = failure == null || e.written() ? e.status() : 0;
        if (failure instanceof ApiError api) {
            if (status == 0) {
                status = api.status();
            }
            data.put("error", api.getMessage());
            data.set("details", api.data() == null ? Json.object() : api.data());
        } else if (failure != null) {
            if (status == 0) {
                status = 400;
            }
            data.put("error", String.valueOf(failure.getMessage()));
        }
        String method = cut(e.method().toUpperCase(Locale.ROOT), 50);
        String query = e.ctx().req().getQueryString();
        String uri = cut(e.ctx().req().getRequestURI() + (query == null ? "" : "?" + query), 3000);
        data.put("url", uri);
        data.put("method", method);
        data.put("status", status);
        data.put("referer", cut(nonNull(e.header("Referer")), 2000));
        data.put("userAgent", cut(nonNull(e.header("User-Agent")), 2000));
        if (e.auth() != null) {
            data.put("auth", e.auth().collection().name());
            if (settings.logsLogAuthId()) {
                data.put("authId", e.auth().id());
            }
        } else {
            data.put("auth", "");
        }
        if (settings.logsLogIP()) {
            data.put("userIP", e.realIP());
            data.put("remoteIP", e.remoteIP());
        }
        e.app().logger().log(level, method + " " + unescapePath(uri), data);
    }

    private static String unescapePath(String uri) {
        try {
            return URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            return uri;
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "..." : s;
    }
}
