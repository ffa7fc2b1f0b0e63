package dev.coffer.core;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What an {@link App} needs to start: its data directory and mode. Validated on construction, then immutable.
 *
 * @param dataDir the data directory ({@code data.db}, {@code auxiliary.db}, {@code storage/})
 * @param dev development mode (more logging)
 * @param readerConnections size of the SQLite reader pool
 */
public record AppConfig(Path dataDir, boolean dev, int readerConnections) {

    /** The default reader pool size. */
    public static final int DEFAULT_READERS = 8;

    /** Validates the config. */
    public AppConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1, got " + readerConnections);
        }
    }

    /** A config for a data directory with defaults for everything else. */
    public static AppConfig of(Path dataDir) {
        return new AppConfig(dataDir, false, DEFAULT_READERS);
    }

    /** A copy with development mode set. */
    public AppConfig withDev(boolean value) {
        return new AppConfig(dataDir, value, readerConnections);
    }
}
