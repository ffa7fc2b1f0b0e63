package dev.coffer.core;

import dev.coffer.core.event.ModelEvent;
import dev.coffer.core.event.TerminateEvent;
import dev.coffer.tools.hook.Hook;

/**
 * The app-level hooks: model lifecycle and termination. Request hooks live with the HTTP surface.
 */
public final class AppHooks {

    private final Hook<ModelEvent> onRecordCreate = new Hook<>();
    private final Hook<ModelEvent> onRecordUpdate = new Hook<>();
    private final Hook<ModelEvent> onRecordDelete = new Hook<>();
    private final Hook<TerminateEvent> onTerminate = new Hook<>();

    /** Runs around inserting a record (inside its transaction). */
    public Hook<ModelEvent> onRecordCreate() {
        return onRecordCreate;
    }

    /** Runs around updating a record (inside its transaction). */
    public Hook<ModelEvent> onRecordUpdate() {
        return onRecordUpdate;
    }

    /** Runs around deleting a record (inside its transaction). */
    public Hook<ModelEvent> onRecordDelete() {
        return onRecordDelete;
    }

    /** Runs when the app shuts down. */
    public Hook<TerminateEvent> onTerminate() {
        return onTerminate;
    }
}
