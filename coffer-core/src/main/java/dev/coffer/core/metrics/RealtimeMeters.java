package dev.coffer.core.metrics;

import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Deliveries;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of a realtime broker, read when scraped (nothing is added to the send path beyond the broker's own
 * tally): the connected clients ({@code coffer.realtime.clients}), the messages queued to them
 * ({@code coffer.realtime.messages.sent}) and the clients discarded because they fell too far behind
 * ({@code coffer.realtime.clients.dropped}).
 */
public final class RealtimeMeters {

    private RealtimeMeters() {}

    /** Registers the meters of {@code broker} on {@code registry}. */
    public static void bind(MeterRegistry registry, Broker broker) {
        Gauge.builder("coffer.realtime.clients", broker, Broker::size)
                .description("Realtime clients connected to this instance").strongReference(true).register(registry);
        Deliveries deliveries = broker.deliveries();
        FunctionCounter.builder("coffer.realtime.messages.sent", deliveries, Deliveries::queued)
                .description("Realtime messages queued to this instance's clients").register(registry);
        FunctionCounter.builder("coffer.realtime.clients.dropped", deliveries, Deliveries::overflows)
                .description("Realtime clients discarded because their message queue overflowed").register(registry);
    }
}
