package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The files API over HTTP on the PocketBase fixture. */
class FilesApiTest {

    private static final String USER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    /** Long-lived file tokens of users/4q1xlclmfloku33 and of a superuser. */
    private static final String USER_FILE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsImV4cCI6MjUyNDYwNDQ2MSwidHlwZSI6ImZpbGUiLCJjb2xsZWN0aW9uSWQiOiJfcGJfdXNlcnNfYXV0aF8ifQ.nSTLuCPcGpWn2K2l-BFkC3Vlzc-ZTDPByYq8dN1oPSo";
    private static final String SUPERUSER_FILE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsImV4cCI6MjUyNDYwNDQ2MSwidHlwZSI6ImZpbGUiLCJjb2xsZWN0aW9uSWQiOiJwYmNfMzE0MjYzNTgyMyJ9.Lupz541xRvrktwkrl55p5pPCF77T69ZRsohsIcb2dxc";

    private static final String IMAGE = "/api/files/_pb_users_auth_/4q1xlclmfloku33/300_1SEi6Q6U72.png";
    private static final String TEXT = "/api/files/_pb_users_auth_/oap640cot4yru2s/test_kfd2wYLxkz.txt";
    private static final String PROTECTED = "/api/files/demo1/al1h9ijdeojtsjy/300_Jsjq7RdBgA.png";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestApp app;
    private Path userFiles;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
        userFiles = app.dir().resolve("storage/_pb_users_auth_/4q1xlclmfloku33");
    }

    @AfterEach
    void stop() {
        app.close();
    }

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        return request("GET", path, headers);
    }

    private HttpResponse<byte[]> request(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElse(null);
    }

    private static BufferedImage image(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void servesTheOriginalWithDownloadHeaders() throws Exception {
        byte[] original = Files.readAllBytes(userFiles.resolve("300_1SEi6Q6U72.png"));
        HttpResponse<byte[]> res = get(IMAGE);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEqualTo(original);
        assertThat(header(res, "Content-Type")).isEqualTo("image/png");
        assertThat(header(res, "Content-Disposition")).isEqualTo("inline; filename=\"300_1SEi6Q6U72.png\"");
        assertThat(header(res, "Content-Security-Policy"))
                .isEqualTo("default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox");
        assertThat(header(res, "Cache-Control")).isEqualTo("max-age=2592000, stale-while-revalidate=86400");
        assertThat(header(res, "Accept-Ranges")).isEqualTo("bytes");
        assertThat(header(res, "Content-Length")).isEqualTo(Integer.toString(original.length));
        assertThat(header(res, "X-Frame-Options")).isNull();

        HttpResponse<byte[]> download = get(IMAGE + "?download=1");
        assertThat(header(download, "Content-Disposition")).isEqualTo("attachment; filename=\"300_1SEi6Q6U72.png\"");

        HttpResponse<byte[]> text = get(TEXT);
        assertThat(header(text, "Content-Disposition")).startsWith("attachment; ");
    }

    @Test
    void headHasHeadersButNoBody() throws Exception {
        long size = Files.size(userFiles.resolve("300_1SEi6Q6U72.png"));
        HttpResponse<byte[]> res = request("HEAD", IMAGE);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).isEmpty();
        assertThat(header(res, "Content-Length")).isEqualTo(Long.toString(size));
        assertThat(header(res, "Content-Type")).isEqualTo("image/png");
    }

    @Test
    void servesByteRanges() throws Exception {
        byte[] original = Files.readAllBytes(userFiles.resolve("300_1SEi6Q6U72.png"));
        HttpResponse<byte[]> res = get(IMAGE, "Range", "bytes=1-3");
        assertThat(res.statusCode()).isEqualTo(206);
        assertThat(new String(res.body())).isEqualTo("PNG");
        assertThat(header(res, "Content-Range")).isEqualTo("bytes 1-3/" + original.length);

        HttpResponse<byte[]> suffix = get(IMAGE, "Range", "bytes=-4");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(java.util.Arrays.copyOfRange(original, original.length - 4, original.length));

        HttpResponse<byte[]> beyond = get(IMAGE, "Range", "bytes=" + original.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(header(beyond, "Content-Range")).isEqualTo("bytes */" + original.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"70x50", "70x50t", "70x50b", "70x50f", "0x50", "70x0", "100x100"})
    void generatesThumbsLikePocketBase(String size) throws Exception {
        Path thumbDir = userFiles.resolve("thumbs_300_1SEi6Q6U72.png");
        Path thumb = thumbDir.resolve(size + "_300_1SEi6Q6U72.png");
        BufferedImage expected = image(Files.readAllBytes(thumb));
        Files.delete(thumb);
        Files.delete(thumbDir.resolve(size + "_300_1SEi6Q6U72.png.attrs"));

        HttpResponse<byte[]> res = get(IMAGE + "?thumb=" + size);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(header(res, "Content-Type")).isEqualTo("image/png");
        assertThat(header(res, "Content-Disposition")).isEqualTo("inline; filename=\"" + size + "_300_1SEi6Q6U72.png\"");
        BufferedImage made = image(res.body());
        assertThat(made.getWidth()).isEqualTo(expected.getWidth());
        assertThat(made.getHeight()).isEqualTo(expected.getHeight());
        assertThat(Files.readAllBytes(thumb)).as("stored beside the original").isEqualTo(res.body());

        Files.write(thumb, new byte[] {1, 2, 3});
        assertThat(get(IMAGE + "?thumb=" + size).body()).as("the stored thumb is reused").containsExactly(1, 2, 3);
    }

    @Test
    void unlistedThumbSizesAndNonImagesServeTheOriginal() throws Exception {
        byte[] original = Files.readAllBytes(userFiles.resolve("300_1SEi6Q6U72.png"));
        assertThat(get(IMAGE + "?thumb=999x999").body()).isEqualTo(original);
        assertThat(Files.exists(userFiles.resolve("thumbs_300_1SEi6Q6U72.png/999x999_300_1SEi6Q6U72.png"))).isFalse();

        HttpResponse<byte[]> text = get(TEXT + "?thumb=100x100");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.body()).isEqualTo(Files.readAllBytes(
                app.dir().resolve("storage/_pb_users_auth_/oap640cot4yru2s/test_kfd2wYLxkz.txt")));
        assertThat(header(text, "Content-Disposition")).isEqualTo("attachment; filename=\"test_kfd2wYLxkz.txt\"");
    }

    @Test
    void protectedFilesNeedATokenPassingTheViewRule() throws Exception {
        assertThat(get(PROTECTED).statusCode()).isEqualTo(404);
        assertThat(get(PROTECTED + "?token=" + USER_FILE_TOKEN).statusCode()).as("view rule fails").isEqualTo(404);
        assertThat(get(PROTECTED + "?token=" + USER_TOKEN).statusCode()).as("auth token, not file").isEqualTo(404);
        HttpResponse<byte[]> ok = get(PROTECTED + "?token=" + SUPERUSER_FILE_TOKEN);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new String(ok.body(), 1, 3)).isEqualTo("PNG");
    }

    @Test
    void issuedFileTokensOpenProtectedFiles() throws Exception {
        assertThat(app.send("POST", "/api/files/token", Map.of(), null).statusCode()).isEqualTo(401);
        HttpResponse<String> res = app.send("POST", "/api/files/token", Map.of("Authorization", USER_TOKEN), null);
        assertThat(res.statusCode()).isEqualTo(200);
        String token = Json.MAPPER.readTree(res.body()).path("token").asString();
        assertThat(token).isNotEmpty();
        assertThat(get(TEXT + "?token=" + token).statusCode()).isEqualTo(200);
        assertThat(get(PROTECTED + "?token=" + token).statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/api/files/_pb_users_auth_/4q1xlclmfloku33/..%2F4q1xlclmfloku33%2F300_1SEi6Q6U72.png",
        "/api/files/_pb_users_auth_/4q1xlclmfloku33/thumbs_300_1SEi6Q6U72.png%2F70x50_300_1SEi6Q6U72.png",
        "/api/files/_pb_users_auth_/4q1xlclmfloku33/300_1SEi6Q6U72.png.attrs",
        "/api/files/_pb_users_auth_/..%2F_pb_users_auth_%2F4q1xlclmfloku33/300_1SEi6Q6U72.png",
        "/api/files/_pb_users_auth_/4q1xlclmfloku33/missing.png",
        "/api/files/missing/4q1xlclmfloku33/300_1SEi6Q6U72.png"})
    void unknownFilesAndTraversalAttemptsAre404(String path) throws Exception {
        HttpResponse<byte[]> res = get(path);
        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(new String(res.body())).contains("\"data\":{}");
    }
}
