package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.record.Record;
import dev.coffer.tools.hook.Event;

/** A record being created, updated or deleted; the action runs when the chain reaches its end. */
public final class ModelEvent extends Event {

    private final App app;
    private final Record record;

    /** Creates the event. */
    public ModelEvent(App app, Record record) {
        this.app = app;
        this.record = record;
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The record. */
    public Record record() {
        return record;
    }
}
