package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.backup.Backups;
import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.filesystem.FileSystem;
import dev.coffer.tools.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The backups API over HTTP on the PocketBase fixture. */
class BackupsApiTest {

    static final String SUPERUSER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoicGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";
    private static final String USER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";
    private static final String SUPERUSER_FILE_TOKEN = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsImV4cCI6MjUyNDYwNDQ2MSwidHlwZSI6ImZpbGUiLCJjb2xsZWN0aW9uSWQiOiJwYmNfMzE0MjYzNTgyMyJ9.Lupz541xRvrktwkrl55p5pPCF77T69ZRsohsIcb2dxc";
    private static final String BOUNDARY = "backupBoundary42";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.fromFixture();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    HttpResponse<String> send(String method, String path, String token, String body) {
        return app.send(method, path, token == null ? Map.of() : Map.of("Authorization", token), body);
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    private List<String> keys() {
        HttpResponse<String> r = send("GET", "/api/backups", SUPERUSER, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return json(r).valueStream().map(n -> n.path("key").asString()).toList();
    }

    private HttpResponse<byte[]> download(String key, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/backups/" + key + "?token=" + token))
                .GET().build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> upload(String fileName, byte[] content) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (fileName != null) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        } else {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/backups/upload"))
                .header("Authorization", SUPERUSER)
                .header("content-type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    static Set<String> zipEntries(byte[] zip) throws Exception {
        Set<String> names = new HashSet<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void onlySuperusersReachTheEndpoints() {
        assertThat(send("GET", "/api/backups", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/backups", USER, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/backups", USER, "{}").statusCode()).isEqualTo(403);
        assertThat(send("DELETE", "/api/backups/x.zip", null, null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/backups/x.zip/restore", USER, null).statusCode()).isEqualTo(403);
        HttpResponse<String> list = send("GET", "/api/backups", SUPERUSER, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body().trim()).isEqualTo("[]");
    }

    @Test
    void createsListsDownloadsAndDeletes() throws Exception {
        assertThat(send("POST", "/api/backups", SUPERUSER, "{\"name\":\"test.zip\"}").statusCode()).isEqualTo(204);
        JsonNode item = json(send("GET", "/api/backups", SUPERUSER, null)).get(0);
        assertThat(item.path("key").asString()).isEqualTo("test.zip");
        assertThat(item.path("size").asLong()).isPositive();
        assertThat(item.path("modified").asString()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        assertThat(download("test.zip", "").statusCode()).isEqualTo(403);
        HttpResponse<byte[]> zip = download("test.zip", SUPERUSER_FILE_TOKEN);
        assertThat(zip.statusCode()).isEqualTo(200);
        assertThat(zip.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"test.zip\"");
        Set<String> entries = zipEntries(zip.body());
        assertThat(entries).contains("data.db", "auxiliary.db")
                .anyMatch(n -> n.startsWith("storage/"))
                .noneMatch(n -> n.startsWith("backups/") || n.startsWith(Backups.TEMP_DIR) || n.endsWith("-wal"));
        assertThat(download("missing.zip", SUPERUSER_FILE_TOKEN).statusCode()).isEqualTo(404);

        assertThat(send("DELETE", "/api/backups/test.zip", SUPERUSER, null).statusCode()).isEqualTo(204);
        HttpResponse<String> again = send("DELETE", "/api/backups/test.zip", SUPERUSER, null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("Invalid or already deleted backup file.");
        assertThat(keys()).isEmpty();
    }

    @Test
    void validatesNamesAndGeneratesOne() {
        HttpResponse<String> bad = send("POST", "/api/backups", SUPERUSER, "{\"name\":\"!test.zip\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"name\":{\"code\":\"validation_match_invalid\"");
        assertThat(send("POST", "/api/backups", SUPERUSER, "{\"name\":\"Upper.zip\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/backups", SUPERUSER, "{\"name\":\"a.tar\"}").statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/backups", SUPERUSER, "{\"name\":\"" + "a".repeat(150) + ".zip\"}").body())
                .contains("validation_length_out_of_range");
        assertThat(send("POST", "/api/backups", SUPERUSER, "{\"name\":\"one.zip\"}").statusCode()).isEqualTo(204);
        HttpResponse<String> dup = send("POST", "/api/backups", SUPERUSER, "{\"name\":\"one.zip\"}");
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(dup.body()).contains("validation_backup_name_exists");

        assertThat(send("POST", "/api/backups", SUPERUSER, "{}").statusCode()).isEqualTo(204);
        assertThat(keys()).hasSize(2).anyMatch(k -> k.matches("pb_backup_[a-z0-9_]*_\\d{14}\\.zip"));
    }

    @Test
    void uploadsZipsOnly() throws Exception {
        byte[] zip = zipOf(Map.of("hello.txt", "hi"));
        assertThat(upload("up.zip", zip).statusCode()).isEqualTo(204);
        assertThat(keys()).containsExactly("up.zip");
        HttpResponse<String> dup = upload("up.zip", zip);
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(dup.body()).contains("\"file\":{\"code\":\"validation_backup_name_exists\"");
        HttpResponse<String> text = upload("text.zip", "not a zip".getBytes(StandardCharsets.UTF_8));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(text.body()).contains("validation_invalid_mime_type");
        HttpResponse<String> none = upload(null, null);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).contains("\"file\":{\"code\":\"validation_required\"");
    }

    static byte[] zipOf(Map<String, String> files) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var f : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(f.getKey()));
                zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void oneOperationAtATime() {
        Backups backups = app.coffer().app().backups();
        assertThat(json(send("GET", "/api/health", SUPERUSER, null)).path("data").path("canBackup").asBoolean())
                .isTrue();
        assertThat(backups.claim("busy.zip")).isTrue();
        try {
            HttpResponse<String> create = send("POST", "/api/backups", SUPERUSER, "{}");
            assertThat(create.statusCode()).isEqualTo(400);
            assertThat(json(create).path("message").asString())
                    .isEqualTo("Try again later - another backup/restore process has already been started.");
            HttpResponse<String> restore = send("POST", "/api/backups/busy.zip/restore", SUPERUSER, null);
            assertThat(restore.statusCode()).isEqualTo(400);
            assertThat(json(send("GET", "/api/health", SUPERUSER, null)).path("data").path("canBackup").asBoolean())
                    .isFalse();
            HttpResponse<String> delete = send("DELETE", "/api/backups/busy.zip", SUPERUSER, null);
            assertThat(json(delete).path("message").asString())
                    .isEqualTo("The backup is currently being used and cannot be deleted.");
        } finally {
            backups.release("busy.zip");
        }
        assertThat(send("POST", "/api/backups", SUPERUSER, "{}").statusCode()).isEqualTo(204);
    }

    @Test
    void restoreOfAMissingOrBrokenBackupKeepsTheData() throws Exception {
        HttpResponse<String> missing = send("POST", "/api/backups/none.zip/restore", SUPERUSER, null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).path("message").asString()).isEqualTo("Missing or invalid backup file.");

        assertThat(upload("broken.zip", zipOf(Map.of("data.db", "not a database")))
                .statusCode()).isEqualTo(204);
        assertThat(send("POST", "/api/backups/broken.zip/restore", SUPERUSER, null).statusCode()).isEqualTo(204);
        BackupRestoreTest.awaitIdle(app);
        assertThat(send("GET", "/api/collections/demo1/records", SUPERUSER, null).statusCode()).isEqualTo(200);
        assertThat(app.coffer().app().db().integrityProblems()).isEmpty();
    }

    @Test
    void autoBackupsKeepTheNewestOnes() throws Exception {
        var core = app.coffer().app();
        assertThat(send("PATCH", "/api/settings", SUPERUSER,
                "{\"backups\":{\"cron\":\"0 0 * * *\",\"cronMaxKeep\":2}}").statusCode()).isEqualTo(200);
        assertThat(core.settings().backupsCron()).isEqualTo("0 0 * * *");
        assertThat(core.settings().backupsCronMaxKeep()).isEqualTo(2);
        FileSystem fs = core.backupsFileSystem();
        fs.put(Backups.AUTO_PREFIX + "old1.zip", zipOf(Map.of("a", "1")));
        Thread.sleep(20);
        fs.put(Backups.AUTO_PREFIX + "old2.zip", zipOf(Map.of("a", "2")));
        fs.put("manual.zip", zipOf(Map.of("a", "3")));
        String key = core.backups().createAuto();
        assertThat(key).matches("@auto_pb_backup_[a-z0-9_]*_\\d{14}\\.zip");
        assertThat(fs.list("").stream().map(FileInfo::key))
                .containsExactlyInAnyOrder(key, Backups.AUTO_PREFIX + "old2.zip", "manual.zip");
    }
}
