package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A realtime client's subscription request ({@code POST /api/realtime}), before its subscriptions are replaced: a
 * handler may change the list (or refuse the request).
 */
public final class RealtimeSubscribeRequestEvent extends RequestEvent {

    private final String clientId;
    private final List<String> subscriptions;

    /** Creates the event. */
    public RealtimeSubscribeRequestEvent(RequestEvent e, String clientId, List<String> subscriptions) {
        super(e);
        this.clientId = clientId;
        this.subscriptions = new ArrayList<>(subscriptions);
    }

    /** The client's id. */
    public String clientId() {
        return clientId;
    }

    /** The subscriptions the client will have (changeable). */
    public List<String> subscriptions() {
        return subscriptions;
    }
}
