package dev.coffer.apis.openapi;

import static dev.coffer.apis.openapi.Schemas.array;
import static dev.coffer.apis.openapi.Schemas.integer;
import static dev.coffer.apis.openapi.Schemas.object;
import static dev.coffer.apis.openapi.Schemas.requiring;
import static dev.coffer.apis.openapi.Schemas.string;

import dev.coffer.apis.openapi.Operation.Access;
import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The system APIs every app has, whatever its collections: health, the collections' definitions, settings,
 * files, batch requests, realtime, and this document; the superusers' logs, backups, crons, SQL and record
 * history are in {@link AdminPaths}.
 */
final class SystemPaths {

    private final ObjectNode paths;

    SystemPaths(ObjectNode paths) {
        this.paths = paths;
    }

    /** Adds the paths. */
    void add() {
        add("/api/health", "get", Operation.of("Health check").tag("Health").id("health").access(Access.OPTIONAL)
                .description("Superusers also get canBackup, realIP, possibleProxyHeader (and the database and "
                        + "cluster instances when there are any).")
                .ok(200, "Healthy.", object("message", string(), "code", integer(), "data", Schemas.anyObject())));
        collections();
        settings();
        files();
        add("/api/batch", "post", Operation.of("Run record requests in one transaction").tag("Batch").id("batch")
                .description("Needs batch.enabled in the settings. Each request is a record create (POST), upsert "
                        + "(PUT), update (PATCH) or delete (DELETE) with the caller's auth; any failure rolls all back.")
                .access(Access.OPTIONAL)
                .jsonBody(object("requests", array(requiring(object("method", Schemas.enumOf("POST", "PUT", "PATCH", "DELETE"), "url", string(),
                        "headers", Schemas.anyObject(), "body", Schemas.anyObject()), "method", "url"))), true)
                .ok(200, "Each request's answer, in order.", array(object("status", integer(),
                        "body", Json.object().put("description", "The record, or null for a delete."))))
                .errors(400, 403, 413));
        ObjectNode realtime = paths.putObject("/api/realtime");
        realtime.set("get", Operation.of("Connect to realtime events (SSE)").tag("Realtime").id("realtimeConnect")
                .access(Access.PUBLIC)
                .description("A server-sent event stream: first PB_CONNECT with {clientId}, then one event per "
                        + "change of a subscribed topic, named after the subscription, with {action, record}.")
                .ok(200, "The event stream.", "text/event-stream", string()).json());
        realtime.set("post", Operation.of("Set the realtime subscriptions").tag("Realtime").id("realtimeSubscribe")
                .access(Access.OPTIONAL)
                .description("Replaces the client's subscriptions and binds its auth. Topics: <collection>/*, "
                        + "<collection>/<id>, optionally ?options={\"query\":{…},\"headers\":{…}}.")
                .jsonBody(requiring(object("clientId", string(), "subscriptions", array(string())), "clientId"), true)
                .empty(204, "Subscribed.").errors(400, 403, 404).json());
        add("/api/openapi.json", "get", Operation.of("This document").tag("OpenAPI").id("openApiDocument")
                .description("Who may read it is the openapi.access setting (superusers by default).")
                .access(Access.OPTIONAL).ok(200, "The OpenAPI document.", Schemas.anyObject()).errors(401, 403));
    }

    private void collections() {
        String tag = "Collections";
        ObjectNode collection = Schemas.anyObject().put("description",
                "A collection definition: id, name, type, fields, rules, indexes and the type's options.");
        ObjectNode list = requiring(object("page", integer(), "perPage", integer(), "totalItems", integer(),
                "totalPages", integer(), "items", array(collection)));
        add("/api/collections", "get", Operation.of("List collections").tag(tag).id("listCollections")
                .access(Access.SUPERUSER).sharedParam("page").sharedParam("perPage").sharedParam("sort")
                .sharedParam("filter").sharedParam("fields").sharedParam("skipTotal")
                .ok(200, "A page of collections.", list).errors(400));
        add("/api/collections", "post", Operation.of("Create a collection").tag(tag).id("createCollection")
                .access(Access.SUPERUSER).jsonBody(collection, true).ok(200, "The collection.", collection)
                .errors(400));
        String one = "/api/collections/{collection}";
        add(one, "get", Operation.of("View a collection").tag(tag).id("viewCollection").access(Access.SUPERUSER)
                .pathParam("collection", "Its id or name.").ok(200, "The collection.", collection).errors(404));
        add(one, "patch", Operation.of("Update a collection").tag(tag).id("updateCollection")
                .access(Access.SUPERUSER).pathParam("collection", "Its id or name.").jsonBody(collection, true)
                .ok(200, "The collection.", collection).errors(400, 404));
        add(one, "delete", Operation.of("Delete a collection").tag(tag).id("deleteCollection")
                .access(Access.SUPERUSER).pathParam("collection", "Its id or name.").empty(204, "Deleted.")
                .errors(400, 404));
        add(one + "/truncate", "delete", Operation.of("Delete every record of a collection").tag(tag)
                .id("truncateCollection").access(Access.SUPERUSER).pathParam("collection", "Its id or name.")
                .empty(204, "Emptied.").errors(400, 404));
        add("/api/collections/import", "put", Operation.of("Import collections").tag(tag).id("importCollections")
                .access(Access.SUPERUSER).jsonBody(requiring(object("collections", array(collection),
                        "deleteMissing", Schemas.bool()), "collections"), true)
                .empty(204, "Imported.").errors(400));
        add("/api/collections/meta/scaffolds", "get", Operation.of("New collection templates").tag(tag)
                .id("collectionScaffolds").access(Access.SUPERUSER)
                .ok(200, "A template per collection type.", Schemas.anyObject()));
    }

    private void settings() {
        String tag = "Settings";
        ObjectNode settings = Schemas.anyObject().put("description", "meta, smtp, s3, backups, batch, rateLimits, "
                + "trustedProxy, logs, superuserIPs (secrets never returned) and Coffer's openapi once set.");
        add("/api/settings", "get", Operation.of("The settings").tag(tag).id("getSettings").access(Access.SUPERUSER)
                .sharedParam("fields").ok(200, "The settings.", settings));
        add("/api/settings", "patch", Operation.of("Change settings").tag(tag).id("updateSettings")
                .access(Access.SUPERUSER).jsonBody(settings, true).ok(200, "All the settings.", settings)
                .errors(400));
        add("/api/settings/test/s3", "post", Operation.of("Test the S3 storage").tag(tag).id("testS3")
                .access(Access.SUPERUSER).jsonBody(object("filesystem", Schemas.enumOf("storage", "backups")), true).empty(204, "It works.").errors(400));
        add("/api/settings/test/email", "post", Operation.of("Send a test email").tag(tag).id("testEmail")
                .access(Access.SUPERUSER).jsonBody(requiring(object("email", string(), "template", string(),
                        "collection", string()), "email", "template"), true).empty(204, "Sent.").errors(400));
    }

    private void files() {
        add("/api/files/token", "post", Operation.of("A token for protected files").tag("Files").id("fileToken")
                .access(Access.AUTHENTICATED).ok(200, "A short-lived file token.", object("token", string())));
        add("/api/files/{collection}/{recordId}/{filename}", "get", Operation.of("Download a record file")
                .tag("Files").id("downloadFile").access(Access.PUBLIC)
                .pathParam("collection", "The collection id or name.").pathParam("recordId", "The record id.")
                .pathParam("filename", "The file name.")
                .query("thumb", "A thumbnail size: WxH, WxHt, WxHb, WxHf, 0xH, Wx0.", string())
                .query("download", "Serve as an attachment.", Schemas.bool())
                .query("token", "A file token, for protected files.", string())
                .ok(200, "The file.", "application/octet-stream", string().put("format", "binary")).errors(400, 404));
    }

    void add(String path, String method, Operation op) {
        ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
        item.set(method, op.json());
    }
}
