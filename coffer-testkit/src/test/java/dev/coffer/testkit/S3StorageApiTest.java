package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.filesystem.S3Config;
import dev.coffer.tools.filesystem.S3FileSystem;
import dev.coffer.tools.json.Json;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Record files in S3 (an in-process S3Proxy) once {@code s3} is enabled through the settings API. */
class S3StorageApiTest {

    private static final String KEY = "coffer-key";
    private static final String SECRET = "coffer-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path blobs;

    private S3Proxy proxy;
    private String endpoint;
    private TestApp app;
    private String superuser;

    @BeforeEach
    void start() throws Exception {
        BlobStore store = new FilesystemNio2BlobStore(blobs.toString());
        store.createContainer("files");
        proxy = S3Proxy.builder().blobStore(store).awsAuthentication(AuthenticationType.AWS_V4, KEY, SECRET)
                .endpoint(URI.create("http://127.0.0.1:0")).build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(5);
        }
        endpoint = "http://127.0.0.1:" + proxy.getPort();
        app = TestApp.fromFixture();
        HttpResponse<String> r = app.send("POST", "/api/collections/_superusers/auth-with-password", Map.of(),
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        superuser = json(r.body()).path("token").asString();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        proxy.stop();
    }

    private static JsonNode json(String body) {
        return Json.MAPPER.readTree(body);
    }

    private HttpResponse<String> enableS3(String secret) {
        String body = "{\"s3\":{\"enabled\":true,\"bucket\":\"files\",\"region\":\"us-east-1\",\"endpoint\":\""
                + endpoint + "\",\"accessKey\":\"" + KEY + "\",\"secret\":\"" + secret + "\",\"forcePathStyle\":true}}";
        return app.send("PATCH", "/api/settings", Map.of("Authorization", superuser, "Content-Type",
                "application/json"), body);
    }

    private HttpResponse<String> testS3(String filesystem) {
        return app.send("POST", "/api/settings/test/s3", Map.of("Authorization", superuser, "Content-Type",
                "application/json"), "{\"filesystem\":\"" + filesystem + "\"}");
    }

    private S3FileSystem bucket() {
        return new S3FileSystem(new S3Config(endpoint, "us-east-1", "files", KEY, SECRET, true));
    }

    private static byte[] png() throws Exception {
        BufferedImage img = new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 320; x++) {
            for (int y = 0; y < 200; y++) {
                img.setRGB(x, y, (x * 7 + y * 13) & 0xffffff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void recordFilesAndThumbsLiveInTheBucketAndGoWithTheRecord() throws Exception {
        assertThat(enableS3(SECRET).statusCode()).isEqualTo(200);
        byte[] image = png();
        String boundary = "----coffer" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"pic.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(image);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                        + "/api/collections/demo3/records")).header("Authorization", superuser)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode rec = json(created.body());
        String collectionId = rec.path("collectionId").asString();
        String id = rec.path("id").asString();
        String name = rec.path("files").get(0).asString();
        String key = collectionId + "/" + id + "/" + name;

        S3FileSystem bucket = bucket();
        assertThat(bucket.read(key)).isEqualTo(image);
        assertThat(Files.exists(app.dir().resolve("storage").resolve(collectionId).resolve(id))).isFalse();

        String url = app.baseUrl() + "/api/files/" + collectionId + "/" + id + "/" + name;
        HttpResponse<byte[]> original = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(image);
        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/png");

        HttpResponse<byte[]> ranged = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=1-3")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ranged.statusCode()).isEqualTo(206);
        assertThat(new String(ranged.body(), StandardCharsets.US_ASCII)).isEqualTo("PNG");

        HttpResponse<byte[]> thumb = HTTP.send(HttpRequest.newBuilder(URI.create(url + "?thumb=100x100")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumb.statusCode()).isEqualTo(200);
        BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb.body()));
        assertThat(t.getWidth()).isEqualTo(100);
        assertThat(t.getHeight()).isEqualTo(100);
        String thumbKey = collectionId + "/" + id + "/thumbs_" + name + "/100x100_" + name;
        assertThat(bucket.read(thumbKey)).isEqualTo(thumb.body());

        HttpResponse<String> deleted = app.send("DELETE", "/api/collections/demo3/records/" + id,
                Map.of("Authorization", superuser), null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(bucket.list(collectionId + "/" + id + "/")).extracting(FileInfo::key).isEmpty();
    }

    @Test
    void switchingS3OffServesFromLocalStorageAgain() throws Exception {
        String fixtureFile = "/api/files/_pb_users_auth_/4q1xlclmfloku33/300_1SEi6Q6U72.png";
        assertThat(enableS3(SECRET).statusCode()).isEqualTo(200);
        assertThat(app.send("GET", fixtureFile, Map.of(), null).statusCode()).isEqualTo(404);
        HttpResponse<String> off = app.send("PATCH", "/api/settings", Map.of("Authorization", superuser,
                "Content-Type", "application/json"), "{\"s3\":{\"enabled\":false}}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(app.send("GET", fixtureFile, Map.of(), null).statusCode()).isEqualTo(200);
    }

    @Test
    void testS3SucceedsForGoodCredentialsAndFailsForBadOnes() {
        HttpResponse<String> disabled = testS3("storage");
        assertThat(disabled.statusCode()).isEqualTo(400);
        assertThat(json(disabled.body()).path("message").asString())
                .isEqualTo("Failed to test the S3 filesystem. Raw error: \nS3 storage filesystem is not enabled.");

        assertThat(enableS3(SECRET).statusCode()).isEqualTo(200);
        HttpResponse<String> ok = testS3("storage");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
        assertThat(blobs.resolve("files")).isEmptyDirectory();

        assertThat(testS3("backups").statusCode()).isEqualTo(400);

        assertThat(enableS3("wrong-secret").statusCode()).isEqualTo(200);
        HttpResponse<String> bad = testS3("storage");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad.body()).path("message").asString()).startsWith(
                "Failed to test the S3 filesystem. Raw error: \nfailed to upload a test file: 403 SignatureDoesNotMatch");
        assertThat(json(bad.body()).path("status").asInt()).isEqualTo(400);
    }
    @Test
    void backupsGoToTheBackupsBucketWhenItIsEnabled() throws Exception {
        String body = "{\"backups\":{\"s3\":{\"enabled\":true,\"bucket\":\"files\",\"region\":\"us-east-1\","
                + "\"endpoint\":\"" + endpoint + "\",\"accessKey\":\"" + KEY + "\",\"secret\":\"" + SECRET
                + "\",\"forcePathStyle\":true}}}";
        Map<String, String> headers = Map.of("Authorization", superuser, "Content-Type", "application/json");
        HttpResponse<String> patched = app.send("PATCH", "/api/settings", headers, body);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(testS3("backups").statusCode()).isEqualTo(204);

        HttpResponse<String> created = app.send("POST", "/api/backups", headers, "{\"name\":\"in_s3.zip\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
        assertThat(bucket().exists("in_s3.zip")).isTrue();
        assertThat(bucket().info("in_s3.zip").size()).isGreaterThan(1000);

        HttpResponse<String> list = app.send("GET", "/api/backups", headers, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list.body()).findValuesAsString("key")).containsExactly("in_s3.zip");

        assertThat(app.send("DELETE", "/api/backups/in_s3.zip", headers, null).statusCode()).isEqualTo(204);
        assertThat(bucket().exists("in_s3.zip")).isFalse();
    }
}
