package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.record.Record;
import dev.coffer.tools.hook.Event;

/**
 * A record being created, updated or deleted (for the hooks around the change: the action runs when the chain
 * reaches its end), or one whose change committed (for the {@code after…Success} hooks).
 */
public class RecordEvent extends Event {

    private final App app;
    private final Record record;
    private final Record original;

    /** Creates the event. */
    public RecordEvent(App app, Record record, Record original) {
        this.app = app;
        this.record = record;
        this.original = original;
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The record being (or that was) created, updated or deleted. */
    public Record record() {
        return record;
    }

    /**
     * The record as it was stored before this change (for a delete, the record deleted); null for a create.
     */
    public Record original() {
        return original;
    }
}
