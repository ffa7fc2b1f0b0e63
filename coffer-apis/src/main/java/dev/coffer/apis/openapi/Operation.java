package dev.coffer.apis.openapi;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds one OpenAPI operation object: summary, tag, id, who may call it, parameters, request body and
 * responses, the shared error responses referenced by status.
 */
final class Operation {

    /** Who may call an operation, as its {@code security} says. */
    enum Access {
        /** Anyone; a token changes nothing. */
        PUBLIC,
        /** Anyone; a token may widen what the rules let through. */
        OPTIONAL,
        /** Any authenticated record (401 without a token). */
        AUTHENTICATED,
        /** Superusers only (401 without a token, 403 for other records). */
        SUPERUSER
    }

    private final ObjectNode op = Json.object();
    private final ObjectNode responses;

    private Operation(String summary) {
        op.put("summary", summary);
        responses = Json.object();
    }

    /** A new operation with a summary. */
    static Operation of(String summary) {
        return new Operation(summary);
    }

    /** Adds a description (CommonMark). */
    Operation description(String text) {
        op.put("description", text);
        return this;
    }

    /** Adds a tag. */
    Operation tag(String tag) {
        array("tags").add(tag);
        return this;
    }

    /** Sets the unique operation id. */
    Operation id(String operationId) {
        op.put("operationId", operationId);
        return this;
    }

    /** Sets who may call it, adding the 401/403 responses that go with it. */
    Operation access(Access access) {
        ArrayNode security = op.putArray("security");
        switch (access) {
            case PUBLIC -> op.remove("security");
            case OPTIONAL -> {
                security.addObject();
                security.addObject().putArray(OpenApiDocument.SECURITY_SCHEME);
            }
            case AUTHENTICATED, SUPERUSER -> {
                security.addObject().putArray(OpenApiDocument.SECURITY_SCHEME);
                error(401);
                if (access == Access.SUPERUSER) {
                    error(403);
                }
            }
        }
        return this;
    }

    /** Adds a parameter defined in the shared components by name. */
    Operation sharedParam(String name) {
        array("parameters").addObject().put("$ref", "#/components/parameters/" + name);
        return this;
    }

    /** Adds a required string path parameter. */
    Operation pathParam(String name, String description) {
        ObjectNode p = array("parameters").addObject();
        p.put("name", name).put("in", "path").put("required", true).put("description", description);
        p.putObject("schema").put("type", "string");
        return this;
    }

    /** Adds an optional query parameter. */
    Operation query(String name, String description, ObjectNode schema) {
        ObjectNode p = array("parameters").addObject();
        p.put("name", name).put("in", "query").put("description", description);
        p.set("schema", schema);
        return this;
    }

    /** A JSON request body of this schema. */
    Operation jsonBody(ObjectNode schema, boolean required) {
        ObjectNode body = op.putObject("requestBody");
        body.put("required", required);
        body.putObject("content").putObject("application/json").set("schema", schema);
        return this;
    }

    /** A request body with one schema per media type (JSON, multipart, …). */
    Operation body(ObjectNode content, boolean required) {
        ObjectNode body = op.putObject("requestBody");
        body.put("required", required);
        body.set("content", content);
        return this;
    }

    /** A JSON response of this schema. */
    Operation ok(int status, String description, ObjectNode schema) {
        ObjectNode r = responses.putObject(Integer.toString(status));
        r.put("description", description);
        r.putObject("content").putObject("application/json").set("schema", schema);
        return this;
    }

    /** A response of another media type ({@code text/event-stream}, a file). */
    Operation ok(int status, String description, String mediaType, ObjectNode schema) {
        ObjectNode r = responses.putObject(Integer.toString(status));
        r.put("description", description);
        r.putObject("content").putObject(mediaType).set("schema", schema);
        return this;
    }

    /** A response without a body. */
    Operation empty(int status, String description) {
        responses.putObject(Integer.toString(status)).put("description", description);
        return this;
    }

    /** Adds the shared error responses of these statuses (400, 401, 403, 404, 429). */
    Operation errors(int... statuses) {
        for (int s : statuses) {
            error(s);
        }
        return this;
    }

    private void error(int status) {
        responses.putObject(Integer.toString(status)).put("$ref", "#/components/responses/" + Components.errorName(status));
    }

    private ArrayNode array(String key) {
        return op.has(key) ? (ArrayNode) op.get(key) : op.putArray(key);
    }

    /** The operation object. */
    ObjectNode json() {
        ObjectNode out = op.deepCopy();
        ObjectNode sorted = out.putObject("responses");
        responses.properties().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> sorted.set(e.getKey(), e.getValue()));
        return out;
    }
}
