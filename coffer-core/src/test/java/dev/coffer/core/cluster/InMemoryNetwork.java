package dev.coffer.core.cluster;

import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.cluster.Coordination;
import dev.coffer.tools.cluster.Relay;
import dev.coffer.tools.cluster.RelayBus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Instances of one process joined through memory: every message reaches every instance, members are the joined. */
final class InMemoryNetwork {

    private final List<Consumer<String>> receivers = new CopyOnWriteArrayList<>();
    private final Map<String, ClusterMember> members = new ConcurrentHashMap<>();
    private final Set<String> claims = ConcurrentHashMap.newKeySet();

    /** A new single instance joined to the network. */
    Cluster join() {
        Cluster cluster = new Cluster();
        String id = cluster.instanceId();
        Relay relay = new Relay() {
            private Consumer<String> receiver;

            @Override
            public void start(Consumer<String> onMessage, Runnable onGap) {
                receiver = onMessage;
                receivers.add(onMessage);
            }

            @Override
            public void publish(String message) {
                receivers.forEach(r -> r.accept(message));
            }

            @Override
            public void close() {
                receivers.remove(receiver);
            }
        };
        Coordination coordination = new Coordination() {
            @Override
            public void join() {
                members.put(id, new ClusterMember(id, "", Instant.now(), Instant.now()));
            }

            @Override
            public boolean claim(String key) {
                return claims.add(key);
            }

            @Override
            public boolean acquire(String key, int maxRequests, long windowSeconds) {
                return true;
            }

            @Override
            public void announce(String address) {}

            @Override
            public List<ClusterMember> members() {
                List<ClusterMember> all = new ArrayList<>(members.values());
                all.sort((a, b) -> a.id().equals(id) ? -1 : b.id().equals(id) ? 1 : a.id().compareTo(b.id()));
                return all;
            }

            @Override
            public void close() {
                members.remove(id);
            }
        };
        cluster.join(RelayBus.start(id, relay, coordination, Runnable::run));
        return cluster;
    }
}
