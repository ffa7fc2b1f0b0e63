package dev.coffer.core.event;

import dev.coffer.core.App;
import dev.coffer.core.settings.Settings;

/** A settings save that failed or was rolled back, with the error, for the {@code after…Error} hooks. */
public final class SettingsErrorEvent extends SettingsEvent {

    private final Throwable error;

    /** Creates the event. */
    public SettingsErrorEvent(App app, Settings settings, Settings original, Throwable error) {
        super(app, settings, original);
        this.error = error;
    }

    /** Why the change failed (the exception that rolled its transaction back). */
    public Throwable error() {
        return error;
    }
}
