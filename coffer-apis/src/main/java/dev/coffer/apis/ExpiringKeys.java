package dev.coffer.apis;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/** A set of keys that each drop out after a fixed time; the auth flows use it to limit repeated mails. */
final class ExpiringKeys {

    private final long ttlNanos;
    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();

    ExpiringKeys(Duration ttl) {
        this.ttlNanos = ttl.toNanos();
    }

    /** Adds a key (or restarts its time). */
    void add(String key) {
        expiries.put(key, System.nanoTime() + ttlNanos);
    }

    /** Whether the key was added and has not expired. */
    boolean contains(String key) {
        Long until = expiries.get(key);
        if (until == null) {
            return false;
        }
        if (until - System.nanoTime() <= 0) {
            expiries.remove(key, until);
            return false;
        }
        return true;
    }

    /** Removes a key. */
    void remove(String key) {
        expiries.remove(key);
    }
}
