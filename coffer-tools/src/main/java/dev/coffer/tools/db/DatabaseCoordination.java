package dev.coffer.tools.db;

import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.cluster.Coordination;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's members, claims and rate windows in three tables of the app's server database (PostgreSQL or
 * MariaDB), on the database's clock: {@code _clusterMembers} (a heartbeat every 3 s; live means seen in the last
 * 10 s), {@code _clusterClaims} (kept a day) and {@code _clusterRates}. Copies, backups and restores leave these
 * tables out ({@link #TABLES}).
 */
final class DatabaseCoordination implements Coordination {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseCoordination.class);
    /** The cluster tables (the relay's {@code _clusterMessages} included), which catalog listings leave out. */
    static final Set<String> TABLES = Set.of("_clusterMembers", "_clusterClaims", "_clusterRates", "_clusterMessages");
    private static final long HEARTBEAT_MILLIS = 3_000;
    private static final long LIVE_MILLIS = 10_000;
    private static final long CLEANUP_MILLIS = 60_000;
    private static final int MAX_KEY_LENGTH = 200;

    private final ServerDatabase db;
    private final String instanceId;
    private final ServerDialect.ClusterSql sql;
    /** The database's clock in epoch milliseconds, as SQL. */
    private final String nowMillis;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-cluster-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile String address = "";

    DatabaseCoordination(ServerDatabase db, String instanceId) {
        this.db = db;
        this.instanceId = instanceId;
        this.sql = db.serverDialect().clusterSql();
        this.nowMillis = sql.nowMillis();
    }

    /** The SQL string literals of {@link #TABLES}, for a {@code NOT IN (…)}. */
    static String tableLiterals() {
        return String.join(", ", TABLES.stream().sorted().map(t -> "'" + t + "'").toList());
    }

    @Override
    public void join() {
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                if (sql.installLock() != null) {
                    s.execute(sql.installLock());
                }
                String text = sql.keyType();
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterMembers\" (\"id\" " + text + " PRIMARY KEY,"
                        + " \"address\" " + text + " NOT NULL, \"started\" BIGINT NOT NULL, \"lastSeen\" BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterClaims\" (\"key\" " + text + " PRIMARY KEY,"
                        + " \"created\" BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterRates\" (\"key\" " + text + " PRIMARY KEY,"
                        + " \"start\" BIGINT NOT NULL, \"count\" INTEGER NOT NULL)");
            }
            beat(c);
            return null;
        });
        heartbeat.scheduleWithFixedDelay(this::beatQuietly, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
        heartbeat.scheduleWithFixedDelay(this::cleanupQuietly, CLEANUP_MILLIS / 4, CLEANUP_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void beat(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.beat())) {
            ps.setString(1, instanceId);
            ps.setString(2, address);
            ps.executeUpdate();
        }
    }

    private void beatQuietly() {
        try {
            db.write(c -> {
                beat(c);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("cluster heartbeat failed: {}", e.getMessage());
        }
    }

    private void cleanupQuietly() {
        try {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM \"_clusterMembers\" WHERE \"lastSeen\" < " + nowMillis + " - 3600000");
                    s.executeUpdate("DELETE FROM \"_clusterClaims\" WHERE \"created\" < " + nowMillis + " - 86400000");
                    s.executeUpdate("DELETE FROM \"_clusterRates\" WHERE \"start\" < (" + nowMillis + ") / 1000 - 86400");
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("cluster cleanup failed: {}", e.getMessage());
        }
    }

    /** A key as stored: PostgreSQL's text can't hold NUL, and a long key is kept as its SHA-256. */
    private static String stored(String key) {
        String k = key.replace('\u0000', '\u001f');
        if (k.length() <= MAX_KEY_LENGTH) {
            return k;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(k.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean claim(String key) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.claim())) {
                ps.setString(1, stored(key));
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean acquire(String key, int maxRequests, long windowSeconds) {
        String k = stored(key);
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.acquire())) {
                bindWindow(ps, k, maxRequests, windowSeconds);
                if (sql.acquireReturnsCount()) {
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return rs.getInt(1) <= maxRequests;
                    }
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT \"count\" FROM \"_clusterRates\" WHERE \"key\" = ?")) {
                ps.setString(1, k);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) <= maxRequests;
                }
            }
        });
    }

    /** The key, the window, the limit and the window again, as both engines' upserts take them. */
    private static void bindWindow(PreparedStatement ps, String key, int maxRequests, long windowSeconds)
            throws SQLException {
        ps.setString(1, key);
        ps.setLong(2, windowSeconds);
        ps.setInt(3, maxRequests);
        ps.setLong(4, windowSeconds);
    }

    @Override
    public void announce(String value) {
        address = value;
        db.write(c -> {
            beat(c);
            return null;
        });
    }

    @Override
    public List<ClusterMember> members() {
        return db.read(c -> {
            List<ClusterMember> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT \"id\", \"address\", \"started\", \"lastSeen\""
                    + " FROM \"_clusterMembers\" WHERE \"lastSeen\" > " + nowMillis + " - ? ORDER BY \"started\", \"id\"")) {
                ps.setLong(1, LIVE_MILLIS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ClusterMember(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                                Instant.ofEpochMilli(rs.getLong(4))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM \"_clusterMembers\" WHERE \"id\" = ?")) {
                    ps.setString(1, instanceId);
                    ps.executeUpdate();
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("could not leave the cluster cleanly: {}", e.toString());
        }
    }
}
