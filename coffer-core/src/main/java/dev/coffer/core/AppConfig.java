package dev.coffer.core;

import dev.coffer.tools.db.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What an {@link App} needs to start: its data directory and mode. Validated on construction, then immutable.
 *
 * @param dataDir the data directory ({@code data.db}, {@code auxiliary.db}, {@code storage/})
 * @param dev development mode (more logging)
 * @param readerConnections size of the SQLite reader pool
 * @param encryptionEnv the name of the environment variable holding the settings encryption key (PocketBase's
 *     {@code --encryptionEnv}), for messages; {@code ""} when none is named
 * @param encryptionKey the key itself ({@code ""} for none): the stored settings are encrypted with it
 * @param queryTimeout how long a database read may run before it is interrupted (PocketBase's
 *     {@code --queryTimeout}, 30 seconds by default); {@link Duration#ZERO} for no limit
 * @param database the database server URL, or {@code ""} for the SQLite files {@code data.db} and
 *     {@code auxiliary.db} in the data directory
 * @param dataSource an application's DataSource reaching the database server (it takes the place of
 *     {@code database}), or {@code null}
 */
public record AppConfig(Path dataDir, boolean dev, int readerConnections, String encryptionEnv,
        String encryptionKey, Duration queryTimeout, String database, DataSource dataSource) {

    /** The default reader pool size. */
    public static final int DEFAULT_READERS = 8;

    /** Validates the config. */
    public AppConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        encryptionEnv = encryptionEnv == null ? "" : encryptionEnv;
        encryptionKey = encryptionKey == null ? "" : encryptionKey;
        if (readerConnections < 1) {
            throw new IllegalArgumentException("readerConnections must be at least 1, got " + readerConnections);
        }
        database = database == null ? "" : database.strip();
        queryTimeout = queryTimeout == null ? Database.DEFAULT_QUERY_TIMEOUT : queryTimeout;
        if (queryTimeout.isNegative()) {
            throw new IllegalArgumentException("queryTimeout must not be negative, got " + queryTimeout);
        }
    }

    /** A config without settings encryption and with the default query timeout. */
    public AppConfig(Path dataDir, boolean dev, int readerConnections) {
        this(dataDir, dev, readerConnections, "", "", Database.DEFAULT_QUERY_TIMEOUT, "", null);
    }

    /** A config for a data directory with defaults for everything else. */
    public static AppConfig of(Path dataDir) {
        return new AppConfig(dataDir, false, DEFAULT_READERS);
    }

    /** A copy with development mode set. */
    public AppConfig withDev(boolean value) {
        return new AppConfig(dataDir, value, readerConnections, encryptionEnv, encryptionKey, queryTimeout, database, dataSource);
    }

    /**
     * A copy storing the settings encrypted with {@code key}, the value of the environment variable {@code env}
     * (an empty key means none, as in PocketBase).
     */
    public AppConfig withEncryption(String env, String key) {
        return new AppConfig(dataDir, dev, readerConnections, env, key, queryTimeout, database, dataSource);
    }

    /** A copy keeping its data on the database server at {@code url} ({@code ""}: SQLite files in the data directory). */
    public AppConfig withDatabase(String url) {
        return new AppConfig(dataDir, dev, readerConnections, encryptionEnv, encryptionKey, queryTimeout, url, dataSource);
    }

    /** A copy keeping its data in the database an application's DataSource reaches ({@code null}: none). */
    public AppConfig withDataSource(DataSource source) {
        return new AppConfig(dataDir, dev, readerConnections, encryptionEnv, encryptionKey, queryTimeout, database,
                source);
    }

    /** Whether the data is on a database server (a URL or a DataSource) rather than in SQLite files. */
    public boolean onServer() {
        return dataSource != null || !database.isEmpty();
    }

    /** A copy whose database reads are interrupted after {@code value} ({@link Duration#ZERO} for no limit). */
    public AppConfig withQueryTimeout(Duration value) {
        return new AppConfig(dataDir, dev, readerConnections, encryptionEnv, encryptionKey, value, database, dataSource);
    }
}
