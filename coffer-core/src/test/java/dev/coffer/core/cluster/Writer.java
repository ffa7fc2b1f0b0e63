package dev.coffer.core.cluster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An API write on a thread of its own: it begins (waiting while writes are held), lasts until {@link #finish}
 * (or at once), and ends after {@code lastsMillis} more.
 */
final class Writer {

    private final CountDownLatch begun = new CountDownLatch(1);
    private final CountDownLatch finish;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Thread thread;

    private Writer(Cluster cluster, boolean waitForFinish, long lastsMillis) {
        finish = new CountDownLatch(waitForFinish ? 1 : 0);
        thread = Thread.ofPlatform().start(() -> {
            try {
                if (!cluster.beginWrite()) {
                    return;
                }
                begun.countDown();
                finish.await();
                Thread.sleep(lastsMillis);
                ended.set(true);
                cluster.endWrite();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A write that ends as soon as it has begun. */
    static Writer brief(Cluster cluster) {
        return new Writer(cluster, false, 0);
    }

    /** A write that, once begun, lasts {@code millis} and ends. */
    static Writer lasting(Cluster cluster, long millis) {
        return new Writer(cluster, false, millis);
    }

    /** A write that, once begun, waits for {@link #finish}, then lasts {@code millis} and ends. */
    static Writer untilFinished(Cluster cluster, long millis) {
        return new Writer(cluster, true, millis);
    }

    /** Whether the write began within the time. */
    boolean begunWithin(long millis) throws InterruptedException {
        return begun.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Lets a write made with {@link #untilFinished} go on to its end. */
    void finish() {
        finish.countDown();
    }

    /** Whether the write has ended. */
    boolean ended() {
        return ended.get();
    }

    /** Waits for the thread to end. */
    void join() throws InterruptedException {
        thread.join();
    }
}
