package dev.coffer.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class JsMigrationTemplatesTest {

    private static final Path FIXTURE = Path.of("..", "fixtures", "pb-automigrate", "pb_migrations");

    @TempDir
    Path tmp;

    private static Map<String, JsonNode> state(App app) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (Collection c : app.collections().all()) {
            out.put(c.id(), c.toJson());
        }
        return out;
    }

    /** View fields copied from another collection get random ids in PocketBase on every save. */
    private static String normalized(String text) {
        return text.replaceAll("_clone_[A-Za-z0-9]+", "_clone_*");
    }

    @Test
    void theFilesPocketBasesAutomigrateWroteAreWrittenTheSameFromTheCollectionsBeforeAndAfter() throws IOException {
        Path dir = tmp.resolve("pb_migrations");
        Files.createDirectories(dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(FIXTURE)) {
            files = s.sorted().toList();
        }
        try (App app = App.open(AppConfig.of(tmp.resolve("pb_data")))) {
            JsMigrations.install(app, dir);
            for (Path file : files) {
                Map<String, JsonNode> before = state(app);
                Files.copy(file, dir.resolve(file.getFileName()));
                assertThat(app.migrations().up()).hasSize(1);
                Map<String, JsonNode> after = state(app);
                String name = file.getFileName().toString();
                String written;
                if (name.contains("_created_")) {
                    String id = after.keySet().stream().filter(k -> !before.containsKey(k)).findFirst().orElseThrow();
                    written = JsMigrationTemplates.create(after.get(id));
                } else if (name.contains("_deleted_")) {
                    String id = before.keySet().stream().filter(k -> !after.containsKey(k)).findFirst().orElseThrow();
                    written = JsMigrationTemplates.delete(before.get(id));
                } else {
                    String id = after.keySet().stream().filter(k -> !after.get(k).equals(before.get(k))
                            && !normalized(after.get(k).toString()).equals(normalized(String.valueOf(before.get(k)))))
                            .findFirst().orElseThrow();
                    written = JsMigrationTemplates.update(before.get(id), after.get(id)).orElseThrow();
                }
                assertThat(normalized(written)).as(name).isEqualTo(normalized(Files.readString(file)));
            }
            // nothing changed: no file
            JsonNode posts = app.collections().find("posts").orElseThrow().toJson();
            assertThat(JsMigrationTemplates.update(posts, posts)).isEmpty();
        }
    }

    @Test
    void blankAndSnapshotFilesRunAsMigrations() throws IOException {
        Path dir = tmp.resolve("pb_migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("1700000000_blank.js"), JsMigrationTemplates.blank());
        try (App app = App.open(AppConfig.of(tmp.resolve("a")))) {
            JsMigrations.install(app, dir);
            assertThat(app.migrations().up()).containsExactly("1700000000_blank.js");
        }
        Path source = tmp.resolve("source");
        Files.createDirectories(source);
        try (Stream<Path> s = Files.list(FIXTURE)) {
            for (Path f : s.sorted().toList()) {
                Files.copy(f, source.resolve(f.getFileName()));
            }
        }
        String snapshot;
        Map<String, JsonNode> want;
        try (App app = App.open(AppConfig.of(tmp.resolve("b")))) {
            JsMigrations.install(app, source);
            app.migrations().up();
            // as `migrate collections` lists them: oldest first (here: views, which read the others, last)
            snapshot = JsMigrationTemplates.snapshot(state(app).values().stream()
                    .sorted(java.util.Comparator.comparing((JsonNode c) -> c.path("type").asString().equals("view"))
                            .thenComparing(c -> c.path("created").asString()))
                    .toList());
            want = state(app);
        }
        Path only = tmp.resolve("snapshot");
        Files.createDirectories(only);
        Files.writeString(only.resolve("1800000000_collections_snapshot.js"), snapshot);
        try (App app = App.open(AppConfig.of(tmp.resolve("c")))) {
            JsMigrations.install(app, only);
            assertThat(app.migrations().up()).containsExactly("1800000000_collections_snapshot.js");
            Map<String, JsonNode> got = state(app);
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
            for (String id : want.keySet()) {
                assertThat(normalized(JsMigrationTemplates.write(strip(got.get(id)))))
                        .isEqualTo(normalized(JsMigrationTemplates.write(strip(want.get(id)))));
            }
        }
    }

    private static JsonNode strip(JsonNode c) {
        var copy = (tools.jackson.databind.node.ObjectNode) c.deepCopy();
        copy.remove("created");
        copy.remove("updated");
        return copy;
    }
}
