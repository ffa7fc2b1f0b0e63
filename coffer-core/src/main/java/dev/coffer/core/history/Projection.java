package dev.coffer.core.history;

import dev.coffer.core.App;

/**
 * Java code kept up to date from the event log: it gets every entry after its cursor, in commit order, each applied
 * in one transaction together with the move of its cursor (so an entry is applied once, also across restarts and
 * across instances sharing a database). Register it with {@code app.history().projections().register(…)}; after
 * downtime it catches up from where it stopped.
 */
public interface Projection {

    /** The projection's id, under which its cursor is kept (letters, digits, {@code _}, {@code -}, {@code .}). */
    String id();

    /** Whether the projection wants an entry (by default every entry of every collection). */
    default boolean accepts(HistoryEntry entry) {
        return true;
    }

    /**
     * Applies one entry, inside the transaction that also moves the cursor past it: writes through {@code app}
     * (saves, deletes, SQL on {@code app.db()}) commit or roll back with it; what it throws stops the projection
     * at this entry (logged, retried on the next change and every few seconds).
     */
    void apply(App app, HistoryEntry entry) throws Exception;
}
