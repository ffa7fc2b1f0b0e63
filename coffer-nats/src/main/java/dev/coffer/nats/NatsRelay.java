package dev.coffer.nats;

import dev.coffer.tools.cluster.BusUrl;
import dev.coffer.tools.cluster.Relay;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Messages over one NATS subject ({@code <prefix>.bus}, {@code prefix=NAME} in the URL, default {@code coffer}).
 * The client reconnects by itself (forever); the gap is reported once it is back. Core NATS keeps nothing: what is
 * published while an instance is disconnected is lost to it.
 */
final class NatsRelay implements Relay {

    private final String server;
    private final String subject;
    private Connection connection;

    NatsRelay(String url) {
        BusUrl split = BusUrl.parse(url);
        this.server = split.base();
        this.subject = split.prefix() + ".bus";
    }

    @Override
    public void start(Consumer<String> onMessage, Runnable onGap) {
        ConnectionListener listener = (conn, event) -> {
            if (event == ConnectionListener.Events.RECONNECTED) {
                onGap.run();
            }
        };
        Options options;
        try {
            options = Options.builder().server(server).maxReconnects(-1).reconnectWait(Duration.ofSeconds(1))
                    .connectionTimeout(Duration.ofSeconds(5)).connectionListener(listener)
                    .connectionName("coffer-bus").build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a NATS URL: " + e.getMessage(), e);
        }
        try {
            connection = Nats.connect(options);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot connect to NATS at " + server + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("interrupted while connecting to NATS", e);
        }
        Dispatcher dispatcher = connection.createDispatcher(m -> onMessage.accept(new String(m.getData(),
                StandardCharsets.UTF_8)));
        dispatcher.subscribe(subject);
        try {
            connection.flush(Duration.ofSeconds(5)); // the subscription is registered with the server
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IllegalArgumentException("NATS did not confirm the subscription: " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String message) {
        connection.publish(subject, message.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
