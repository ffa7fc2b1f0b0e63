package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Client;
import dev.coffer.tools.subscriptions.Message;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One realtime client carried by a WebSocket: a broker client like an SSE stream's, whose requests
 * ({@link RealtimeSocketRequests}) come as JSON text frames and whose messages go out as {@code event} frames.
 *
 * <p>Threading: requests are handled on the Jetty thread that read them, their answers written without waiting. A
 * <em>virtual</em> thread per connection waits on the client's queue and writes its events, waiting for each batch to
 * be written (at most {@link #WRITE_TIMEOUT}); when nothing was sent for {@link #PING_INTERVAL} it sends a ping frame
 * instead, which keeps proxies and the idle timeout from ending a quiet connection. A waiting virtual thread holds no
 * platform thread. The socket is closed when a write fails or times out, when the client is discarded (its queue
 * overflowed, or another instance's changes may have been missed) or when the server stops; the client is then
 * removed from the broker.
 *
 * <p>Public only because Jetty calls its listener methods through method handles; nothing else makes one.
 */
public final class RealtimeSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeSocket.class);
    /** A connection with nothing to send for this long gets a ping frame. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);
    /** A peer that answered no ping (no pong, no frame) for this long is gone: its connection is dropped. */
    static final Duration SILENCE_LIMIT = PING_INTERVAL.multipliedBy(2);
    /** The longest a batch of frames may take to be written before the connection is closed. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    /** The largest text message a peer may send: 1000 subscriptions of 2500 characters fit. */
    static final long MAX_TEXT_MESSAGE_BYTES = 4L << 20;
    /** The most queued messages written before waiting for them to be sent. */
    private static final int MAX_BATCH = 64;
    private static final int CLOSE_GOING_AWAY = 1001;
    private static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private final App app;
    private final Broker broker;
    private final RealtimeSockets.Admission admission;
    private final RealtimeSocketRequests requests = new RealtimeSocketRequests(this);
    private Session session;
    private Client client;
    /** When the bound auth token expires (epoch seconds), 0 for none. */
    private volatile long authExpiresAt;
    /** When the oldest ping the peer hasn't answered yet was sent ({@link System#nanoTime()}), 0 for none. */
    private volatile long unansweredPing;
    /** Set once the peer closed or the connection failed: nothing is left to close. */
    private volatile boolean closed;

    private final ApiHooks hooks;

    /** A socket for an admitted upgrade, bound to its auth (which may be null) once open. */
    RealtimeSocket(App app, Broker broker, ApiHooks hooks, RealtimeSockets.Admission admission) {
        this.app = app;
        this.broker = broker;
        this.hooks = hooks;
        this.admission = admission;
    }

    /** Registers a broker client, sends the {@code connect} frame and starts delivering the client's messages. */
    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        // the writer pings a quiet connection, so only a peer that stopped reading reaches the idle timeout
        s.setIdleTimeout(RealtimeApi.IDLE_TIMEOUT);
        s.setMaxTextMessageSize(MAX_TEXT_MESSAGE_BYTES);
        s.setMaxBinaryMessageSize(1024);
        s.setMaxOutgoingFrames(Client.QUEUE_CAPACITY);
        client = RealtimeClients.open(broker, admission.ip());
        client.set(RealtimeClients.TRANSPORT_KEY, RealtimeClients.WEBSOCKET);
        client.set(RealtimeClients.AUTH_DROPPED_KEY, (Runnable) this::authDropped);
        bind(admission.auth(), admission.authExpiresAt());
        reply(RealtimeSocketFrames.connect(client.id()));
        Thread.ofVirtual().name("coffer-realtime-ws").start(this::deliver);
    }

    @Override
    public void onWebSocketText(String text) {
        unansweredPing = 0;
        onText(text);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        session.close(1003, "Text frames only.", Callback.NOOP);
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        unansweredPing = 0;
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        onClosed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("realtime socket failed: {}", cause.toString());
        onClosed();
    }

    App app() {
        return app;
    }

    Client client() {
        return client;
    }

    /** Handles one text frame from the peer. */
    private void onText(String text) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            reply(RealtimeSocketFrames.error(null, ApiError.badRequest("The message is not valid JSON.")));
            return;
        }
        JsonNode id = request.path("id");
        try {
            reply(requests.handle(request));
        } catch (ApiError e) {
            reply(RealtimeSocketFrames.error(id, e));
        } catch (RuntimeException e) {
            LOG.warn("realtime socket {} request failed", client.id(), e);
            reply(RealtimeSocketFrames.error(id, ApiError.badRequest("")));
        }
    }

    /** The peer closed the connection or it failed: the client leaves the broker. */
    private void onClosed() {
        closed = true;
        if (client != null) {
            broker.unregister(client.id());
        }
    }

    /**
     * Binds a verified token's record, or a guest for an empty token.
     *
     * @throws ApiError 401 for a token that doesn't verify (the connection then goes on as a guest)
     */
    Record authenticate(String token) {
        if (token.isEmpty()) {
            bind(null, 0);
            return null;
        }
        var verified = app.tokens().verify(token, TokenType.AUTH).orElse(null);
        if (verified == null) {
            bind(null, 0);
            throw ApiError.unauthorized("The token is invalid or expired; the connection goes on as a guest.");
        }
        bind(verified.record(), RealtimeSockets.expiry(verified.claims()));
        return verified.record();
    }

    private void bind(Record auth, long expiresAt) {
        authExpiresAt = auth == null ? 0 : expiresAt;
        RealtimeClients.bindAuth(client, auth);
        client.send(new Message("", "")); // wakes the writer up to wait for the new expiry
    }

    /** Run when the bound record was deleted or its token invalidated: the peer is told it is a guest now. */
    private void authDropped() {
        authExpiresAt = 0;
        reply(RealtimeSocketFrames.error(null, ApiError.unauthorized(
                "The auth record was deleted or its tokens invalidated; the connection goes on as a guest.")));
    }

    /** Writes a frame without waiting; a failed write closes the connection. */
    void reply(String frame) {
        session.sendText(frame, Callback.from(() -> {}, this::failed));
    }

    private void failed(Throwable t) {
        LOG.debug("realtime socket {} write failed: {}", client.id(), t.toString());
        client.discard();
    }

    private void deliver() {
        int closeCode = CLOSE_GOING_AWAY;
        try {
            while (!closed) {
                Message m = client.next(waitNanos(), TimeUnit.NANOSECONDS);
                if (m == null) {
                    if (client.isDiscarded()) {
                        closeCode = CLOSE_TRY_AGAIN_LATER;
                        break;
                    }
                    onQuiet();
                    continue;
                }
                Callback.Completable last = null;
                int batched = 0;
                do {
                    Message out = m.name().isEmpty() ? null // an empty name only wakes the writer up
                            : RealtimeMessages.outgoing(hooks, app, client.id(), m);
                    if (out != null) {
                        last = new Callback.Completable();
                        session.sendText(RealtimeSocketFrames.event(out), last);
                    }
                    batched++;
                } while (batched < MAX_BATCH && (m = client.poll()) != null);
                if (last != null) {
                    last.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("realtime socket {} ended: {}", client.id(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            broker.unregister(client.id());
            if (!closed) {
                session.close(closeCode, "Realtime client ended; reconnect to go on.", Callback.NOOP);
            }
        }
    }

    /** How long to wait for the next message: until the next ping, or the bound token's expiry if sooner. */
    private long waitNanos() {
        long wait = PING_INTERVAL.toNanos();
        long exp = authExpiresAt;
        if (exp > 0) {
            long left = TimeUnit.SECONDS.toNanos(exp) - TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
            wait = Math.max(0, Math.min(wait, left));
        }
        return wait;
    }

    /**
     * Drops an expired token's auth (telling the peer), else sends a ping, the connection having been quiet; a peer
     * silent for too long is disconnected.
     */
    private void onQuiet() {
        long pinged = unansweredPing;
        if (pinged != 0 && System.nanoTime() - pinged > SILENCE_LIMIT.toNanos()) {
            LOG.debug("realtime socket {} answered no ping for {}: dropped", client.id(), SILENCE_LIMIT);
            session.disconnect();
            return;
        }
        long exp = authExpiresAt;
        if (exp > 0 && System.currentTimeMillis() / 1000 >= exp) {
            authExpiresAt = 0;
            RealtimeClients.bindAuth(client, null);
            reply(RealtimeSocketFrames.error(null, ApiError.unauthorized(
                    "The auth token expired; the connection goes on as a guest.")));
            return;
        }
        if (pinged == 0) {
            unansweredPing = System.nanoTime();
        }
        session.sendPing(ByteBuffer.allocate(0), Callback.from(() -> {}, this::failed));
    }
}
