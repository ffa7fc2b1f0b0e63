package dev.coffer.tools.subscriptions;

import java.util.concurrent.atomic.LongAdder;

/**
 * Running counts of the messages a broker's clients were sent, for metrics: those queued for delivery, and the
 * clients discarded because their queue overflowed. Counting costs one uncontended add per message.
 */
public final class Deliveries {

    private final LongAdder queued = new LongAdder();
    private final LongAdder overflows = new LongAdder();

    /** Messages queued to clients so far. */
    public long queued() {
        return queued.sum();
    }

    /** Clients discarded so far because they fell {@link Client#QUEUE_CAPACITY} messages behind. */
    public long overflows() {
        return overflows.sum();
    }

    void countQueued() {
        queued.increment();
    }

    void countOverflow() {
        overflows.increment();
    }
}
