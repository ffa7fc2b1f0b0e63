package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.tools.hook.Event;

/**
 * A collection being created, updated or deleted (its table changes when the chain reaches its end), or one whose
 * change committed (for the {@code after…Success} hooks).
 */
public class CollectionEvent extends Event {

    private final App app;
    private final Collection collection;
    private final Collection original;

    /** Creates the event. */
    public CollectionEvent(App app, Collection collection, Collection original) {
        this.app = app;
        this.collection = collection;
        this.original = original;
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The collection being (or that was) created, updated or deleted. */
    public Collection collection() {
        return collection;
    }

    /**
     * The collection as it was stored before this change (for a delete, the collection deleted); null for a create.
     */
    public Collection original() {
        return original;
    }
}
