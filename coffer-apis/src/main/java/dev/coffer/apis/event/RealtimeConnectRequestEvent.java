package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import java.time.Duration;

/** A realtime connection request ({@code GET /api/realtime}), before the client is made: a handler may refuse it. */
public final class RealtimeConnectRequestEvent extends RequestEvent {

    private final Duration idleTimeout;

    /** Creates the event. */
    public RealtimeConnectRequestEvent(RequestEvent e, Duration idleTimeout) {
        super(e);
        this.idleTimeout = idleTimeout;
    }

    /** How long the stream stays open without a message. */
    public Duration idleTimeout() {
        return idleTimeout;
    }
}
