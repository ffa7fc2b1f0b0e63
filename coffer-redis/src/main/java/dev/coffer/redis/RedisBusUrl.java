package dev.coffer.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --bus} Redis URL: Lettuce's {@code redis://[user:password@]host[:port][/database]} (or {@code rediss://}
 * for TLS) plus an optional {@code prefix=NAME} option (default {@code coffer}) naming the channel and the keys, so
 * that several apps can share one Redis.
 */
record RedisBusUrl(RedisURI uri, String prefix) {

    static RedisBusUrl parse(String url) {
        String prefix = "coffer";
        String base = url;
        int q = url.indexOf('?');
        if (q >= 0) {
            List<String> kept = new ArrayList<>();
            for (String option : url.substring(q + 1).split("&")) {
                if (option.startsWith("prefix=")) {
                    prefix = option.substring("prefix=".length());
                } else if (!option.isEmpty()) {
                    kept.add(option);
                }
            }
            base = url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }
        if (!prefix.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("prefix must be letters, digits, _, . or -, got \"" + prefix + "\"");
        }
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
