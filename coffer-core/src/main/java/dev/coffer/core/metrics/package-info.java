/**
 * The app's metrics: {@link dev.coffer.core.metrics.AppMetrics} owns the Micrometer registry that
 * {@link dev.coffer.core.App#metrics()} returns and binds the meters of the app itself (JVM, databases, logs);
 * {@code DatabaseMeters} and {@link dev.coffer.core.metrics.RealtimeMeters} are the meters
 * of a database and of a realtime broker.
 *
 * <p><b>Naming.</b> Coffer's meters are named in Micrometer's dotted style under {@code coffer.}, a dot per word
 * group, with the unit left to the meter type: {@code coffer.http.requests} (a timer), {@code coffer.db.pool.pending}
 * (a gauge), {@code coffer.logs.dropped} (a counter). Prometheus shows them as {@code coffer_http_requests_seconds},
 * {@code coffer_db_pool_pending}, {@code coffer_logs_dropped_total}. A component of the app registers its meters
 * on {@code app.metrics()} the same way, under its own group ({@code coffer.jobs.*}, {@code coffer.webhook.*}); tags
 * are lower camel case and take few values (a route pattern, never a raw path or an id). The JVM's meters keep
 * Micrometer's standard names ({@code jvm.*}, {@code process.*}, {@code system.*}).
 */
package dev.coffer.core.metrics;
