package dev.coffer.tools.hook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chain of handlers for one kind of event; triggering it runs the handlers in priority order, each
 * deciding where the rest of the chain (and finally the action itself) runs by calling {@link Event#next()}.
 *
 * <p>Handlers with a lower priority run first; equal priorities keep binding order. Binding and unbinding
 * are thread-safe and never disturb a chain that is already running.
 *
 * @param <E> the event type
 */
public final class Hook<E extends Event> {

    private static final AtomicLong AUTO_IDS = new AtomicLong();

    private record Entry<E extends Event>(String id, int priority, long order, Handler<E> handler) {}

    private volatile List<Entry<E>> entries = List.of();
    private long bindOrder;

    /** Binds a handler with a generated id and priority 0; returns the id. */
    public String bind(Handler<E> handler) {
        return bind("__auto" + AUTO_IDS.incrementAndGet(), 0, handler);
    }

    /**
     * Binds a handler under an id (replacing any handler with the same id) at the given priority.
     *
     * @return the id
     */
    public synchronized String bind(String id, int priority, Handler<E> handler) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        List<Entry<E>> next = new ArrayList<>(entries);
        next.removeIf(e -> e.id().equals(id));
        next.add(new Entry<>(id, priority, bindOrder++, handler));
        next.sort(Comparator.comparingInt((Entry<E> e) -> e.priority()).thenComparingLong(Entry::order));
        entries = List.copyOf(next);
        return id;
    }

    /** Removes the handler with the given id, if bound. */
    public synchronized void unbind(String id) {
        List<Entry<E>> next = new ArrayList<>(entries);
        next.removeIf(e -> e.id().equals(id));
        entries = List.copyOf(next);
    }

    /** Returns the number of bound handlers. */
    public int size() {
        return entries.size();
    }

    /**
     * Runs the chain for an event, ending with {@code action} when every handler called {@code next()}.
     *
     * @throws Exception whatever a handler or the action throws
     */
    public void trigger(E event, Handler<E> action) throws Exception {
        Chain<?> previous = event.chain();
        event.chain(new Chain<>(entries, action, event));
        try {
            event.next();
        } finally {
            event.chain(previous);
        }
    }

    /** Runs the chain for an event whose final action does nothing. */
    public void trigger(E event) throws Exception {
        trigger(event, e -> {});
    }

    static final class Chain<E extends Event> {
        private final List<Entry<E>> entries;
        private final Handler<E> action;
        private final E event;
        private int position;

        Chain(List<Entry<E>> entries, Handler<E> action, E event) {
            this.entries = entries;
            this.action = action;
            this.event = event;
        }

        void next() throws Exception {
            int i = position++;
            if (i < entries.size()) {
                entries.get(i).handler().handle(event);
            } else if (i == entries.size()) {
                action.handle(event);
            }
        }
    }
}
