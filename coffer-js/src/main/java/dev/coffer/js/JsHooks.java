package dev.coffer.js;

import dev.coffer.apis.ApiError;
import dev.coffer.apis.ApiHooks;
import dev.coffer.apis.ApiRouter;
import dev.coffer.apis.PublicDirApi;
import dev.coffer.apis.RequestEvent;
import dev.coffer.apis.RequestHandler;
import dev.coffer.apis.event.CollectionRequestEvent;
import dev.coffer.apis.event.RecordFlowRequestEvent;
import dev.coffer.apis.event.RecordRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.core.event.CollectionEvent;
import dev.coffer.core.event.MailerRecordEvent;
import dev.coffer.core.event.ModelErrorEvent;
import dev.coffer.core.event.ModelEvent;
import dev.coffer.core.event.RecordErrorEvent;
import dev.coffer.core.event.RecordEvent;
import dev.coffer.tools.hook.Hook;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PocketBase's {@code pb_hooks}: the {@code *.pb.js} files of a folder, loaded at start (and again on
 * {@code --hooksWatch} changes), register routes ({@code routerAdd}) and middlewares ({@code routerUse}), hooks
 * ({@code onRecordCreateRequest(handler, ...collections)}, {@code onMailerSend}, …) and cron jobs ({@code cronAdd}).
 * As in PocketBase, a handler runs on its own in one engine of a pool (it sees its own scope and the globals, not
 * the other variables of its file), so requests run handlers in parallel; a handler that runs longer than the time
 * limit is stopped, and its request answered with an error. {@link #close()} takes everything bound away again.
 */
public final class JsHooks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("coffer.js.hooks");
    /** How long a handler may run unless changed. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

    // made on first use: a server without hook files never starts the engine
    private static final class Scripts {
        static final Source REGISTER = JsRuntime.resource("hooks-register.js");
        static final Source RUNTIME = JsRuntime.resource("hooks-runtime.js");
    }

    /** A function of a hooks file: its source where it was written, compiled again in each engine of the pool. */
    record Fn(int id, String file, int line, String source) {

        String where() {
            return file + ":" + line;
        }
    }

    /** A route middleware or a global one ({@code routerUse}): a script's function, or one of {@code $apis}'. */
    sealed interface Middleware permits ScriptMiddleware, BuiltinMiddleware {}

    record ScriptMiddleware(Fn fn, String id, int priority) implements Middleware {}

    record BuiltinMiddleware(String name, List<String> args) implements Middleware {}

    /** A route: a script's handler, or {@code $apis.static(dir, indexFallback)}. */
    record Route(String method, String path, Fn fn, String staticDir, boolean indexFallback,
            List<Middleware> middlewares) {}

    /** A hook handler with its tags (collection names or ids; none: every collection). */
    record Binding(String kind, Fn fn, Set<String> tags) {

        boolean isFor(Collection c) {
            return tags.isEmpty() || (c != null && (tags.contains(c.name()) || tags.contains(c.id())));
        }
    }

    /** A {@code cronAdd} (with its function) or a {@code cronRemove} (without), in the order the files made them. */
    record CronChange(String id, String expression, Fn fn) {}

    /** What the files registered. */
    record Registered(List<Route> routes, List<Middleware> global, List<Binding> bindings, List<CronChange> crons,
            int functions) {}

    /** An engine of the pool with the functions it compiled. */
    private static final class Slot {
        final Context context;
        final Map<Integer, Value> compiled = new HashMap<>();
        volatile long deadline;
        Value newEvent;

        Slot(Context context) {
            this.context = context;
        }
    }

    /** The event of {@code onBootstrap}, {@code onServe} and {@code onTerminate} handlers. */
    static final class LifecycleEvent extends dev.coffer.tools.hook.Event {}

    private final App app;
    private final Path dir;
    private final Registered registered;
    private final int poolSize;
    private final ConcurrentLinkedQueue<Slot> idle = new ConcurrentLinkedQueue<>();
    private final Set<Slot> busy = ConcurrentHashMap.newKeySet();
    private final List<Runnable> unbind = new ArrayList<>();
    private final Map<String, Fn> runtimeFns = new ConcurrentHashMap<>();
    private final AtomicInteger nextFnId;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-js-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration timeLimit = DEFAULT_TIME_LIMIT;
    private volatile dev.coffer.tools.subscriptions.Broker realtime;

    private JsHooks(App app, Path dir, Registered registered, int poolSize) {
        this.app = app;
        this.dir = dir;
        this.registered = registered;
        this.poolSize = Math.max(1, poolSize);
        this.nextFnId = new AtomicInteger(registered.functions());
        watchdog.scheduleWithFixedDelay(this::stopOverdue, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** The {@code *.pb.js} files of a folder, in name order (none when it is missing). */
    public static List<Path> files(Path dir) {
        return JsRuntime.scripts(dir, ".pb.js");
    }

    /**
     * Loads the hooks of {@code dir} and binds them to the app, its request hooks and its router; null when the
     * folder has no {@code *.pb.js} file (no engine is started then). {@link #bootstrap()} then runs the
     * {@code onBootstrap} handlers, {@link #serve()} the {@code onServe} ones.
     *
     * @throws IllegalStateException with the file and line when a file fails to load
     */
    public static JsHooks load(App app, ApiHooks apiHooks, ApiRouter router, Path dir, int poolSize) {
        List<Path> files = files(dir);
        if (files.isEmpty()) {
            return null;
        }
        Registrar registrar = new Registrar(0);
        try (Context loader = JsRuntime.newHooksContext(app, dir)) {
            loader.getBindings("js").putMember("__cofferRegister", registrar);
            loader.eval(Scripts.RUNTIME);
            loader.eval(Scripts.REGISTER);
            for (Path f : files) {
                try {
                    loader.eval(Source.newBuilder("js", f.toFile()).name(f.getFileName().toString()).build());
                } catch (PolyglotException e) {
                    throw new IllegalStateException("failed to load " + f.getFileName() + ": " + JsRuntime.describe(e),
                            e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + f, e);
                }
            }
        }
        JsHooks hooks = new JsHooks(app, dir, registrar.registered(), poolSize);
        hooks.bind(apiHooks, router);
        LOG.info("loaded {} JavaScript route(s), {} hook(s) and {} cron change(s) from {} file(s) in {}",
                hooks.registered.routes().size(), hooks.registered.bindings().size(), hooks.registered.crons().size(),
                files.size(), dir);
        return hooks;
    }

    /** The realtime clients {@code $app.subscriptionsBroker()} reaches (none until set). */
    public JsHooks realtime(dev.coffer.tools.subscriptions.Broker broker) {
        this.realtime = broker;
        return this;
    }

    /** Changes how long a handler may run before it is stopped. */
    public JsHooks timeLimit(Duration value) {
        timeLimit = value;
        return this;
    }

    /** The routes, middlewares and hook handlers loaded. */
    public int size() {
        return registered.routes().size() + registered.global().size() + registered.bindings().size();
    }

    private void bind(ApiHooks apiHooks, ApiRouter router) {
        int n = 0;
        for (Middleware m : registered.global()) {
            String id = "js:use:" + n++;
            apiHooks.onRequest().bind(id, priority(m), e -> runMiddleware(m, e));
            unbind.add(() -> apiHooks.onRequest().unbind(id));
        }
        for (Route r : registered.routes()) {
            RequestHandler end = r.fn() != null ? e -> run(r.fn(), new JsEvent(e, e, null))
                    : PublicDirApi.handler(Path.of(r.staticDir()), r.indexFallback());
            RequestHandler handler = end;
            if (!r.middlewares().isEmpty()) {
                Hook<RequestEvent> chain = new Hook<>();
                int i = 0;
                for (Middleware m : r.middlewares()) {
                    chain.bind("js:mw:" + i++, priority(m), e -> runMiddleware(m, e));
                }
                handler = e -> chain.trigger(e, end::handle);
            }
            router.add(r.method(), r.path(), handler);
            RequestHandler added = handler;
            unbind.add(() -> router.remove(r.method(), r.path(), added));
        }
        for (Binding b : registered.bindings()) {
            bindHook(apiHooks, b);
        }
        for (CronChange c : registered.crons()) {
            if (c.fn() == null) {
                app.cron().remove(c.id());
            } else {
                addCron(c.id(), c.expression(), c.fn());
            }
        }
    }

    private void addCron(String id, String expression, Fn fn) {
        app.cron().add(id, expression, () -> {
            try {
                run(fn, new JsEvent(new LifecycleEvent(), null, null));
            } catch (Exception e) {
                LOG.error("cron job {} ({}) failed: {}", id, fn.where(), e.getMessage());
            }
        });
        unbind.add(() -> app.cron().remove(id));
    }

    private static int priority(Middleware m) {
        return m instanceof ScriptMiddleware s ? s.priority() : 0;
    }

    private void runMiddleware(Middleware m, RequestEvent e) throws Exception {
        if (m instanceof ScriptMiddleware s) {
            run(s.fn(), new JsEvent(e, e, null));
        } else {
            JsApis.run((BuiltinMiddleware) m, e);
        }
    }

    private void bindHook(ApiHooks api, Binding b) {
        String kind = b.kind();
        switch (kind) {
            case "onRecordCreateRequest" -> onRecordRequest(api.onRecordCreateRequest(), b);
            case "onRecordUpdateRequest" -> onRecordRequest(api.onRecordUpdateRequest(), b);
            case "onRecordDeleteRequest" -> onRecordRequest(api.onRecordDeleteRequest(), b);
            case "onRecordViewRequest" -> onRecordRequest(api.onRecordViewRequest(), b);
            case "onRecordsListRequest" -> bindTo(api.onRecordsListRequest(), b,
                    e -> b.isFor(e.collection()) ? new JsEvent(e, e, null).records(e.records())
                            .collection(e.collection()).result(e.page(), e.perPage(), e.totalItems(), e.totalPages())
                            : null);
            case "onRecordAuthRequest" -> bindTo(api.onRecordAuthRequest(), b,
                    e -> b.isFor(e.collection()) ? new JsEvent(e, e, e.record()).authEvent(e) : null);
            case "onRecordAuthWithPasswordRequest" -> bindTo(api.onRecordAuthWithPasswordRequest(), b,
                    e -> b.isFor(e.collection()) ? new JsEvent(e, e, e.record()).collection(e.collection()) : null);
            case "onRecordAuthRefreshRequest" -> bindTo(api.onRecordAuthRefreshRequest(), b,
                    e -> b.isFor(e.collection()) ? new JsEvent(e, e, e.record()) : null);
            case "onRecordAuthWithOAuth2Request" -> bindTo(api.onRecordAuthWithOAuth2Request(), b,
                    e -> b.isFor(e.collection()) ? new JsEvent(e, e, e.record()).collection(e.collection()).oauth2(e)
                            : null);
            case "onRecordRequestVerificationRequest" -> onFlowRequest(api.onRecordRequestVerificationRequest(), b);
            case "onRecordConfirmVerificationRequest" -> onFlowRequest(api.onRecordConfirmVerificationRequest(), b);
            case "onRecordRequestPasswordResetRequest" -> onFlowRequest(api.onRecordRequestPasswordResetRequest(), b);
            case "onRecordConfirmPasswordResetRequest" -> onFlowRequest(api.onRecordConfirmPasswordResetRequest(), b);
            case "onRecordRequestEmailChangeRequest" -> onFlowRequest(api.onRecordRequestEmailChangeRequest(), b);
            case "onRecordConfirmEmailChangeRequest" -> onFlowRequest(api.onRecordConfirmEmailChangeRequest(), b);
            case "onRecordRequestOTPRequest" -> onFlowRequest(api.onRecordRequestOTPRequest(), b);
            case "onRecordAuthWithOTPRequest" -> onFlowRequest(api.onRecordAuthWithOTPRequest(), b);
            case "onRealtimeConnectRequest" -> bindTo(api.onRealtimeConnectRequest(), b, e -> new JsEvent(e, e, null));
            case "onRealtimeSubscribeRequest" -> bindTo(api.onRealtimeSubscribeRequest(), b,
                    e -> new JsEvent(e, e, null).subscribe(e));
            case "onRealtimeMessageSend" -> bindTo(api.onRealtimeMessageSend(), b,
                    e -> new JsEvent(e, null, null).realtime(e));
            case "onFileDownloadRequest" -> bindTo(api.onFileDownloadRequest(), b,
                    e -> b.isFor(e.collection()) ? new JsEvent(e, e, e.record()).collection(e.collection())
                            .extra("fileField", e.fileField()).extra("servedName", e.servedName()) : null);
            case "onSettingsListRequest" -> bindTo(api.onSettingsListRequest(), b,
                    e -> new JsEvent(e, e, null).extra("settings", e.settings().publicJson()));
            case "onSettingsUpdateRequest" -> bindTo(api.onSettingsUpdateRequest(), b,
                    e -> new JsEvent(e, e, null).extra("oldSettings", e.settings().publicJson())
                            .extra("newSettings", e.newSettings().publicJson()));
            case "onCollectionsListRequest" -> bindTo(api.onCollectionsListRequest(), b, e -> {
                ArrayNode list = Json.array();
                e.collections().forEach(c -> list.add(c.toJson()));
                return new JsEvent(e, e, null).extra("collections", list);
            });
            case "onBatchRequest" -> bindTo(api.onBatchRequest(), b, e -> {
                ArrayNode list = Json.array();
                e.requests().forEach(r -> list.addObject().put("method", r.method()).put("url", r.url())
                        .set("body", r.body()));
                return new JsEvent(e, e, null).extra("batch", list);
            });
            case "onCollectionViewRequest" -> onCollectionRequest(api.onCollectionViewRequest(), b);
            case "onCollectionCreateRequest" -> onCollectionRequest(api.onCollectionCreateRequest(), b);
            case "onCollectionUpdateRequest" -> onCollectionRequest(api.onCollectionUpdateRequest(), b);
            case "onCollectionDeleteRequest" -> onCollectionRequest(api.onCollectionDeleteRequest(), b);
            case "onRecordCreate" -> onRecord(app.hooks().onRecordCreate(), b);
            case "onRecordUpdate" -> onRecord(app.hooks().onRecordUpdate(), b);
            case "onRecordDelete" -> onRecord(app.hooks().onRecordDelete(), b);
            case "onRecordAfterCreateSuccess" -> onRecord(app.hooks().onRecordAfterCreateSuccess(), b);
            case "onRecordAfterUpdateSuccess" -> onRecord(app.hooks().onRecordAfterUpdateSuccess(), b);
            case "onRecordAfterDeleteSuccess" -> onRecord(app.hooks().onRecordAfterDeleteSuccess(), b);
            case "onRecordAfterCreateError" -> onRecordError(app.hooks().onRecordAfterCreateError(), b);
            case "onRecordAfterUpdateError" -> onRecordError(app.hooks().onRecordAfterUpdateError(), b);
            case "onRecordAfterDeleteError" -> onRecordError(app.hooks().onRecordAfterDeleteError(), b);
            case "onRecordCreateExecute" -> onRecord(app.hooks().onRecordCreateExecute(), b);
            case "onRecordUpdateExecute" -> onRecord(app.hooks().onRecordUpdateExecute(), b);
            case "onRecordDeleteExecute" -> onRecord(app.hooks().onRecordDeleteExecute(), b);
            case "onCollectionCreateExecute" -> onCollection(app.hooks().onCollectionCreateExecute(), b);
            case "onCollectionUpdateExecute" -> onCollection(app.hooks().onCollectionUpdateExecute(), b);
            case "onCollectionDeleteExecute" -> onCollection(app.hooks().onCollectionDeleteExecute(), b);
            case "onModelCreateExecute" -> onModel(app.hooks().onModelCreateExecute(), b);
            case "onModelUpdateExecute" -> onModel(app.hooks().onModelUpdateExecute(), b);
            case "onModelDeleteExecute" -> onModel(app.hooks().onModelDeleteExecute(), b);
            case "onModelCreate" -> onModel(app.hooks().onModelCreate(), b);
            case "onModelUpdate" -> onModel(app.hooks().onModelUpdate(), b);
            case "onModelDelete" -> onModel(app.hooks().onModelDelete(), b);
            case "onModelAfterCreateSuccess" -> onModel(app.hooks().onModelAfterCreateSuccess(), b);
            case "onModelAfterUpdateSuccess" -> onModel(app.hooks().onModelAfterUpdateSuccess(), b);
            case "onModelAfterDeleteSuccess" -> onModel(app.hooks().onModelAfterDeleteSuccess(), b);
            case "onModelAfterCreateError" -> onModelError(app.hooks().onModelAfterCreateError(), b);
            case "onModelAfterUpdateError" -> onModelError(app.hooks().onModelAfterUpdateError(), b);
            case "onModelAfterDeleteError" -> onModelError(app.hooks().onModelAfterDeleteError(), b);
            case "onCollectionCreate" -> onCollection(app.hooks().onCollectionCreate(), b);
            case "onCollectionUpdate" -> onCollection(app.hooks().onCollectionUpdate(), b);
            case "onCollectionDelete" -> onCollection(app.hooks().onCollectionDelete(), b);
            case "onCollectionAfterCreateSuccess" -> onCollection(app.hooks().onCollectionAfterCreateSuccess(), b);
            case "onCollectionAfterUpdateSuccess" -> onCollection(app.hooks().onCollectionAfterUpdateSuccess(), b);
            case "onCollectionAfterDeleteSuccess" -> onCollection(app.hooks().onCollectionAfterDeleteSuccess(), b);
            case "onMailerSend" -> bindTo(app.hooks().onMailerSend(), b, e -> new JsEvent(e, null, null).mail(e));
            case "onMailerRecordVerificationSend" -> onMailerRecord(app.hooks().onMailerRecordVerificationSend(), b);
            case "onMailerRecordPasswordResetSend" -> onMailerRecord(app.hooks().onMailerRecordPasswordResetSend(), b);
            case "onMailerRecordEmailChangeSend" -> onMailerRecord(app.hooks().onMailerRecordEmailChangeSend(), b);
            case "onMailerRecordOTPSend" -> onMailerRecord(app.hooks().onMailerRecordOTPSend(), b);
            case "onMailerRecordAuthAlertSend" -> onMailerRecord(app.hooks().onMailerRecordAuthAlertSend(), b);
            case "onRecordEnrich" -> bindTo(app.hooks().onRecordEnrich(), b,
                    e -> b.isFor(e.record().collection()) ? new JsEvent(e, null, e.record()) : null);
            case "onTerminate" -> bindTo(app.hooks().onTerminate(), b, e -> new JsEvent(e, null, null));
            case "onBootstrap", "onServe" -> { } // run by bootstrap() and serve()
            default -> LOG.warn("{}: {} is not supported; the handler is not bound", b.fn().where(), kind);
        }
    }

    private void onRecordRequest(Hook<RecordRequestEvent> hook, Binding b) {
        bindTo(hook, b, e -> b.isFor(e.collection()) ? new JsEvent(e, e, e.record()).collection(e.collection())
                : null);
    }

    private void onFlowRequest(Hook<RecordFlowRequestEvent> hook, Binding b) {
        bindTo(hook, b, e -> b.isFor(e.collection()) ? new JsEvent(e, e, e.record()).collection(e.collection())
                : null);
    }

    private void onMailerRecord(Hook<MailerRecordEvent> hook, Binding b) {
        bindTo(hook, b, e -> b.isFor(e.record().collection()) ? new JsEvent(e, null, e.record()).mail(e) : null);
    }

    private void onCollectionRequest(Hook<CollectionRequestEvent> hook, Binding b) {
        bindTo(hook, b, e -> new JsEvent(e, e, null).collection(e.collection()));
    }

    private void onRecord(Hook<RecordEvent> hook, Binding b) {
        bindTo(hook, b, e -> b.isFor(e.record().collection()) ? new JsEvent(e, null, e.record()) : null);
    }

    private void onRecordError(Hook<RecordErrorEvent> hook, Binding b) {
        bindTo(hook, b, e -> b.isFor(e.record().collection()) ? new JsEvent(e, null, e.record()).error(e.error())
                : null);
    }

    /** A model hook's event: {@code e.model} is the record, or the collection (tagged by {@code _collections}). */
    private JsEvent modelEvent(ModelEvent e, Binding b) {
        if (e.model() instanceof Record r) {
            return b.isFor(r.collection()) ? new JsEvent(e, null, r) : null;
        }
        if (e.model() instanceof Collection c) {
            return b.tags().isEmpty() || b.tags().contains("_collections")
                    ? new JsEvent(e, null, null).collection(c) : null;
        }
        return b.tags().isEmpty() ? new JsEvent(e, null, null) : null;
    }

    private void onModel(Hook<ModelEvent> hook, Binding b) {
        bindTo(hook, b, e -> modelEvent(e, b));
    }

    private void onModelError(Hook<ModelErrorEvent> hook, Binding b) {
        bindTo(hook, b, e -> {
            JsEvent js = modelEvent(e, b);
            return js == null ? null : js.error(e.error());
        });
    }

    private void onCollection(Hook<CollectionEvent> hook, Binding b) {
        bindTo(hook, b, e -> b.isFor(e.collection()) ? new JsEvent(e, null, null).collection(e.collection()) : null);
    }

    /** Binds a handler that runs for the events {@code toJs} makes an event for (null: passed on untouched). */
    private <E extends dev.coffer.tools.hook.Event> void bindTo(Hook<E> hook, Binding b,
            java.util.function.Function<E, JsEvent> toJs) {
        String id = "js:" + b.fn().id() + ":" + b.fn().where();
        hook.bind(id, 0, e -> {
            JsEvent js = toJs.apply(e);
            if (js == null) {
                e.next();
            } else {
                run(b.fn(), js);
            }
        });
        unbind.add(() -> hook.unbind(id));
    }

    /** Runs the {@code onBootstrap} handlers (in the order the files registered them). */
    public void bootstrap() throws Exception {
        runLifecycle("onBootstrap");
    }

    /** Runs the {@code onServe} handlers, once the server listens. */
    public void serve() throws Exception {
        runLifecycle("onServe");
    }

    private void runLifecycle(String kind) throws Exception {
        Hook<LifecycleEvent> hook = new Hook<>();
        for (Binding b : registered.bindings()) {
            if (b.kind().equals(kind)) {
                hook.bind("js:" + b.fn().id(), 0, e -> run(b.fn(), new JsEvent(e, null, null)));
            }
        }
        hook.trigger(new LifecycleEvent());
    }

    /** Runs a function with its event in an engine of the pool. */
    void run(Fn h, JsEvent event) throws Exception {
        Slot slot = idle.poll();
        if (slot == null) {
            slot = new Slot(newContext());
        }
        Context context = slot.context;
        slot.deadline = System.nanoTime() + timeLimit.toNanos();
        busy.add(slot);
        try {
            Value fn = slot.compiled.computeIfAbsent(h.id(), id -> context.eval(compile(h)));
            if (slot.newEvent == null) {
                slot.newEvent = context.getBindings("js").getMember("__cofferEvent");
            }
            fn.execute(slot.newEvent.execute(event, event.hasRecord()));
        } catch (PolyglotException pe) {
            throw failure(h, pe);
        } finally {
            busy.remove(slot);
            if (idle.size() < poolSize) {
                idle.offer(slot);
            } else {
                slot.context.close();
            }
        }
    }

    /** Stops the handlers that run past their deadline (looked at every 100 ms). */
    private void stopOverdue() {
        long now = System.nanoTime();
        for (Slot s : busy) {
            if (now - s.deadline > 0) {
                interrupt(s.context);
            }
        }
    }

    private Context newContext() {
        Context c = JsRuntime.newHooksContext(app, dir);
        c.getBindings("js").putMember("__cofferCron", new RuntimeCron());
        if (realtime != null) {
            c.getBindings("js").getMember("__cofferHost").<JsAppHost>asHostObject().broker(realtime);
        }
        c.eval(Scripts.RUNTIME);
        return c;
    }

    /** {@code cronAdd}/{@code cronRemove} called from a running handler. */
    public final class RuntimeCron {

        @HostAccess.Export
        public void add(String id, String expression, Value fn) {
            String source = Registrar.source(fn, "cronAdd");
            SourceSection at = fn.getSourceLocation();
            Fn f = runtimeFns.computeIfAbsent(at.getSource().getName() + ":" + at.getStartLine() + ":" + source,
                    k -> new Fn(nextFnId.getAndIncrement(), at.getSource().getName(), at.getStartLine(), source));
            addCron(id, expression, f);
        }

        @HostAccess.Export
        public void remove(String id) {
            app.cron().remove(id);
        }
    }

    private static void interrupt(Context c) {
        try {
            c.interrupt(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("a JavaScript handler could not be stopped: {}", e.toString());
        }
    }

    /** The handler's source where it was written (same line numbers as its file), as an expression. */
    private static Source compile(Fn h) {
        String text = "\n".repeat(Math.max(0, h.line() - 1)) + "(" + h.source() + ")";
        return Source.newBuilder("js", text, h.file()).buildLiteral();
    }

    /** What a failed handler throws on: an API error as the script gave it, the server's own, or a logged 400. */
    private Exception failure(Fn h, PolyglotException pe) {
        if (pe.isHostException()) {
            Throwable host = pe.asHostException();
            if (host instanceof JsEvent.NextFailure nf && nf.getCause() instanceof Exception cause) {
                return cause;
            }
            if (host instanceof Exception ex) {
                return ex;
            }
        }
        if (pe.isInterrupted() || pe.isCancelled()) {
            LOG.error("JavaScript handler {} ran longer than {} s and was stopped", h.where(), timeLimit.toSeconds());
            return ApiError.badRequest("Something went wrong while processing your request.");
        }
        Value guest = pe.isGuestException() ? pe.getGuestObject() : null;
        if (guest != null && guest.hasMember("__apiError") && guest.getMember("__apiError").isBoolean()) {
            int status = guest.getMember("status").fitsInInt() ? guest.getMember("status").asInt() : 400;
            String message = guest.getMember("message").isString() ? guest.getMember("message").asString() : "";
            ObjectNode data = Json.object();
            Value text = guest.getContext().getBindings("js").getMember("__cofferErrorData")
                    .execute(guest.getMember("data"));
            if (text.isString()) {
                JsonNode parsed = Json.parse(text.asString());
                if (parsed instanceof ObjectNode o) {
                    data = o;
                }
            }
            return new ApiError(status, message, data);
        }
        LOG.error("JavaScript handler {} failed: {}", h.where(), JsRuntime.describe(pe));
        return ApiError.badRequest("Something went wrong while processing your request.");
    }

    /** Takes the routes, hooks and crons of the files away again and closes the engines. */
    @Override
    public void close() {
        for (Runnable r : unbind) {
            r.run();
        }
        unbind.clear();
        watchdog.shutdownNow();
        for (Slot s; (s = idle.poll()) != null; ) {
            s.context.close();
        }
    }

    /** The registration calls of the files being loaded (the only host object the loader sees). */
    public static final class Registrar {

        private final List<Route> routes = new ArrayList<>();
        private final List<Middleware> global = new ArrayList<>();
        private final List<Binding> bindings = new ArrayList<>();
        private final List<CronChange> crons = new ArrayList<>();
        private int functions;

        Registrar(int firstId) {
            this.functions = firstId;
        }

        Registered registered() {
            return new Registered(List.copyOf(routes), List.copyOf(global), List.copyOf(bindings), List.copyOf(crons),
                    functions);
        }

        @HostAccess.Export
        public void route(String method, String path, Value handler, Value middlewares) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("routerAdd: the path must start with /: " + path);
            }
            List<Middleware> mws = middlewares(middlewares, "routerAdd");
            if (handler != null && handler.hasMember("__static")) {
                routes.add(new Route(method, path, null, handler.getMember("dir").asString(),
                        handler.getMember("indexFallback").asBoolean(), mws));
            } else {
                routes.add(new Route(method, path, fn(handler, "routerAdd"), null, false, mws));
            }
        }

        @HostAccess.Export
        public void use(Value middlewares) {
            global.addAll(middlewares(middlewares, "routerUse"));
        }

        @HostAccess.Export
        public void hook(String kind, Value fn, String tags) {
            Set<String> tagSet = tags.isEmpty() ? Set.of() : Set.copyOf(java.util.Arrays.asList(tags.split("\u0000")));
            bindings.add(new Binding(kind, fn(fn, kind), tagSet));
        }

        @HostAccess.Export
        public void cronAdd(String id, String expression, Value fn) {
            dev.coffer.tools.cron.CronSchedule.parse(expression);
            crons.add(new CronChange(id, expression, fn(fn, "cronAdd")));
        }

        @HostAccess.Export
        public void cronRemove(String id) {
            crons.add(new CronChange(id, null, null));
        }

        private List<Middleware> middlewares(Value list, String what) {
            List<Middleware> out = new ArrayList<>();
            for (long i = 0; list != null && i < list.getArraySize(); i++) {
                Value m = list.getArrayElement(i);
                if (m.canExecute()) {
                    out.add(new ScriptMiddleware(fn(m, what), "", 0));
                } else if (m.hasMember("__builtin")) {
                    List<String> args = new ArrayList<>();
                    Value a = m.getMember("args");
                    for (long j = 0; j < a.getArraySize(); j++) {
                        args.add(a.getArrayElement(j).asString());
                    }
                    out.add(new BuiltinMiddleware(m.getMember("__builtin").asString(), List.copyOf(args)));
                } else if (m.hasMember("__middleware")) {
                    Value p = m.getMember("priority");
                    out.add(new ScriptMiddleware(fn(m.getMember("func"), what),
                            m.getMember("id").isString() ? m.getMember("id").asString() : "",
                            p.fitsInInt() ? p.asInt() : 0));
                } else {
                    throw new IllegalArgumentException(what + ": unsupported middleware " + m);
                }
            }
            return out;
        }

        private Fn fn(Value fn, String what) {
            String source = source(fn, what);
            SourceSection at = fn.getSourceLocation();
            return new Fn(functions++, at.getSource().getName(), at.getStartLine(), source);
        }

        static String source(Value fn, String what) {
            if (fn == null || !fn.canExecute()) {
                throw new IllegalArgumentException(what + ": the handler must be a function");
            }
            SourceSection at = fn.getSourceLocation();
            if (at == null || !at.isAvailable()) {
                throw new IllegalArgumentException(what + ": the handler's source is not available");
            }
            return at.getCharacters().toString();
        }
    }
}
