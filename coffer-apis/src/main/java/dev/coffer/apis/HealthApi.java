package dev.coffer.apis;

import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
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
            if (e.app().cluster().clustered()) {
                // the live instances sharing the database, this one first
                var instances = data.putArray("instances");
                String self = e.app().cluster().instanceId();
                List<ClusterMember> members = new ArrayList<>(e.app().cluster().members());
                members.sort((a, b) -> Boolean.compare(!a.id().equals(self), !b.id().equals(self)));
                for (ClusterMember m : members) {
                    ObjectNode i = instances.addObject();
                    i.put("id", m.id());
                    i.put("address", m.address());
                    i.put("self", m.id().equals(self));
                    i.put("started", DateTime.format(m.started()));
                    i.put("lastSeen", DateTime.format(m.lastSeen()));
                }
            }
        }
        e.json(200, out);
    }
}
