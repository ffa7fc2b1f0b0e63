package dev.coffer.apis;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.settings.RateLimits;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.types.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies the {@code rateLimits} settings, as PocketBase does: each request is matched to the first rule for its
 * labels (for collection routes {@code name:action} then {@code *:action}; then {@code METHOD /path} and
 * {@code /path}, with prefix rules ending in {@code /}) and audience ({@code @guest} or {@code @auth}), and
 * counted per client IP ({@link RequestEvent#realIP()}) in a fixed window of the rule's duration. Past the
 * limit the answer is 429 {@code Too Many Requests.}. Superusers and the excluded IPs are never limited; a
 * settings change starts every window afresh.
 */
public final class RateLimitMiddleware {

    /** Id of the rate limit middleware. */
    public static final String ID = "coffer:rateLimit";
    /** Its priority: after the auth token is loaded (the audience and superusers depend on it). */
    public static final int PRIORITY = DefaultMiddlewares.LOAD_AUTH_TOKEN_PRIORITY + 10;

    private final RateLimiterStore store;
    private volatile Settings seen;

    RateLimitMiddleware(RateLimiterStore store) {
        this.store = store;
    }

    /** Binds the middleware. */
    public static void bind(ApiHooks hooks) {
        RateLimitMiddleware m = new RateLimitMiddleware(new RateLimiterStore());
        hooks.onRequest().bind(ID, PRIORITY, m::handle);
    }

    private void handle(RequestEvent e) throws Exception {
        Settings settings = e.app().settings();
        RateLimits limits = settings.rateLimits();
        if (settings != seen) {
            seen = settings; // a new settings instance: rules may have changed, so the windows restart
            store.clear();
        }
        if (limits.enabled() && !e.isSuperuser()) {
            String ip = e.realIP();
            if (!ip.isEmpty() && !IpAddress.inList(limits.excludedIps(), ip)) {
                check(e, limits, ip);
            }
        }
        e.next();
    }

    private void check(RequestEvent e, RateLimits limits, String ip) {
        String audience = e.auth() == null ? RateLimits.AUDIENCE_GUEST : RateLimits.AUDIENCE_AUTH;
        String path = e.path();
        List<String> labels = new ArrayList<>(6);
        String limiter = null;
        Optional<CollectionRoute> route = CollectionRoute.of(e.method(), path);
        if (route.isPresent()) {
            Optional<Collection> c = e.app().collections().find(route.get().collection());
            if (c.isPresent()) {
                route.get().tags().forEach(t -> labels.add(c.get().name() + ":" + t));
                route.get().tags().forEach(t -> labels.add("*:" + t));
                limiter = c.get().id() + " " + route.get().pattern() + " " + String.join(",", route.get().tags());
            }
        }
        labels.add(e.method() + " " + path);
        labels.add(path);
        Optional<RateLimits.Rule> rule = limits.find(labels, audience);
        if (rule.isEmpty()) {
            return;
        }
        RateLimits.Rule r = rule.get();
        String key = (limiter == null ? r.label() : limiter) + "\u0000" + r.audience() + "\u0000" + ip;
        // several instances count together in the database; one instance counts in memory
        boolean within = e.app().cluster().clustered()
                ? e.app().cluster().acquire(key, r.maxRequests(), r.duration())
                : store.tryAcquire(key, r.maxRequests(), r.duration());
        if (!within) {
            throw new ApiError(429, "", null);
        }
    }
}
