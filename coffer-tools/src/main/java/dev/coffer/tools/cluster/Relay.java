package dev.coffer.tools.cluster;

import java.util.function.Consumer;

/**
 * Carries text messages between the instances of one app: whatever one instance publishes reaches every started
 * relay of the cluster (its own included), in publish order per publisher. A {@link RelayBus} puts its envelope on
 * it; PostgreSQL's {@code NOTIFY}, Redis pub/sub and NATS are relays.
 */
public interface Relay extends AutoCloseable {

    /**
     * Starts receiving: {@code onMessage} gets every message, one at a time on the relay's thread;
     * {@code onGap} runs after the relay reconnected, when messages may have been lost.
     */
    void start(Consumer<String> onMessage, Runnable onGap);

    /** Sends a message to every instance. */
    void publish(String message);

    /**
     * Whether a message published inside a write transaction of the app's database goes out only when it commits
     * (true for the database's own relay); for the others the bus defers publishing to the commit.
     */
    default boolean transactional() {
        return false;
    }

    /** Stops receiving and disconnects. */
    @Override
    void close();
}
