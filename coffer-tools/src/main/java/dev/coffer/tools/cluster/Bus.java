package dev.coffer.tools.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Messages between the instances of one app, and the few things they must agree on.
 *
 * <p>A message published on one instance reaches the handlers of its topic on every <em>other</em> live instance,
 * in publish order per publishing instance. A bus over the database sends a message published inside a write
 * transaction of that database when the transaction commits, and drops it on rollback; other buses send at once.
 * An instance that loses its connection to the bus may miss messages while it is gone: it calls its
 * {@link #onGap} handlers once it is back, so that it can reload what it keeps.
 */
public interface Bus extends AutoCloseable {

    /** This instance's id, unique in the cluster, new at each start. */
    String instanceId();

    /** Whether other instances may exist: false for the single-instance bus, where publishing goes nowhere. */
    boolean clustered();

    /** Sends a message to the other instances' handlers of its topic. */
    void publish(String topic, String payload);

    /** Adds a handler for messages of a topic from other instances; handlers run one at a time, in order. */
    void subscribe(String topic, Consumer<String> handler);

    /** Adds a handler called after messages may have been missed (the bus reconnected). */
    void onGap(Runnable handler);

    /**
     * Claims a key for this instance: true for the first instance to claim it, false for every later claim
     * anywhere in the cluster (keys are kept a day). Scheduled jobs claim {@code job + minute} to run once.
     */
    boolean claim(String key);

    /**
     * Counts one request for a key in a fixed window shared by the cluster and says whether it is within
     * {@code maxRequests} per {@code windowSeconds} (a window starts at the first request after the last one ended,
     * as the single-instance rate limiter's do). The single-instance bus counts nothing: it always says yes.
     */
    boolean acquire(String key, int maxRequests, long windowSeconds);

    /** Records the address this instance serves HTTP on, shown in {@link #members()}. */
    void announce(String address);

    /** The live instances, this one included (the single-instance bus lists only itself). */
    List<ClusterMember> members();

    /** Leaves the cluster: stops listening and removes this instance from the members. */
    @Override
    void close();
}
