package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code POST /api/collections/meta/infer}: superusers only, CSV / JSON / NDJSON in, a collection out, 400 for bad input. */
class CollectionInferenceApiTest {

    private static final String SUPERUSER = BackupsApiTest.SUPERUSER;
    private static final String USER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    private static final String PATH = "/api/collections/meta/infer";
    private static final String BOUNDARY = "inferBoundary7";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CSV = "sku,title,price,in stock\nA1,Lamp,12.5,yes\nA2,Desk,120,no\nA3,Chair,45,yes\n";

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static ApiScenario scenario(String name, String token, String contentType, String body, int status,
            String... expected) {
        Map<String, String> headers = token == null ? Map.of("content-type", contentType)
                : Map.of("Authorization", token, "content-type", contentType);
        return new ApiScenario(name, "POST", PATH + "?name=products", headers, body, status, List.of(expected),
                List.of("\"status\":500"));
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        return Stream.of(
                scenario("guest", null, "text/csv", CSV, 401,
                        "\"message\":\"The request requires valid record authorization token.\""),
                scenario("regular user", USER, "text/csv", CSV, 403,
                        "\"message\":\"The authorized record is not allowed to perform this action.\""),
                scenario("csv body", SUPERUSER, "text/csv", CSV, 200, "\"format\":\"csv\"", "\"name\":\"products\"",
                        "\"rowsExamined\":3", "\"truncated\":false",
                        "{\"column\":\"in stock\",\"field\":\"in_stock\",\"type\":\"bool\"",
                        "\"name\":\"price\",\"type\":\"number\",\"required\":false"),
                scenario("json body", SUPERUSER, "application/json", "[{\"a\":1,\"b\":{\"x\":true}},{\"a\":2}]", 200,
                        "\"format\":\"json\"", "\"name\":\"b\",\"type\":\"json\",\"required\":false"),
                scenario("ndjson body", SUPERUSER, "application/x-ndjson", "{\"a\":\"x@example.com\"}\n", 200,
                        "\"format\":\"ndjson\"", "\"name\":\"a\",\"type\":\"email\""),
                scenario("empty body", SUPERUSER, "text/csv", "", 400, "\"message\":\"The file is empty.\"",
                        "\"status\":400"),
                scenario("ragged csv", SUPERUSER, "text/csv", "a,b\n1\n", 400,
                        "\"message\":\"Row 1 (line 2) has 1 values, the header has 2 columns.\""),
                scenario("duplicate header", SUPERUSER, "text/csv", "a,a\n1,2\n", 400,
                        "\"message\":\"Columns 1 and 2 of the header row are both named \\\"a\\\".\""),
                scenario("blank header", SUPERUSER, "text/csv", " ,b\n1,2\n", 400,
                        "\"message\":\"Column 1 of the header row has no name.\""),
                scenario("json object", SUPERUSER, "application/json", "{\"a\":\n1}", 400,
                        "\"message\":\"Line 1 is not a JSON object"),
                scenario("json scalars", SUPERUSER, "application/json", "[1,2,3]", 400,
                        "\"message\":\"Item 1 of the JSON array is not an object.\""),
                scenario("unclosed quote", SUPERUSER, "text/csv", "a\n\"x\n", 400, "is never closed."))
                .map(s -> DynamicTest.dynamicTest(s.name(), () -> assertThat(s.run(app)).isEmpty()));
    }

    private static HttpResponse<String> postBytes(String contentType, byte[] body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.baseUrl() + PATH)).header("Authorization", SUPERUSER)
                .header("content-type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] multipart(String fileName, byte[] content, Map<String, String> values) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        values.forEach((k, v) -> body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (fileName != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    @Test
    void aMultipartUploadIsNamedAfterItsFileAndTheAnswerCreatesTheCollectionAsItIs() throws Exception {
        HttpResponse<String> r = postBytes("multipart/form-data; boundary=" + BOUNDARY,
                multipart("Shop Products.csv", CSV.getBytes(StandardCharsets.UTF_8), Map.of()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = Json.parse(r.body());
        ObjectNode collection = (ObjectNode) answer.get("collection");
        assertThat(collection.get("name").asString()).isEqualTo("Shop_Products");
        assertThat(answer.get("columns").get(0).get("profile").get("distinct").asInt()).isEqualTo(3);
        HttpResponse<String> created = app.send("POST", "/api/collections", Map.of("Authorization", SUPERUSER),
                Json.write(collection));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode fields = Json.parse(created.body()).get("fields");
        assertThat(fields.valueStream().map(f -> f.get("name").asString()).toList())
                .containsExactly("id", "sku", "title", "price", "in_stock", "created", "updated");
        // a second proposal for the same file gets a name that is free
        HttpResponse<String> again = postBytes("multipart/form-data; boundary=" + BOUNDARY,
                multipart("Shop Products.csv", CSV.getBytes(StandardCharsets.UTF_8), Map.of("partial", "true")));
        assertThat(Json.parse(again.body()).get("collection").get("name").asString()).isEqualTo("Shop_Products_2");
    }

    @Test
    void theNameValueAndTheFileExtensionDecide() throws Exception {
        HttpResponse<String> r = postBytes("multipart/form-data; boundary=" + BOUNDARY,
                multipart("data.ndjson", "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8),
                        Map.of("name", "readings")));
        JsonNode answer = Json.parse(r.body());
        assertThat(answer.get("format").asString()).isEqualTo("ndjson");
        assertThat(answer.get("collection").get("name").asString()).isEqualTo("readings");
    }

    @Test
    void binaryGarbageAndAMissingFileAreBadRequests() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        HttpResponse<String> binary = postBytes("application/octet-stream", garbage);
        assertThat(binary.statusCode()).isEqualTo(400);
        assertThat(Json.parse(binary.body()).get("message").asString()).startsWith("The file is");
        HttpResponse<String> uploadedGarbage = postBytes("multipart/form-data; boundary=" + BOUNDARY,
                multipart("x.csv", garbage, Map.of()));
        assertThat(uploadedGarbage.statusCode()).isEqualTo(400);
        HttpResponse<String> noFile = postBytes("multipart/form-data; boundary=" + BOUNDARY,
                multipart(null, null, Map.of("name", "x")));
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(Json.parse(noFile.body()).get("message").asString())
                .isEqualTo("Upload the sample data as the multipart part \"file\".");
        HttpResponse<String> invalidUtf8 = postBytes("text/csv", new byte[] {'a', '\n', (byte) 0xFF, (byte) 0xFE, '\n'});
        assertThat(invalidUtf8.statusCode()).isEqualTo(400);
        assertThat(Json.parse(invalidUtf8.body()).get("data").isObject()).isTrue();
    }
}
