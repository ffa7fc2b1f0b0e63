package com.example.app;

import dev.coffer.Coffer;
import dev.coffer.CofferConfig;
import java.nio.file.Path;
import java.util.Map;

/** A Java application with Coffer inside: PocketBase's API, plus a route and two hooks of its own. */
public final class Main {

    private Main() {}

    /** Serves on http://127.0.0.1:8090 with the data directory given as the first argument (default pb_data). */
    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "pb_data");
        try (Coffer coffer = create(CofferConfig.of(dataDir).withHttp("127.0.0.1", 8090))) {
            coffer.start();
            coffer.awaitShutdown(); // until SIGTERM or Ctrl-C
        }
    }

    /** A Coffer with this application's route and hooks bound, not started yet. */
    public static Coffer create(CofferConfig config) {
        Coffer coffer = Coffer.create(config);
        coffer.routes(r -> r.get("/hello/{name}", e -> e.json(200, Map.of("hello", e.pathParam("name")))));
        coffer.apiHooks().onRecordAuthRequest().bind("add-meta", 0, e -> {
            e.setMeta(Map.of("plan", "pro")); // changes the auth response
            e.next();
        });
        coffer.apiHooks().onRecordCreateRequest().bind("trim-title", 0, e -> {
            if (e.collection().name().equals("posts")) {
                e.record().set("title", e.record().getString("title").strip()); // before validation and save
            }
            e.next();
        });
        return coffer;
    }
}
