package dev.coffer.redis;

import dev.coffer.tools.cluster.Relay;
import dev.coffer.tools.types.Failures;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Messages over one Redis pub/sub channel ({@code <prefix>:bus}): one connection subscribes, another publishes.
 * Lettuce reconnects and subscribes again by itself; the gap is reported once the subscribing connection is back.
 * Redis pub/sub keeps nothing: what is published while an instance is disconnected is lost to it.
 */
final class RedisRelay implements Relay {

    private final RedisBusUrl url;
    private final RedisClient client;
    private StatefulRedisPubSubConnection<String, String> subscriber;
    private StatefulRedisConnection<String, String> publisher;

    RedisRelay(RedisBusUrl url) {
        this.url = url;
        this.client = RedisClient.create(url.uri());
        client.setOptions(ClientOptions.builder().autoReconnect(true).build());

    }

    @Override
    public void start(Consumer<String> onMessage, Runnable onGap) {
        try {
            subscriber = client.connectPubSub();
            publisher = client.connect();
        } catch (RedisException e) {
            client.shutdown();
            throw new IllegalArgumentException("cannot connect to Redis at " + url.uri().getHost() + ":"
                    + url.uri().getPort() + ": " + Failures.rootMessage(e), e);
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage.accept(message);
            }
        });
        subscriber.addListener(new RedisConnectionStateListener() {
            private volatile boolean lost;

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                lost = true;
            }

            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (lost) {
                    lost = false;
                    onGap.run();
                }
            }
        });
        subscriber.sync().subscribe(url.channel());
    }

    @Override
    public void publish(String message) {
        publisher.sync().publish(url.channel(), message);
    }

    @Override
    public void close() {
        try {
            if (subscriber != null) {
                subscriber.close();
            }
            if (publisher != null) {
                publisher.close();
            }
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
