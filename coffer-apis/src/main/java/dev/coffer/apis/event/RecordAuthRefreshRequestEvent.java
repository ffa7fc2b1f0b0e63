package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;

/** A token refresh by the authenticated record. */
public final class RecordAuthRefreshRequestEvent extends RequestEvent {

    private final Record record;

    /** Creates the event. */
    public RecordAuthRefreshRequestEvent(RequestEvent e, Record record) {
        super(e);
        this.record = record;
    }

    /** The auth collection. */
    public Collection collection() {
        return record.collection();
    }

    /** The record refreshing its token. */
    public Record record() {
        return record;
    }
}
