package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Client;
import dev.coffer.tools.subscriptions.Message;
import io.javalin.http.Context;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.EndPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One realtime client's server-sent event stream.
 *
 * <p>Threading: the request is switched to servlet async mode (Javalin's {@code ctx.future}), so the Jetty
 * request thread returns at once; a <em>virtual</em> thread per connection then waits on the client's queue and
 * writes each message. A waiting virtual thread is unmounted and holds no platform thread, so thousands of idle
 * streams cost a few kilobytes each and no carrier. The stream ends after the idle timeout without messages, at
 * the maximum lifetime, when a write fails, when the peer closes or resets the connection (noticed within a
 * second by {@link ClosedConnectionWatch}) or when Jetty reports the connection failed; the client is then removed
 * from the broker.
 */
final class RealtimeStream {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeStream.class);
    private static final Duration IDLE_MARGIN = Duration.ofMinutes(1);
    private static final int STREAM_BUFFER_BYTES = 1024;
    /** The most queued messages written before one flush. */
    private static final int MAX_BATCH = 64;

    private final Client client;
    private final Broker broker;
    private final ApiHooks hooks;
    private final App app;
    private final HttpServletResponse response;
    private final EndPoint endPoint;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Set once Jetty ended the exchange (completed, failed or timed out): nothing is left for the HTTP layer to do. */
    private final AtomicBoolean exchangeOver = new AtomicBoolean();

    private RealtimeStream(Client client, Broker broker, ApiHooks hooks, App app, HttpServletResponse response,
            EndPoint endPoint, Duration idleTimeout, Duration maxLifetime) {
        this.client = client;
        this.broker = broker;
        this.hooks = hooks;
        this.app = app;
        this.response = response;
        this.endPoint = endPoint;
        this.idleTimeout = idleTimeout;
        this.maxLifetime = maxLifetime;
    }

    /** Registers a new client for the request and streams its messages until the stream ends. */
    static void open(RequestEvent e, Broker broker, ApiHooks hooks, Duration idleTimeout, Duration maxLifetime) {
        Context ctx = e.ctx();
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setHeader("Content-Type", "text/event-stream");
        res.setHeader("Cache-Control", "no-store");
        res.setHeader("X-Accel-Buffering", "no");
        // every frame is flushed at once, so a big output buffer would only hold memory for as long as the
        // stream lives (Jetty's default is 32 KiB of direct memory per response: 320 MiB for 10,000 streams)
        res.setBufferSize(STREAM_BUFFER_BYTES);
        // Jetty's own idle timeout must not end the stream before ours does
        EndPoint endPoint = ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData()
                .getConnection().getEndPoint();
        endPoint.setIdleTimeout(idleTimeout.plus(IDLE_MARGIN).toMillis());
        Client client = RealtimeClients.open(broker, e.realIP());
        RealtimeStream stream = new RealtimeStream(client, broker, hooks, e.app(), res, endPoint, idleTimeout,
                maxLifetime);
        // the connect frame goes out on the request thread: the client has its id without waiting for the
        // writer thread to be scheduled
        try {
            stream.write(res.getOutputStream(), new Message("PB_CONNECT", "{\"clientId\":\"" + client.id() + "\"}"));
        } catch (IOException ex) {
            LOG.debug("realtime stream {} failed to connect: {}", client.id(), ex.toString());
            broker.unregister(client.id());
            return;
        }
        ctx.future(() -> stream.start(ctx));
    }

    /** Called once the request is asynchronous: watches the connection and starts the writer. */
    private CompletableFuture<Void> start(Context ctx) {
        if (ctx.req().isAsyncStarted()) {
            AsyncContext async = ctx.req().getAsyncContext();
            async.setTimeout(0);
            async.addListener(new ConnectionWatch());
        }
        // a client that closes or resets its connection is noticed within a second, not at the next write
        ClosedConnectionWatch.get().watch(endPoint, client::discard);
        Thread.ofVirtual().name("coffer-realtime").start(this::run);
        return closed;
    }

    private void run() {
        try {
            OutputStream out = response.getOutputStream();
            ByteArrayOutputStream batch = new ByteArrayOutputStream(1024);
            long end = System.nanoTime() + maxLifetime.toNanos();
            while (true) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Message m = client.next(Math.min(idleTimeout.toNanos(), left), TimeUnit.NANOSECONDS);
                if (m == null) {
                    break;
                }
                // the messages that queued up meanwhile go out with it, in one flush: under load a client gets
                // fewer, larger writes instead of falling behind one system call per message
                int batched = 0;
                batch.reset();
                do {
                    Message sent = RealtimeMessages.outgoing(hooks, app, client.id(), m);
                    if (sent != null) {
                        batch.writeBytes(frame(sent));
                    }
                    batched++;
                } while (batched < MAX_BATCH && (m = client.poll()) != null);
                batch.writeTo(out);
                out.flush();
            }
        } catch (IOException | RuntimeException ex) {
            LOG.debug("realtime stream {} ended: {}", client.id(), ex.toString());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        } finally {
            ClosedConnectionWatch.get().stop(endPoint);
            broker.unregister(client.id());
            if (!exchangeOver.get()) {
                // the HTTP layer finishes the request (and its response) on this thread
                closed.complete(null);
            }
        }
    }

    private void write(OutputStream out, Message m) throws IOException {
        out.write(frame(m));
        out.flush();
    }

    private byte[] frame(Message m) {
        return ("id:" + client.id() + "\nevent:" + m.name() + "\ndata:" + m.data() + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Ends the stream when Jetty reports the connection failed or the exchange completed. */
    private final class ConnectionWatch implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            exchangeEnded();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            exchangeEnded();
        }

        @Override
        public void onError(AsyncEvent event) {
            exchangeEnded();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // nothing to watch for a restarted exchange
        }

        private void exchangeEnded() {
            exchangeOver.set(true);
            client.discard();
        }
    }
}
