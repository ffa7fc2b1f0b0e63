package dev.coffer.apis.openapi;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.typegen.TypeNames;
import dev.coffer.tools.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 document of an app's HTTP API, built from its collections: each collection's record endpoints
 * with schemas from its fields ({@link RecordPaths}), each auth collection's auth endpoints ({@link AuthPaths}),
 * and the system APIs ({@link SystemPaths}, {@link AdminPaths}); errors share the {@code Error} schema
 * ({@code {status, message, data}}) and auth is the {@code Authorization} header carrying the raw token.
 *
 * <p>Paths name collections literally ({@code /api/collections/posts/records}), so each has its own schemas; the
 * collections' API rules show only as whether an operation is superusers-only (a null rule).
 */
public final class OpenApiDocument {

    /** The name of the security scheme: the record auth token in {@code Authorization}. */
    public static final String SECURITY_SCHEME = "recordToken";

    private OpenApiDocument() {}

    /**
     * The document of these collections.
     *
     * @param title the API's title (the app name)
     * @param version the API's version (Coffer's)
     */
    public static ObjectNode build(List<Collection> collections, String title, String version) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", title + " API");
        info.put("version", version);
        info.put("description", "The HTTP API of this Coffer app (PocketBase-compatible), generated from its "
                + "collections. Authenticate with an auth endpoint (superusers: "
                + "/api/collections/_superusers/auth-with-password) and send the token in the Authorization "
                + "header. Errors are {status, message, data}.");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode components = Components.create();
        ObjectNode schemas = (ObjectNode) components.get("schemas");
        schemas.set("AuthMethods", AuthPaths.authMethods());

        TypeNames names = new TypeNames(collections);
        RecordPaths records = new RecordPaths(collections, names, paths, schemas);
        AuthPaths auth = new AuthPaths(names, paths, schemas);
        ArrayNode tags = doc.putArray("tags");
        List<Collection> ordered = new java.util.ArrayList<>(collections);
        ordered.sort(java.util.Comparator.comparing(Collection::system)); // the app's own collections first
        for (Collection c : ordered) {
            records.add(c);
            if (c.isAuth()) {
                auth.add(c);
            }
            tags.addObject().put("name", c.name()).put("description", "The " + c.type().wire() + " collection "
                    + c.name() + (c.system() ? " (system)." : "."));
        }
        SystemPaths system = new SystemPaths(paths);
        system.add();
        new AdminPaths(system).add();
        new IntegrationPaths(system).add();
        java.util.Set<String> named = new java.util.HashSet<>();
        tags.forEach(t -> named.add(t.get("name").asString()));
        for (String t : List.of("Health", "Collections", "Settings", "Files", "Batch", "Realtime", "Logs", "Backups",
                "Crons", "SQL", "History", "OpenAPI")) {
            if (named.add(t)) {
                tags.addObject().put("name", t);
            }
        }
        doc.set("components", components);
        return doc;
    }
}
