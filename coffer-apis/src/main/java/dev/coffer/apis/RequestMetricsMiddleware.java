package dev.coffer.apis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request into the timer {@code coffer.http.requests} (Prometheus: {@code coffer_http_requests_seconds}
 * with {@code _count}, {@code _sum}, {@code _max} and {@code _bucket} series), tagged with the matched route's
 * pattern ({@code route}, such as {@code /api/collections/{collection}/records/{id}}; {@value #NOT_FOUND} for a 404
 * no route matched and {@value #UNMATCHED} for any other unrouted answer, such as a CORS preflight), the method and
 * the status the response has (or, when the handling failed, will have). The time runs from before the other
 * middlewares until the handler and every middleware returned.
 *
 * <p>The hot path allocates one small key and finds its timer in a map; a timer is registered only the first time a
 * route, method and status are seen together.
 */
public final class RequestMetricsMiddleware {

    /** Id of the middleware. */
    public static final String ID = "coffer:requestMetrics";
    /** Priority: first of all, so that the time covers the other middlewares and the requests they reject. */
    public static final int PRIORITY = -3000;
    /** The timer's name. */
    public static final String METER = "coffer.http.requests";
    /** The route tag of a 404 that matched no route. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The route tag of any other request that matched no route. */
    public static final String UNMATCHED = "UNMATCHED";
    /** The request times the histogram counts up to. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10),
    };

    private record Key(String route, String method, int status) {}

    private final MeterRegistry registry;
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    private RequestMetricsMiddleware(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds the middleware, timing requests into {@code registry} (the app's, {@code app.metrics()}). */
    public static void bind(ApiHooks hooks, MeterRegistry registry) {
        RequestMetricsMiddleware meters = new RequestMetricsMiddleware(registry);
        hooks.onRequest().bind(ID, PRIORITY, e -> {
            long started = System.nanoTime();
            Throwable failure = null;
            try {
                e.next();
            } catch (Exception | Error ex) {
                failure = ex;
                throw ex;
            } finally {
                meters.record(e, failure, System.nanoTime() - started);
            }
        });
    }

    private void record(RequestEvent e, Throwable failure, long nanos) {
        try {
            int status = failure == null || e.written() ? e.status() : ApiServer.errorStatus(failure);
            String route = e.route();
            if (route.isEmpty()) {
                route = status == 404 ? NOT_FOUND : UNMATCHED;
            }
            Key key = new Key(route, e.method(), status);
            Timer timer = timers.get(key);
            if (timer == null) {
                timer = timers.computeIfAbsent(key, this::register);
            }
            timer.record(nanos, TimeUnit.NANOSECONDS);
        } catch (RuntimeException ignored) {
            // measuring never changes the response
        }
    }

    private Timer register(Key key) {
        return Timer.builder(METER).description("HTTP requests by route pattern, method and status")
                .tag("route", key.route()).tag("method", key.method()).tag("status", Integer.toString(key.status()))
                .serviceLevelObjectives(BUCKETS).register(registry);
    }
}
