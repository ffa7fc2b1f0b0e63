package dev.coffer.tools.cluster;

import dev.coffer.tools.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link Bus} over a {@link Relay} (the messages) and a {@link Coordination} (members, claims, rate windows).
 * Each message travels in an envelope naming its instance and topic; an instance drops its own. Handlers run one at
 * a time on one thread, in arrival order. A message published inside a write transaction of the app's database goes
 * out when it commits (the database's relay does that itself; for the others the bus waits for the commit through
 * {@code afterCommit}), and never after a rollback.
 */
public final class RelayBus implements Bus {

    private static final Logger LOG = LoggerFactory.getLogger(RelayBus.class);

    /** Runs an action once the current write transaction commits (at once outside one). */
    public interface AfterCommit {
        void run(Runnable action);
    }

    private final String instanceId;
    private final Relay relay;
    private final Coordination coordination;
    private final AfterCommit afterCommit;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> gapHandlers = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch;
    private volatile boolean closed;

    private RelayBus(String instanceId, Relay relay, Coordination coordination, AfterCommit afterCommit) {
        this.instanceId = instanceId;
        this.relay = relay;
        this.coordination = coordination;
        this.afterCommit = afterCommit;
        this.dispatch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "coffer-bus-dispatch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Joins the cluster through a coordination and starts receiving from a relay; closing the bus closes both.
     * {@code afterCommit} defers a publish made inside a write transaction (unused when the relay is transactional).
     */
    public static RelayBus start(String instanceId, Relay relay, Coordination coordination, AfterCommit afterCommit) {
        RelayBus bus = new RelayBus(instanceId, relay, coordination, afterCommit);
        coordination.join();
        try {
            relay.start(bus::receive, bus::gap);
        } catch (RuntimeException e) {
            coordination.close();
            relay.close();
            throw e;
        }
        return bus;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public void publish(String topic, String payload) {
        ObjectNode envelope = Json.object();
        envelope.put("i", instanceId);
        envelope.put("t", topic);
        envelope.put("p", payload);
        String message = Json.write(envelope);
        if (relay.transactional()) {
            relay.publish(message);
        } else {
            afterCommit.run(() -> {
                try {
                    relay.publish(message);
                } catch (RuntimeException e) {
                    LOG.warn("a {} message could not be sent to the other instances: {}", topic, e.toString());
                }
            });
        }
    }

    private void receive(String message) {
        JsonNode envelope;
        try {
            envelope = Json.parse(message);
        } catch (RuntimeException e) {
            LOG.debug("not a bus message: {}", e.toString());
            return;
        }
        if (instanceId.equals(envelope.path("i").asString(""))) {
            return;
        }
        List<Consumer<String>> forTopic = handlers.get(envelope.path("t").asString(""));
        if (forTopic == null || forTopic.isEmpty() || closed) {
            return;
        }
        String payload = envelope.path("p").asString("");
        for (Consumer<String> h : forTopic) {
            dispatch.execute(() -> runSafely(() -> h.accept(payload)));
        }
    }

    private void gap() {
        if (closed) {
            return;
        }
        LOG.info("reconnected to the other instances; messages sent meanwhile were missed");
        for (Runnable h : gapHandlers) {
            dispatch.execute(() -> runSafely(h));
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a message from another instance failed to apply", e);
        }
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    @Override
    public void onGap(Runnable handler) {
        gapHandlers.add(handler);
    }

    @Override
    public boolean claim(String key) {
        return coordination.claim(key);
    }

    @Override
    public boolean acquire(String key, int maxRequests, long windowSeconds) {
        return coordination.acquire(key, maxRequests, windowSeconds);
    }

    @Override
    public void announce(String address) {
        coordination.announce(address);
    }

    @Override
    public List<ClusterMember> members() {
        return coordination.members();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            relay.close();
        } finally {
            dispatch.shutdown();
            try {
                dispatch.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            coordination.close();
        }
    }
}
