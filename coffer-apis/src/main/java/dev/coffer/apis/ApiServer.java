package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.types.Failures;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin (Jetty) as transport only. Every request goes through the
 * {@link ApiHooks#onRequest()} chain and then the {@link ApiRouter}; anything unmatched is PocketBase's
 * JSON 404, every error is written in the one error shape. WebSocket upgrade requests take the same way
 * ({@link WebSocketUpgrade}): a route may accept them.
 */
public final class ApiServer {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** The default request body limit (32 MiB, as PocketBase). */
    public static final long DEFAULT_BODY_LIMIT = 32L << 20;
    /** The most bytes a request line and its headers may take (Go's {@code http.DefaultMaxHeaderBytes}). */
    public static final int MAX_REQUEST_HEADER_BYTES = 1 << 20;
    private static final int MAX_REQUEST_THREADS = 200;
    private static final int MIN_REQUEST_THREADS = 8;
    private static final long REQUEST_THREAD_STACK_BYTES = 4L << 20;
    /**
     * The listen backlog asked for; the kernel caps it at {@code net.core.somaxconn}, as it does Go's listener (and so
     * PocketBase's). The JDK's default of 50 drops connection attempts when hundreds arrive at once (a realtime
     * client's reconnect wave), and each dropped one waits a second for its SYN to be resent.
     */
    static final int ACCEPT_QUEUE_SIZE = 65_535;

    private final App app;
    private final ApiHooks hooks;
    private final ApiRouter router;
    private Javalin javalin;

    /** Creates a server for an app with its hooks and routes. */
    public ApiServer(App app, ApiHooks hooks, ApiRouter router) {
        this.app = app;
        this.hooks = hooks;
        this.router = router;
    }

    /**
     * Starts listening; stopping later waits up to {@code gracefulStopMillis} for in-flight requests.
     *
     * @throws IllegalStateException with a one-line reason when the address can't be bound
     */
    public void start(String host, int port, long gracefulStopMillis) {
        skipJettyManagementLookup();
        AtomicReference<ServletContextHandler> context = new AtomicReference<>();
        javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.router.ignoreTrailingSlashes = false;
            config.router.treatMultipleSlashesAsSingleSlash = false;
            config.http.maxRequestSize = DEFAULT_BODY_LIMIT + (64L << 20);
            config.http.generateEtags = false;
            config.http.compressionStrategy = CompressionStrategy.NONE; // as PocketBase: no response compression by default
            // platform request threads: SQLite's JNI calls then run inline instead of being handed between threads
            // 4 MiB stacks (reserved, touched only as used): a filter nested as deep as its 3500 bytes allow parses
            QueuedThreadPool pool = new QueuedThreadPool(MAX_REQUEST_THREADS, MIN_REQUEST_THREADS, 60_000, -1, null,
                    null, runnable -> new Thread(null, runnable, "coffer-http", REQUEST_THREAD_STACK_BYTES));
            pool.setName("coffer-http");
            config.jetty.threadPool = pool;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(gracefulStopMillis);
                server.setErrorHandler(new TransportErrorHandler());
            });
            // a request line and headers up to 1 MiB, as Go's server (and so PocketBase) takes them
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE_SIZE);
                return connector;
            });
            // dispatch answers its own failures, so only what fails outside it comes here: above all the rest of a
            // realtime stream's request, run when the stream ends, after the server or the client may have finished
            // the exchange. Javalin's default answer would touch the finished exchange, fail, and be retried
            // forever (holding a carrier of the process's virtual threads); this one never throws.
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.debug("request failed outside the API's handling: {}", e.toString());
                try {
                    if (!ctx.res().isCommitted()) {
                        ApiError err = ApiError.internal("Something went wrong while processing your request.");
                        ctx.status(err.status()).json(err.toJson());
                    }
                } catch (RuntimeException ignored) {
                    // the exchange is over: nothing can be answered
                }
            });
            for (HandlerType type : HandlerType.commonHttp()) {
                config.routes.addHttpHandler(type, "/", this::dispatch);
                config.routes.addHttpHandler(type, "/<path>", this::dispatch);
            }
            config.jetty.modifyServletContextHandler(handler -> {
                context.set(handler);
                handler.addFilter(new FilterHolder(new WebSocketUpgrade()), "/*", EnumSet.of(DispatcherType.REQUEST));
            });
        });
        try {
            javalin.start(host, port);
            // per-message compression would keep a deflater and an inflater (hundreds of KiB of native memory) for
            // each of thousands of mostly idle connections: realtime frames are small, so none is offered
            WebSocketServerComponents.getWebSocketComponents(context.get()).getExtensionRegistry()
                    .unregister("permessage-deflate");
        } catch (RuntimeException e) {
            javalin = null;
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + Failures.rootMessage(e), e);
        }
    }

    /**
     * Tells Jetty how many object references fit a 64-byte cache line (for the padding of its thread pool's
     * queue) unless already told: otherwise it starts the JVM's management server to ask whether references are
     * compressed, which loads a few hundred classes that nothing else uses. References are 4 bytes below a 32 GiB
     * heap (compressed), else 8.
     */
    static void skipJettyManagementLookup() {
        String key = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(key) == null) {
            System.setProperty(key, Runtime.getRuntime().maxMemory() < (32L << 30) ? "16" : "8");
        }
    }

    /** The bound port. */
    public int port() {
        return javalin.port();
    }

    /** Stops accepting requests, lets in-flight ones finish, then closes the server. */
    public void stop() {
        if (javalin != null) {
            javalin.stop();
            javalin = null;
        }
    }

    private void dispatch(Context ctx) {
        String path = ctx.req().getRequestURI();
        Optional<ApiRouter.Match> match = router.match(ctx.req().getMethod(), path);
        RequestEvent event = new RequestEvent(app, new JavalinExchange(ctx),
                match.map(ApiRouter.Match::params).orElse(Map.of()), match.map(ApiRouter.Match::pattern).orElse(""));
        try {
            hooks.onRequest().trigger(event, e -> {
                if (match.isEmpty()) {
                    throw ApiError.notFound("");
                }
                match.get().handler().handle(e);
            });
        } catch (Exception err) {
            writeError(event, toApiError(err, ctx.req().getMethod(), path));
        } catch (StackOverflowError err) {
            // input nested deeper than the stack allows (a filter, JSON): refused, not a 500 without a body
            LOG.warn("request {} {} nested too deep", ctx.req().getMethod(), path);
            writeError(event, ApiError.badRequest(""));
        }
    }

    /** The error response for a failure of a request's handling (unexpected failures are logged). */
    static ApiError toApiError(Exception err, String method, String path) {
        if (err instanceof ApiError api) {
            return api;
        }
        if (err instanceof ValidationException v) {
            return ApiError.badRequest("An error occurred while validating the submitted data.",
                    FieldErrorsJson.of(v.errors()));
        }
        if (err instanceof io.javalin.http.HttpResponseException h) {
            return h.getStatus() == 413 ? BodyLimitMiddleware.tooLarge() : ApiError.badRequest("");
        }
        LOG.warn("request {} {} failed", method, path, err);
        return ApiError.badRequest("");
    }

    /**
     * The status the error response for a failure will have, as {@link #toApiError} decides it (without logging):
     * what the middlewares around the handler record before the response is written.
     */
    static int errorStatus(Throwable err) {
        if (err instanceof ApiError api) {
            return api.status();
        }
        if (err instanceof io.javalin.http.HttpResponseException h && h.getStatus() == 413) {
            return BodyLimitMiddleware.tooLarge().status();
        }
        return 400;
    }

    private static void writeError(RequestEvent event, ApiError err) {
        if (event.written()) {
            return; // the handler already answered (such as the MFA 401) before failing
        }
        event.json(err.status(), err.toJson());
    }
}
