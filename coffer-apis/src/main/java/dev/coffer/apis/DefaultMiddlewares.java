package dev.coffer.apis;

import dev.coffer.core.Actor;
import dev.coffer.core.cluster.Cluster;
import dev.coffer.core.collection.TokenType;
import java.util.Locale;

/** The middlewares every request passes through, bound on {@link ApiHooks#onRequest()} like any other. */
public final class DefaultMiddlewares {

    /** Id of the security headers middleware. */
    public static final String SECURITY_HEADERS = "coffer:securityHeaders";
    /** Id of the middleware that loads the auth record from the Authorization header. */
    public static final String LOAD_AUTH_TOKEN = "coffer:loadAuthToken";
    /** Priority of the auth token middleware. */
    public static final int LOAD_AUTH_TOKEN_PRIORITY = -1000;
    /** Id of the middleware that holds writes while a restore of the shared database runs (on any instance). */
    public static final String AWAIT_WRITES = "coffer:awaitWrites";
    /** Id of the middleware that makes the request's auth the {@link Actor} of the changes it makes. */
    public static final String ACTOR = "coffer:actor";

    private DefaultMiddlewares() {}

    /**
     * Binds the default middlewares (and {@link RequestLogMiddleware}, {@link RateLimitMiddleware} and
     * {@link BodyLimitMiddleware}).
     */
    public static void bind(ApiHooks hooks) {
        RequestLogMiddleware.bind(hooks);
        RateLimitMiddleware.bind(hooks);
        BodyLimitMiddleware.bind(hooks);
        hooks.onRequest().bind(SECURITY_HEADERS, -2000, e -> {
            e.setHeader("X-XSS-Protection", "1; mode=block");
            e.setHeader("X-Content-Type-Options", "nosniff");
            e.setHeader("X-Frame-Options", "SAMEORIGIN");
            e.setHeader("Cross-Origin-Opener-Policy", "same-origin");
            e.next();
        });
        hooks.onRequest().bind(AWAIT_WRITES, -1500, e -> {
            // reads go on; a realtime subscription writes nothing to the database
            if (e.method().equals("GET") || e.method().equals("HEAD") || e.method().equals("OPTIONS")
                    || e.path().equals("/api/realtime")) {
                e.next();
                return;
            }
            // counted while under way, so that a hold (backup, restore) waits for it to finish
            Cluster cluster = e.app().cluster();
            boolean counted = cluster.beginWrite();
            try {
                e.next();
            } finally {
                if (counted) {
                    cluster.endWrite();
                }
            }
        });
        hooks.onRequest().bind(LOAD_AUTH_TOKEN, LOAD_AUTH_TOKEN_PRIORITY, e -> {
            if (e.auth() == null) {
                String token = tokenFromHeader(e.header("Authorization"));
                if (!token.isEmpty()) {
                    e.app().tokens().verify(token, TokenType.AUTH).ifPresent(v -> e.setAuth(v.record()));
                }
            }
            e.next();
        });
        // who makes the changes of this request, for the record history (asked for when a change is written: an
        // auth request sets its auth on the way)
        hooks.onRequest().bind(ACTOR, LOAD_AUTH_TOKEN_PRIORITY + 1, e -> Actor.runAs(
                () -> Actor.ofRequest(e.auth(), e.realIP(), e.header("User-Agent")), () -> {
                    e.next();
                    return null;
                }));
    }

    /**
     * The token of an {@code Authorization} header value, with or without a {@code Bearer } prefix (any case); as in
     * PocketBase nothing else is trimmed, so {@code Bearer  TOKEN} with two spaces is no valid token.
     */
    public static String tokenFromHeader(String header) {
        String h = header == null ? "" : header.trim();
        if (h.length() > 7 && h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return h.substring(7);
        }
        return h;
    }
}
