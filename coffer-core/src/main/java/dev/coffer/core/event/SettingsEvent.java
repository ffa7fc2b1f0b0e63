package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.hook.Event;

/**
 * The app settings being saved (stored when the chain reaches its end) or whose save committed.
 */
public class SettingsEvent extends Event {

    private final App app;
    private final Settings settings;
    private final Settings original;

    /** Creates the event. */
    public SettingsEvent(App app, Settings settings, Settings original) {
        this.app = app;
        this.settings = settings;
        this.original = original;
    }

    /** The app. */
    public App app() {
        return app;
    }

    /** The settings being (or that were) saved. */
    public Settings settings() {
        return settings;
    }

    /**
     * The settings in use before this save.
     */
    public Settings original() {
        return original;
    }
}
