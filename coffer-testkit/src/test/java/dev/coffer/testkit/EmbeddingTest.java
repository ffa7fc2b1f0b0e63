package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Coffer used as a library: an application route and a hook that changes an auth response, over HTTP. */
class EmbeddingTest {

    private static final String LOGIN = "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}";

    @Test
    void customRouteAndAuthHookWorkOverHttp() {
        try (TestApp app = TestApp.fromFixture(c -> {
            c.routes(r -> r.get("/hello/{name}", e -> e.json(200, Map.of("hello", e.pathParam("name")))));
            c.apiHooks().onRecordAuthRequest().bind("add-meta", 10, e -> {
                e.setMeta(Map.of("plan", "pro", "who", e.record().email()));
                e.next();
            });
        })) {
            HttpResponse<String> hello = app.send("GET", "/hello/world", Map.of(), null);
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualToIgnoringWhitespace("{\"hello\":\"world\"}");

            HttpResponse<String> login = app.send("POST", "/api/collections/clients/auth-with-password", Map.of(), LOGIN);
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.body()).contains("\"meta\":{").contains("\"plan\":\"pro\"")
                    .contains("\"who\":\"test@example.com\"").contains("\"token\":\"");
        }
    }

    @Test
    void hookCanAnswerInsteadOfTheAction() {
        try (TestApp app = TestApp.fromFixture(c -> c.apiHooks().onRecordAuthWithPasswordRequest().bind("deny", 0, e -> {
            if (e.identity().endsWith("@example.com")) {
                e.json(418, Map.of("message", "no logins from example.com"));
                return; // not calling next(): the password check and the response never run
            }
            e.next();
        }))) {
            HttpResponse<String> login = app.send("POST", "/api/collections/clients/auth-with-password", Map.of(), LOGIN);
            assertThat(login.statusCode()).isEqualTo(418);
            assertThat(login.body()).contains("no logins from example.com").doesNotContain("token");
        }
    }

    @Test
    void recordRequestHookChangesTheRecordBeforeItIsSaved() {
        try (TestApp app = TestApp.fromFixture(c -> c.apiHooks().onRecordCreateRequest().bind("trim", 0, e -> {
            e.record().set("title", e.record().getString("title").trim());
            e.next();
        }))) {
            HttpResponse<String> created = app.send("POST", "/api/collections/demo2/records", Map.of(),
                    "{\"title\":\"   spaced out   \"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).contains("\"title\":\"spaced out\"");
            String id = ApiScenario.compact(created.body()).replaceAll(".*\"id\":\"([a-z0-9]+)\".*", "$1");
            assertThat(app.send("GET", "/api/collections/demo2/records/" + id, Map.of(), null).body())
                    .contains("\"title\":\"spaced out\"");
        }
    }

    @Test
    void collectionHookChangesTheSubmittedCollection() {
        String superuser = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoicGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";
        try (TestApp app = TestApp.fromFixture(c -> c.apiHooks().onCollectionCreateRequest().bind("public-list", 0, e -> {
            e.body().put("listRule", "");
            e.next();
            e.setHeader("X-Created-Collection", e.collection().id());
        }))) {
            HttpResponse<String> created = app.send("POST", "/api/collections", Map.of("Authorization", superuser),
                    "{\"name\":\"hooked\",\"fields\":[{\"type\":\"text\",\"name\":\"title\"}]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).contains("\"listRule\":\"\"");
            assertThat(created.headers().firstValue("X-Created-Collection")).hasValueSatisfying(v -> assertThat(v).startsWith("pbc_"));
            assertThat(app.send("GET", "/api/collections/hooked/records", Map.of(), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unknownRoutesAndMalformedJsonUseTheErrorShape() {
        try (TestApp app = TestApp.fromFixture()) {
            HttpResponse<String> missing = app.send("GET", "/api/missing", Map.of(), null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(ApiScenario.compact(missing.body()))
                    .isEqualTo("{\"data\":{},\"message\":\"The requested resource wasn't found.\",\"status\":404}");

            HttpResponse<String> trailing = app.send("GET", "/api/health/", Map.of(), null);
            assertThat(trailing.statusCode()).isEqualTo(404);

            HttpResponse<String> bad = app.send("POST", "/api/collections/clients/auth-with-password", Map.of(), "{not json");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("\"status\":400").contains("\"data\":{}");

            HttpResponse<String> head = app.send("HEAD", "/api/health", Map.of(), null);
            assertThat(head.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void fieldsParameterTrimsAuthResponses() {
        try (TestApp app = TestApp.fromFixture()) {
            HttpResponse<String> login = app.send("POST",
                    "/api/collections/clients/auth-with-password?fields=token,record.id,record.email", Map.of(), LOGIN);
            assertThat(login.statusCode()).isEqualTo(200);
            String body = ApiScenario.compact(login.body());
            assertThat(body).startsWith("{\"record\":{\"email\":\"test@example.com\",\"id\":\"gk390qegs4y47wn\"},\"token\":\"");
            assertThat(body).doesNotContain("username").doesNotContain("collectionId");
        }
    }
}
