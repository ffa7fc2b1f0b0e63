package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The records endpoints over HTTP on the PocketBase fixture: paging, rules, modifiers, files, deletes. */
class RecordsApiTest {

    /** The fixture's long-lived auth token of users/4q1xlclmfloku33 (its collection requires MFA to log in). */
    private static final String USER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6IjRxMXhsY2xtZmxva3UzMyIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoiX3BiX3VzZXJzX2F1dGhfIiwiZXhwIjoyNTI0NjA0NDYxLCJyZWZyZXNoYWJsZSI6dHJ1ZX0.ZT3F0Z3iM-xbGgSG3LEKiEzHrPHr8t8IuHLZGGNuxLo";

    private static TestApp app;
    private static String superuser;
    private static String user;

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
        superuser = login("_superusers", "test@example.com");
        user = USER_TOKEN;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String login(String collection, String email) {
        HttpResponse<String> r = app.send("POST", "/api/collections/" + collection + "/auth-with-password", Map.of(),
                "{\"identity\":\"" + email + "\",\"password\":\"1234567890\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("token").asString();
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    private static HttpResponse<String> get(String path, String token) {
        return app.send("GET", path, token == null ? Map.of() : Map.of("Authorization", token), null);
    }

    @Test
    void listPagesCapsPerPageAndSkipsTotals() {
        JsonNode all = json(get("/api/collections/demo2/records?sort=-title&perPage=2", null));
        assertThat(all.path("page").asInt()).isEqualTo(1);
        assertThat(all.path("perPage").asInt()).isEqualTo(2);
        assertThat(all.path("totalItems").asInt()).isEqualTo(3);
        assertThat(all.path("totalPages").asInt()).isEqualTo(2);
        List<String> titles = new ArrayList<>();
        all.path("items").forEach(i -> titles.add(i.path("title").asString()));
        assertThat(titles).hasSize(2).isSortedAccordingTo((a, b) -> b.compareTo(a));

        JsonNode capped = json(get("/api/collections/demo2/records?perPage=5000&skipTotal=1", null));
        assertThat(capped.path("perPage").asInt()).isEqualTo(1000);
        assertThat(capped.path("totalItems").asInt()).isEqualTo(-1);
        assertThat(capped.path("totalPages").asInt()).isEqualTo(-1);
        assertThat(capped.path("items").size()).isEqualTo(3);

        assertThat(get("/api/collections/demo2/records?page=abc", null).statusCode()).isEqualTo(400);
        assertThat(get("/api/collections/demo2/records?skipTotal=maybe", null).statusCode()).isEqualTo(400);
        assertThat(get("/api/collections/demo2/records?filter=title%3D", null).statusCode()).isEqualTo(400);
        assertThat(get("/api/collections/demo2/records?sort=nope", null).statusCode()).isEqualTo(400);
    }

    @Test
    void filterAndFieldsNarrowTheList() {
        JsonNode r = json(get("/api/collections/demo2/records?filter=" + enc("title ~ 'test' && active = true")
                + "&fields=id,title", null));
        assertThat(r.path("items").size()).isPositive();
        r.path("items").forEach(i -> {
            assertThat(i.path("title").asString()).containsIgnoringCase("test");
            assertThat(i.propertyNames()).containsExactlyInAnyOrder("id", "title");
        });
    }

    @Test
    void nullRulesAreSuperuserOnlyAndRulesHideRecords() {
        assertThat(get("/api/collections/demo1/records", null).statusCode()).isEqualTo(403);
        assertThat(get("/api/collections/demo1/records", superuser).statusCode()).isEqualTo(200);
        // users: view rule "id = @request.auth.id"
        assertThat(get("/api/collections/users/records/4q1xlclmfloku33", user).statusCode()).isEqualTo(200);
        assertThat(get("/api/collections/users/records/4q1xlclmfloku33", null).statusCode()).isEqualTo(404);
        assertThat(get("/api/collections/users/records/bgs820n361vj1qd", user).statusCode()).isEqualTo(404);
        // the owner sees its own email even with emailVisibility off
        assertThat(get("/api/collections/users/records/4q1xlclmfloku33", user).body()).contains("\"email\":\"test@example.com\"");
        assertThat(get("/api/collections/demo2/records?filter=" + enc("@request.auth.id != ''"), user).statusCode()).isEqualTo(403);
    }

    @Test
    void createUpdateWithModifiersAndDelete() {
        HttpResponse<String> created = app.send("POST", "/api/collections/demo1/records", Map.of("Authorization", superuser),
                "{\"text\":\"hello\",\"number\":2,\"select_many\":[\"optionA\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = json(created).path("id").asString();
        assertThat(id).matches("[a-z0-9]{15}");

        HttpResponse<String> updated = app.send("PATCH", "/api/collections/demo1/records/" + id,
                Map.of("Authorization", superuser), "{\"number+\":5,\"select_many+\":\"optionB\"}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode u = json(updated);
        assertThat(u.path("number").asDouble()).isEqualTo(7.0);
        assertThat(u.path("select_many").toString()).isEqualTo("[\"optionA\",\"optionB\"]");

        HttpResponse<String> removed = app.send("PATCH", "/api/collections/demo1/records/" + id,
                Map.of("Authorization", superuser), "{\"number-\":10,\"select_many-\":[\"optionA\"]}");
        JsonNode rm = json(removed);
        assertThat(rm.path("number").asDouble()).isEqualTo(-3.0);
        assertThat(rm.path("select_many").toString()).isEqualTo("[\"optionB\"]");

        HttpResponse<String> invalid = app.send("PATCH", "/api/collections/demo1/records/" + id,
                Map.of("Authorization", superuser), "{\"select_one\":\"nope\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("Failed to update record.").contains("\"select_one\":{\"code\":");

        HttpResponse<String> deleted = app.send("DELETE", "/api/collections/demo1/records/" + id,
                Map.of("Authorization", superuser), null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(get("/api/collections/demo1/records/" + id, superuser).statusCode()).isEqualTo(404);
    }

    @Test
    void rowidSortAndNoSortAreInsertionOrderAfterUpdatesAndWithJoins() {
        List<String> ids = new ArrayList<>();
        for (String text : List.of("rowid-check a", "rowid-check b", "rowid-check c")) {
            HttpResponse<String> created = app.send("POST", "/api/collections/demo1/records",
                    Map.of("Authorization", superuser), "{\"text\":\"" + text + "\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            ids.add(json(created).path("id").asString());
        }
        // an update must not move the first record (PostgreSQL writes a new row version at the table's end)
        HttpResponse<String> updated = app.send("PATCH", "/api/collections/demo1/records/" + ids.get(0),
                Map.of("Authorization", superuser), "{\"number\":42}");
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        String mine = enc("text ~ 'rowid-check'");
        // a filter over another collection joins it, and the list then selects DISTINCT rows
        String joined = enc("text ~ 'rowid-check' && @collection.demo1.text ?= text");
        try {
            assertThat(listedIds("sort=@rowid&filter=" + mine)).containsExactlyElementsOf(ids);
            assertThat(listedIds("sort=-@rowid&filter=" + mine)).containsExactlyElementsOf(ids.reversed());
            assertThat(listedIds("sort=@rowid&filter=" + joined)).containsExactlyElementsOf(ids);
            assertThat(listedIds("sort=-number,@rowid&filter=" + joined)).containsExactly(ids.get(0), ids.get(1), ids.get(2));
            // without a sort, records come as an SQLite table scan gives them: in insertion order, updated or not
            assertThat(listedIds("filter=" + mine)).containsExactlyElementsOf(ids);
            List<String> all = listedIds("perPage=500");
            assertThat(all.subList(all.size() - 3, all.size())).containsExactlyElementsOf(ids);
        } finally {
            for (String id : ids) {
                app.send("DELETE", "/api/collections/demo1/records/" + id, Map.of("Authorization", superuser), null);
            }
        }
    }

    private static List<String> listedIds(String query) {
        HttpResponse<String> r = get("/api/collections/demo1/records?" + query, superuser);
        assertThat(r.statusCode()).as(query + " -> " + r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("_rowid_");
        List<String> out = new ArrayList<>();
        json(r).path("items").forEach(i -> out.add(i.path("id").asString()));
        return out;
    }

    @Test
    void uploadedFilesAreStoredReplacedAndRemovedWithTheRecord() throws Exception {
        String boundary = "----coffer" + System.nanoTime();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\nwith a file\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"My Notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nhello file\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> r = app.send("POST", "/api/collections/demo3/records",
                Map.of("Authorization", superuser, "Content-Type", "multipart/form-data; boundary=" + boundary), body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode rec = json(r);
        assertThat(rec.path("title").asString()).isEqualTo("with a file");
        assertThat(rec.path("files").size()).isEqualTo(1);
        String name = rec.path("files").get(0).asString();
        assertThat(name).matches("my_notes_[a-z0-9]{10}\\.txt");
        Path stored = app.dir().resolve("storage").resolve(rec.path("collectionId").asString())
                .resolve(rec.path("id").asString()).resolve(name);
        assertThat(Files.readString(stored)).isEqualTo("hello file");

        String id = rec.path("id").asString();
        String replaceBody = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"files\"; filename=\"second.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\nsecond\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> replaced = app.send("PATCH", "/api/collections/demo3/records/" + id,
                Map.of("Authorization", superuser, "Content-Type", "multipart/form-data; boundary=" + boundary), replaceBody);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        String second = json(replaced).path("files").get(0).asString();
        assertThat(json(replaced).path("files").size()).isEqualTo(1);
        assertThat(second).matches("second_[a-z0-9]{10}\\.txt");
        assertThat(stored).doesNotExist();
        Path storedSecond = stored.resolveSibling(second);
        assertThat(Files.readString(storedSecond)).isEqualTo("second");

        HttpResponse<String> deleted = app.send("DELETE", "/api/collections/demo3/records/" + id,
                Map.of("Authorization", superuser), null);
        assertThat(deleted.statusCode()).isEqualTo(204);
        assertThat(storedSecond).doesNotExist();
    }

    @Test
    void hostileQueryParametersNeverFailTheServer() {
        Random random = new Random(42);
        String[] parts = {"title", "id", "'", "\"", "=", "!=", "~", "?=", "&&", "||", "(", ")", "@request.auth.id",
            "@collection.demo2.title", "@collection.sqlite_master.sql", "users_via_rel.id", "rel.", ":length", ":each",
            "'; DROP TABLE demo2; --", "null", "123", "-1.5", "@now", "strftime('%Y', created)", "\\", "%", "_", "é",
            "geoDistance(1,2,3,4)", "password", "tokenKey", "expand", "0x00", "1=1", " "};
        for (int i = 0; i < 300; i++) {
            StringBuilder filter = new StringBuilder();
            int n = 1 + random.nextInt(8);
            for (int j = 0; j < n; j++) {
                filter.append(parts[random.nextInt(parts.length)]).append(random.nextBoolean() ? " " : "");
            }
            String token = random.nextBoolean() ? superuser : null;
            String param = List.of("filter", "sort", "expand", "fields").get(random.nextInt(4));
            HttpResponse<String> r = get("/api/collections/demo2/records?" + param + "=" + enc(filter.toString()), token);
            assertThat(r.statusCode()).as(filter + " -> " + r.body()).isIn(200, 400, 403);
            assertThat(r.body().toLowerCase()).as(filter.toString()).doesNotContain("sql").doesNotContain("exception");
        }
        assertThat(get("/api/collections/demo2/records", null).body()).contains("\"totalItems\":3");
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
