package dev.coffer.tools.cluster;

import java.util.List;

/**
 * What the instances of one app agree on besides messages: who is alive, one-time claims, shared rate windows.
 * Kept in the app's database, or in Redis when Redis is the bus. See {@link Bus} for each operation's contract.
 */
public interface Coordination extends AutoCloseable {

    /** Joins: records this instance as live and keeps it so (a heartbeat) until {@link #close()}. */
    void join();

    /** See {@link Bus#claim}. */
    boolean claim(String key);

    /** See {@link Bus#acquire}. */
    boolean acquire(String key, int maxRequests, long windowSeconds);

    /** See {@link Bus#announce}. */
    void announce(String address);

    /** See {@link Bus#members}. */
    List<ClusterMember> members();

    /** Leaves: this instance is no longer listed. */
    @Override
    void close();
}
