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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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

    /** Creates a demo3 record with one file (as the superuser); the created record. */
    private JsonNode createWithFile(String fileName, String type, byte[] content) throws Exception {
        String boundary = "----coffer" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl()
                        + "/api/collections/demo3/records")).header("Authorization", superuser)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return json(created.body());
    }

    @Test
    void recordFilesAndThumbsLiveInTheBucketAndGoWithTheRecord() throws Exception {
        assertThat(enableS3(SECRET).statusCode()).isEqualTo(200);
        byte[] image = png();
        JsonNode rec = createWithFile("pic.png", "image/png", image);
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
    void aBackupHoldsTheBucketsFilesAndARestorePutsThemBackAndRemovesTheOthers() throws Exception {
        assertThat(enableS3(SECRET).statusCode()).isEqualTo(200);
        // the backups share the bucket: a backup's zip is not a record's file
        String backupsS3 = "{\"backups\":{\"s3\":{\"enabled\":true,\"bucket\":\"files\",\"region\":\"us-east-1\","
                + "\"endpoint\":\"" + endpoint + "\",\"accessKey\":\"" + KEY + "\",\"secret\":\"" + SECRET
                + "\",\"forcePathStyle\":true}}}";
        Map<String, String> headers = Map.of("Authorization", superuser, "Content-Type", "application/json");
        assertThat(app.send("PATCH", "/api/settings", headers, backupsS3).statusCode()).isEqualTo(200);
        byte[] image = png();
        JsonNode kept = createWithFile("kept.png", "image/png", image);
        String collectionId = kept.path("collectionId").asString();
        String keptKey = collectionId + "/" + kept.path("id").asString() + "/" + kept.path("files").get(0).asString();
        String keptUrl = app.baseUrl() + "/api/files/" + keptKey;
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(keptUrl + "?thumb=100x100")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(200);
        S3FileSystem bucket = bucket();
        assertThat(bucket.list(collectionId + "/" + kept.path("id").asString() + "/")).hasSize(2); // file and thumb

        HttpResponse<String> made = app.send("POST", "/api/backups", headers, "{\"name\":\"with_files.zip\"}");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(204);
        List<String> entries = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(bucket.open("with_files.zip"))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).contains("data.db", "storage_s3/" + keptKey);
        assertThat(entries.stream().filter(n -> n.startsWith("storage_s3/")))
                .as("the records' files, without thumbnails or the bucket's other content").isNotEmpty()
                .allMatch(n -> n.split("/").length == 4).noneMatch(n -> n.contains("thumbs_"));

        assertThat(app.send("DELETE", "/api/collections/demo3/records/" + kept.path("id").asString(),
                Map.of("Authorization", superuser), null).statusCode()).isEqualTo(204);
        assertThat(bucket.exists(keptKey)).isFalse();
        JsonNode later = createWithFile("later.txt", "text/plain", "made after the backup".getBytes(StandardCharsets.UTF_8));
        String laterKey = collectionId + "/" + later.path("id").asString() + "/" + later.path("files").get(0).asString();
        assertThat(bucket.exists(laterKey)).isTrue();

        HttpResponse<String> restore = app.send("POST", "/api/backups/with_files.zip/restore", headers, null);
        assertThat(restore.statusCode()).as(restore.body()).isEqualTo(204);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (bucket.exists(laterKey) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(bucket.exists(laterKey)).as("the file the backup doesn't have is removed").isFalse();
        assertThat(bucket.read(keptKey)).as("the backup's file is back").isEqualTo(image);
        HttpResponse<String> record = app.send("GET", "/api/collections/demo3/records/" + kept.path("id").asString(),
                Map.of("Authorization", superuser), null);
        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        HttpResponse<byte[]> served = HTTP.send(HttpRequest.newBuilder(URI.create(keptUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo(image);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(app.send("GET", "/api/collections/demo3/records/" + later.path("id").asString(),
                Map.of("Authorization", superuser), null).statusCode()).isEqualTo(404);
        assertThat(bucket.exists("with_files.zip")).as("the bucket's other content stays").isTrue();
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
