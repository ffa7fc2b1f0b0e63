package dev.coffer.apis.openapi;

import static dev.coffer.apis.openapi.Schemas.array;
import static dev.coffer.apis.openapi.Schemas.integer;
import static dev.coffer.apis.openapi.Schemas.object;
import static dev.coffer.apis.openapi.Schemas.ref;
import static dev.coffer.apis.openapi.Schemas.requiring;
import static dev.coffer.apis.openapi.Schemas.string;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shared parts of the document: the error shape {@code {status, message, data}} and the error responses
 * using it, the list query parameters, and the security scheme (the raw token in {@code Authorization}).
 */
final class Components {

    private Components() {}

    /** The name of the shared error response of a status. */
    static String errorName(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 413 -> "TooLarge";
            case 429 -> "TooManyRequests";
            default -> throw new IllegalArgumentException("no shared response for " + status);
        };
    }

    /** The components object, with {@code schemas} ready for the collections' schemas. */
    static ObjectNode create() {
        ObjectNode c = Json.object();
        ObjectNode schemas = c.putObject("schemas");
        ObjectNode fieldError = object("code", string("A stable code, such as validation_required."),
                "message", string("A readable message."));
        ((ObjectNode) fieldError.get("properties")).set("params", Schemas.anyObject()
                .put("description", "The values the message refers to (a length, a limit), when any."));
        schemas.set("FieldError", fieldError);
        ObjectNode error = object("status", integer().put("description", "The HTTP status."),
                "message", string("What went wrong."),
                "data", Schemas.anyObject().put("description",
                        "Field errors by field name ({code, message}), nested as the request body; {} when none."));
        error.put("description", "The one error shape of every failed request.");
        schemas.set("Error", error);
        schemas.set("ListMeta", object("page", integer(), "perPage", integer(),
                "totalItems", integer().put("description", "-1 with skipTotal."),
                "totalPages", integer().put("description", "-1 with skipTotal.")));
        schemas.set("MfaRequired", object("mfaId", string(
                "Repeat the authentication with another method, passing this id as mfaId.")));

        ObjectNode responses = c.putObject("responses");
        errorResponse(responses, 400, "The request is invalid (data holds the field errors).");
        errorResponse(responses, 401, "Missing or invalid authentication.");
        errorResponse(responses, 403, "The authenticated record is not allowed to do this.");
        errorResponse(responses, 404, "The resource was not found (or the rules hide it).");
        errorResponse(responses, 413, "The request body is too large.");
        errorResponse(responses, 429, "Too many requests (the rate limits or an attempt limit).");

        ObjectNode params = c.putObject("parameters");
        query(params, "page", "The page, from 1.", integer().put("minimum", 1).put("default", 1));
        query(params, "perPage", "Records per page (at most 1000).",
                integer().put("minimum", 1).put("maximum", 1000).put("default", 30));
        query(params, "sort", "Comma-separated fields, - for descending (e.g. -created,title); @random, @rowid.",
                string());
        query(params, "filter", "A filter expression, e.g. (title ~ 'abc' && created > '2024-01-01').", string());
        query(params, "expand", "Relations to expand, comma-separated, dotted for nested (e.g. author,tags.owner).",
                string());
        query(params, "fields", "The JSON keys to return, comma-separated (e.g. id,title,description:excerpt(200)).",
                string());
        query(params, "skipTotal", "Skip counting the total: totalItems and totalPages are then -1 (faster).",
                Schemas.bool());

        ObjectNode scheme = c.putObject("securitySchemes").putObject(OpenApiDocument.SECURITY_SCHEME);
        scheme.put("type", "apiKey").put("in", "header").put("name", "Authorization");
        scheme.put("description", "The auth token of a record, as an auth endpoint returns it, sent as the whole "
                + "header value (PocketBase style: no \"Bearer \" prefix needed, though one is accepted). "
                + "Superusers authenticate at /api/collections/_superusers/auth-with-password.");
        return c;
    }

    private static void errorResponse(ObjectNode responses, int status, String description) {
        ObjectNode r = responses.putObject(errorName(status));
        r.put("description", description);
        r.putObject("content").putObject("application/json").set("schema", ref("Error"));
    }

    private static void query(ObjectNode params, String name, String description, ObjectNode schema) {
        ObjectNode p = params.putObject(name);
        p.put("name", name).put("in", "query").put("description", description);
        p.set("schema", schema);
    }

    /** An auth response: a token and the record ({@code meta} after OAuth2). */
    static ObjectNode authResponse(String recordSchema) {
        ObjectNode o = object("token", string("The auth token; send it in Authorization."),
                "record", ref(recordSchema));
        ((ObjectNode) o.get("properties")).set("meta", Schemas.anyObject().put("description",
                "After OAuth2: the provider's user (id, name, username, email, avatarURL, accessToken, "
                        + "refreshToken, expiry, rawUser, isNew)."));
        return o;
    }

    /** A list page of records of a schema. */
    static ObjectNode listOf(String recordSchema) {
        ObjectNode list = object("page", integer(), "perPage", integer(), "totalItems", integer(),
                "totalPages", integer(), "items", array(ref(recordSchema)));
        return requiring(list, "page", "perPage", "totalItems", "totalPages", "items");
    }
}
