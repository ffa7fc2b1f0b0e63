package dev.coffer.nats;

import dev.coffer.tools.cluster.Relay;
import dev.coffer.tools.cluster.RelayProvider;

/** Opens {@code nats://} (and {@code tls://}) buses; the app's database keeps the cluster's coordination. */
public final class NatsRelayProvider implements RelayProvider {

    @Override
    public boolean handles(String scheme) {
        return scheme.equals("nats") || scheme.equals("tls");
    }

    @Override
    public Relay open(String url) {
        return new NatsRelay(url);
    }
}
