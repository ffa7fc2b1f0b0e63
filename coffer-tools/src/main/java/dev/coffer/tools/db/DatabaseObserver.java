package dev.coffer.tools.db;

/**
 * Told how long each transaction of a {@link Database} took, for metrics: called on the thread that ran the work,
 * once it is done, for every top-level {@link Database#read read} and {@link Database#write write} (work joining an
 * outer transaction is part of that one; maintenance statements and snapshots are not told). Implementations must be quick and must not throw; they
 * must not use the database.
 */
public interface DatabaseObserver {

    /** An observer that does nothing, the default of every database. */
    DatabaseObserver NONE = new DatabaseObserver() {
        @Override
        public void read(long waitNanos, long workNanos, boolean failed) {}

        @Override
        public void write(long waitNanos, long workNanos, boolean failed) {}
    };

    /**
     * A read finished.
     *
     * @param waitNanos how long it waited for a connection
     * @param workNanos how long it held the connection
     * @param failed whether the work threw
     */
    void read(long waitNanos, long workNanos, boolean failed);

    /**
     * A write transaction finished (one try of it, where a server retries a conflicting write).
     *
     * @param waitNanos how long it waited for the writer or a connection
     * @param workNanos how long it held it, commit or rollback included
     * @param failed whether it rolled back
     */
    void write(long waitNanos, long workNanos, boolean failed);
}
