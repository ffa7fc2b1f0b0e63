package dev.coffer.apis;

import dev.coffer.tools.db.DatabaseException;
import dev.coffer.tools.db.RawQuery;
import dev.coffer.tools.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/sql {query}} for superusers: runs up to 5000 characters of SQL on the data database and
 * answers {@code {execTime, affectedRows, columns:[{name,type,nullable}], rows:[[text|null,…]]}} with at most
 * {@value #MAX_ROWS} rows of the last statement; write statements run in one transaction.
 */
public final class SqlApi {

    /** The most rows a response holds. */
    public static final int MAX_ROWS = 1000;
    private static final int MAX_QUERY_LENGTH = 5000;

    private SqlApi() {}

    /** Registers the route. */
    public static void bind(ApiRouter router) {
        router.post("/api/sql", CollectionsApi.guarded(SqlApi::run));
    }

    private static void run(RequestEvent e) {
        JsonNode q = e.body().path("query");
        String query = q.isString() ? q.asString() : "";
        if (query.isEmpty() || query.length() > MAX_QUERY_LENGTH) {
            new FieldErrors().add("query", query.isEmpty() ? FieldErrors.REQUIRED : "validation_length_too_long",
                    query.isEmpty() ? "Cannot be blank." : "The length must be no more than " + MAX_QUERY_LENGTH + ".")
                    .throwIfAny("An error occurred while validating the submitted data.");
        }
        RawQuery.Result result;
        try {
            result = RawQuery.run(e.app().db(), query, MAX_ROWS);
        } catch (DatabaseException ex) {
            throw ApiError.badRequest("Failed to execute query. Raw error:\n" + ex.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("execTime", result.execTimeMillis());
        out.put("affectedRows", result.affectedRows());
        ArrayNode columns = out.putArray("columns");
        result.columns().forEach(c -> {
            ObjectNode col = columns.addObject();
            col.put("name", c.name());
            col.put("type", c.type());
            col.put("nullable", c.nullable());
        });
        ArrayNode rows = out.putArray("rows");
        result.rows().forEach(r -> {
            ArrayNode row = rows.addArray();
            r.forEach(row::add);
        });
        e.json(200, out);
    }
}
