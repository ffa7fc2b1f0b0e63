package dev.coffer.tools.db;

/**
 * A moment's count of a database's connections, for metrics.
 *
 * @param active connections lent to work now (SQLite: busy readers, plus the writer while a write runs)
 * @param idle connections ready to lend
 * @param pending work waiting for a connection (SQLite: for a reader or for the writer)
 * @param max the most connections the pool holds
 */
public record PoolStats(int active, int idle, int pending, int max) {

    /** The stats of a pool that can't tell (an application's DataSource). */
    public static final PoolStats UNKNOWN = new PoolStats(0, 0, 0, 0);
}
