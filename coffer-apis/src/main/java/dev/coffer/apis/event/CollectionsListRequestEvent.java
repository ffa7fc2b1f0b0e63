package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import java.util.List;

/** A page of collections about to be answered to a superuser; a handler may answer itself instead. */
public final class CollectionsListRequestEvent extends RequestEvent {

    private final List<Collection> collections;

    /** Creates the event. */
    public CollectionsListRequestEvent(RequestEvent e, List<Collection> collections) {
        super(e);
        this.collections = List.copyOf(collections);
    }

    /** The collections of the page. */
    public List<Collection> collections() {
        return collections;
    }
}
