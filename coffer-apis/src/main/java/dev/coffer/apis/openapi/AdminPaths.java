package dev.coffer.apis.openapi;

import static dev.coffer.apis.openapi.Schemas.array;
import static dev.coffer.apis.openapi.Schemas.integer;
import static dev.coffer.apis.openapi.Schemas.object;
import static dev.coffer.apis.openapi.Schemas.requiring;
import static dev.coffer.apis.openapi.Schemas.string;

import dev.coffer.apis.openapi.Operation.Access;
import tools.jackson.databind.node.ObjectNode;

/**
 * The system APIs for running an app: logs, backups, crons and SQL (superusers only), and Coffer's record history
 * and event log (each collection's {@code historyRule} and {@code eventsRule} decide who reads them).
 */
final class AdminPaths {

    private final SystemPaths system;

    AdminPaths(SystemPaths system) {
        this.system = system;
    }

    /** Adds the paths. */
    void add() {
        logs();
        backups();
        ObjectNode cron = object("id", string(), "expression", string());
        system.add("/api/crons", "get", Operation.of("List cron jobs").tag("Crons").id("listCrons")
                .access(Access.SUPERUSER).ok(200, "The jobs.", array(cron)));
        system.add("/api/crons/{id}", "post", Operation.of("Run a cron job now").tag("Crons").id("runCron")
                .access(Access.SUPERUSER).pathParam("id", "The job id.").empty(204, "Started.").errors(404));
        system.add("/api/sql", "post", Operation.of("Run an SQL statement").tag("SQL").id("runSql")
                .access(Access.SUPERUSER).jsonBody(object("query", string()), true)
                .ok(200, "The result (at most 1000 rows).", object("execTime", integer(), "affectedRows", integer(),
                        "columns", array(Schemas.anyObject()), "rows", array(array(Schemas.type("string")))))
                .errors(400));
        history();
    }

    private void logs() {
        ObjectNode log = object("id", string(), "created", string(), "level", integer()
                .put("description", "-4 debug, 0 info, 4 warn, 8 error."), "message", string(),
                "data", Schemas.anyObject());
        ObjectNode page = object("page", integer(), "perPage", integer(), "totalItems", integer(),
                "totalPages", integer(), "items", array(log));
        system.add("/api/logs", "get", Operation.of("List logs").tag("Logs").id("listLogs").access(Access.SUPERUSER)
                .sharedParam("page").sharedParam("perPage").sharedParam("sort").sharedParam("filter")
                .sharedParam("fields").sharedParam("skipTotal").ok(200, "A page of logs.", page).errors(400));
        system.add("/api/logs", "delete", Operation.of("Delete every log").tag("Logs").id("deleteLogs")
                .access(Access.SUPERUSER).empty(204, "Deleted."));
        system.add("/api/logs/stats", "get", Operation.of("Logs per hour").tag("Logs").id("logStats")
                .access(Access.SUPERUSER).sharedParam("filter")
                .ok(200, "Counts per hour.", array(object("total", integer(), "date", string()))).errors(400));
        system.add("/api/logs/{id}", "get", Operation.of("View a log").tag("Logs").id("viewLog")
                .access(Access.SUPERUSER).pathParam("id", "The log id.").ok(200, "The log.", log).errors(404));
    }

    private void backups() {
        String tag = "Backups";
        ObjectNode file = object("key", string(), "size", integer(), "modified", string());
        system.add("/api/backups", "get", Operation.of("List backups").tag(tag).id("listBackups")
                .access(Access.SUPERUSER).ok(200, "The backups.", array(file)));
        system.add("/api/backups", "post", Operation.of("Make a backup").tag(tag).id("createBackup")
                .access(Access.SUPERUSER).jsonBody(requiring(object("name", string("name.zip ([a-z0-9_-])"))), false)
                .empty(204, "Made.").errors(400));
        ObjectNode upload = Schemas.type("object");
        upload.putObject("properties").set("file", Schemas.type("string").put("format", "binary"));
        upload.putArray("required").add("file");
        ObjectNode content = dev.coffer.tools.json.Json.object();
        content.putObject("multipart/form-data").set("schema", upload);
        system.add("/api/backups/upload", "post", Operation.of("Upload a backup").tag(tag).id("uploadBackup")
                .access(Access.SUPERUSER).body(content, true).empty(204, "Stored.").errors(400));
        system.add("/api/backups/{key}", "get", Operation.of("Download a backup").tag(tag).id("downloadBackup")
                .access(Access.PUBLIC).pathParam("key", "The backup file name.")
                .query("token", "A superuser file token (POST /api/files/token).", string())
                .ok(200, "The zip.", "application/zip", string().put("format", "binary")).errors(400, 403, 404));
        system.add("/api/backups/{key}", "delete", Operation.of("Delete a backup").tag(tag).id("deleteBackup")
                .access(Access.SUPERUSER).pathParam("key", "The backup file name.").empty(204, "Deleted.")
                .errors(400, 404));
        system.add("/api/backups/{key}/restore", "post", Operation.of("Restore a backup").tag(tag)
                .id("restoreBackup").access(Access.SUPERUSER).pathParam("key", "The backup file name.")
                .empty(204, "Restoring (the app restarts).").errors(400, 404));
    }

    private void history() {
        String tag = "History";
        ObjectNode entries = Schemas.anyObject().put("description", "A page of history entries (action, actor, "
                + "changed fields with their old and new values, time).");
        system.add("/api/collections/{collection}/records/{id}/history", "get", Operation.of("A record's changes")
                .tag(tag).id("recordHistory").access(Access.OPTIONAL).pathParam("collection", "Its id or name.")
                .pathParam("id", "The record id.").sharedParam("page").sharedParam("perPage")
                .ok(200, "The changes, newest first.", entries).errors(400, 403, 404));
        system.add("/api/collections/{collection}/records/{id}/restore", "post", Operation.of("Restore a version")
                .tag(tag).id("restoreRecordVersion").access(Access.OPTIONAL).pathParam("collection", "Its id or name.")
                .pathParam("id", "The record id.").jsonBody(object("version", integer()), true)
                .ok(200, "The record as restored.", Schemas.anyObject()).errors(400, 403, 404));
        system.add("/api/collections/{collection}/history", "get", Operation.of("A collection's changes").tag(tag)
                .id("collectionHistory").access(Access.OPTIONAL).pathParam("collection", "Its id or name.")
                .sharedParam("page").sharedParam("perPage").ok(200, "The changes.", entries).errors(400, 403, 404));
        system.add("/api/audit", "get", Operation.of("Every change, for superusers").tag(tag).id("audit")
                .access(Access.SUPERUSER).sharedParam("page").sharedParam("perPage").ok(200, "The changes.", entries)
                .errors(400));
        system.add("/api/events", "get", Operation.of("Read the event log").tag(tag).id("events")
                .access(Access.OPTIONAL)
                .query("collection", "The collection (all of them for superusers when left out).", string())
                .query("after", "The cursor to read after.", string())
                .query("limit", "The most changes to return.", integer())
                .query("wait", "Seconds to wait for a change when there is none (long polling).", integer())
                .ok(200, "The changes after the cursor.", Schemas.anyObject()).errors(400, 403, 404));
    }
}
