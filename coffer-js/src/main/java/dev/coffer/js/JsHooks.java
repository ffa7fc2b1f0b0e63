package dev.coffer.js;

import dev.coffer.apis.ApiError;
import dev.coffer.apis.ApiHooks;
import dev.coffer.apis.ApiRouter;
import dev.coffer.apis.RequestEvent;
import dev.coffer.apis.event.RecordRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * PocketBase's {@code pb_hooks}: the {@code *.pb.js} files of a folder, loaded once at start, register routes
 * ({@code routerAdd}) and hooks ({@code onRecordCreateRequest(handler, ...collections)}, {@code onRecordCreate}, …).
 * As in PocketBase, a handler runs on its own in one engine of a pool (it sees its own scope and the globals, not
 * the other variables of its file), so requests run handlers in parallel; a handler that runs longer than the time
 * limit is stopped, and its request answered with an error.
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

    /** One registered handler: what it is bound to, and its source where it was written. */
    record Handler(int id, String kind, String file, int line, String source, Set<String> tags, String method,
            String path) {

        String where() {
            return file + ":" + line;
        }
    }

    /** An engine of the pool with the handlers it compiled. */
    private static final class Slot {
        final Context context;
        final Map<Integer, Value> compiled = new HashMap<>();
        volatile long deadline;
        Value newEvent;

        Slot(Context context) {
            this.context = context;
        }
    }

    private final App app;
    private final List<Handler> handlers;
    private final int poolSize;
    private final ConcurrentLinkedQueue<Slot> idle = new ConcurrentLinkedQueue<>();
    private final Set<Slot> busy = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "coffer-js-watchdog");
        t.setDaemon(true);
        return t;
    });
    private volatile Duration timeLimit = DEFAULT_TIME_LIMIT;

    private JsHooks(App app, List<Handler> handlers, int poolSize) {
        this.app = app;
        this.handlers = handlers;
        this.poolSize = Math.max(1, poolSize);
        watchdog.scheduleWithFixedDelay(this::stopOverdue, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** The {@code *.pb.js} files of a folder, in name order (none when it is missing). */
    public static List<Path> files(Path dir) {
        return JsRuntime.scripts(dir, ".pb.js");
    }

    /**
     * Loads the hooks of {@code dir} and binds them to the app, its request hooks and its router; null when the
     * folder has no {@code *.pb.js} file (no engine is started then).
     *
     * @throws IllegalStateException with the file and line when a file fails to load
     */
    public static JsHooks load(App app, ApiHooks apiHooks, ApiRouter router, Path dir, int poolSize) {
        List<Path> files = files(dir);
        if (files.isEmpty()) {
            return null;
        }
        Registrar registrar = new Registrar();
        try (Context loader = JsRuntime.newContext(app)) {
            loader.getBindings("js").putMember("__cofferRegister", registrar);
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
        JsHooks hooks = new JsHooks(app, List.copyOf(registrar.handlers), poolSize);
        hooks.bind(apiHooks, router);
        LOG.info("loaded {} JavaScript hook(s) from {} file(s) in {}", hooks.handlers.size(), files.size(), dir);
        return hooks;
    }

    /** Changes how long a handler may run before it is stopped. */
    public JsHooks timeLimit(Duration value) {
        timeLimit = value;
        return this;
    }

    /** The handlers loaded (routes and hooks). */
    public int size() {
        return handlers.size();
    }

    private void bind(ApiHooks apiHooks, ApiRouter router) {
        for (Handler h : handlers) {
            String id = "js:" + h.id() + ":" + h.where();
            switch (h.kind()) {
                case "route" -> router.add(h.method(), h.path(), e -> run(h, new JsEvent(e, e, null)));
                case "onRecordCreateRequest" -> bindRequest(apiHooks.onRecordCreateRequest(), id, h);
                case "onRecordUpdateRequest" -> bindRequest(apiHooks.onRecordUpdateRequest(), id, h);
                case "onRecordDeleteRequest" -> bindRequest(apiHooks.onRecordDeleteRequest(), id, h);
                case "onRecordViewRequest" -> bindRequest(apiHooks.onRecordViewRequest(), id, h);
                case "onRecordCreate" -> bindModel(app.hooks().onRecordCreate(), id, h);
                case "onRecordUpdate" -> bindModel(app.hooks().onRecordUpdate(), id, h);
                case "onRecordDelete" -> bindModel(app.hooks().onRecordDelete(), id, h);
                case "onRecordAfterCreateSuccess" -> bindModel(app.hooks().onRecordAfterCreateSuccess(), id, h);
                case "onRecordAfterUpdateSuccess" -> bindModel(app.hooks().onRecordAfterUpdateSuccess(), id, h);
                case "onRecordAfterDeleteSuccess" -> bindModel(app.hooks().onRecordAfterDeleteSuccess(), id, h);
                default -> LOG.warn("{}: {} is not supported yet; the handler is not bound", h.where(), h.kind());
            }
        }
    }

    private void bindRequest(Hook<RecordRequestEvent> hook, String id, Handler h) {
        hook.bind(id, 0, e -> {
            if (tagged(h, e.collection())) {
                run(h, new JsEvent(e, e, e.record()));
            } else {
                e.next();
            }
        });
    }

    private void bindModel(Hook<RecordEvent> hook, String id, Handler h) {
        hook.bind(id, 0, e -> {
            if (tagged(h, e.record().collection())) {
                run(h, new JsEvent(e, null, e.record()));
            } else {
                e.next();
            }
        });
    }

    /** Whether a handler registered for some collections (by name or id) is for this one; untagged ones are for all. */
    private static boolean tagged(Handler h, Collection c) {
        return h.tags().isEmpty() || (c != null && (h.tags().contains(c.name()) || h.tags().contains(c.id())));
    }

    /** Runs a handler with its event in an engine of the pool. */
    void run(Handler h, JsEvent event) throws Exception {
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
        Context c = JsRuntime.newContext(app);
        c.eval(Scripts.RUNTIME);
        return c;
    }

    private static void interrupt(Context c) {
        try {
            c.interrupt(Duration.ofSeconds(5));
        } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
            LOG.warn("a JavaScript handler could not be stopped: {}", e.toString());
        }
    }

    /** The handler's source where it was written (same line numbers as its file), as an expression. */
    private static Source compile(Handler h) {
        String text = "\n".repeat(Math.max(0, h.line() - 1)) + "(" + h.source() + ")";
        return Source.newBuilder("js", text, h.file()).buildLiteral();
    }

    /** What a failed handler throws on: an API error as the script gave it, the server's own, or a logged 400. */
    private Exception failure(Handler h, PolyglotException pe) {
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
            Value json = guest.getContext().getBindings("js").getMember("JSON");
            Value text = json.invokeMember("stringify", guest.getMember("data"));
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

    @Override
    public void close() {
        watchdog.shutdownNow();
        for (Slot s; (s = idle.poll()) != null; ) {
            s.context.close();
        }
    }

    /** The registration calls of the files being loaded (the only host object the loader sees). */
    public static final class Registrar {

        private final List<Handler> handlers = new ArrayList<>();

        @HostAccess.Export
        public void route(String method, String path, Value fn) {
            add("route", fn, "", method, path);
        }

        @HostAccess.Export
        public void hook(String kind, Value fn, String tags) {
            add(kind, fn, tags, null, null);
        }

        private void add(String kind, Value fn, String tags, String method, String path) {
            if (fn == null || !fn.canExecute()) {
                throw new IllegalArgumentException(kind + ": the handler must be a function");
            }
            SourceSection at = fn.getSourceLocation();
            if (at == null || !at.isAvailable()) {
                throw new IllegalArgumentException(kind + ": the handler's source is not available");
            }
            Set<String> tagSet = tags.isEmpty() ? Set.of() : Set.copyOf(java.util.Arrays.asList(tags.split("\u0000")));
            handlers.add(new Handler(handlers.size(), kind, at.getSource().getName(), at.getStartLine(),
                    at.getCharacters().toString(), tagSet, method, path));
        }
    }
}
