package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;

/**
 * A request acting on one record: view, create, update or delete. Handlers may replace the record before
 * calling {@code next()}; on create and update it holds the submitted values, not yet validated or saved.
 */
public final class RecordRequestEvent extends RequestEvent {

    private final Collection collection;
    private Record record;

    /** Creates the event. */
    public RecordRequestEvent(RequestEvent e, Collection collection, Record record) {
        super(e);
        this.collection = collection;
        this.record = record;
    }

    /** The record's collection. */
    public Collection collection() {
        return collection;
    }

    /** The record the request acts on. */
    public Record record() {
        return record;
    }

    /** Replaces the record the action uses. */
    public void setRecord(Record value) {
        this.record = value;
    }
}
