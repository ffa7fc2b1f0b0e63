package dev.coffer.apis.event;

import dev.coffer.apis.InternalRequest;
import dev.coffer.apis.RequestEvent;
import java.util.List;

/**
 * A {@code POST /api/batch} request after its sub-requests were read and validated, before they run in one
 * transaction. Handlers may change, add or remove sub-requests before calling {@code next()}.
 */
public final class BatchRequestEvent extends RequestEvent {

    private final List<InternalRequest> requests;

    /** Creates the event; the list is kept (not copied) so that handlers can change it. */
    public BatchRequestEvent(RequestEvent e, List<InternalRequest> requests) {
        super(e);
        this.requests = requests;
    }

    /** The sub-requests in order (mutable). */
    public List<InternalRequest> requests() {
        return requests;
    }
}
