package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;

/**
 * A request of an auth flow acting on one auth record, once the record is known and the input checked: request or
 * confirm a verification, a password reset or an email change, request an OTP or sign in with one. The action
 * sends the mail or makes the change and answers; a handler may change the record first, or answer itself.
 */
public final class RecordFlowRequestEvent extends RequestEvent {

    private final Collection collection;
    private final Record record;

    /** Creates the event. */
    public RecordFlowRequestEvent(RequestEvent e, Collection collection, Record record) {
        super(e);
        this.collection = collection;
        this.record = record;
    }

    /** The auth collection. */
    public Collection collection() {
        return collection;
    }

    /** The auth record the flow acts on. */
    public Record record() {
        return record;
    }
}
