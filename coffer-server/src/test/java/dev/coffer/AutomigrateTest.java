package dev.coffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.auth.Superusers;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.js.JsMigrations;
import dev.coffer.tools.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** Collection changes through the API write migration files that rebuild the same schema elsewhere. */
class AutomigrateTest {

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(Coffer coffer, String token, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(coffer.baseUrl() + path))
                .header("Authorization", token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> files(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Map<String, String> schema(App app) {
        Map<String, String> out = new TreeMap<>();
        for (Collection c : app.collections().all()) {
            ObjectNode json = c.toJson();
            json.remove("created");
            json.remove("updated");
            out.put(c.id(), Json.write(json));
        }
        return out;
    }

    @Test
    void createUpdateAndDeleteThroughTheApiWriteFilesThatReplayToTheSameCollections() throws Exception {
        Path migrations = tmp.resolve("pb_migrations");
        Map<String, String> served;
        try (Coffer coffer = Coffer.create(CofferConfig.of(tmp.resolve("pb_data")))) {
            JsMigrations.install(coffer.app(), migrations);
            Automigrate.bind(coffer, migrations);
            coffer.start();
            Record su = new Superusers(coffer.app()).upsert("admin@example.com", "1234567890");
            String token = coffer.app().tokens().newAuthToken(su, false, 600);

            var created = send(coffer, token, "POST", "/api/collections", """
                    {"name": "notes", "type": "base", "fields": [{"name": "title", "type": "text"}], "listRule": ""}""");
            assertThat(created.statusCode()).isEqualTo(200);
            String id = Json.parse(created.body()).path("id").asString();
            assertThat(files(migrations)).singleElement().asString().matches("\\d+_created_notes\\.js");

            var updated = send(coffer, token, "PATCH", "/api/collections/" + id, """
                    {"name": "memos", "fields": [{"name": "title", "type": "text", "required": true},
                      {"name": "done", "type": "bool"}], "viewRule": "@request.auth.id != ''"}""");
            assertThat(updated.statusCode()).isEqualTo(200);
            String updateFile = files(migrations).stream().filter(f -> f.matches("\\d+_updated_notes\\.js"))
                    .findFirst().orElseThrow();
            assertThat(files(migrations)).hasSize(2);
            String update = Files.readString(migrations.resolve(updateFile));
            assertThat(update).contains("unmarshal({", "\"name\": \"memos\"", "// add field", "\"name\": \"done\"",
                    "// update field");

            // saving it unchanged writes nothing
            assertThat(send(coffer, token, "PATCH", "/api/collections/" + id, "{}").statusCode()).isEqualTo(200);
            assertThat(files(migrations)).hasSize(2);

            var other = send(coffer, token, "POST", "/api/collections", """
                    {"name": "scratch", "type": "base", "fields": [{"name": "x", "type": "number"}]}""");
            String otherId = Json.parse(other.body()).path("id").asString();
            assertThat(send(coffer, token, "DELETE", "/api/collections/" + otherId, null).statusCode()).isEqualTo(204);
            // quick changes still get later times each: the names keep the order of the changes
            assertThat(files(migrations)).hasSize(4).satisfiesExactly(
                    f -> assertThat(f).matches("\\d+_created_notes\\.js"),
                    f -> assertThat(f).matches("\\d+_updated_notes\\.js"),
                    f -> assertThat(f).matches("\\d+_created_scratch\\.js"),
                    f -> assertThat(f).matches("\\d+_deleted_scratch\\.js"));
            // a second change of the same collection in the same second is no clash either
            assertThat(send(coffer, token, "PATCH", "/api/collections/" + id, "{\"listRule\": null}").statusCode())
                    .isEqualTo(200);
            assertThat(send(coffer, token, "PATCH", "/api/collections/" + id, "{\"listRule\": \"\"}").statusCode())
                    .isEqualTo(200);
            assertThat(files(migrations)).hasSize(6).last().asString().matches("\\d+_updated_memos\\.js");

            // the files written count as applied here: nothing is pending
            assertThat(coffer.app().migrations().pending()).isEmpty();
            assertThat(coffer.app().migrations().applied()).containsAll(files(migrations));
            served = schema(coffer.app());
        }
        // another data directory, the same folder: the same collections
        try (App other = App.open(AppConfig.of(tmp.resolve("elsewhere")))) {
            JsMigrations.install(other, migrations);
            assertThat(other.migrations().up()).containsExactlyElementsOf(files(migrations));
            Map<String, String> replayed = schema(other);
            assertThat(replayed.keySet()).containsExactlyInAnyOrderElementsOf(served.keySet());
            for (String cid : served.keySet()) {
                if (!served.get(cid).contains("\"system\":true")) {
                    assertThat(replayed.get(cid)).isEqualTo(served.get(cid));
                }
            }
            assertThat(other.collections().find("memos")).isPresent();
            assertThat(other.collections().find("scratch")).isEmpty();
        }
    }

    @Test
    void pendingMigrationFilesAreAppliedWhenTheServerStarts() throws Exception {
        Path migrations = tmp.resolve("pb_migrations");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("1700000000_tags.js"), """
                migrate((app) => {
                  app.save(new Collection({ name: "tags", type: "base", fields: [new TextField({ name: "label" })] }))
                })
                """);
        try (Coffer coffer = Coffer.create(CofferConfig.of(tmp.resolve("pb_data")))) {
            JsMigrations.install(coffer.app(), migrations);
            coffer.start();
            assertThat(coffer.app().collections().find("tags")).isPresent();
            assertThat(coffer.app().migrations().applied()).contains("1700000000_tags.js");
        }
    }
}
