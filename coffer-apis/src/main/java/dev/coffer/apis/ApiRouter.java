package dev.coffer.apis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Routes requests by method and path, PocketBase style: segments match exactly, {@code {name}} captures one
 * segment, a final {@code {name...}} captures the rest; {@code HEAD} is served by {@code GET} routes; no
 * trailing-slash normalisation. The most specific matching pattern wins whatever the registration order (literal
 * segments over {@code {name}} over {@code {rest...}}); routes added later win over earlier ones with the same
 * pattern.
 */
public final class ApiRouter {

    /**
     * A matched route, its path parameters and its pattern as registered (such as
     * {@code /api/collections/{collection}/records/{id}}), which names the route in logs and metrics.
     */
    public record Match(RequestHandler handler, Map<String, String> params, String pattern) {}

    private record Route(String method, String pattern, String[] segments, RequestHandler handler) {}

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    /** Adds a route for a method ({@code GET}, {@code POST}, …) and a path pattern. */
    public ApiRouter add(String method, String path, RequestHandler handler) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a route path must start with /: " + path);
        }
        routes.add(0, new Route(method.toUpperCase(Locale.ROOT), path, split(path), handler));
        return this;
    }

    /** Removes the route added for this method, path and handler (scripts reloaded take their routes away). */
    public boolean remove(String method, String path, RequestHandler handler) {
        String m = method.toUpperCase(Locale.ROOT);
        return routes.removeIf(r -> r.handler() == handler && r.pattern().equals(path) && r.method().equals(m));
    }

    /** Adds a GET route (also serving HEAD). */
    public ApiRouter get(String path, RequestHandler handler) {
        return add("GET", path, handler);
    }

    /** Adds a POST route. */
    public ApiRouter post(String path, RequestHandler handler) {
        return add("POST", path, handler);
    }

    /** Adds a PUT route. */
    public ApiRouter put(String path, RequestHandler handler) {
        return add("PUT", path, handler);
    }

    /** Adds a PATCH route. */
    public ApiRouter patch(String path, RequestHandler handler) {
        return add("PATCH", path, handler);
    }

    /** Adds a DELETE route. */
    public ApiRouter delete(String path, RequestHandler handler) {
        return add("DELETE", path, handler);
    }

    private static String[] split(String path) {
        String trimmed = path.substring(1);
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /** Finds the route for a request. */
    public Optional<Match> match(String method, String path) {
        String m = method.toUpperCase(Locale.ROOT);
        String[] parts = split(path.isEmpty() ? "/" : path);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = decode(parts[i]);
        }
        Route best = null;
        Map<String, String> bestParams = null;
        for (Route r : routes) { // the latest added first, so it wins a tie
            if (!(r.method().equals(m) || (m.equals("HEAD") && r.method().equals("GET")))) {
                continue;
            }
            Map<String, String> params = matchSegments(r.segments(), parts);
            if (params != null && (best == null || moreSpecific(r.segments(), best.segments()))) {
                best = r;
                bestParams = params;
            }
        }
        return best == null ? Optional.empty() : Optional.of(new Match(best.handler(), bestParams, best.pattern()));
    }

    /**
     * Whether pattern {@code a} is more specific than {@code b}: at the first segment where they differ in kind,
     * a literal beats a {@code {name}}, which beats a {@code {rest...}}; a longer pattern beats its prefix.
     */
    private static boolean moreSpecific(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int ka = kind(a[i]);
            int kb = kind(b[i]);
            if (ka != kb) {
                return ka > kb;
            }
        }
        return a.length > b.length;
    }

    private static int kind(String segment) {
        if (segment.startsWith("{") && segment.endsWith("...}")) {
            return 0;
        }
        return segment.startsWith("{") && segment.endsWith("}") ? 1 : 2;
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static Map<String, String> matchSegments(String[] pattern, String[] parts) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("...}")) {
                if (i > parts.length) {
                    return null;
                }
                List<String> rest = new ArrayList<>();
                for (int j = i; j < parts.length; j++) {
                    rest.add(parts[j]);
                }
                params.put(p.substring(1, p.length() - 4), String.join("/", rest));
                return params;
            }
            if (i >= parts.length) {
                return null;
            }
            if (p.startsWith("{") && p.endsWith("}")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), parts[i]);
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return pattern.length == parts.length ? params : null;
    }
}
