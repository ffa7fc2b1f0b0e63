package dev.coffer.testkit;

import static dev.coffer.testkit.ApiCalls.SUPERUSER;
import static dev.coffer.testkit.ApiCalls.USER;
import static dev.coffer.testkit.ApiCalls.ok;
import static dev.coffer.testkit.ApiCalls.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/openapi.json}: the document of the fixture's collections (most field kinds, auth and view
 * collections) passes swagger-parser's validation with no message, maps each field kind to its schema, follows
 * collections created at runtime, and answers only those the {@code openapi.access} setting lets in.
 */
class OpenApiApiTest {

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonNode document() {
        return ok(send(app, "GET", "/api/openapi.json", SUPERUSER, null));
    }

    /** The messages of a standard OpenAPI 3.1 parser and validator, none expected. */
    private static List<String> validationMessages(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(json, null, options);
        assertThat(result.getOpenAPI()).as("parsed").isNotNull();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        return result.getMessages() == null ? List.of() : result.getMessages();
    }

    @Test
    void fixtureDocumentValidatesAndMapsEveryFieldKind() {
        HttpResponse<String> r = send(app, "GET", "/api/openapi.json", SUPERUSER, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(validationMessages(r.body())).isEmpty();
        JsonNode doc = Json.parse(r.body());
        tools.jackson.databind.node.ObjectNode broken = (tools.jackson.databind.node.ObjectNode) doc.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) broken.at("/components/schemas")).remove("Error");
        assertThat(validationMessages(Json.write(broken))).as("the validator sees a dangling $ref").isNotEmpty();

        JsonNode paths = doc.get("paths");
        assertThat(paths.has("/api/collections/demo1/records")).isTrue();
        assertThat(paths.get("/api/collections/demo1/records/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/collections/view1/records").has("post")).as("views are read-only").isFalse();
        assertThat(paths.get("/api/collections/view1/records/{id}").propertyNames()).containsExactly("get");
        for (String flow : List.of("auth-with-password", "auth-refresh", "auth-methods", "request-otp",
                "auth-with-otp", "request-verification", "confirm-verification", "request-password-reset",
                "confirm-password-reset", "request-email-change", "confirm-email-change", "auth-with-oauth2",
                "impersonate/{id}")) {
            assertThat(paths.has("/api/collections/users/" + flow)).as(flow).isTrue();
        }
        assertThat(paths.has("/api/collections/demo1/auth-with-password")).as("base collections").isFalse();
        for (String system : List.of("/api/health", "/api/collections", "/api/settings", "/api/logs", "/api/backups",
                "/api/crons", "/api/files/token", "/api/files/{collection}/{recordId}/{filename}", "/api/batch",
                "/api/realtime", "/api/openapi.json", "/api/realtime/ws", "/api/jobs", "/api/jobs/{id}/retry",
                "/api/webhooks/install", "/api/webhooks/deliveries/{id}/redeliver")) {
            assertThat(paths.has(system)).as(system).isTrue();
        }

        JsonNode schemas = doc.at("/components/schemas");
        JsonNode demo1 = schemas.at("/Demo1Record/properties");
        assertThat(demo1.at("/text/type").asString()).isEqualTo("string");
        assertThat(demo1.at("/bool/type").asString()).isEqualTo("boolean");
        assertThat(demo1.at("/number/type").asString()).isEqualTo("number");
        assertThat(demo1.at("/select_one/enum").toString()).contains("\"optionA\"");
        assertThat(demo1.at("/select_many/type").asString()).isEqualTo("array");
        assertThat(demo1.at("/file_many/items/type").asString()).isEqualTo("string");
        assertThat(demo1.at("/rel_one/type").asString()).isEqualTo("string");
        assertThat(demo1.at("/rel_many/type").asString()).isEqualTo("array");
        assertThat(demo1.at("/point/required").toString()).isEqualTo("[\"lon\",\"lat\"]");
        assertThat(demo1.at("/created/readOnly").asBoolean()).isTrue();
        assertThat(demo1.at("/expand/properties/rel_one/$ref").asString()).startsWith("#/components/schemas/");
        assertThat(schemas.at("/Demo1CreateForm/properties/file_many/items/format").asString()).isEqualTo("binary");
        assertThat(schemas.at("/Demo1Create/properties").has("created")).as("autodate is not written").isFalse();
        assertThat(doc.at("/paths/~1api~1collections~1demo1~1records/post/requestBody/content")
                .has("multipart/form-data")).isTrue();

        JsonNode users = schemas.at("/UsersRecord/properties");
        assertThat(users.has("password")).as("write-only").isFalse();
        assertThat(users.has("tokenKey")).as("hidden").isFalse();
        assertThat(schemas.at("/UsersCreate/properties/password/writeOnly").asBoolean()).isTrue();
        assertThat(schemas.at("/UsersCreate/required").toString()).contains("\"password\"", "\"passwordConfirm\"");
        assertThat(schemas.at("/UsersAuthResponse/properties/record/$ref").asString())
                .isEqualTo("#/components/schemas/UsersRecord");

        assertThat(doc.at("/components/schemas/Error/required").toString())
                .isEqualTo("[\"status\",\"message\",\"data\"]");
        assertThat(doc.at("/components/responses/NotFound/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Error");
        JsonNode scheme = doc.at("/components/securitySchemes/recordToken");
        assertThat(scheme.get("type").asString()).isEqualTo("apiKey");
        assertThat(scheme.get("in").asString()).isEqualTo("header");
        assertThat(scheme.get("name").asString()).isEqualTo("Authorization");
    }

    @Test
    void collectionCreatedAtRuntimeAppears() {
        assertThat(document().get("paths").has("/api/collections/gadgets/records")).isFalse();
        ok(send(app, "POST", "/api/collections", SUPERUSER, """
                {"name":"gadgets","type":"base","listRule":"","fields":[
                  {"name":"label","type":"text","required":true},
                  {"name":"size","type":"select","values":["s","m","l"],"maxSelect":1},
                  {"name":"secret","type":"text","hidden":true}]}"""));
        String json = send(app, "GET", "/api/openapi.json", SUPERUSER, null).body();
        assertThat(validationMessages(json)).isEmpty();
        JsonNode doc = Json.parse(json);
        assertThat(doc.get("paths").has("/api/collections/gadgets/records")).isTrue();
        JsonNode gadget = doc.at("/components/schemas/GadgetsRecord");
        assertThat(gadget.at("/required").toString()).contains("\"label\"");
        assertThat(gadget.at("/properties/size/enum").toString()).isEqualTo("[\"s\",\"m\",\"l\",\"\"]");
        assertThat(gadget.get("properties").has("secret")).as("hidden fields are not in responses").isFalse();
        assertThat(doc.at("/components/schemas/GadgetsCreate/required").toString()).isEqualTo("[\"label\"]");
        assertThat(doc.at("/paths/~1api~1collections~1gadgets~1records/get/security").toString())
                .as("a rule: anyone, the token optional").isEqualTo("[{},{\"recordToken\":[]}]");
    }

    @Test
    void accessFollowsTheSetting() {
        List<Integer> statuses = new ArrayList<>();
        Runnable probe = () -> {
            statuses.add(send(app, "GET", "/api/openapi.json", null, null).statusCode());
            statuses.add(send(app, "GET", "/api/openapi.json", USER, null).statusCode());
            statuses.add(send(app, "GET", "/api/openapi.json", SUPERUSER, null).statusCode());
        };
        assertThat(ok(send(app, "GET", "/api/settings", SUPERUSER, null)).has("openapi"))
                .as("unset: not in PocketBase's settings shape").isFalse();
        probe.run();
        try {
            setAccess("authenticated");
            probe.run();
            setAccess("public");
            probe.run();
            assertThat(ok(send(app, "GET", "/api/settings", SUPERUSER, null)).at("/openapi/access").asString())
                    .isEqualTo("public");
            HttpResponse<String> bad = send(app, "PATCH", "/api/settings", SUPERUSER,
                    "{\"openapi\":{\"access\":\"everyone\"}}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(Json.parse(bad.body()).at("/data/openapi/access/code").asString())
                    .isEqualTo("validation_in_invalid");
        } finally {
            setAccess("superusers");
        }
        assertThat(statuses).containsExactly(401, 403, 200, 401, 200, 200, 200, 200, 200);
    }

    private static void setAccess(String access) {
        ok(send(app, "PATCH", "/api/settings", SUPERUSER, "{\"openapi\":{\"access\":\"" + access + "\"}}"));
    }
}
