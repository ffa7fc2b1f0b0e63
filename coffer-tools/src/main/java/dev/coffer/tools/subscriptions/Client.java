package dev.coffer.tools.subscriptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One realtime client: its id, its subscriptions (each with its options), a small key/value store for whoever
 * serves it (the bound auth, the connecting IP, …) and a bounded queue of messages waiting to be delivered.
 *
 * <p>Sending never blocks: a client whose queue is full is too slow to keep up and is discarded, which ends its
 * delivery loop. Every method is safe to call from any thread.
 */
public final class Client {

    /** How many undelivered messages a client may have before it is discarded. */
    public static final int QUEUE_CAPACITY = 1024;

    private static final Message WAKE_UP = new Message("", "");

    private final String id;
    private final Map<String, SubscriptionOptions> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Object> store = new ConcurrentHashMap<>();
    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean discarded;
    /** Where sends are counted: the broker's tally once registered. */
    private volatile Deliveries deliveries;

    /** Creates a client with an id. */
    public Client(String id) {
        this.id = id;
    }

    /** The id. */
    public String id() {
        return id;
    }

    /**
     * Adds subscriptions (empty strings are skipped); each is stored under its exact string with the options of
     * its {@code ?options=} suffix.
     */
    public void subscribe(Iterable<String> subs) {
        for (String s : subs) {
            if (!s.isEmpty()) {
                subscriptions.put(s, SubscriptionOptions.of(s));
            }
        }
    }

    /** Removes one subscription. */
    public void unsubscribe(String sub) {
        subscriptions.remove(sub);
    }

    /** Removes every subscription. */
    public void unsubscribeAll() {
        subscriptions.clear();
    }

    /** Whether the client has exactly this subscription. */
    public boolean hasSubscription(String sub) {
        return subscriptions.containsKey(sub);
    }

    /** All subscriptions and their options. */
    public Map<String, SubscriptionOptions> subscriptions() {
        return Map.copyOf(subscriptions);
    }

    /**
     * The subscriptions of a topic: those equal to it or equal to it followed by a {@code ?} suffix
     * ({@code posts/*} matches {@code posts/*} and {@code posts/*?options=…} but not {@code posts/*x}).
     */
    public Map<String, SubscriptionOptions> subscriptionsOf(String topic) {
        Map<String, SubscriptionOptions> out = new LinkedHashMap<>();
        String prefix = topic + "?";
        subscriptions.forEach((s, o) -> {
            if (s.equals(topic) || s.startsWith(prefix)) {
                out.put(s, o);
            }
        });
        return out;
    }

    /** A stored value, or null. */
    public Object get(String key) {
        return store.get(key);
    }

    /** Stores a value; null removes the key. */
    public void set(String key, Object value) {
        if (value == null) {
            store.remove(key);
        } else {
            store.put(key, value);
        }
    }

    /**
     * Queues a message without blocking; returns false when the client is discarded or its queue overflowed
     * (which discards it).
     */
    public boolean send(Message message) {
        if (discarded) {
            return false;
        }
        Deliveries tally = deliveries;
        if (!queue.offer(message)) {
            discard();
            if (tally != null) {
                tally.countOverflow();
            }
            return false;
        }
        if (tally != null) {
            tally.countQueued();
        }
        return true;
    }

    /** Counts this client's sends in {@code tally} from now on (a broker does it when the client registers). */
    public void countIn(Deliveries tally) {
        this.deliveries = tally;
    }

    /**
     * Waits up to {@code timeout} for the next message; null when the time ran out or the client was
     * discarded (check {@link #isDiscarded()}). A virtual thread waiting here holds no platform thread.
     */
    public Message next(long timeout, TimeUnit unit) throws InterruptedException {
        if (discarded) {
            return null;
        }
        Message m = queue.poll(timeout, unit);
        return m == WAKE_UP || discarded ? null : m;
    }

    /** The next message if one is waiting, else null at once (also when the client was discarded). */
    public Message poll() {
        if (discarded) {
            return null;
        }
        Message m = queue.poll();
        return m == WAKE_UP || discarded ? null : m;
    }

    /** Marks the client as gone: no more messages are accepted and a waiting {@link #next} returns. */
    public void discard() {
        discarded = true;
        queue.clear();
        queue.offer(WAKE_UP);
    }

    /** Whether the client was discarded. */
    public boolean isDiscarded() {
        return discarded;
    }
}
