package dev.coffer.core.cluster;

import dev.coffer.tools.cluster.Bus;
import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.cluster.LocalBus;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The app's place among the instances sharing its database. Until {@link #join} it is a single instance (a
 * {@link LocalBus}); subscriptions made before joining are carried over to the joined bus.
 *
 * <p>{@link #broadcast} is for changes the other instances must have applied before this one answers the request
 * that made them (a collection or settings change): it waits until every other live instance acknowledged the
 * message, or for at most {@link #ACK_TIMEOUT}.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);
    /** The longest a {@link #broadcast} waits for the other instances. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(2);
    private static final String ANSWER_TOPIC = "answer";
    private static final String WRITES_TOPIC = "writes";
    /**
     * Any hold on writes ends by itself after this long: a backstop, as the hold of an instance that died ends once
     * the instance is no longer live.
     */
    public static final Duration WRITE_HOLD_LIMIT = Duration.ofMinutes(10);
    /** The longest a new hold waits for the writes under way to finish. */
    public static final Duration WRITE_DRAIN_LIMIT = Duration.ofSeconds(5);
    /** How often waiting writes look for holders that are gone. */
    private static final long HOLDER_CHECK_NANOS = 1_000_000_000L;
    /** The longest {@link #holdWritesEverywhere} waits for the others (they wait for their writes under way). */
    private static final Duration HOLD_ACK_TIMEOUT = WRITE_DRAIN_LIMIT.plus(ACK_TIMEOUT).plusSeconds(1);
    /** The longest {@link #ask} waits for an answer. */
    public static final Duration ASK_TIMEOUT = Duration.ofSeconds(1);

    private record Subscription(String topic, Consumer<String> handler) {}

    private volatile Bus bus;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<Runnable> gapHandlers = new ArrayList<>();
    private final Map<String, Question> pendingQuestions = new ConcurrentHashMap<>();
    private final Object writes = new Object();
    /** The holds on writes (holder → System.nanoTime when set), under {@code writes}. */
    private final Map<String, Long> holds = new HashMap<>();
    /** Whether {@code holds} has any, under {@code writes}. */
    private boolean held;
    /** When a waiting write last looked for holders that are gone (System.nanoTime), under {@code writes}. */
    private long holdersCheckedAt = System.nanoTime();
    /** The API writes under way on this instance, under {@code writes}. */
    private int writing;
    /** Set while the thread's API write is under way. */
    private static final ThreadLocal<Boolean> WRITING = new ThreadLocal<>();
    private final List<Runnable> releaseHandlers = new CopyOnWriteArrayList<>();

    /**
     * A {@link #broadcast} or {@link #ask} waiting for its answers: the instances that haven't answered, and the first
     * answer given.
     */
    private static final class Question {
        final Set<String> waiting;
        String answer;

        Question(Set<String> waiting) {
            this.waiting = waiting;
        }
    }

    /** A single instance with a new id. */
    public Cluster() {
        bus = new LocalBus(RandomString.alphanumeric(15));
        bus.subscribe(ANSWER_TOPIC, this::answered);
        subscribeAcknowledged(WRITES_TOPIC, this::holdMessage);
    }

    /**
     * Holds the API's writes on every instance (this one included) until the returned hold is closed: when this
     * returns, each live instance has set its hold and seen the writes it was serving finish (for at most
     * {@link #WRITE_DRAIN_LIMIT}). Holds of several holders add up: writes go on once the last one is closed.
     *
     * @param reloadAfter whether the other instances reload what they keep (collections, settings) before their
     *     writes go on: after a restore of the shared database
     */
    public WritesHold holdWritesEverywhere(boolean reloadAfter) {
        String holder = instanceId() + ":" + RandomString.alphanumeric(10);
        hold(holder);
        request(WRITES_TOPIC, "hold " + holder, false, HOLD_ACK_TIMEOUT);
        return new WritesHold(holder, reloadAfter);
    }

    /** A hold on the writes of every instance, from {@link #holdWritesEverywhere}; closing it releases them. */
    public final class WritesHold implements AutoCloseable {
        private final String holder;
        private final boolean reloadAfter;
        private boolean closed;

        private WritesHold(String holder, boolean reloadAfter) {
            this.holder = holder;
            this.reloadAfter = reloadAfter;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                broadcast(WRITES_TOPIC, (reloadAfter ? "reload " : "release ") + holder);
            } finally {
                unhold(holder);
            }
        }
    }

    /** Runs before this instance's writes go on again after another instance's hold (it reloads what it keeps). */
    public void onWritesReleased(Runnable handler) {
        releaseHandlers.add(handler);
    }

    private void holdMessage(String message) {
        int space = message.indexOf(' ');
        String action = space < 0 ? message : message.substring(0, space);
        String holder = space < 0 ? "" : message.substring(space + 1);
        switch (action) {
            case "hold" -> hold(holder);
            case "reload" -> {
                try {
                    releaseHandlers.forEach(Runnable::run);
                } finally {
                    unhold(holder);
                }
            }
            default -> unhold(holder);
        }
    }

    /** Sets a hold, then waits until the writes under way here (but the caller's own) have finished. */
    private void hold(String holder) {
        int own = WRITING.get() != null ? 1 : 0;
        synchronized (writes) {
            holds.put(holder, System.nanoTime());
            held = true;
            long deadline = System.nanoTime() + WRITE_DRAIN_LIMIT.toNanos();
            while (writing > own) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{} writes still under way {} ms after writes were held: going on", writing - own,
                            WRITE_DRAIN_LIMIT.toMillis());
                    break;
                }
                try {
                    writes.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private void unhold(String holder) {
        synchronized (writes) {
            holds.remove(holder);
            held = !holds.isEmpty();
            writes.notifyAll();
        }
    }

    /**
     * Begins a write of the API: waits while writes are held (each hold for at most {@link #WRITE_HOLD_LIMIT}), then
     * counts the write as under way until {@link #endWrite}, so that a hold waits for it. Returns false (and counts
     * nothing) when the thread's write has begun already.
     */
    public boolean beginWrite() throws InterruptedException {
        if (WRITING.get() != null) {
            return false;
        }
        while (true) {
            synchronized (writes) {
                if (held) {
                    expireHolds();
                }
                if (!held) {
                    writing++;
                    break;
                }
                long now = System.nanoTime();
                if (now - holdersCheckedAt < HOLDER_CHECK_NANOS) {
                    writes.wait(Math.max(1, (holdersCheckedAt + HOLDER_CHECK_NANOS - now) / 1_000_000));
                    continue;
                }
                holdersCheckedAt = now;
            }
            dropHoldsOfGoneInstances();
        }
        WRITING.set(Boolean.TRUE);
        return true;
    }

    /** Ends the holds older than {@link #WRITE_HOLD_LIMIT}; under {@code writes}. */
    private void expireHolds() {
        long now = System.nanoTime();
        for (var it = holds.entrySet().iterator(); it.hasNext(); ) {
            var h = it.next();
            if (now - h.getValue() >= WRITE_HOLD_LIMIT.toNanos()) {
                LOG.warn("writes were held by {} for {} without a release: going on", h.getKey(), WRITE_HOLD_LIMIT);
                it.remove();
            }
        }
        held = !holds.isEmpty();
    }

    /**
     * Ends the holds of instances that are no longer live (killed while holding): the writes waiting for them go on
     * once the holder's heartbeat is missed, not after {@link #WRITE_HOLD_LIMIT}.
     */
    private void dropHoldsOfGoneInstances() {
        Set<String> live = new HashSet<>();
        try {
            bus.members().forEach(m -> live.add(m.id()));
        } catch (RuntimeException e) {
            LOG.debug("could not list the live instances: {}", e.toString());
            return;
        }
        live.add(instanceId());
        synchronized (writes) {
            for (var it = holds.keySet().iterator(); it.hasNext(); ) {
                String holder = it.next();
                String instance = holder.substring(0, Math.max(0, holder.lastIndexOf(':')));
                if (!live.contains(instance)) {
                    LOG.warn("writes were held by instance {}, which is gone: going on", instance);
                    it.remove();
                }
            }
            held = !holds.isEmpty();
            writes.notifyAll();
        }
    }

    /** Ends a write begun with {@link #beginWrite} (one that returned true). */
    public void endWrite() {
        WRITING.remove();
        synchronized (writes) {
            writing--;
            if (held) {
                writes.notifyAll();
            }
        }
    }

    /** Joins a bus (opened for this instance's id): the subscriptions made so far move to it. */
    public synchronized void join(Bus joined) {
        Bus old = bus;
        joined.subscribe(ANSWER_TOPIC, this::answered);
        for (Subscription s : subscriptions) {
            joined.subscribe(s.topic(), s.handler());
        }
        gapHandlers.forEach(joined::onGap);
        bus = joined;
        old.close();
    }

    /** This instance's id. */
    public String instanceId() {
        return bus.instanceId();
    }

    /** Whether other instances may share the database. */
    public boolean clustered() {
        return bus.clustered();
    }

    /** Sends a message to the other instances (with the database's bus, inside a write transaction: on commit). */
    public void publish(String topic, String payload) {
        bus.publish(topic, payload);
    }

    /** Handles a topic's messages from the other instances, one at a time in arrival order. */
    public synchronized void subscribe(String topic, Consumer<String> handler) {
        subscriptions.add(new Subscription(topic, handler));
        bus.subscribe(topic, handler);
    }

    /**
     * Handles a topic sent with {@link #broadcast}: the handler runs, then the sender is told it has run (also when
     * it failed: the failure is logged and the sender not kept waiting).
     */
    public void subscribeAcknowledged(String topic, Consumer<String> handler) {
        answer(topic, payload -> {
            handler.accept(payload);
            return null;
        });
    }

    /** Runs after the bus reconnected: messages may have been missed meanwhile. */
    public synchronized void onGap(Runnable handler) {
        gapHandlers.add(handler);
        bus.onGap(handler);
    }

    /**
     * Sends a message to the {@link #subscribeAcknowledged} handlers of the other instances and waits until each
     * live one has run them, for at most {@link #ACK_TIMEOUT}; returns at once on a single instance.
     */
    public void broadcast(String topic, String payload) {
        request(topic, payload, false, ACK_TIMEOUT);
    }

    /**
     * Answers the questions of a topic that other instances {@link #ask}: {@code answer} gives this instance's answer
     * to a question's payload, or null when it has none (the question is not about something it holds).
     */
    public void answer(String topic, Function<String, String> answer) {
        subscribe(topic, message -> {
            JsonNode m = Json.parse(message);
            String reply = null;
            try {
                reply = answer.apply(m.path("p").asString(""));
            } finally {
                ObjectNode out = Json.object();
                out.put("n", m.path("n").asString(""));
                out.put("i", instanceId());
                if (reply != null) {
                    out.put("answer", reply);
                }
                bus.publish(ANSWER_TOPIC, Json.write(out));
            }
        });
    }

    /**
     * Asks the other live instances a question ({@link #answer} handlers of the topic): the first answer given, as
     * soon as it arrives; empty once all answered none, after {@link #ASK_TIMEOUT}, or at once on a single instance.
     */
    public Optional<String> ask(String topic, String payload) {
        return request(topic, payload, true, ASK_TIMEOUT);
    }

    /**
     * Publishes a question and waits until every other live instance answered (or, with {@code firstAnswer}, until
     * one gave an answer), for at most {@code timeout}; the first answer given, if any.
     */
    private Optional<String> request(String topic, String payload, boolean firstAnswer, Duration timeout) {
        Bus b = bus;
        if (!b.clustered()) {
            return Optional.empty();
        }
        Set<String> waiting = new HashSet<>();
        for (ClusterMember m : b.members()) {
            if (!m.id().equals(b.instanceId())) {
                waiting.add(m.id());
            }
        }
        String nonce = RandomString.alphanumeric(20);
        Question q = new Question(waiting);
        pendingQuestions.put(nonce, q);
        ObjectNode message = Json.object();
        message.put("n", nonce);
        message.put("p", payload);
        try {
            b.publish(topic, Json.write(message));
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (q) {
                while (!q.waiting.isEmpty() && !(firstAnswer && q.answer != null)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        if (!firstAnswer) {
                            LOG.warn("{} not acknowledged within {} ms by {}", topic, timeout.toMillis(), q.waiting);
                        }
                        break;
                    }
                    q.wait(Math.max(1, left / 1_000_000));
                }
                return Optional.ofNullable(q.answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            pendingQuestions.remove(nonce);
        }
    }

    private void answered(String message) {
        JsonNode reply = Json.parse(message);
        Question q = pendingQuestions.get(reply.path("n").asString(""));
        if (q != null) {
            synchronized (q) {
                q.waiting.remove(reply.path("i").asString(""));
                if (q.answer == null && reply.has("answer")) {
                    q.answer = reply.path("answer").asString("");
                }
                q.notifyAll();
            }
        }
    }

    /** Claims a key for this instance: true for exactly one claim of it in the cluster. */
    public boolean claim(String key) {
        return bus.claim(key);
    }

    /**
     * Counts one request for a key in a window shared by the cluster ({@link Bus#acquire}); on a single instance it
     * always says yes (the caller counts locally).
     */
    public boolean acquire(String key, int maxRequests, long windowSeconds) {
        return bus.acquire(key, maxRequests, windowSeconds);
    }

    /** Records the address this instance serves HTTP on. */
    public void announce(String address) {
        bus.announce(address);
    }

    /** The live instances, this one included. */
    public List<ClusterMember> members() {
        return bus.members();
    }

    /** Leaves the cluster. */
    @Override
    public void close() {
        bus.close();
    }
}
