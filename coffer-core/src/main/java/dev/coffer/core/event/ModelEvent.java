package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.tools.hook.Event;

/**
 * Any model (a record or a collection) being created, updated or deleted, or whose change committed: the model
 * hooks run around the record and collection hooks.
 */
public class ModelEvent extends Event {

    private final App app;
    private final Model model;
    private final Model original;

    /** Creates the event. */
    public ModelEvent(App app, Model model, Model original) {
        this.app = app;
        this.model = model;
        this.original = original;
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The model being (or that was) created, updated or deleted. */
    public Model model() {
        return model;
    }

    /**
     * The model as it was stored before this change (for a delete, the model deleted); null for a create.
     */
    public Model original() {
        return original;
    }
}
