package dev.coffer.apis;

import dev.coffer.core.auth.oauth2.OAuth2RedirectRelay;
import dev.coffer.core.cluster.Cluster;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Client;
import dev.coffer.tools.subscriptions.Message;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands OAuth2 redirect answers to the realtime client named by the OAuth2 state, over the broker. In a cluster the
 * redirect may land on another instance than the one holding the client: this instance then asks the others whether
 * one holds it, and sends the answer over the bus to the one that does.
 */
public final class RealtimeOAuth2Relay implements OAuth2RedirectRelay {

    private static final String ACCEPTS_TOPIC = "oauth2-accepts";
    private static final String SEND_TOPIC = "oauth2-send";

    private final Broker broker;
    private final Cluster cluster;

    /** Creates a relay over a broker that also finds the clients of the cluster's other instances (null: none). */
    public RealtimeOAuth2Relay(Broker broker, Cluster cluster) {
        this.broker = broker;
        this.cluster = cluster;
        if (cluster != null) {
            cluster.answer(ACCEPTS_TOPIC, question -> {
                JsonNode q = Json.parse(question);
                return acceptsHere(q.path("clientId").asString(""), q.path("ip").asString("")) ? "yes" : null;
            });
            cluster.subscribe(SEND_TOPIC, message -> {
                JsonNode m = Json.parse(message);
                String clientId = m.path("clientId").asString("");
                if (local(clientId).isPresent() && m.path("data") instanceof ObjectNode data) {
                    sendHere(clientId, data);
                }
            });
        }
    }

    private Optional<Client> local(String clientId) {
        return broker.client(clientId).filter(c -> !c.isDiscarded() && c.hasSubscription(TOPIC));
    }

    private boolean acceptsHere(String clientId, String requesterIp) {
        return local(clientId).filter(c -> {
            Object ip = c.get(RealtimeClients.IP_KEY);
            return ip == null || ip.equals(requesterIp);
        }).isPresent();
    }

    @Override
    public boolean accepts(String clientId, String requesterIp) {
        if (acceptsHere(clientId, requesterIp)) {
            return true;
        }
        if (cluster == null || !cluster.clustered()) {
            return false;
        }
        ObjectNode question = Json.object();
        question.put("clientId", clientId);
        question.put("ip", requesterIp);
        return cluster.ask(ACCEPTS_TOPIC, Json.write(question)).isPresent();
    }

    @Override
    public void send(String clientId, ObjectNode data) {
        if (broker.client(clientId).isPresent() || cluster == null || !cluster.clustered()) {
            sendHere(clientId, data);
            return;
        }
        ObjectNode message = Json.object();
        message.put("clientId", clientId);
        message.set("data", data);
        cluster.publish(SEND_TOPIC, Json.write(message));
    }

    private void sendHere(String clientId, ObjectNode data) {
        Client client = broker.client(clientId)
                .orElseThrow(() -> new IllegalStateException("no realtime client " + clientId));
        client.send(new Message(TOPIC, Json.write(data)));
        client.unsubscribe(TOPIC);
    }
}
