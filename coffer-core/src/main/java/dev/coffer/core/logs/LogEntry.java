package dev.coffer.core.logs;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One row of {@code _logs}.
 *
 * @param id the row id
 * @param created when it was logged, in PocketBase's datetime layout
 * @param level -4 debug, 0 info, 4 warn, 8 error
 * @param message the message
 * @param data the attributes, a JSON object
 */
public record LogEntry(String id, String created, int level, String message, JsonNode data) {

    /** Debug level. */
    public static final int DEBUG = -4;
    /** Info level. */
    public static final int INFO = 0;
    /** Warning level. */
    public static final int WARN = 4;
    /** Error level. */
    public static final int ERROR = 8;

    /** The entry as the logs API returns it. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("id", id);
        out.put("created", created);
        out.set("data", data);
        out.put("message", message);
        out.put("level", level);
        return out;
    }
}
