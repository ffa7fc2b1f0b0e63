package dev.coffer.apis;

import dev.coffer.core.auth.oauth2.OAuth2RedirectRelay;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Client;
import dev.coffer.tools.subscriptions.Message;
import tools.jackson.databind.node.ObjectNode;

/** Hands OAuth2 redirect answers to the realtime client named by the OAuth2 state, over the broker. */
public final class RealtimeOAuth2Relay implements OAuth2RedirectRelay {

    private final Broker broker;

    /** Creates a relay over a broker. */
    public RealtimeOAuth2Relay(Broker broker) {
        this.broker = broker;
    }

    @Override
    public boolean accepts(String clientId, String requesterIp) {
        return broker.client(clientId).filter(c -> !c.isDiscarded() && c.hasSubscription(TOPIC)).filter(c -> {
            Object ip = c.get(RealtimeApi.IP_KEY);
            return ip == null || ip.equals(requesterIp);
        }).isPresent();
    }

    @Override
    public void send(String clientId, ObjectNode data) {
        Client client = broker.client(clientId)
                .orElseThrow(() -> new IllegalStateException("no realtime client " + clientId));
        client.send(new Message(TOPIC, Json.write(data)));
        client.unsubscribe(TOPIC);
    }
}
