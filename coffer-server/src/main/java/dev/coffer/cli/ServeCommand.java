package dev.coffer.cli;

import dev.coffer.Automigrate;
import dev.coffer.Coffer;
import dev.coffer.core.AppExtension;
import dev.coffer.js.JsHooks;
import dev.coffer.js.JsMigrations;
import java.util.concurrent.atomic.AtomicReference;
import dev.coffer.CofferConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code coffer serve}: opens the data directory and serves the API until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Starts the web server.")
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    Cli parent;

    @Option(names = "--http", paramLabel = "ADDR:PORT", defaultValue = CofferConfig.DEFAULT_HTTP,
            description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String http;

    @Option(names = "--origins", paramLabel = "ORIGIN", split = ",",
            description = "CORS allowed domain origins list (default: *).")
    List<String> origins = List.of();

    @Option(names = "--gzip", description = "Gzip-compresses JSON responses for clients that accept it.")
    boolean gzip;

    @Override
    public Integer call() throws Exception {
        CofferConfig config = CofferConfig.of(Path.of(parent.dir)).withDev(parent.dev).withHttp(http)
                .withOrigins(origins).withGzip(gzip).withPublicDir(parent.publicDir(), parent.indexFallback)
                .withEncryptionEnv(parent.encryptionEnv).withQueryTimeout(parent.queryTimeout())
                .withDatabase(parent.database()).withBus(parent.bus());
        Coffer coffer = Coffer.create(config);
        AtomicReference<JsHooks> hooks = new AtomicReference<>();
        try {
            AppExtension.loadAll(coffer.app()); // an application's hooks, Java migrations, declared collections
            // pb_migrations: pending files are applied by start(); collection changes through the API write new ones
            JsMigrations.install(coffer.app(), parent.migrationsDir());
            if (parent.automigrate) {
                Automigrate.bind(coffer, parent.migrationsDir());
            }
            // pb_hooks: routes and hooks of the *.pb.js files, bound before anything is served
            hooks.set(loadHooks(coffer));
            coffer.start();
            if (hooks.get() != null) {
                hooks.get().bootstrap();
                hooks.get().serve();
            }
        } catch (Exception e) {
            closeHooks(hooks.get());
            coffer.close();
            throw e;
        }
        HooksWatcher watcher = !parent.hooksWatch ? null : HooksWatcher.start(parent.hooksDir(), () -> {
            synchronized (hooks) {
                closeHooks(hooks.getAndSet(null));
                hooks.set(loadHooks(coffer));
                JsHooks loaded = hooks.get();
                if (loaded != null) {
                    try {
                        loaded.bootstrap();
                        loaded.serve();
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
            }
        });
        Thread hook = new Thread(() -> {
            if (watcher != null) {
                watcher.close();
            }
            coffer.close();
            closeHooks(hooks.get());
        }, "coffer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String base = coffer.baseUrl();
        System.out.println("Server started at " + base);
        if (coffer.dashboard()) {
            System.out.println("├─ REST API:  " + base + "/api/");
            System.out.println("└─ Dashboard: " + base + "/_/");
        } else {
            System.out.println("└─ REST API:  " + base + "/api/");
        }
        Optional<String> installer;
        try {
            installer = coffer.installerLink();
        } catch (RuntimeException e) {
            if (!coffer.closed()) {
                throw e;
            }
            installer = Optional.empty(); // stopped right after the start: no link to offer
        }
        installer.ifPresent(link -> {
            System.out.println();
            System.out.println("(!) Open this link in a browser to create your first superuser (valid for 30 minutes):");
            System.out.println(link);
            System.out.println("(or create one with: coffer superuser upsert EMAIL PASS)");
            System.out.println();
        });
        System.out.flush();
        coffer.awaitShutdown();
        return 0;
    }

    /** The hooks of the hooks folder bound to the server (null without hook files). */
    private JsHooks loadHooks(Coffer coffer) {
        AtomicReference<JsHooks> loaded = new AtomicReference<>();
        coffer.routes(router -> loaded.set(JsHooks.load(coffer.app(), coffer.apiHooks(), router, parent.hooksDir(),
                parent.hooksPool)));
        return loaded.get() == null ? null : loaded.get().realtime(coffer.realtime());
    }

    private static void closeHooks(JsHooks hooks) {
        if (hooks != null) {
            hooks.close();
        }
    }
}
