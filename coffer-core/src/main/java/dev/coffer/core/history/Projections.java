package dev.coffer.core.history;

import dev.coffer.core.App;
import dev.coffer.tools.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link Projection projections} and the thread that feeds them: woken after each commit that
 * appends to the log (and every few seconds, for other instances' commits and retries), it hands each projection
 * the entries after its cursor, one transaction per entry. Cursors live in {@code _projections}; moving one is a
 * compare-and-set, so when several instances run the same projection each entry is still applied once.
 */
public final class Projections {

    private static final Logger LOG = LoggerFactory.getLogger(Projections.class);
    private static final Pattern ID = Pattern.compile("^[\\w.-]{1,100}$");
    private static final int BATCH = 200;
    private static final long IDLE_MILLIS = 5000;

    private final App app;
    private final RecordHistory history;
    private final Map<String, Projection> registered = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> feeding = new ConcurrentHashMap<>();
    private final Object wakeup = new Object();
    private boolean woken;
    private Thread worker;

    Projections(App app, RecordHistory history) {
        this.app = app;
        this.history = history;
    }

    /** Creates {@code _projections} when missing. */
    static void ensureTable(Connection c, Dialect dialect) throws SQLException {
        dialect.ddl().createIfMissing(c, "_projections", "CREATE TABLE IF NOT EXISTS \"_projections\" ("
                + "\"id\" VARCHAR(255) PRIMARY KEY NOT NULL, \"cursor\" INTEGER NOT NULL)");
    }

    /**
     * Registers a projection (replacing one with the same id) and starts feeding it from its stored cursor (0 for a
     * new one: the whole log).
     */
    public synchronized void register(Projection projection) {
        if (!ID.matcher(projection.id()).matches()) {
            throw new IllegalArgumentException("invalid projection id " + projection.id());
        }
        registered.put(projection.id(), projection);
        if (worker == null) {
            worker = Thread.ofPlatform().daemon().name("coffer-projections").start(this::loop);
        }
        wake();
    }

    /** Stops feeding a projection (its cursor stays). */
    public void unregister(String id) {
        registered.remove(id);
    }

    /** The stored cursor of a projection: the {@code seq} of the last entry it applied (0 for none). */
    public long cursor(String id) {
        return app.db().read(c -> cursor(c, id));
    }

    /** Feeds every projection now, on the calling thread, until each has caught up (for tests and tools). */
    public void catchUp() {
        for (Projection p : List.copyOf(registered.values())) {
            feed(p);
        }
    }

    void wake() {
        synchronized (wakeup) {
            woken = true;
            wakeup.notifyAll();
        }
    }

    /** Stops the worker (the app is closing). */
    public synchronized void stop() {
        if (worker != null) {
            worker.interrupt();
            worker = null;
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                synchronized (wakeup) {
                    if (!woken) {
                        wakeup.wait(IDLE_MILLIS);
                    }
                    woken = false;
                }
                catchUp();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("projections: {}", e.getMessage());
            }
        }
    }

    private void feed(Projection p) {
        // one feeder at a time per projection on this instance (the worker and a caller of catchUp)
        ReentrantLock lock = feeding.computeIfAbsent(p.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            feedLocked(p);
        } finally {
            lock.unlock();
        }
    }

    private void feedLocked(Projection p) {
        while (registered.get(p.id()) == p) {
            long at = cursor(p.id());
            List<HistoryEntry> batch = history.events(List.of(), at, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (HistoryEntry e : batch) {
                long from = at;
                try {
                    app.db().write(c -> {
                        // the cursor moves first: on a server database its row stays locked until the commit, so
                        // another instance feeding the same projection waits, then finds it moved
                        if (!advance(c, p.id(), from, e.seq())) {
                            throw new MovedElsewhere();
                        }
                        if (p.accepts(e)) {
                            apply(p, e);
                        }
                        return null;
                    });
                } catch (MovedElsewhere elsewhere) {
                    break; // read the cursor again
                } catch (RuntimeException ex) {
                    LOG.warn("projection {} stopped at entry {}: {}", p.id(), e.seq(), ex.getMessage());
                    return;
                }
                at = e.seq();
            }
        }
    }

    private void apply(Projection p, HistoryEntry e) throws SQLException {
        try {
            p.apply(app, e);
        } catch (SQLException | RuntimeException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }

    /** Thrown to roll back an entry another instance applied first. */
    private static final class MovedElsewhere extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MovedElsewhere() {
            super(null, null, false, false);
        }
    }

    private static long cursor(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT \"cursor\" FROM \"_projections\" WHERE \"id\" = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Moves a cursor from {@code from} to {@code to}; false when it is no longer at {@code from}. */
    private static boolean advance(Connection c, String id, long from, long to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE \"_projections\" SET \"cursor\" = ? WHERE \"id\" = ? AND \"cursor\" = ?")) {
            ps.setLong(1, to);
            ps.setString(2, id);
            ps.setLong(3, from);
            if (ps.executeUpdate() == 1) {
                return true;
            }
        }
        if (from != 0) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO \"_projections\" (\"id\", \"cursor\") VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setLong(2, to);
            ps.executeUpdate();
            return true;
        }
    }
}
