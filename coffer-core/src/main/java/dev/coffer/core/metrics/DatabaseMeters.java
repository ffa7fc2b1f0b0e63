package dev.coffer.core.metrics;

import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.DatabaseObserver;
import dev.coffer.tools.db.PoolStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * The meters of one database, tagged {@code db} ({@code data} or {@code auxiliary}): its connections by state
 * ({@code coffer.db.pool.connections}, tag {@code state} active or idle), the work waiting for one
 * ({@code coffer.db.pool.pending}), the pool's size ({@code coffer.db.pool.max}), how long transactions held a
 * connection ({@code coffer.db.transactions}, tags {@code kind} read or write and {@code outcome} success or
 * error, with histogram buckets), how long they waited for it ({@code coffer.db.connection.wait}, tag
 * {@code kind}) and, for a database with a write-ahead log file, its size ({@code coffer.db.wal.size}).
 *
 * <p>The timers are looked up once here; the database calls {@link DatabaseObserver} with plain numbers.
 */
final class DatabaseMeters implements DatabaseObserver {

    /** The transaction times the histogram counts up to. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
        Duration.ofMillis(500), Duration.ofMillis(2500),
    };

    private final Timer readOk;
    private final Timer readFailed;
    private final Timer writeOk;
    private final Timer writeFailed;
    private final Timer readWait;
    private final Timer writeWait;

    private DatabaseMeters(MeterRegistry r, String name) {
        readOk = transactions(r, name, "read", "success");
        readFailed = transactions(r, name, "read", "error");
        writeOk = transactions(r, name, "write", "success");
        writeFailed = transactions(r, name, "write", "error");
        readWait = waits(r, name, "read");
        writeWait = waits(r, name, "write");
    }

    /** Registers the meters of {@code db} under the tag {@code db=name} and makes the database report to them. */
    static void bind(MeterRegistry r, String name, Database db) {
        pool(r, name, db, "coffer.db.pool.connections", "active", PoolStats::active,
                "Connections by state: lent to work now, or idle");
        pool(r, name, db, "coffer.db.pool.connections", "idle", PoolStats::idle,
                "Connections by state: lent to work now, or idle");
        pool(r, name, db, "coffer.db.pool.pending", null, PoolStats::pending, "Work waiting for a connection");
        pool(r, name, db, "coffer.db.pool.max", null, PoolStats::max, "The most connections the pool holds");
        if (db.walSize().isPresent()) {
            Gauge.builder("coffer.db.wal.size", db, d -> d.walSize().orElse(0)).tag("db", name).baseUnit("bytes")
                    .description("The size of the database's write-ahead log file").strongReference(true)
                    .register(r);
        }
        db.observe(new DatabaseMeters(r, name));
    }

    private static void pool(MeterRegistry r, String name, Database db, String meter, String state,
            ToIntFunction<PoolStats> value, String description) {
        Gauge.Builder<Database> b = Gauge.builder(meter, db, d -> value.applyAsInt(d.poolStats())).tag("db", name)
                .description(description).strongReference(true);
        if (state != null) {
            b.tag("state", state);
        }
        b.register(r);
    }

    private static Timer transactions(MeterRegistry r, String name, String kind, String outcome) {
        return Timer.builder("coffer.db.transactions").tag("db", name).tag("kind", kind).tag("outcome", outcome)
                .description("How long database transactions held their connection").serviceLevelObjectives(BUCKETS)
                .register(r);
    }

    private static Timer waits(MeterRegistry r, String name, String kind) {
        return Timer.builder("coffer.db.connection.wait").tag("db", name).tag("kind", kind)
                .description("How long transactions waited for a connection (SQLite writes: for the writer)")
                .register(r);
    }

    @Override
    public void read(long waitNanos, long workNanos, boolean failed) {
        readWait.record(waitNanos, TimeUnit.NANOSECONDS);
        (failed ? readFailed : readOk).record(workNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void write(long waitNanos, long workNanos, boolean failed) {
        writeWait.record(waitNanos, TimeUnit.NANOSECONDS);
        (failed ? writeFailed : writeOk).record(workNanos, TimeUnit.NANOSECONDS);
    }
}
