package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.apis.RequestEvent;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MultipartUploadTest {

    private static final String BOUNDARY = "----cofferTestBoundary";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, (byte) 0xFF, (byte) 0xFE, 1};

    /** Echoes what the request event saw: the body and, per part name, the files' names, sizes and types. */
    private static void echo(RequestEvent e) {
        Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
        e.files().forEach((name, list) -> files.put(name, list.stream().map(MultipartUploadTest::describe).toList()));
        e.json(200, Map.of("files", files, "body", e.body()));
    }

    private static Map<String, Object> describe(UploadedFile f) {
        return Map.of("originalName", f.originalName(), "name", f.name(), "size", f.size(), "mimeType", f.mimeType(),
                "intact", f.size() != PNG.length || java.util.Arrays.equals(f.bytes(), PNG));
    }

    private static final class Multipart {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Multipart value(String name, String value) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
            return this;
        }

        Multipart file(String name, String fileName, String type, byte[] content) {
            write("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + type + "\r\n\r\n");
            out.writeBytes(content);
            write("\r\n");
            return this;
        }

        byte[] build() {
            write("--" + BOUNDARY + "--\r\n");
            return out.toByteArray();
        }

        private void write(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static JsonNode post(TestApp app, String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/upload"))
                .header("content-type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            return Json.parse(res.body());
        }
    }

    @Test
    void filePartsAreFilesAndTheRestIsTheBody() throws Exception {
        try (TestApp app = TestApp.fromFixture(c -> c.routes(r -> r.post("/upload", MultipartUploadTest::echo)))) {
            byte[] body = new Multipart()
                    .value("title", "hello")
                    .value("count", "12")
                    .value("docs", "kept_abc1234567.txt")
                    .file("docs", "My Notes.txt", "text/plain", "test\n".getBytes(StandardCharsets.UTF_8))
                    .file("docs", "logo.png", "image/png", PNG)
                    .file("+docs", "first.png", "application/octet-stream", PNG)
                    .file("docs+", "last", "image/png", PNG)
                    .file("cleared", "", "application/octet-stream", new byte[0])
                    .value("@jsonPayload", "{\"tags\":[\"a\",\"b\"],\"title\":\"from payload\"}")
                    .build();

            JsonNode res = post(app, "multipart/form-data; boundary=" + BOUNDARY, body);

            JsonNode b = res.get("body");
            assertThat(b.get("title").asString()).isEqualTo("from payload");
            assertThat(b.get("count").asInt()).isEqualTo(12);
            assertThat(b.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(b.get("cleared").asString()).isEmpty();
            assertThat(b.get("docs").asString()).isEqualTo("kept_abc1234567.txt");
            assertThat(b.has("+docs")).isFalse();

            JsonNode files = res.get("files");
            assertThat(files.propertyNames()).containsExactlyInAnyOrder("docs", "+docs", "docs+");
            JsonNode docs = files.get("docs");
            assertThat(docs).hasSize(2);
            assertThat(docs.get(0).get("originalName").asString()).isEqualTo("My Notes.txt");
            assertThat(docs.get(0).get("name").asString()).matches("my_notes_[a-z0-9]{10}\\.txt");
            assertThat(docs.get(0).get("mimeType").asString()).isEqualTo("text/plain; charset=utf-8");
            assertThat(docs.get(1).get("name").asString()).matches("logo_[a-z0-9]{10}\\.png");
            assertThat(docs.get(1).get("size").asInt()).isEqualTo(PNG.length);
            assertThat(docs.get(1).get("intact").asBoolean()).isTrue();
            assertThat(files.get("+docs").get(0).get("mimeType").asString()).isEqualTo("image/png");
            assertThat(files.get("docs+").get(0).get("name").asString()).matches("last_[a-z0-9]{10}\\.png");
        }
    }

    @Test
    void everyJsonPayloadPartIsMergedInOrder() throws Exception {
        try (TestApp app = TestApp.fromFixture(c -> c.routes(r -> r.post("/upload", MultipartUploadTest::echo)))) {
            // the SDK sends one @jsonPayload part per object or array value, beside the plain values and files
            byte[] body = new Multipart()
                    .value("title", "plain")
                    .value("n", "3")
                    .value("@jsonPayload", "{\"tags\":[\"a\",\"b\"]}")
                    .file("cover", "c.png", "image/png", PNG)
                    .value("@jsonPayload", "{\"meta\":{\"m\":1}}")
                    .value("@jsonPayload", "{\"point\":{\"lon\":1.5,\"lat\":2},\"title\":\"from payload\"}")
                    .build();
            JsonNode b = post(app, "multipart/form-data; boundary=" + BOUNDARY, body).get("body");
            assertThat(b.toString()).isEqualTo(
                    "{\"title\":\"from payload\",\"n\":3,\"tags\":[\"a\",\"b\"],\"meta\":{\"m\":1},"
                            + "\"point\":{\"lon\":1.5,\"lat\":2}}");

            // as in PocketBase, a null payload drops what came before it
            byte[] reset = new Multipart()
                    .value("title", "plain")
                    .value("@jsonPayload", "{\"a\":1}")
                    .value("@jsonPayload", "null")
                    .value("@jsonPayload", "{\"b\":2}")
                    .build();
            assertThat(post(app, "multipart/form-data; boundary=" + BOUNDARY, reset).get("body").toString())
                    .isEqualTo("{\"b\":2}");
        }
    }

    @Test
    void aJsonPayloadThatIsNoObjectIsABadRequest() throws Exception {
        try (TestApp app = TestApp.fromFixture(c -> c.routes(r -> r.post("/upload", MultipartUploadTest::echo)))) {
            for (String payload : List.of("[1]", "\"text\"", "{bad", "")) {
                byte[] body = new Multipart().value("title", "x").value("@jsonPayload", payload).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/upload"))
                        .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                try (HttpClient client = HttpClient.newHttpClient()) {
                    HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString());
                    assertThat(res.statusCode()).as("payload %s", payload).isEqualTo(400);
                }
            }
        }
    }

    @Test
    void otherBodiesHaveNoFiles() throws Exception {
        try (TestApp app = TestApp.fromFixture(c -> c.routes(r -> r.post("/upload", MultipartUploadTest::echo)))) {
            JsonNode json = post(app, "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(json.get("files").isEmpty()).isTrue();
            assertThat(json.get("body").get("a").asInt()).isEqualTo(1);

            JsonNode form = post(app, "application/x-www-form-urlencoded", "a=true&a=x".getBytes(StandardCharsets.UTF_8));
            assertThat(form.get("files").isEmpty()).isTrue();
            assertThat(form.get("body").get("a").toString()).isEqualTo("[true,\"x\"]");
        }
    }

    @Test
    void malformedMultipartIsABadRequest() throws Exception {
        try (TestApp app = TestApp.fromFixture(c -> c.routes(r -> r.post("/upload", MultipartUploadTest::echo)))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/upload"))
                    .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\nContent-Disposition: form-da"))
                    .build();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(res.statusCode()).isEqualTo(400);
                assertThat(res.body()).contains("An error occurred while loading the submitted data.");
            }
        }
    }
}
