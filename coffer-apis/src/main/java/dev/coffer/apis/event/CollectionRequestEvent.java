package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;

/**
 * A request acting on one collection: view, create, update, delete or truncate. Before {@code next()} the
 * collection is the stored one (null on create) and handlers may change the submitted body through
 * {@code body()}; after {@code next()} it is the saved collection.
 */
public final class CollectionRequestEvent extends RequestEvent {

    private Collection collection;

    /** Creates the event. */
    public CollectionRequestEvent(RequestEvent e, Collection collection) {
        super(e);
        this.collection = collection;
    }

    /** The collection (stored before the action, saved after it; null before a create). */
    public Collection collection() {
        return collection;
    }

    /** Sets the collection the event reports (the action does this after saving). */
    public void setCollection(Collection value) {
        this.collection = value;
    }
}
