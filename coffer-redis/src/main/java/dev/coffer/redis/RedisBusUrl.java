package dev.coffer.redis;

import dev.coffer.tools.cluster.BusUrl;
import io.lettuce.core.RedisURI;

/**
 * A {@code --bus} Redis URL: Lettuce's {@code redis://[user:password@]host[:port][/database]} (or {@code rediss://}
 * for TLS) plus an optional {@code prefix=NAME} option (default {@code coffer}) naming the channel and the keys, so
 * that several apps can share one Redis.
 */
record RedisBusUrl(RedisURI uri, String prefix) {

    static RedisBusUrl parse(String url) {
        BusUrl split = BusUrl.parse(url);
        String base = split.base();
        String prefix = split.prefix();
        try {
            RedisURI uri = RedisURI.create(base);
            if (!base.contains("timeout=")) {
                uri.setTimeout(java.time.Duration.ofSeconds(5));
            }
            return new RedisBusUrl(uri, prefix);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a Redis URL: " + e.getMessage(), e);
        }
    }

    String channel() {
        return prefix + ":bus";
    }

    String key(String kind, String name) {
        return prefix + ":" + kind + ":" + name;
    }
}
