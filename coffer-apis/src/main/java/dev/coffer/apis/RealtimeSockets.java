package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.record.Record;
import dev.coffer.tools.security.Jwt;
import dev.coffer.tools.subscriptions.Broker;
import java.io.IOException;
import java.util.Map;

/**
 * The realtime WebSocket endpoint, {@value #PATH}: the broker's clients over a WebSocket instead of an SSE stream.
 *
 * <p>An upgrade request goes through the request hooks like any request ({@link WebSocketUpgrade}): CORS (which
 * refuses upgrades from origins not allowed), rate limits, the auth token of its {@code Authorization} header, then
 * this route, which upgrades the connection with the auth and IP it starts with. A refused upgrade gets its error
 * response and no WebSocket; a plain request without the upgrade is refused with 400. The frames of an open connection
 * don't pass the request hooks: each connection is a {@link RealtimeSocket}.
 */
final class RealtimeSockets {

    /** The path of the endpoint. */
    static final String PATH = "/api/realtime/ws";

    /**
     * What an upgrade starts with.
     *
     * @param auth the record of the request's token, or null for a guest
     * @param authExpiresAt when that token expires (epoch seconds), 0 for none
     * @param ip the client's IP, as {@link RequestEvent#realIP()} tells it
     */
    record Admission(Record auth, long authExpiresAt, String ip) {}

    private final App app;
    private final Broker broker;
    private final ApiHooks hooks;

    /** Creates the endpoint for an app's realtime broker (the one the SSE endpoint serves too). */
    RealtimeSockets(App app, Broker broker, ApiHooks hooks) {
        this.app = app;
        this.broker = broker;
        this.hooks = hooks;
    }

    /** The route of {@value #PATH}, reached after the request hooks: upgrades with the request's auth and IP. */
    void admit(RequestEvent e) throws IOException {
        if (!WebSocketUpgrade.isUpgrade(e)) {
            throw ApiError.badRequest("This endpoint takes WebSocket connections only (Upgrade: websocket).");
        }
        e.skipSuccessLog();
        Record auth = e.auth();
        long exp = 0;
        if (auth != null) {
            exp = Jwt.unverifiedClaims(DefaultMiddlewares.tokenFromHeader(e.header("Authorization")))
                    .map(RealtimeSockets::expiry).orElse(0L);
        }
        WebSocketUpgrade.accept(e, new RealtimeSocket(app, broker, hooks, new Admission(auth, exp, e.realIP())));
    }

    /** The {@code exp} claim of a token's claims (epoch seconds), 0 when absent. */
    static long expiry(Map<String, Object> claims) {
        return claims.get("exp") instanceof Number n ? n.longValue() : 0;
    }
}
