package dev.coffer.apis;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices, within about a second, that the peer of a long-lived response (a realtime stream) closed or reset its
 * connection, so its resources go at once instead of at the next write or the idle timeout. Once a second one
 * thread reads each watched connection without blocking: an end of stream or a reset means the peer is gone
 * (bytes a client sends on such a connection are dropped: an event-stream client sends none). A peer that just
 * disappears from the network without closing is left to the idle timeout.
 */
final class ClosedConnectionWatch {

    private static final Logger LOG = LoggerFactory.getLogger(ClosedConnectionWatch.class);
    private static final long PERIOD_MILLIS = 1000;
    private static final ClosedConnectionWatch INSTANCE = new ClosedConnectionWatch();

    private final Map<EndPoint, Runnable> watched = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService timer;

    private ClosedConnectionWatch() {}

    /** The process-wide watch. */
    static ClosedConnectionWatch get() {
        return INSTANCE;
    }

    /** Watches a connection until {@link #stop}; {@code onClosed} runs once when its peer is gone. */
    void watch(EndPoint endPoint, Runnable onClosed) {
        watched.put(endPoint, onClosed);
        ensureTimer();
    }

    /** Stops watching a connection. */
    void stop(EndPoint endPoint) {
        watched.remove(endPoint);
    }

    /** How many connections are watched. */
    int size() {
        return watched.size();
    }

    private void ensureTimer() {
        if (timer == null) {
            synchronized (this) {
                if (timer == null) {
                    ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread thread = new Thread(r, "coffer-closed-connection-watch");
                        thread.setDaemon(true);
                        return thread;
                    });
                    t.scheduleWithFixedDelay(this::sweep, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
                    timer = t;
                }
            }
        }
    }

    private void sweep() {
        ByteBuffer scratch = ByteBuffer.allocate(256).limit(0);
        for (Map.Entry<EndPoint, Runnable> e : watched.entrySet()) {
            EndPoint endPoint = e.getKey();
            boolean gone;
            try {
                scratch.position(0).limit(0);
                gone = !endPoint.isOpen() || endPoint.fill(scratch) < 0;
            } catch (IOException | RuntimeException closed) {
                gone = true;
            }
            if (gone && watched.remove(endPoint) != null) {
                try {
                    e.getValue().run();
                } catch (RuntimeException ex) {
                    LOG.debug("closed connection callback failed", ex);
                }
            }
        }
    }
}
