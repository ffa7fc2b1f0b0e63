package dev.coffer.tools.db;

import dev.coffer.tools.cluster.Relay;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of instances sharing one PostgreSQL database: {@code NOTIFY} on the channel {@value #CHANNEL} sends,
 * {@code LISTEN} on a connection of its own (named {@code coffer-bus <instance id>} in {@code pg_stat_activity})
 * receives. A notification carries at most 8,000 bytes: a longer message is stored in {@code _clusterMessages} (kept
 * an hour) and its row id is sent instead.
 *
 * <p>{@code NOTIFY} is transactional: a message published inside a write transaction goes out when it commits, in
 * commit order, and never after a rollback. When the listening connection fails, the relay reconnects once a second
 * and then reports the gap: notifications sent meanwhile are lost.
 */
final class PostgresRelay implements Relay {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRelay.class);
    static final String CHANNEL = "coffer_bus";
    private static final int MAX_INLINE_BYTES = 7_900;
    private static final long CLEANUP_MILLIS = 60_000;
    private static final long INSTALL_LOCK = 0x436f66666572L + 2;

    /** Opens the listening connection; each call gives a new physical connection. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final ServerDatabase db;
    private final Connector connector;
    private final String instanceId;
    private volatile boolean closed;
    private Thread listener;
    private Connection connection;

    PostgresRelay(ServerDatabase db, Connector connector, String instanceId) {
        this.db = db;
        this.connector = connector;
        this.instanceId = instanceId;
    }

    @Override
    public boolean transactional() {
        return true;
    }

    @Override
    public void start(Consumer<String> onMessage, Runnable onGap) {
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterMessages\" (\"id\" BIGSERIAL PRIMARY KEY,"
                        + " \"payload\" TEXT NOT NULL, \"created\" TIMESTAMPTZ NOT NULL DEFAULT now())");
            }
            return null;
        });
        try {
            connect();
        } catch (SQLException e) {
            throw new DatabaseException("cannot listen for the other instances: " + Database.rootMessage(e), e);
        }
        listener = new Thread(() -> listen(onMessage, onGap), "coffer-bus");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void publish(String message) {
        db.write(c -> {
            String sent = "=" + message;
            if (message.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE_BYTES) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO \"_clusterMessages\" (\"payload\") VALUES (?) RETURNING \"id\"")) {
                    ps.setString(1, message);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        sent = "@" + rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, sent);
                ps.execute();
            }
            return null;
        });
    }

    private void connect() throws SQLException {
        Connection c = connector.open();
        try {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + CHANNEL);
            }
            // operators see which instance a session belongs to (pg_stat_activity)
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('application_name', ?, false)")) {
                ps.setString(1, "coffer-bus " + instanceId);
                ps.execute();
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        connection = c;
    }

    private void listen(Consumer<String> onMessage, Runnable onGap) {
        long nextCleanup = System.currentTimeMillis() + CLEANUP_MILLIS / 4;
        while (!closed) {
            try {
                if (connection == null) {
                    connect();
                    onGap.run();
                }
                PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(500);
                if (received != null) {
                    for (PGNotification n : received) {
                        String message = read(n.getParameter());
                        if (message != null) {
                            onMessage.accept(message);
                        }
                    }
                }
                if (System.currentTimeMillis() >= nextCleanup) {
                    try (Statement s = connection.createStatement()) {
                        s.executeUpdate("DELETE FROM \"_clusterMessages\" WHERE \"created\" < now() - interval '1 hour'");
                    }
                    nextCleanup = System.currentTimeMillis() + CLEANUP_MILLIS;
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.warn("lost the connection to the other instances ({}); reconnecting", Database.rootMessage(e));
                closeConnection();
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        closeConnection();
    }

    private String read(String notification) throws SQLException {
        if (notification.startsWith("=")) {
            return notification.substring(1);
        }
        if (!notification.startsWith("@")) {
            return null;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT \"payload\" FROM \"_clusterMessages\" WHERE \"id\" = ?")) {
            ps.setLong(1, Long.parseLong(notification.substring(1)));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        LOG.warn("a long message from another instance was removed before it was read");
        return null;
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
