package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public directory (pb_public) is served for the GET requests no route takes, by PocketBase's rules. */
class PublicDirApiTest {

    private static final String INDEX = "<h1>home</h1>\n";

    @TempDir
    Path pub;

    private TestApp app;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(pub.resolve("index.html"), INDEX);
        Files.writeString(pub.resolve("app.css"), "body{}\n");
        Files.writeString(pub.resolve("notes"), "plain text\n");
        Files.createDirectories(pub.resolve("sub"));
        Files.writeString(pub.resolve("sub/index.html"), "<p>sub</p>\n");
        Files.createDirectories(pub.resolve("empty"));
    }

    @AfterEach
    void close() {
        if (app != null) {
            app.close();
        }
    }

    private TestApp start(boolean indexFallback) {
        app = TestApp.fromFixture(c -> c.withPublicDir(pub, indexFallback), c -> { });
        return app;
    }

    private HttpResponse<String> get(String path) {
        return app.send("GET", path, Map.of(), null);
    }

    @Test
    void filesAreServedWithTheirTypesAndDirectoriesByTheirIndex() {
        start(true);
        HttpResponse<String> root = get("/");
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.body()).isEqualTo(INDEX);
        assertThat(root.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(root.headers().firstValue("Last-Modified")).isPresent();
        assertThat(root.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");

        assertThat(get("/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/notes").headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
        assertThat(get("/sub/").body()).isEqualTo("<p>sub</p>\n");

        HttpResponse<String> range = app.send("GET", "/app.css", Map.of("Range", "bytes=0-3"), null);
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo("body");
        assertThat(app.send("GET", "/app.css", Map.of("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT"), null)
                .statusCode()).isEqualTo(304);
        assertThat(app.send("HEAD", "/app.css", Map.of(), null).headers().firstValue("Content-Length")).hasValue("7");
    }

    @Test
    void pathsAreRedirectedToTheirCanonicalForm() {
        start(true);
        for (String[] c : new String[][] {{"/sub", "/sub/"}, {"/index.html", "/"}, {"/sub/index.html", "/sub/"},
                {"/app.css/", "/app.css"}}) {
            HttpResponse<String> r = get(c[0]);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(301);
            assertThat(r.headers().firstValue("Location")).as(c[0]).hasValue(c[1]);
            assertThat(r.body()).isEmpty();
        }
    }

    @Test
    void missingFilesFallBackToTheIndexOrAre404() throws Exception {
        start(true);
        for (String path : new String[] {"/missing", "/deep/spa/route", "/empty/", "/..%2F..%2Fetc%2Fpasswd",
                "/api/nope"}) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo(INDEX);
        }
        app.close();

        start(false);
        HttpResponse<String> missing = get("/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"data\":{},\"message\":\"File not found.\",\"status\":404}");
        assertThat(get("/..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        assertThat(get("/").body()).isEqualTo(INDEX);
    }

    @Test
    void routesWinOverFilesAndOtherMethodsAreNotServed() {
        app = TestApp.fromFixture(c -> c.withPublicDir(pub, true),
                c -> c.routes(r -> r.get("/hello", e -> e.json(200, Map.of("hi", true)))));
        assertThat(get("/api/health").body()).contains("API is healthy.");
        assertThat(get("/hello").body()).isEqualTo("{\"hi\":true}");
        HttpResponse<String> post = app.send("POST", "/app.css", Map.of(), "");
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.body()).contains("The requested resource wasn't found.");
    }

    @Test
    void withoutAPublicDirectoryUnknownRoutesAre404() {
        app = TestApp.fromFixture();
        HttpResponse<String> r = get("/index.html");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("The requested resource wasn't found.");
    }
}
