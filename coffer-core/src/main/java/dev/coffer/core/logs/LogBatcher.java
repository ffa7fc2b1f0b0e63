package dev.coffer.core.logs;

import dev.coffer.tools.db.Database;
import dev.coffer.tools.security.RandomString;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes log rows to {@code _logs} off the caller's thread (a row without an id gets a random one there): {@link #offer} puts a row on a bounded queue (a
 * full queue drops the row and counts it) and one daemon thread inserts what is queued in transactions of at
 * most {@value #BATCH_SIZE} rows, waiting up to 200 ms for a batch to fill. {@link #close()} writes what is still queued before returning.
 */
public final class LogBatcher implements AutoCloseable {

    /** Rows per transaction at most. */
    public static final int BATCH_SIZE = 200;
    /** How long the writer waits for more rows before writing a batch that is not full. */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** Rows the queue holds at most. */
    public static final int CAPACITY = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(LogBatcher.class);

    private final Database aux;
    private final LongSupplier maxDataSize;
    private final String insert;
    private final BlockingQueue<LogEntry> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    /**
     * A batcher writing to {@code aux}, each row's data cut to the size {@code maxDataSize} gives at write time;
     * its thread starts at once.
     */
    public LogBatcher(Database aux, LongSupplier maxDataSize) {
        this(aux, CAPACITY, maxDataSize);
    }

    LogBatcher(Database aux, int capacity, LongSupplier maxDataSize) {
        this.aux = aux;
        this.maxDataSize = maxDataSize;
        var d = aux.dialect();
        this.insert = "INSERT INTO " + d.quote("_logs") + " (" + String.join(", ", d.quote("id"), d.quote("level"),
                d.quote("message"), d.quote("data"), d.quote("created")) + ") VALUES (?, ?, ?, ?, ?)";
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drainLoop, "coffer-log-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a row without blocking; returns false (and counts a drop) when the queue is full or closed. */
    public boolean offer(LogEntry entry) {
        if (closed || !queue.offer(entry)) {
            dropped.incrementAndGet();
            return false;
        }
        accepted.incrementAndGet();
        return true;
    }

    /** Rows dropped because the queue was full (or the batcher closed). */
    public long dropped() {
        return dropped.get();
    }

    /** Rows waiting in the queue now. */
    public int queued() {
        return queue.size();
    }

    /** Rows written so far. */
    public long written() {
        return written.get();
    }

    /** Blocks until every row queued before the call is written (or the timeout passes); tests use it. */
    public boolean flush(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long target = accepted.get();
        synchronized (this) {
            while (processed.get() < target) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                wait(Math.min(left, 50));
            }
        }
        return true;
    }

    private void drainLoop() {
        List<LogEntry> batch = new ArrayList<>(BATCH_SIZE);
        while (true) {
            try {
                LogEntry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                // linger a little so that a busy server writes fewer, larger transactions
                long deadline = System.nanoTime() + LINGER_NANOS;
                while (batch.size() < BATCH_SIZE && !closed) {
                    queue.drainTo(batch, BATCH_SIZE - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= BATCH_SIZE || left <= 0) {
                        break;
                    }
                    LogEntry more = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (more == null) {
                        break;
                    }
                    batch.add(more);
                }
                queue.drainTo(batch, BATCH_SIZE - batch.size());
                write(batch);
            } catch (InterruptedException e) {
                if (!batch.isEmpty()) {
                    write(batch);
                }
                if (closed && queue.isEmpty()) {
                    return;
                }
            } finally {
                processed.addAndGet(batch.size());
                batch.clear();
                synchronized (this) {
                    notifyAll();
                }
            }
        }
    }

    private void write(List<LogEntry> batch) {
        try {
            long maxData = maxDataSize.getAsLong();
            aux.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    for (LogEntry e : batch) {
                        ps.setString(1, e.id() != null ? e.id() : RandomString.recordId());
                        ps.setInt(2, e.level());
                        ps.setString(3, e.message());
                        ps.setString(4, LogDataLimit.write(e.data(), maxData));
                        ps.setString(5, e.created());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
            written.addAndGet(batch.size());
        } catch (RuntimeException ex) {
            dropped.addAndGet(batch.size());
            LOG.warn("failed to write {} log rows: {}", batch.size(), ex.getMessage());
        }
    }

    /** Stops accepting rows and writes the queued ones (waiting up to 10 seconds). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
