package dev.coffer.tools.hook;

/**
 * Base class of every hook event: it carries the position in the running chain so a handler can call
 * {@link #next()}.
 */
public abstract class Event {

    private Hook.Chain<?> chain;

    Hook.Chain<?> chain() {
        return chain;
    }

    void chain(Hook.Chain<?> chain) {
        this.chain = chain;
    }

    /** Runs the rest of the chain, and the action at its end. */
    public void next() throws Exception {
        if (chain != null) {
            chain.next();
        }
    }
}
