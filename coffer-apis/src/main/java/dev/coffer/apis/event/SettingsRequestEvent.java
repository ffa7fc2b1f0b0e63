package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.settings.Settings;

/**
 * A settings request: listing them ({@link #newSettings()} is null) or updating them, before the new settings are
 * saved (a handler may replace them, or refuse the change).
 */
public final class SettingsRequestEvent extends RequestEvent {

    private final Settings settings;
    private Settings newSettings;

    /** Creates the event. */
    public SettingsRequestEvent(RequestEvent e, Settings settings, Settings newSettings) {
        super(e);
        this.settings = settings;
        this.newSettings = newSettings;
    }

    /** The current settings. */
    public Settings settings() {
        return settings;
    }

    /** The settings an update would save, or null for a list request. */
    public Settings newSettings() {
        return newSettings;
    }

    /** Replaces the settings an update saves. */
    public void setNewSettings(Settings value) {
        this.newSettings = value;
    }
}
