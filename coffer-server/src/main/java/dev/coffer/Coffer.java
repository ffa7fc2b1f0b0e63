package dev.coffer;

import dev.coffer.apis.ApiDocsPage;
import dev.coffer.apis.ApiHooks;
import dev.coffer.apis.BatchApi;
import dev.coffer.apis.ExtensionsApi;
import dev.coffer.apis.SqlApi;
import dev.coffer.apis.UiExtension;
import dev.coffer.apis.UiSchemaApi;
import dev.coffer.apis.ApiRouter;
import dev.coffer.apis.ApiServer;
import dev.coffer.apis.BackupsApi;
import dev.coffer.apis.CollectionInferenceApi;
import dev.coffer.apis.CollectionsApi;
import dev.coffer.apis.CorsMiddleware;
import dev.coffer.apis.CronsApi;
import dev.coffer.apis.DashboardApi;
import dev.coffer.apis.DefaultMiddlewares;
import dev.coffer.apis.FilesApi;
import dev.coffer.apis.GzipMiddleware;
import dev.coffer.apis.HealthApi;
import dev.coffer.apis.LogsApi;
import dev.coffer.apis.OpenApiApi;
import dev.coffer.apis.MetricsApi;
import dev.coffer.apis.PublicDirApi;
import dev.coffer.apis.RealtimeApi;
import dev.coffer.apis.RealtimeOAuth2Relay;
import dev.coffer.apis.RecordAuthApi;
import dev.coffer.apis.RecordAuthFlowsApi;
import dev.coffer.apis.RecordCrudApi;
import dev.coffer.apis.RecordHistoryApi;
import dev.coffer.apis.EventsApi;
import dev.coffer.apis.JobsApi;
import dev.coffer.apis.WebhooksApi;
import dev.coffer.apis.RecordOAuth2Api;
import dev.coffer.apis.RequestMetricsMiddleware;
import dev.coffer.apis.SettingsApi;
import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.auth.Superusers;
import dev.coffer.core.record.Record;
import dev.coffer.core.event.TerminateEvent;
import dev.coffer.core.metrics.RealtimeMeters;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.InMemoryBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of Coffer, for the CLI and for Java applications alike: build it from a config, bind hooks
 * and add routes, then {@link #start()} it.
 *
 * <pre>{@code
 * try (Coffer coffer = Coffer.create(CofferConfig.of(Path.of("pb_data")).withHttp("127.0.0.1", 8090))) {
 *     coffer.routes(r -> r.get("/hello", e -> e.json(200, Map.of("message", "hi"))));
 *     coffer.apiHooks().onRecordAuthRequest().bind(e -> { e.setMeta(Map.of("x", 1)); e.next(); });
 *     coffer.start();
 *     coffer.awaitShutdown();
 * }
 * }</pre>
 */
public final class Coffer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Coffer.class);
    private static final long INSTALLER_TOKEN_SECONDS = 30 * 60;
    /** Job queue workers started with the server (call {@code app().jobs().start(n)} before to have more). */
    private static final int JOB_WORKERS = 4;

    private final CofferConfig config;
    private final App app;
    private final ApiHooks apiHooks = new ApiHooks();
    private final ApiRouter router = new ApiRouter();
    private final Broker realtime = new InMemoryBroker();
    private ApiServer server;
    private final ExtensionsApi uiExtensions;
    private final boolean dashboard;
    private final Object lock = new Object();
    private boolean closed;

    private Coffer(CofferConfig config, App app) {
        this.config = config;
        this.app = app;
        DefaultMiddlewares.bind(apiHooks);
        RequestMetricsMiddleware.bind(apiHooks, app.metrics());
        RealtimeMeters.bind(app.metrics(), realtime);
        CorsMiddleware.bind(apiHooks, config.origins());
        if (config.gzip()) {
            GzipMiddleware.bind(apiHooks);
        }
        HealthApi.bind(router);
        RecordAuthApi.bind(router, apiHooks);
        RecordAuthFlowsApi.bind(router, apiHooks);
        dashboard = DashboardApi.bind(router, Coffer.class.getClassLoader(), dashboardSourceDir());
        RecordOAuth2Api.bind(router, apiHooks, new RealtimeOAuth2Relay(realtime, app.cluster()), dashboard,
                app.cluster());
        RecordCrudApi.bind(router, apiHooks);
        RecordHistoryApi.bind(router);
        EventsApi.bind(router);
        JobsApi.bind(router);
        WebhooksApi.bind(router, apiHooks);
        BatchApi.bind(router, apiHooks);
        SqlApi.bind(router);
        CollectionsApi.bind(router, apiHooks);
        CollectionInferenceApi.bind(router);
        UiSchemaApi.bind(router);
        SettingsApi.bind(router, apiHooks);
        RealtimeApi.bind(router, app, realtime, apiHooks);
        FilesApi.bind(router, apiHooks);
        LogsApi.bind(router);
        CronsApi.bind(router);
        uiExtensions = ExtensionsApi.bind(router);
        BackupsApi.bind(router);
        OpenApiApi.bind(router);
        if (dashboard) {
            ApiDocsPage.bind(router, Coffer.class.getClassLoader());
        }
        MetricsApi.bind(router, app);
        if (config.publicDir() != null) {
            PublicDirApi.bind(router, config.publicDir(), config.indexFallback());
        }
    }

    /**
     * Opens the data directory (creating and migrating it as needed) and prepares the API; nothing listens
     * until {@link #start()}.
     *
     * @throws dev.coffer.core.AppStartException with a one-line reason when the data directory is unusable
     */
    public static Coffer create(CofferConfig config) {
        App app = App.open(new AppConfig(config.dataDir(), config.dev(), AppConfig.DEFAULT_READERS)
                .withEncryption(config.encryptionEnv(), encryptionKey(config.encryptionEnv()))
                .withQueryTimeout(config.queryTimeout())
                .withDatabase(config.database())
                .withDataSource(config.dataSource()));
        return new Coffer(config, app);
    }

    /**
     * The dashboard's source folder when the environment variable {@code COFFER_UI_DIR} names one (the
     * dashboard's files are then read afresh on every request, for working on them), else null.
     */
    static Path dashboardSourceDir() {
        String dir = System.getenv("COFFER_UI_DIR");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Whether the admin dashboard is served at {@code /_/} (the coffer-ui module is on the classpath). */
    public boolean dashboard() {
        return dashboard;
    }

    /**
     * When no superuser exists yet (but the installer one), the one-time link to the dashboard page that creates
     * the first superuser: {@code <base>/_/#/pbinstall/<token>}, the token of the installer superuser (created
     * now if needed), valid for 30 minutes. Empty when a superuser exists or the dashboard is not served.
     */
    public Optional<String> installerLink() {
        Superusers superusers = new Superusers(app);
        if (!dashboard || !superusers.installerNeeded()) {
            return Optional.empty();
        }
        Record installer = superusers.installer();
        String token = app.tokens().newAuthToken(installer, false, INSTALLER_TOKEN_SECONDS);
        return Optional.of(baseUrl() + "/_/#/pbinstall/" + token);
    }

    /** The value of the named environment variable ({@code ""} when none is named or it is unset). */
    static String encryptionKey(String env) {
        String value = env.isEmpty() ? null : System.getenv(env);
        return value == null ? "" : value;
    }

    /**
     * Declares collections in code (see {@link dev.coffer.core.migrations.CollectionSchema}): {@code coffer migrate}
     * (or {@code JsMigrations.writeDeclared}) turns the differences from the database into migration files.
     */
    public Coffer collections(java.util.function.Consumer<dev.coffer.core.migrations.CollectionSchema> schema) {
        app.migrations().declare(schema);
        return this;
    }

    /** The config. */
    public CofferConfig config() {
        return config;
    }

    /** The application: databases, collections, records, settings, model hooks. */
    public App app() {
        return app;
    }

    /**
     * Adds a dashboard extension: its files are served under {@code /_/extensions/<name>/} and its
     * {@code main.js} is included in {@code /_/extensions.js}.
     */
    public Coffer addUiExtension(UiExtension extension) {
        uiExtensions.add(extension);
        return this;
    }

    /** The request hooks. */
    public ApiHooks apiHooks() {
        return apiHooks;
    }

    /** The realtime clients connected to this server (for sending custom messages). */
    public Broker realtime() {
        return realtime;
    }

    /** Adds routes; application routes win over built-in ones with the same pattern. */
    public Coffer routes(Consumer<ApiRouter> registration) {
        registration.accept(router);
        return this;
    }

    /**
     * Starts serving HTTP.
     *
     * @throws IllegalStateException with a one-line reason when the address can't be bound
     */
    public Coffer start() {
        synchronized (lock) {
            if (server != null) {
                throw new IllegalStateException("already started");
            }
            List<String> applied = app.migrations().up(); // the app's pending migrations, before anything is served
            if (!applied.isEmpty()) {
                LOG.info("applied {} migration(s): {}", applied.size(), applied);
            }
            app.joinCluster(config.bus());
            ApiServer s = new ApiServer(app, apiHooks, router);
            s.start(config.host(), config.port(), config.gracefulStopMillis());
            server = s;
            app.cluster().announce(baseUrl());
            app.webhooks().serverAddress(baseUrl());
            app.cron().start();
            app.jobs().start(JOB_WORKERS);
            // debug: `coffer serve` prints its own banner with the address, as PocketBase does
            LOG.debug("Server started at http://{}:{}", config.host(), s.port());
            return this;
        }
    }

    /** The port the server listens on. */
    public int port() {
        synchronized (lock) {
            if (server == null) {
                throw new IllegalStateException("not started");
            }
            return server.port();
        }
    }

    /** The base URL of the running server, such as {@code http://127.0.0.1:8090}. */
    public String baseUrl() {
        String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + h + ":" + port();
    }

    /** Whether {@link #close()} was called. */
    public boolean closed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Blocks until {@link #close()} is called (from a shutdown hook, say). */
    public void awaitShutdown() throws InterruptedException {
        synchronized (lock) {
            while (!closed) {
                lock.wait();
            }
        }
    }

    /**
     * Stops the server (in-flight requests finish), runs the terminate hooks and closes the databases,
     * checkpointing their write-ahead logs.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (server != null) {
                    app.history().endWaits(); // long polls and event streams answer now rather than hold the stop
                    server.stop();
                    server = null;
                }
                app.hooks().onTerminate().trigger(new TerminateEvent(app), e -> app.close());
            } catch (Exception e) {
                LOG.warn("shutdown failed", e);
                app.close();
            } finally {
                lock.notifyAll();
            }
        }
    }
}
