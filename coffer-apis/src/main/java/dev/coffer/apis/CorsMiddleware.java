package dev.coffer.apis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cross-origin resource sharing, as PocketBase answers it. The allowed origins are {@code *} (any, the default),
 * exact origins ({@code https://example.com}), subdomain wildcards ({@code https://*.example.com}) and other
 * patterns with {@code *} (any text) and {@code ?} (one character). A request with an allowed {@code Origin}
 * gets {@code Access-Control-Allow-Origin}; a preflight ({@code OPTIONS}) is answered with 204 and never reaches
 * a route, allowed or not, so a denied origin simply gets no CORS headers. Browsers don't apply CORS to WebSockets,
 * so a WebSocket upgrade ({@code Upgrade: websocket}) from an origin not allowed is refused here with 403 (unless any
 * origin is allowed; a request without an {@code Origin}, from outside a browser, goes on).
 */
public final class CorsMiddleware {

    /** Id of the CORS middleware. */
    public static final String ID = "coffer:cors";
    /** Its priority: first of all, so preflights are neither rate limited nor logged. */
    public static final int PRIORITY = -3000;
    /** The methods a preflight allows. */
    static final String ALLOW_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";
    private static final int MAX_ORIGIN_LENGTH = 253 + 3 + 5;

    private final List<String> origins;
    private final List<Pattern> patterns = new ArrayList<>();

    private CorsMiddleware(List<String> allowed) {
        this.origins = allowed.isEmpty() ? List.of("*") : List.copyOf(allowed);
        for (String o : origins) {
            if (!o.equals("*")) {
                patterns.add(Pattern.compile("^" + Pattern.quote(o).replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q")
                        + "$"));
            }
        }
    }

    /** Binds the middleware allowing {@code origins} (empty = any origin). */
    public static void bind(ApiHooks hooks, List<String> origins) {
        CorsMiddleware cors = new CorsMiddleware(origins);
        hooks.onRequest().bind(ID, PRIORITY, cors::handle);
    }

    private void handle(RequestEvent e) throws Exception {
        String origin = e.header("Origin");
        boolean preflight = e.method().equals("OPTIONS");
        e.addHeader("Vary", "Origin");
        String allowed = origin.isEmpty() ? "" : allowedOrigin(origin);
        if (allowed.isEmpty() && !origin.isEmpty() && e.header("Upgrade").equalsIgnoreCase("websocket")) {
            throw ApiError.forbidden("WebSocket connections from this origin are not allowed.");
        }
        if (allowed.isEmpty()) {
            if (preflight) {
                e.noContent(204);
            } else {
                e.next();
            }
            return;
        }
        e.setHeader("Access-Control-Allow-Origin", allowed);
        if (!preflight) {
            e.next();
            return;
        }
        e.addHeader("Vary", "Access-Control-Request-Method");
        e.addHeader("Vary", "Access-Control-Request-Headers");
        e.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
        String requested = e.header("Access-Control-Request-Headers");
        if (!requested.isEmpty()) {
            e.setHeader("Access-Control-Allow-Headers", requested);
        }
        e.noContent(204);
    }

    /** The value of {@code Access-Control-Allow-Origin} for an origin, or {@code ""} when it isn't allowed. */
    String allowedOrigin(String origin) {
        for (String o : origins) {
            if (o.equals("*") || o.equals(origin)) {
                return o;
            }
            if (matchesSubdomain(origin, o)) {
                return origin;
            }
        }
        if (origin.length() <= MAX_ORIGIN_LENGTH && origin.contains("://")) {
            for (Pattern p : patterns) {
                if (p.matcher(origin).matches()) {
                    return origin;
                }
            }
        }
        return "";
    }

    /** Whether {@code origin} has the pattern's scheme and its host matches the pattern's labels up to a {@code *}. */
    private static boolean matchesSubdomain(String origin, String pattern) {
        int o = origin.indexOf("://");
        int p = pattern.indexOf("://");
        if (o < 0 || p < 0 || !origin.substring(0, o).equals(pattern.substring(0, p))) {
            return false;
        }
        String host = origin.substring(o + 3);
        if (host.length() > 253) {
            return false;
        }
        String[] hostLabels = host.split("\\.", -1);
        String[] patternLabels = pattern.substring(p + 3).split("\\.", -1);
        for (int i = 0; i < hostLabels.length; i++) {
            if (i >= patternLabels.length) {
                return false;
            }
            String want = patternLabels[patternLabels.length - 1 - i];
            if (want.equals("*")) {
                return true;
            }
            if (!want.equals(hostLabels[hostLabels.length - 1 - i])) {
                return false;
            }
        }
        return false;
    }
}
