package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.tools.hook.Event;

/** The app is shutting down; the action closes the databases. */
public final class TerminateEvent extends Event {

    private final App app;

    /** Creates the event. */
    public TerminateEvent(App app) {
        this.app = app;
    }

    /** The app. */
    public App app() {
        return app;
    }
}
