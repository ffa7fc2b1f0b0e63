package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.DataCopy;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.coffer.tools.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * {@code coffer db copy} moves PocketBase's test fixture from its SQLite files to PostgreSQL, from there to
 * MariaDB and from there to new SQLite files, and Coffer answers every read the same on each: the collections, every collection's records
 * (views included) with their expands, the settings and the logs.
 */
class DatabaseCopyRoundTripTest {

    @TempDir
    Path tmp;

    private static final String BEFORE = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));

    @Test
    void fixtureGoesToPostgresToMariadbAndBackWithTheSameAnswers() throws Exception {
        Path original = tmp.resolve("original");
        TestApp.copyTree(TestApp.fixtureDir(), original);
        Map<String, String> expected = answers(original, "");
        assertThat(expected).hasSizeGreaterThan(15);

        String postgres = TestDatabases.emptyOn("postgres");
        String mariadb = TestDatabases.emptyOn("mariadb");
        try {
            List<String> progress = new ArrayList<>();
            DataCopy.copy(original.toString(), postgres, false, progress::add);
            assertThat(progress).last().asString().endsWith("the counts match");
            sameAnswers(answers(original, postgres), expected, "on PostgreSQL");

            DataCopy.copy(postgres, mariadb, false, line -> {});
            sameAnswers(answers(original, mariadb), expected, "on MariaDB");

            Path back = tmp.resolve("back");
            DataCopy.copy(mariadb, back.toString(), false, line -> {});
            TestApp.copyTree(original.resolve("storage"), back.resolve("storage"));
            sameAnswers(answers(back, ""), expected, "back on SQLite");
            assertThat(Files.exists(back.resolve("auxiliary.db"))).isTrue();
        } finally {
            TestDatabases.dropUrl(postgres);
            TestDatabases.dropUrl(mariadb);
        }
    }

    private static void sameAnswers(Map<String, String> actual, Map<String, String> expected, String where) {
        assertThat(actual.keySet()).as(where).containsExactlyElementsOf(expected.keySet());
        expected.forEach((request, body) -> assertThat(actual.get(request)).as(where + ": " + request).isEqualTo(body));
    }

    /** Every read answer, by request. */
    private static Map<String, String> answers(Path dir, String database) {
        Map<String, String> out = new LinkedHashMap<>();
        try (TestApp app = TestApp.on(dir, database)) {
            JsonNode collections = get(app, "/api/collections?perPage=500&sort=name", out);
            get(app, "/api/settings", out);
            // the logs written before this test (each app logs the requests made here)
            get(app, "/api/logs?perPage=500&sort=id&filter=" + URLEncoder.encode("created<'" + BEFORE + "'",
                    StandardCharsets.UTF_8), out);
            for (JsonNode collection : collections.path("items")) {
                String name = collection.path("name").asString();
                StringBuilder expand = new StringBuilder();
                for (JsonNode field : collection.path("fields")) {
                    if (field.path("type").asString().equals("relation")) {
                        expand.append(expand.isEmpty() ? "" : ",").append(field.path("name").asString());
                    }
                }
                String query = "?perPage=500&sort=id" + (expand.isEmpty() ? ""
                        : "&expand=" + URLEncoder.encode(expand.toString(), StandardCharsets.UTF_8));
                get(app, "/api/collections/" + name + "/records" + query, out);
            }
        }
        return out;
    }

    private static JsonNode get(TestApp app, String path, Map<String, String> out) {
        HttpResponse<String> r = app.send("GET", path, Map.of("Authorization", BatchApiTest.SUPERUSER), null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        out.put(path, r.body());
        return Json.parse(r.body());
    }
}
