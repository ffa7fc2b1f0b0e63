package dev.coffer.tools.cluster;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The bus of a single instance: there is no one to send to, every claim succeeds, the members are this instance. */
public final class LocalBus implements Bus {

    private final String instanceId;
    private final Instant started = Instant.now();
    private volatile String address = "";

    /** A bus for an instance with an id. */
    public LocalBus(String instanceId) {
        this.instanceId = instanceId;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public boolean clustered() {
        return false;
    }

    @Override
    public void publish(String topic, String payload) {
        // no other instance
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        // nothing ever arrives
    }

    @Override
    public void onGap(Runnable handler) {
        // never disconnected
    }

    @Override
    public boolean claim(String key) {
        return true;
    }

    @Override
    public boolean acquire(String key, int maxRequests, long windowSeconds) {
        return true;
    }

    @Override
    public void announce(String address) {
        this.address = address;
    }

    @Override
    public List<ClusterMember> members() {
        return List.of(new ClusterMember(instanceId, address, started, Instant.now()));
    }

    @Override
    public void close() {
        // nothing held
    }
}
