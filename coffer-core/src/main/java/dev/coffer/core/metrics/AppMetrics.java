package dev.coffer.core.metrics;

import dev.coffer.core.logs.LogBatcher;
import dev.coffer.tools.db.Database;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics of one app: a {@link CompositeMeterRegistry} that every part of the app registers its meters on, with
 * a {@link PrometheusMeterRegistry} in it from the start (which {@code GET /api/metrics} renders); an application
 * may add another backend with {@code registry().add(...)}.
 *
 * <p>Binding registers the meters of the app itself: the JVM's (memory, GC, threads, class loading, processor,
 * uptime), each database's ({@code DatabaseMeters}) and the log writer's ({@code coffer.logs.written},
 * {@code coffer.logs.dropped}, {@code coffer.logs.queued}). See the package documentation for the naming.
 */
public final class AppMetrics implements AutoCloseable {

    private final CompositeMeterRegistry registry = new CompositeMeterRegistry();
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private AppMetrics() {
        registry.add(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /**
     * Creates the registry of an app and binds the app's own meters.
     *
     * @param data the records' database
     * @param auxiliary the logs' database (the same object as {@code data} on a database server)
     * @param logs the writer of the app's log
     */
    public static AppMetrics bind(Database data, Database auxiliary, LogBatcher logs) {
        AppMetrics metrics = new AppMetrics();
        MeterRegistry r = metrics.registry;
        new JvmMemoryMetrics().bindTo(r);
        metrics.gc.bindTo(r);
        new JvmThreadMetrics().bindTo(r);
        new ClassLoaderMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        DatabaseMeters.bind(r, "data", data);
        if (auxiliary != data) {
            DatabaseMeters.bind(r, "auxiliary", auxiliary);
        }
        FunctionCounter.builder("coffer.logs.written", logs, LogBatcher::written)
                .description("Log rows written to the logs table").register(r);
        FunctionCounter.builder("coffer.logs.dropped", logs, LogBatcher::dropped)
                .description("Log rows dropped: the writer's queue was full, or writing them failed").register(r);
        Gauge.builder("coffer.logs.queued", logs, LogBatcher::queued)
                .description("Log rows waiting to be written").strongReference(true).register(r);
        return metrics;
    }

    /** The registry every meter of the app is registered on. */
    public CompositeMeterRegistry registry() {
        return registry;
    }

    /** Stops the JVM's GC listener and closes the registry. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
