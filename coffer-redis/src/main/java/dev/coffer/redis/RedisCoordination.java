package dev.coffer.redis;

import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.cluster.Coordination;
import dev.coffer.tools.json.Json;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster's members, claims and rate windows as Redis keys: {@code <prefix>:member:<id>} (refreshed every 3 s,
 * gone 10 s after the last refresh), {@code <prefix>:claim:<key>} ({@code SET NX}, kept a day) and
 * {@code <prefix>:rate:<key>} (a counter that expires when its window ends, so a window starts at its first request).
 */
final class RedisCoordination implements Coordination {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCoordination.class);
    private static final long HEARTBEAT_MILLIS = 3_000;
    private static final long LIVE_MILLIS = 10_000;
    private static final String COUNT_IN_WINDOW = "local c = redis.call('INCR', KEYS[1]) "
            + "if c == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end return c";

    private final RedisBusUrl url;
    private final String instanceId;
    private final RedisClient client;
    private final Instant started = Instant.now();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-cluster-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private StatefulRedisConnection<String, String> connection;
    private volatile String address = "";

    RedisCoordination(RedisBusUrl url, String instanceId) {
        this.url = url;
        this.instanceId = instanceId;
        this.client = RedisClient.create(url.uri());

    }

    private RedisCommands<String, String> redis() {
        return connection.sync();
    }

    @Override
    public void join() {
        try {
            connection = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            throw new IllegalArgumentException("cannot connect to Redis at " + url.uri().getHost() + ":"
                    + url.uri().getPort() + ": " + e.getMessage(), e);
        }
        beat();
        heartbeat.scheduleWithFixedDelay(this::beatQuietly, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        ObjectNode member = Json.object();
        member.put("address", address);
        member.put("started", started.toEpochMilli());
        member.put("lastSeen", System.currentTimeMillis());
        redis().set(url.key("member", instanceId), Json.write(member), SetArgs.Builder.px(LIVE_MILLIS));
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.warn("cluster heartbeat failed: {}", e.getMessage());
        }
    }

    @Override
    public boolean claim(String key) {
        return "OK".equals(redis().set(url.key("claim", key), instanceId, SetArgs.Builder.nx().ex(86_400)));
    }

    @Override
    public boolean acquire(String key, int maxRequests, long windowSeconds) {
        Long count = redis().eval(COUNT_IN_WINDOW, ScriptOutputType.INTEGER, new String[] {url.key("rate", key)},
                String.valueOf(Math.max(1, windowSeconds)));
        return count != null && count <= maxRequests;
    }

    @Override
    public void announce(String value) {
        address = value;
        beat();
    }

    @Override
    public List<ClusterMember> members() {
        List<ClusterMember> out = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        String prefix = url.key("member", "");
        do {
            KeyScanCursor<String> page = redis().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
            for (String key : page.getKeys()) {
                String value = redis().get(key);
                if (value == null) {
                    continue;
                }
                JsonNode m = Json.parse(value);
                out.add(new ClusterMember(key.substring(prefix.length()), m.path("address").asString(""),
                        Instant.ofEpochMilli(m.path("started").asLong()), Instant.ofEpochMilli(m.path("lastSeen").asLong())));
            }
            cursor = page;
        } while (!cursor.isFinished());
        out.sort(Comparator.comparing(ClusterMember::started).thenComparing(ClusterMember::id));
        return out;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            if (connection != null) {
                redis().del(url.key("member", instanceId));
                connection.close();
            }
        } catch (RuntimeException e) {
            LOG.debug("could not leave the cluster cleanly: {}", e.toString());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
