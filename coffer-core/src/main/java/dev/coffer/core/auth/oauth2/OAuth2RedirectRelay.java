package dev.coffer.core.auth.oauth2;

import tools.jackson.databind.node.ObjectNode;

/**
 * Where the OAuth2 redirect endpoint hands the provider's answer: the realtime client whose id is the OAuth2
 * {@code state} and that subscribed to {@code @oauth2}. The realtime broker implements it; until one is set,
 * {@link #NONE} knows no client, and every redirect ends on the failure page.
 */
public interface OAuth2RedirectRelay {

    /** The realtime topic the redirect data is sent on. */
    String TOPIC = "@oauth2";

    /** A relay without clients. */
    OAuth2RedirectRelay NONE = new OAuth2RedirectRelay() {
        @Override
        public boolean accepts(String clientId, String requesterIp) {
            return false;
        }

        @Override
        public void send(String clientId, ObjectNode data) {
            throw new IllegalStateException("no realtime client " + clientId);
        }
    };

    /**
     * Whether the client exists, is connected, subscribed to {@link #TOPIC} and (when it recorded one) connected
     * from {@code requesterIp}.
     */
    boolean accepts(String clientId, String requesterIp);

    /** Sends {@code data} ({@code {state, code, error?}}) to the client on {@link #TOPIC} and ends that subscription. */
    void send(String clientId, ObjectNode data);
}
