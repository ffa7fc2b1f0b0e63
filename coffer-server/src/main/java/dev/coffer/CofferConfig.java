package dev.coffer;

import dev.coffer.tools.db.DatabaseUrl;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * How a {@link Coffer} instance runs: where its data lives, where it listens, and its mode. Validated on
 * construction, then immutable.
 *
 * @param dataDir the data directory
 * @param host the address to listen on
 * @param port the port to listen on (0 = any free port)
 * @param dev development mode (verbose logging)
 * @param gracefulStopMillis how long stopping waits for in-flight requests to finish
 * @param origins the CORS origins allowed (empty = any, {@code *})
 * @param gzip whether JSON responses are gzip-compressed for clients that accept it
 * @param publicDir the directory served at {@code /} for GET requests no route takes (PocketBase's
 *     {@code pb_public}), or null to serve none
 * @param indexFallback whether a missing public file is answered with the directory's root {@code index.html}
 * @param encryptionEnv the environment variable whose value (16, 24 or 32 characters) encrypts the stored
 *     settings, as PocketBase's {@code --encryptionEnv}; {@code ""} for none
 * @param queryTimeout how long a database read may run before it is interrupted, as PocketBase's
 *     {@code --queryTimeout} (30 seconds by default; {@link Duration#ZERO} for no limit)
 * @param database the database server URL ({@code postgres://…}, {@code mysql://…}), or {@code ""} for SQLite files
 *     in the data directory
 * @param dataSource an application's DataSource reaching PostgreSQL or MySQL/MariaDB, used instead of
 *     {@code database}; {@code null} for none
 * @param bus where the instances sharing the database exchange messages: {@code redis://…} or {@code nats://…};
 *     {@code ""} for the database itself (PostgreSQL's {@code LISTEN}/{@code NOTIFY}; on MariaDB and SQLite, a
 *     single instance)
 */
public record CofferConfig(Path dataDir, String host, int port, boolean dev, long gracefulStopMillis,
        List<String> origins, boolean gzip, Path publicDir, boolean indexFallback, String encryptionEnv,
        Duration queryTimeout, String database, DataSource dataSource, String bus) {

    /** The default address, as {@code coffer serve} uses it. */
    public static final String DEFAULT_HTTP = "127.0.0.1:8090";
    /** How long stopping waits for in-flight requests by default. */
    public static final long DEFAULT_GRACEFUL_STOP_MILLIS = 10_000;
    /** The default data directory. */
    public static final String DEFAULT_DIR = "coffer_data";
    /** How long a database read may run by default, as PocketBase's {@code --queryTimeout}. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** Validates the config. */
    public CofferConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        encryptionEnv = encryptionEnv == null ? "" : encryptionEnv;
        queryTimeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
        if (queryTimeout.isNegative()) {
            throw new IllegalArgumentException("queryTimeout must not be negative, got " + queryTimeout);
        }
        database = database == null ? "" : database.strip();
        bus = bus == null ? "" : bus.strip();
        if (!bus.isEmpty() && !bus.matches("(?i)(redis|rediss|nats|tls)://.+")) {
            throw new IllegalArgumentException("--bus must be a redis://, rediss:// or nats:// URL, got \"" + bus + "\"");
        }
        if (!database.isEmpty()) {
            DatabaseUrl.parse(database); // fails early with the reason
        }
        origins = List.copyOf(origins);
        for (String o : origins) {
            if (o.isBlank()) {
                throw new IllegalArgumentException("an allowed origin must not be blank");
            }
        }
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (gracefulStopMillis < 0) {
            throw new IllegalArgumentException("gracefulStopMillis must not be negative, got " + gracefulStopMillis);
        }
    }

    /** A config without CORS restrictions, compression or public directory. */
    public CofferConfig(Path dataDir, String host, int port, boolean dev, long gracefulStopMillis) {
        this(dataDir, host, port, dev, gracefulStopMillis, List.of(), false, null, true, "", DEFAULT_QUERY_TIMEOUT, "", null,
                "");
    }

    /** A config for a data directory, listening on 127.0.0.1 on any free port. */
    public static CofferConfig of(Path dataDir) {
        return new CofferConfig(dataDir, "127.0.0.1", 0, false, DEFAULT_GRACEFUL_STOP_MILLIS);
    }

    /** A copy listening on another address. */
    public CofferConfig withHttp(String hostValue, int portValue) {
        return new CofferConfig(dataDir, hostValue, portValue, dev, gracefulStopMillis, origins, gzip, publicDir,
                indexFallback, encryptionEnv, queryTimeout, database, dataSource, bus);
    }

    /** A copy with development mode set. */
    public CofferConfig withDev(boolean value) {
        return new CofferConfig(dataDir, host, port, value, gracefulStopMillis, origins, gzip, publicDir, indexFallback,
                encryptionEnv, queryTimeout, database, dataSource, bus);
    }

    /** A copy waiting at most {@code millis} for in-flight requests when stopping (0 = don't wait). */
    public CofferConfig withGracefulStop(long millis) {
        return new CofferConfig(dataDir, host, port, dev, millis, origins, gzip, publicDir, indexFallback,
                encryptionEnv, queryTimeout, database, dataSource, bus);
    }

    /** A copy allowing only these CORS origins ({@code https://a.com}, {@code https://*.a.com}; empty = any). */
    public CofferConfig withOrigins(List<String> value) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, value, gzip, publicDir, indexFallback,
                encryptionEnv, queryTimeout, database, dataSource, bus);
    }

    /** A copy with gzip compression of JSON responses on or off. */
    public CofferConfig withGzip(boolean value) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, origins, value, publicDir, indexFallback,
                encryptionEnv, queryTimeout, database, dataSource, bus);
    }

    /**
     * A copy serving a public directory (the frontend of the app) for the GET requests no route takes, as
     * {@code coffer serve --publicDir} does; with {@code indexFallback} a missing file is answered with the
     * directory's {@code index.html} (single-page apps with pretty URLs).
     */
    public CofferConfig withPublicDir(Path dir, boolean fallbackToIndex) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, origins, gzip, dir, fallbackToIndex,
                encryptionEnv, queryTimeout, database, dataSource, bus);
    }

    /**
     * A copy that stores the settings encrypted with the value of the environment variable {@code env} (PocketBase's
     * {@code --encryptionEnv}); a data directory whose settings were encrypted needs it to open.
     */
    public CofferConfig withEncryptionEnv(String env) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, origins, gzip, publicDir, indexFallback,
                env, queryTimeout, database, dataSource, bus);
    }

    /** A copy whose database reads are interrupted after {@code value} ({@link Duration#ZERO} for no limit). */
    public CofferConfig withQueryTimeout(Duration value) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, origins, gzip, publicDir, indexFallback,
                encryptionEnv, value, database, dataSource, bus);
    }

    /**
     * A copy keeping its collections and records on a database server instead of SQLite files in the data
     * directory (which still holds uploaded files and backups): {@code postgres://user:pass@host:5432/db} or
     * {@code mysql://…}; {@code ""} for SQLite.
     *
     * @throws IllegalArgumentException when the URL is malformed
     */
    public CofferConfig withDatabase(String url) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, origins, gzip, publicDir, indexFallback,
                encryptionEnv, queryTimeout, url, dataSource, bus);
    }

    /**
     * A copy whose instances exchange their messages (realtime events, cache changes) through Redis
     * ({@code redis://host:6379}) or NATS ({@code nats://host:4222}) instead of the database; {@code ""}: the database.
     *
     * @throws IllegalArgumentException when the URL is not a Redis or NATS one
     */
    public CofferConfig withBus(String url) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, origins, gzip, publicDir, indexFallback,
                encryptionEnv, queryTimeout, database, dataSource, url);
    }

    /**
     * A copy keeping its collections and records in the PostgreSQL or MySQL/MariaDB database an application's
     * DataSource reaches (a connection pool the application configures and closes; Coffer only borrows from it).
     * A PostgreSQL DataSource must send strings untyped: {@code stringtype=unspecified}. {@code null}: none.
     */
    public CofferConfig withDataSource(DataSource source) {
        return new CofferConfig(dataDir, host, port, dev, gracefulStopMillis, origins, gzip, publicDir, indexFallback,
                encryptionEnv, queryTimeout, database, source, bus);
    }

    /**
     * Parses an {@code ADDR:PORT} value such as {@code 127.0.0.1:8090}, {@code :8090} or {@code [::1]:8090}.
     *
     * @throws IllegalArgumentException for a malformed value
     */
    public CofferConfig withHttp(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--http must be ADDR:PORT, got \"" + addr + "\"");
        }
        String h = addr.substring(0, colon);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.isEmpty()) {
            h = "0.0.0.0";
        }
        int p;
        try {
            p = Integer.parseInt(addr.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--http must be ADDR:PORT, got \"" + addr + "\"");
        }
        return withHttp(h, p);
    }
}
