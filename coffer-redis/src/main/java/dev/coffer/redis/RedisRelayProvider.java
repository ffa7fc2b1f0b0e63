package dev.coffer.redis;

import dev.coffer.tools.cluster.Coordination;
import dev.coffer.tools.cluster.Relay;
import dev.coffer.tools.cluster.RelayProvider;
import java.util.Optional;

/** Opens {@code redis://} and {@code rediss://} buses; Redis also keeps the cluster's coordination. */
public final class RedisRelayProvider implements RelayProvider {

    @Override
    public boolean handles(String scheme) {
        return scheme.equals("redis") || scheme.equals("rediss");
    }

    @Override
    public Relay open(String url) {
        return new RedisRelay(RedisBusUrl.parse(url));
    }

    @Override
    public Optional<Coordination> coordination(String url, String instanceId) {
        return Optional.of(new RedisCoordination(RedisBusUrl.parse(url), instanceId));
    }
}
