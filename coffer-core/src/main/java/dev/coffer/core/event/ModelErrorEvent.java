package dev.coffer.core.event;

import dev.coffer.core.App;

/** A model change that failed or was rolled back, with the error, for the {@code after…Error} hooks. */
public final class ModelErrorEvent extends ModelEvent {

    private final Throwable error;

    /** Creates the event. */
    public ModelErrorEvent(App app, Model model, Model original, Throwable error) {
        super(app, model, original);
        this.error = error;
    }

    /** Why the change failed (the exception that rolled its transaction back). */
    public Throwable error() {
        return error;
    }
}
