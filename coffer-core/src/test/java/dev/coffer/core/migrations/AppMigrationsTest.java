package dev.coffer.core.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class AppMigrationsTest {

    @TempDir
    Path dir;

    private static Migration createNotes() {
        return Migration.of("1700000001_create_notes.java",
                app -> new CollectionService(app).create((ObjectNode) Json.parse(
                        "{\"name\":\"notes\",\"type\":\"base\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}")),
                app -> new CollectionService(app).delete(app.collections().find("notes").orElseThrow()));
    }

    private static Migration seedNote(String title) {
        return Migration.of("1700000002_seed_notes.java", app -> {
            Record r = new Record(app.collections().find("notes").orElseThrow());
            r.set("title", title);
            app.save(r);
        }, app -> app.deleteAll(app.records().query(app.collections().find("notes").orElseThrow(), "", List.of(), 0)));
    }

    private static long notes(App app) {
        return app.collections().find("notes").map(c -> (long) app.records().query(c, "", List.of(), 0).size())
                .orElse(-1L);
    }

    @Test
    void pendingMigrationsApplyInFileOrderOnceAndAreRecordedBesideTheSystemOnes() {
        try (App app = App.open(AppConfig.of(dir))) {
            // registered out of order: they run by file name
            app.migrations().register(seedNote("first")).register(createNotes());
            assertThat(app.migrations().pending()).extracting(Migration::file)
                    .containsExactly("1700000001_create_notes.java", "1700000002_seed_notes.java");
            assertThat(app.migrations().up())
                    .containsExactly("1700000001_create_notes.java", "1700000002_seed_notes.java");
            assertThat(notes(app)).isEqualTo(1);
            assertThat(app.migrations().up()).isEmpty();
            assertThat(app.migrations().applied()).containsAll(SystemMigrations.dataMigrationFiles())
                    .endsWith("1700000001_create_notes.java", "1700000002_seed_notes.java");
        }
        try (App app = App.open(AppConfig.of(dir))) { // the history is kept in the data directory
            app.migrations().register(createNotes()).register(seedNote("first"));
            assertThat(app.migrations().pending()).isEmpty();
            assertThat(app.migrations().up()).isEmpty();
            assertThat(notes(app)).isEqualTo(1);
        }
    }

    @Test
    void aFailingMigrationRollsBackTheWholeRunAsPocketBaseDoes() {
        try (App app = App.open(AppConfig.of(dir))) {
            List<String> ran = new ArrayList<>();
            app.migrations().register(createNotes())
                    .register(Migration.of("1700000002_half_done.java", a -> {
                        Record r = new Record(a.collections().find("notes").orElseThrow());
                        r.set("title", "written before the failure");
                        a.save(r);
                        throw new IllegalStateException("boom");
                    }, null))
                    .register(Migration.of("1700000003_after.java", a -> ran.add("after"), null));
            assertThatThrownBy(() -> app.migrations().up()).isInstanceOf(MigrationException.class)
                    .hasMessage("failed to apply migration 1700000002_half_done.java: boom");
            assertThat(ran).isEmpty();
            // the run is one transaction: the collection the first one made is gone with the failed one's record
            assertThat(app.collections().find("notes")).isEmpty();
            assertThat(app.migrations().applied()).containsExactlyElementsOf(SystemMigrations.dataMigrationFiles());
            assertThat(app.migrations().pending()).hasSize(3);
        }
    }

    @Test
    void downRevertsTheLastAppliedNewestFirstAndRefusesSystemMigrations() {
        try (App app = App.open(AppConfig.of(dir))) {
            app.migrations().register(createNotes()).register(seedNote("x"));
            app.migrations().up();
            assertThat(app.migrations().down(1)).containsExactly("1700000002_seed_notes.java");
            assertThat(notes(app)).isZero();
            assertThat(app.migrations().pending()).extracting(Migration::file)
                    .containsExactly("1700000002_seed_notes.java");
            // reverting past the app's migrations reaches the system ones, which are not reverted: nothing is
            assertThatThrownBy(() -> app.migrations().down(5)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("system migrations are not reverted");
            assertThat(app.collections().find("notes")).isPresent();
            assertThat(app.migrations().down(1)).containsExactly("1700000001_create_notes.java");
            assertThat(app.collections().find("notes")).isEmpty();
            assertThat(app.migrations().applied()).containsExactlyElementsOf(SystemMigrations.dataMigrationFiles());
        }
    }

    @Test
    void historySyncForgetsAppliedFilesThatAreGoneAndKeepsSystemOnes() {
        try (App app = App.open(AppConfig.of(dir))) {
            app.migrations().register(createNotes());
            app.migrations().up();
            app.db().write(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO \"_migrations\" (\"file\", \"applied\") VALUES (?, ?), (?, ?)")) {
                    ps.setString(1, "1690000000_deleted_file.js");
                    ps.setLong(2, 9_000_000_000_000_000L); // applied after the app's one
                    ps.setString(3, "1999999999_newer_system_migration.go");
                    ps.setLong(4, 9_000_000_000_000_001L);
                    ps.executeUpdate();
                }
                return null;
            });
            // records of migrations the app doesn't have are passed over
            assertThat(app.migrations().down(1)).containsExactly("1700000001_create_notes.java");
            app.migrations().up();
            assertThat(app.migrations().historySync()).containsExactly("1690000000_deleted_file.js");
            assertThat(app.migrations().applied()).contains("1700000001_create_notes.java",
                    "1999999999_newer_system_migration.go").doesNotContain("1690000000_deleted_file.js");
        }
    }

    @Test
    void declaredCollectionsAreComparedWithTheDatabaseWithoutChangingIt() {
        try (App app = App.open(AppConfig.of(dir))) {
            app.migrations().declare(s -> s
                    .base("authors", c -> c.text("name", f -> f.required().max(80)))
                    .base("posts", c -> c
                            .text("title", f -> f.required())
                            .relation("author", "authors", f -> f.cascadeDelete())
                            .select("status", List.of("draft", "live"), null)
                            .listRule("status = 'live'")
                            .index("CREATE INDEX idx_posts_status ON posts (status)")));
            List<AppMigrations.DeclaredChange> changes = app.migrations().declaredChanges();
            assertThat(changes).extracting(AppMigrations.DeclaredChange::action, AppMigrations.DeclaredChange::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("created", "authors"),
                            org.assertj.core.groups.Tuple.tuple("created", "posts"));
            assertThat(app.collections().find("posts")).isEmpty(); // a dry run
            var posts = changes.get(1).after();
            assertThat(posts.path("listRule").asString()).isEqualTo("status = 'live'");
            assertThat(posts.path("fields").findValuesAsString("name")).contains("id", "title", "author", "status");
            String authorsId = changes.get(0).after().path("id").asString();
            assertThat(posts.path("fields").get(2).path("collectionId").asString()).isEqualTo(authorsId);

            // make the database match, then change the declaration: only the difference is reported
            new CollectionService(app).create((ObjectNode) changes.get(0).after());
            new CollectionService(app).create((ObjectNode) changes.get(1).after());
            assertThat(app.migrations().declaredChanges()).isEmpty();
        }
        try (App app = App.open(AppConfig.of(dir))) {
            app.migrations().declare(s -> s
                    .base("authors", c -> c.text("name", f -> f.required().max(80)))
                    .base("posts", c -> c
                            .text("title") // no longer required
                            .relation("author", "authors", f -> f.cascadeDelete())
                            .bool("pinned") // new; status is gone
                            .listRule("")
                            .index("CREATE INDEX idx_posts_pinned ON posts (pinned)")));
            List<AppMigrations.DeclaredChange> changes = app.migrations().declaredChanges();
            assertThat(changes).singleElement().satisfies(c -> {
                assertThat(c.action()).isEqualTo("updated");
                assertThat(c.name()).isEqualTo("posts");
                assertThat(c.after().path("listRule").asString()).isEmpty();
                assertThat(c.after().path("fields").findValuesAsString("name")).contains("pinned")
                        .doesNotContain("status");
                // a field kept by name keeps its id
                assertThat(c.after().path("fields").get(1).path("id").asString())
                        .isEqualTo(c.before().path("fields").get(1).path("id").asString());
                assertThat(c.after().path("fields").get(1).path("required").asBoolean()).isFalse();
            });
            assertThat(app.collections().find("posts").orElseThrow().field("status")).isPresent(); // unchanged
        }
    }
}
