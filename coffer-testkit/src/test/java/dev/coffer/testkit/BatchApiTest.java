package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/batch} over HTTP against the PocketBase fixture. */
class BatchApiTest {

    /** The fixture's long-lived token of the superuser test@example.com. */
    static final String SUPERUSER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoicGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";
    private static final String BOUNDARY = "----cofferBatchBoundary";
    private static final String DEMO3 = "wzlqyes4orhoygb";

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
        settings("{\"batch\":{\"enabled\":true,\"maxRequests\":10,\"timeout\":3,\"maxBodySize\":0}}");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private void settings(String patch) {
        HttpResponse<String> r = app.send("PATCH", "/api/settings", Map.of("Authorization", SUPERUSER), patch);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private HttpResponse<String> batch(String token, String body) {
        return app.send("POST", "/api/batch", token == null ? Map.of() : Map.of("Authorization", token), body);
    }

    private JsonNode get(String path) {
        HttpResponse<String> r = app.send("GET", path, Map.of("Authorization", SUPERUSER), null);
        return r.statusCode() == 404 ? null : Json.parse(r.body());
    }

    private long countTitled(String collection, String prefix) {
        return get("/api/collections/" + collection + "/records?perPage=200").path("items").valueStream()
                .filter(i -> i.path("title").asString("").startsWith(prefix)).count();
    }

    @Test
    void disabledBatchIsForbidden() {
        settings("{\"batch\":{\"enabled\":false}}");
        HttpResponse<String> r = batch(SUPERUSER, "{\"requests\":[{\"method\":\"POST\",\"url\":\"/api/collections/demo2/records\",\"body\":{\"title\":\"x\"}}]}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Json.parse(r.body()).path("message").asString()).isEqualTo("Batch requests are not allowed.");
    }

    @Test
    void createUpdateUpsertAndDeleteCommitTogether() {
        HttpResponse<String> r = batch(SUPERUSER, """
                {"requests":[
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":"batch_new"}},
                  {"method":"PUT","url":"/api/collections/demo2/records","body":{"id":"upsertnew000001","title":"batch_upsert_create"}},
                  {"method":"PUT","url":"/api/collections/demo3/records?fields=id,title","body":{"id":"1tmknxy2868d869","title":"batch_upsert_update"}},
                  {"method":"PATCH","url":"/api/collections/demo3/records/7nwo8tuiatetxdm","body":{"title":"batch_patched"}},
                  {"method":"DELETE","url":"/api/collections/demo2/records/achvryl401bhse3"}
                ]}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode res = Json.parse(r.body());
        assertThat(res).hasSize(5);
        assertThat(res.get(0).path("status").asInt()).isEqualTo(200);
        assertThat(res.get(0).path("body").path("title").asString()).isEqualTo("batch_new");
        assertThat(res.get(1).path("body").path("id").asString()).isEqualTo("upsertnew000001");
        assertThat(res.get(2).path("body").propertyNames()).containsExactlyInAnyOrder("id", "title");
        assertThat(res.get(4).path("status").asInt()).isEqualTo(204);
        assertThat(res.get(4).path("body").isNull()).isTrue();
        assertThat(r.body()).startsWith("[{\"body\":");
        assertThat(get("/api/collections/demo3/records/1tmknxy2868d869").path("title").asString())
                .isEqualTo("batch_upsert_update");
        assertThat(get("/api/collections/demo3/records/7nwo8tuiatetxdm").path("title").asString())
                .isEqualTo("batch_patched");
        assertThat(get("/api/collections/demo2/records/upsertnew000001")).isNotNull();
        assertThat(get("/api/collections/demo2/records/achvryl401bhse3")).isNull();
    }

    @Test
    void anyFailureRollsBackEverything() {
        HttpResponse<String> r = batch(SUPERUSER, """
                {"requests":[
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":"batch_a"}},
                  {"method":"DELETE","url":"/api/collections/demo2/records/achvryl401bhse3"},
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":""}}
                ]}""");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode err = Json.parse(r.body());
        assertThat(err.path("message").asString()).isEqualTo("Batch transaction failed.");
        JsonNode failed = err.path("data").path("requests").path("2");
        assertThat(err.path("data").path("requests").propertyNames()).containsExactly("2");
        assertThat(failed.path("code").asString()).isEqualTo("batch_request_failed");
        assertThat(failed.path("message").asString()).isEqualTo("Batch request failed.");
        assertThat(failed.path("response").path("status").asInt()).isEqualTo(400);
        assertThat(failed.path("response").path("data").path("title").path("code").asString())
                .isEqualTo("validation_required");
        assertThat(countTitled("demo2", "batch_")).isZero();
        assertThat(get("/api/collections/demo2/records/achvryl401bhse3")).isNotNull();
    }

    @Test
    void aBatchOverItsTimeoutIsRolledBackAndHooksSeeTheSubRequests() {
        app.close();
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        app = TestApp.fromFixture(c -> {
            c.apiHooks().onBatchRequest().bind(e -> {
                e.requests().forEach(r -> seen.add(r.method() + " " + r.url()));
                e.next();
            });
            c.apiHooks().onRecordCreateRequest().bind(e -> {
                Thread.sleep(600);
                e.next();
            });
        });
        settings("{\"batch\":{\"enabled\":true,\"maxRequests\":10,\"timeout\":1}}");
        HttpResponse<String> r = batch(SUPERUSER, """
                {"requests":[
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":"batch_slow1"}},
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":"batch_slow2"}}
                ]}""");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Json.parse(r.body()).path("data").isEmpty()).isTrue();
        assertThat(countTitled("demo2", "batch_slow")).isZero();
        assertThat(seen).containsExactly("POST /api/collections/demo2/records", "POST /api/collections/demo2/records");
    }

    @Test
    void unknownActionsFailTheBatch() {
        HttpResponse<String> r = batch(SUPERUSER, "{\"requests\":[{\"method\":\"GET\",\"url\":\"/api/health\"}]}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode failed = Json.parse(r.body()).path("data").path("requests").path("0");
        assertThat(failed.path("code").asString()).isEqualTo("batch_request_failed");
        assertThat(failed.path("response").path("status").asInt()).isEqualTo(400);
    }

    @Test
    void limitsAndStructureAreValidated() {
        settings("{\"batch\":{\"maxRequests\":2}}");
        String three = "{\"requests\":[{\"method\":\"GET\",\"url\":\"/a\"},{\"method\":\"GET\",\"url\":\"/b\"},"
                + "{\"method\":\"GET\",\"url\":\"/c\"}]}";
        HttpResponse<String> tooMany = batch(SUPERUSER, three);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(Json.parse(tooMany.body()).path("data").path("requests").path("code").asString())
                .isEqualTo("validation_length_too_long");

        settings("{\"batch\":{\"maxRequests\":100}}");
        HttpResponse<String> invalid = batch(SUPERUSER, "{\"requests\":[{},{\"method\":\"GET\",\"url\":\"/v\"},"
                + "{\"method\":\"nope\",\"url\":\"/v\"},{\"method\":\"POST\",\"url\":\"" + "a".repeat(2001) + "\"}]}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        JsonNode data = Json.parse(invalid.body()).path("data").path("requests");
        assertThat(Json.parse(invalid.body()).path("message").asString()).isEqualTo("Invalid batch request data.");
        assertThat(data.propertyNames()).containsExactlyInAnyOrder("0", "2", "3");
        assertThat(data.path("0").path("method").path("code").asString()).isEqualTo("validation_required");
        assertThat(data.path("2").path("method").path("code").asString()).isEqualTo("validation_in_invalid");
        assertThat(data.path("3").path("url").path("code").asString()).isEqualTo("validation_length_too_long");

        HttpResponse<String> empty = batch(SUPERUSER, "{\"requests\":[]}");
        assertThat(Json.parse(empty.body()).path("data").path("requests").path("code").asString())
                .isEqualTo("validation_required");

        settings("{\"batch\":{\"maxBodySize\":10}}");
        assertThat(batch(SUPERUSER, three).statusCode()).isEqualTo(413);
    }

    @Test
    void subRequestsRunWithTheBatchAuthAndIgnoreTheirOwn() {
        String body = "{\"requests\":[{\"method\":\"PATCH\",\"url\":\"/api/collections/demo3/records/1tmknxy2868d869\","
                + "\"headers\":{\"Authorization\":\"" + SUPERUSER + "\"},\"body\":{\"title\":\"guest_try\"}}]}";
        HttpResponse<String> guest = batch(null, body);
        assertThat(guest.statusCode()).isEqualTo(400);
        assertThat(Json.parse(guest.body()).path("data").path("requests").path("0").path("response").path("status")
                .asInt()).isEqualTo(404);
        assertThat(get("/api/collections/demo3/records/1tmknxy2868d869").path("title").asString()).isEqualTo("test1");

        HttpResponse<String> su = batch(SUPERUSER, body.replace(SUPERUSER, "ignored"));
        assertThat(su.statusCode()).as(su.body()).isEqualTo(200);
        assertThat(get("/api/collections/demo3/records/1tmknxy2868d869").path("title").asString())
                .isEqualTo("guest_try");
    }

    @Test
    void multipartUploadsCommitAndRolledBackUploadsLeaveNoFiles() throws Exception {
        Path storage = app.dir().resolve("storage").resolve(DEMO3);
        long before = countFiles(storage);
        assertThat(storage.resolve("mk5fmymtx4wsprk").resolve("300_JdfBOieXAW.png")).exists();

        HttpResponse<String> failed = multipart("""
                {"requests":[
                  {"method":"POST","url":"/api/collections/demo3/records","body":{"title":"batch_upload"}},
                  {"method":"POST","url":"/api/collections/demo2/records","body":{"title":""}}
                ]}""");
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(400);
        assertThat(countFiles(storage)).isEqualTo(before);
        assertThat(countTitled("demo3", "batch_upload")).isZero();

        HttpResponse<String> ok = multipart("""
                {"requests":[
                  {"method":"POST","url":"/api/collections/demo3/records","body":{"title":"batch_upload"}},
                  {"method":"PATCH","url":"/api/collections/demo3/records/mk5fmymtx4wsprk","body":{"files":[]}}
                ]}""");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode created = Json.parse(ok.body()).get(0).path("body");
        assertThat(created.path("files")).hasSize(2);
        Path dir = storage.resolve(created.path("id").asString());
        for (JsonNode name : created.path("files")) {
            assertThat(dir.resolve(name.asString())).exists();
        }
        assertThat(storage.resolve("mk5fmymtx4wsprk").resolve("300_JdfBOieXAW.png")).doesNotExist();
    }

    private HttpResponse<String> multipart(String payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, "@jsonPayload", null, payload.getBytes(StandardCharsets.UTF_8));
        part(out, "requests.0.files", "a.txt", "first".getBytes(StandardCharsets.UTF_8));
        part(out, "requests[0].files", "b.txt", "second".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/batch"))
                .header("Authorization", SUPERUSER)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(req, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void part(ByteArrayOutputStream out, String name, String fileName, byte[] content) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"\r\nContent-Type: text/plain") + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private static long countFiles(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
