package dev.coffer.tools.db;

import dev.coffer.tools.cluster.Bus;
import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bus of instances sharing one PostgreSQL database: {@code NOTIFY} on one channel carries the messages,
 * {@code LISTEN} on a connection of its own receives them, and three small tables hold the live instances (a
 * heartbeat every few seconds), the claims and the messages too long for a notification (PostgreSQL takes at most
 * 8,000 bytes: a longer message is stored and its row id is sent).
 *
 * <p>{@code NOTIFY} is transactional: a message published inside a write transaction goes out when it commits, in
 * commit order, and never after a rollback. Received messages are handed to their handlers on one thread, in
 * arrival order. When the listening connection fails, the bus reconnects (once a second) and then calls the gap
 * handlers: notifications sent while it was away are lost.
 */
final class PostgresBus implements Bus {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresBus.class);
    static final String CHANNEL = "coffer_bus";
    /** PostgreSQL's limit is 8,000 bytes; the envelope's keys and the instance id fit in the rest. */
    private static final int MAX_INLINE_BYTES = 7_000;
    private static final long HEARTBEAT_MILLIS = 3_000;
    private static final long LIVE_SECONDS = 10;
    private static final long CLEANUP_MILLIS = 60_000;
    private static final long INSTALL_LOCK = 0x436f66666572L + 1;
    /** The bus's tables, as a list of SQL string literals (catalog listings leave them out). */
    static final String TABLES = "'_clusterMembers', '_clusterClaims', '_clusterRates', '_clusterMessages'";

    /** Opens the listening connection; each call gives a new physical connection. */
    interface Connector {
        Connection open() throws SQLException;
    }

    private final ServerDatabase db;
    private final Connector connector;
    private final String instanceId;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> gapHandlers = new CopyOnWriteArrayList<>();
    private final ExecutorService dispatch;
    private final Thread listener;
    private volatile String address = "";
    private volatile boolean closed;
    private Connection connection;

    private PostgresBus(ServerDatabase db, Connector connector, String instanceId) {
        this.db = db;
        this.connector = connector;
        this.instanceId = instanceId;
        this.dispatch = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "coffer-bus-dispatch");
            t.setDaemon(true);
            return t;
        });
        this.listener = new Thread(this::listen, "coffer-bus");
        this.listener.setDaemon(true);
    }

    /** Creates the bus's tables when missing, joins the cluster and starts listening. */
    static PostgresBus start(ServerDatabase db, Connector connector, String instanceId) {
        PostgresBus bus = new PostgresBus(db, connector, instanceId);
        db.write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + INSTALL_LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterMembers\" (\"id\" TEXT PRIMARY KEY,"
                        + " \"address\" TEXT NOT NULL DEFAULT '', \"started\" TIMESTAMPTZ NOT NULL DEFAULT now(),"
                        + " \"lastSeen\" TIMESTAMPTZ NOT NULL DEFAULT now())");
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterClaims\" (\"key\" TEXT PRIMARY KEY,"
                        + " \"created\" TIMESTAMPTZ NOT NULL DEFAULT now())");
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterRates\" (\"key\" TEXT PRIMARY KEY,"
                        + " \"start\" BIGINT NOT NULL, \"count\" INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS \"_clusterMessages\" (\"id\" BIGSERIAL PRIMARY KEY,"
                        + " \"payload\" TEXT NOT NULL, \"created\" TIMESTAMPTZ NOT NULL DEFAULT now())");
            }
            return null;
        });
        try {
            bus.connect();
        } catch (SQLException e) {
            throw new DatabaseException("cannot listen for the other instances: " + Database.rootMessage(e), e);
        }
        bus.listener.start();
        return bus;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public void publish(String topic, String payload) {
        ObjectNode envelope = Json.object();
        envelope.put("i", instanceId);
        envelope.put("t", topic);
        envelope.put("p", payload);
        String inline = Json.write(envelope);
        db.write(c -> {
            String message = inline;
            if (inline.getBytes(StandardCharsets.UTF_8).length > MAX_INLINE_BYTES) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO \"_clusterMessages\" (\"payload\") VALUES (?) RETURNING \"id\"")) {
                    ps.setString(1, payload);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        ObjectNode ref = Json.object();
                        ref.put("i", instanceId);
                        ref.put("t", topic);
                        ref.put("m", rs.getLong(1));
                        message = Json.write(ref);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, CHANNEL);
                ps.setString(2, message);
                ps.execute();
            }
            return null;
        });
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    @Override
    public void onGap(Runnable handler) {
        gapHandlers.add(handler);
    }

    @Override
    public boolean claim(String key) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO \"_clusterClaims\" (\"key\") VALUES (?) ON CONFLICT (\"key\") DO NOTHING")) {
                ps.setString(1, key);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean acquire(String key, int maxRequests, long windowSeconds) {
        // the database's clock for every instance; a refused request leaves the count at max + 1
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"_clusterRates\" AS r (\"key\", \"start\", \"count\")"
                    + " VALUES (?, extract(epoch from clock_timestamp())::bigint, 1) ON CONFLICT (\"key\") DO UPDATE SET"
                    + " \"count\" = CASE WHEN EXCLUDED.\"start\" - r.\"start\" >= ? THEN 1"
                    + " ELSE LEAST(r.\"count\" + 1, ? + 1) END,"
                    + " \"start\" = CASE WHEN EXCLUDED.\"start\" - r.\"start\" >= ? THEN EXCLUDED.\"start\""
                    + " ELSE r.\"start\" END RETURNING \"count\"")) {
                ps.setString(1, key.replace('\u0000', '\u001f')); // PostgreSQL's text can't hold NUL
                ps.setLong(2, windowSeconds);
                ps.setInt(3, maxRequests);
                ps.setLong(4, windowSeconds);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1) <= maxRequests;
                }
            }
        });
    }

    @Override
    public void announce(String value) {
        address = value;
        db.write(c -> {
            heartbeat(c);
            return null;
        });
    }

    @Override
    public List<ClusterMember> members() {
        return db.read(c -> {
            List<ClusterMember> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT \"id\", \"address\", \"started\", \"lastSeen\""
                    + " FROM \"_clusterMembers\" WHERE \"lastSeen\" > now() - make_interval(secs => ?)"
                    + " ORDER BY \"started\", \"id\"")) {
                ps.setLong(1, LIVE_SECONDS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ClusterMember(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                                rs.getTimestamp(4).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    private void heartbeat(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"_clusterMembers\" (\"id\", \"address\")"
                + " VALUES (?, ?) ON CONFLICT (\"id\") DO UPDATE SET \"address\" = EXCLUDED.\"address\","
                + " \"lastSeen\" = now()")) {
            ps.setString(1, instanceId);
            ps.setString(2, address);
            ps.executeUpdate();
        }
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
            heartbeat(c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        connection = c;
    }

    private void listen() {
        long nextHeartbeat = System.currentTimeMillis() + HEARTBEAT_MILLIS;
        long nextCleanup = System.currentTimeMillis() + CLEANUP_MILLIS / 4;
        while (!closed) {
            try {
                if (connection == null) {
                    connect();
                    LOG.info("listening for the other instances again; messages sent meanwhile were missed");
                    gapHandlers.forEach(h -> dispatch.execute(() -> runSafely(h)));
                }
                PGNotification[] received = connection.unwrap(PGConnection.class).getNotifications(500);
                if (received != null) {
                    for (PGNotification n : received) {
                        deliver(n.getParameter());
                    }
                }
                long now = System.currentTimeMillis();
                if (now >= nextHeartbeat) {
                    heartbeat(connection);
                    nextHeartbeat = now + HEARTBEAT_MILLIS;
                }
                if (now >= nextCleanup) {
                    cleanup(connection);
                    nextCleanup = now + CLEANUP_MILLIS;
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.warn("lost the connection to the other instances ({}); reconnecting", Database.rootMessage(e));
                closeConnection();
                sleepQuietly(1_000);
            }
        }
        closeConnection();
    }

    private void deliver(String text) throws SQLException {
        JsonNode envelope = Json.parse(text);
        if (instanceId.equals(envelope.path("i").asString(""))) {
            return;
        }
        String topic = envelope.path("t").asString("");
        List<Consumer<String>> forTopic = handlers.get(topic);
        if (forTopic == null || forTopic.isEmpty()) {
            return;
        }
        String payload;
        if (envelope.has("m")) {
            payload = stored(envelope.path("m").asLong());
            if (payload == null) {
                LOG.warn("a {} message from {} was removed before it was read", topic, envelope.path("i").asString(""));
                return;
            }
        } else {
            payload = envelope.path("p").asString("");
        }
        for (Consumer<String> h : forTopic) {
            dispatch.execute(() -> runSafely(() -> h.accept(payload)));
        }
    }

    private String stored(long id) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT \"payload\" FROM \"_clusterMessages\" WHERE \"id\" = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static void cleanup(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM \"_clusterMembers\" WHERE \"lastSeen\" < now() - interval '1 hour'");
            s.executeUpdate("DELETE FROM \"_clusterClaims\" WHERE \"created\" < now() - interval '1 day'");
            s.executeUpdate("DELETE FROM \"_clusterRates\" WHERE \"start\" < extract(epoch from now())::bigint - 86400");
            s.executeUpdate("DELETE FROM \"_clusterMessages\" WHERE \"created\" < now() - interval '1 hour'");
        }
    }

    private static void runSafely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a message from another instance failed to apply", e);
        }
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

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.interrupt();
        try {
            listener.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dispatch.shutdown();
        try {
            dispatch.awaitTermination(2, TimeUnit.SECONDS);
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
