package dev.coffer.core.logs;

import dev.coffer.core.settings.Settings;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The app's log, stored in {@code _logs}: a call never touches the database, it hands the row to a
 * {@link LogBatcher}. Rows are kept only while the {@code logs} settings allow it: nothing is stored when
 * {@code maxDays} is 0, nor below {@code minLevel}.
 */
public final class AppLogger implements AutoCloseable {

    private final Supplier<Settings> settings;
    private final LogBatcher batcher;

    /** A logger writing to {@code aux} under the settings the supplier returns at each call. */
    public AppLogger(Database aux, Supplier<Settings> settings) {
        this.settings = settings;
        this.batcher = new LogBatcher(aux, () -> {
            Settings s = settings.get();
            return s == null ? Settings.DEFAULT_LOG_DATA_SIZE : s.logsMaxDataSize();
        });
    }

    /** Whether a row of the level would be stored under the current settings. */
    public boolean isEnabled(int level) {
        Settings s = settings.get();
        return s != null && s.logsMaxDays() > 0 && level >= s.logsMinLevel();
    }

    /** Logs a message with attributes; returns whether the row was queued. */
    public boolean log(int level, String message, ObjectNode data) {
        if (!isEnabled(level)) {
            return false;
        }
        return batcher.offer(new LogEntry(null, DateTime.now(), level, message,
                data == null ? Json.object() : data));
    }

    /** Logs a message with attributes given as a map. */
    public boolean log(int level, String message, Map<String, ?> data) {
        return log(level, message, data == null ? null : (ObjectNode) Json.MAPPER.valueToTree(data));
    }

    /** Logs at debug level. */
    public boolean debug(String message, Map<String, ?> data) {
        return log(LogEntry.DEBUG, message, data);
    }

    /** Logs at info level. */
    public boolean info(String message, Map<String, ?> data) {
        return log(LogEntry.INFO, message, data);
    }

    /** Logs at warning level. */
    public boolean warn(String message, Map<String, ?> data) {
        return log(LogEntry.WARN, message, data);
    }

    /** Logs at error level. */
    public boolean error(String message, Map<String, ?> data) {
        return log(LogEntry.ERROR, message, data);
    }

    /** The batcher behind the logger (its counters, and a flush for tests). */
    public LogBatcher batcher() {
        return batcher;
    }

    /** Writes the queued rows and stops. */
    @Override
    public void close() {
        batcher.close();
    }
}
