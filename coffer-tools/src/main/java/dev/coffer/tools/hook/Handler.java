package dev.coffer.tools.hook;

/**
 * One step of a {@link Hook} chain. A handler calls {@link Event#next()} to continue the chain; not calling
 * it stops the chain (and the action) there.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface Handler<E extends Event> {

    /** Handles the event. */
    void handle(E event) throws Exception;
}
