package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET|HEAD /api/health}: liveness, with extra details for superusers. */
public final class HealthApi {

    private HealthApi() {}

    /** Registers the routes. */
    public static void bind(ApiRouter router) {
        router.get("/api/health", HealthApi::health);
    }

    private static void health(RequestEvent e) {
        ObjectNode out = Json.object();
        out.put("message", "API is healthy.");
        out.put("code", 200);
        ObjectNode data = out.putObject("data");
        if (e.isSuperuser()) {
            data.put("canBackup", !e.app().backups().isBusy());
            data.put("realIP", e.realIP());
            List<String> headers = new ArrayList<>(e.app().settings().trustedProxyHeaders());
            headers.addAll(List.of("CF-Connecting-IP", "Fly-Client-IP", "X-Forwarded-For"));
            String possible = "";
            for (String h : headers) {
                if (!e.header(h).isEmpty()) {
                    possible = h;
                    break;
                }
            }
            data.put("possibleProxyHeader", possible);
            if (!e.app().db().hasFile()) {
                // on a database server, which one (on SQLite files the answer stays PocketBase's, byte for byte)
                ObjectNode database = data.putObject("database");
                database.put("kind", e.app().db().dialect().name());
                database.put("version", e.app().db().version());
            }
        }
        e.json(200, out);
    }
}
