package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;

/** A collection change that failed or was rolled back, with the error, for the {@code after…Error} hooks. */
public final class CollectionErrorEvent extends CollectionEvent {

    private final Throwable error;

    /** Creates the event. */
    public CollectionErrorEvent(App app, Collection collection, Collection original, Throwable error) {
        super(app, collection, original);
        this.error = error;
    }

    /** Why the change failed (the exception that rolled its transaction back). */
    public Throwable error() {
        return error;
    }
}
