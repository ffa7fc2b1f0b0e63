package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.record.Record;

/** A record change that failed or was rolled back, with the error, for the {@code after…Error} hooks. */
public final class RecordErrorEvent extends RecordEvent {

    private final Throwable error;

    /** Creates the event. */
    public RecordErrorEvent(App app, Record record, Record original, Throwable error) {
        super(app, record, original);
        this.error = error;
    }

    /** Why the change failed (the exception that rolled its transaction back). */
    public Throwable error() {
        return error;
    }
}
