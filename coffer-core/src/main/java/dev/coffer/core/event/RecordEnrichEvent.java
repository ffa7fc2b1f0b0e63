package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.record.Record;
import dev.coffer.tools.hook.Event;

/**
 * A record about to be sent to a client (an API response or a realtime message): a handler may hide fields, add
 * custom data or change values for this requester only.
 */
public final class RecordEnrichEvent extends Event {

    private final App app;
    private final Record record;
    private final RequestInfo requestInfo;

    /** Creates the event. */
    public RecordEnrichEvent(App app, Record record, RequestInfo requestInfo) {
        this.app = app;
        this.record = record;
        this.requestInfo = requestInfo;
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The record as it will be sent. */
    public Record record() {
        return record;
    }

    /** The request the record is sent for (auth, query, headers). */
    public RequestInfo requestInfo() {
        return requestInfo;
    }
}
