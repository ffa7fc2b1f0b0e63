package dev.coffer.core;

/**
 * Java code that extends an app run by the {@code coffer} command: an application's jar on the class path lists its
 * implementations in {@code META-INF/services/dev.coffer.core.AppExtension}, and {@code coffer serve} and
 * {@code coffer migrate} call each once the data directory is open, before anything else runs. There it binds
 * hooks, registers Java migrations and declares collections in code ({@code app.migrations()}).
 */
@FunctionalInterface
public interface AppExtension {

    /** Extends the app. */
    void extend(App app);

    /** Runs every extension found on the class path on {@code app}. */
    static void loadAll(App app) {
        for (AppExtension e : java.util.ServiceLoader.load(AppExtension.class)) {
            e.extend(app);
        }
    }
}
