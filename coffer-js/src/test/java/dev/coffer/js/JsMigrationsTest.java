package dev.coffer.js;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.migrations.MigrationException;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class JsMigrationsTest {

    /** The pb_migrations folder PocketBase 0.40.4's automigrate wrote, and the collections it had then. */
    private static final Path FIXTURE = Path.of("..", "fixtures", "pb-automigrate");

    @TempDir
    Path tmp;

    private Path copyOfFixtureFiles(String upTo) throws IOException {
        Path dir = tmp.resolve("pb_migrations");
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(FIXTURE.resolve("pb_migrations"))) {
            for (Path f : s.sorted().toList()) {
                if (upTo == null || f.getFileName().toString().compareTo(upTo) <= 0) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    /** The collections of an app as the API lists them, by id, without what a replay can't reproduce. */
    private static Map<String, JsonNode> comparable(List<JsonNode> collections) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (JsonNode c : collections) {
            ObjectNode copy = (ObjectNode) c.deepCopy();
            copy.remove("created");
            copy.remove("updated");
            if (copy.path("type").asString("").equals("view")) {
                for (JsonNode f : copy.path("fields")) {
                    if (f.path("id").asString("").startsWith("_clone_")) {
                        ((ObjectNode) f).put("id", "_clone_*"); // PocketBase makes these anew on every save
                    }
                }
            }
            out.put(copy.path("id").asString(), copy);
        }
        return out;
    }

    private static List<JsonNode> expected(String file) throws IOException {
        List<JsonNode> items = new ArrayList<>();
        Json.parse(Files.readString(FIXTURE.resolve(file))).path("items").forEach(items::add);
        return items;
    }

    private static List<JsonNode> actual(App app) {
        List<JsonNode> items = new ArrayList<>();
        for (Collection c : app.collections().all()) {
            items.add(c.toJson());
        }
        return items;
    }

    @Test
    void pocketBasesAutomigrateFilesYieldTheCollectionsPocketBaseHad() throws IOException {
        Path migrations = copyOfFixtureFiles(null);
        try (App app = App.open(AppConfig.of(tmp.resolve("pb_data")))) {
            JsMigrations.install(app, migrations);
            List<String> applied = app.migrations().up();
            assertThat(applied).hasSize(12).first().isEqualTo("1796423580_created_categories.js");
            Map<String, JsonNode> want = comparable(expected("expected-collections.json"));
            Map<String, JsonNode> got = comparable(actual(app));
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
            for (String id : want.keySet()) {
                assertThat(diff(got.get(id), want.get(id), want.get(id).path("name").asString()))
                        .as("collection %s", want.get(id).path("name").asString()).isEmpty();
            }
            assertThat(app.migrations().up()).isEmpty();
        }
    }

    /**
     * The same files on PostgreSQL and MariaDB (each in a database of its own, dropped afterwards); skipped when the
     * server is not reachable, failed instead under {@code COFFER_REQUIRE_SERVICES=1}. A view's query is the
     * database's own SQL: the last step's view sums a boolean column, which SQLite and MariaDB do and PostgreSQL
     * refuses, so on PostgreSQL the files run up to step c.
     */
    @ParameterizedTest
    @CsvSource({"PostgreSQL, 5432, jdbc:postgresql://127.0.0.1:5432/postgres, postgres, postgres, ' WITH (FORCE)', "
            + "1796423584_created_author_stats.js, expected-after-step-c.json",
        "MariaDB, 3306, jdbc:mariadb://127.0.0.1:3306/mysql, root, mysql, '', , expected-collections.json"})
    void pocketBasesAutomigrateFilesYieldTheSameCollectionsOnServerDatabases(String name, int port, String adminUrl,
            String user, String scheme, String dropOptions, String lastFile, String expectedFile) throws Exception {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
        } catch (IOException e) {
            String reason = name + " is not reachable on 127.0.0.1:" + port;
            if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
                org.junit.jupiter.api.Assertions.fail(reason + "; COFFER_REQUIRE_SERVICES=1 requires it");
            }
            org.junit.jupiter.api.Assumptions.abort(reason + "; skipping");
        }
        String database = "coffer_test_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (var c = java.sql.DriverManager.getConnection(adminUrl, user, ""); var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        try {
            Path migrations = copyOfFixtureFiles(lastFile);
            try (App app = App.open(AppConfig.of(tmp.resolve("pb_data"))
                    .withDatabase(scheme + "://" + user + "@127.0.0.1:" + port + "/" + database))) {
                JsMigrations.install(app, migrations);
                List<String> applied = app.migrations().up();
                assertThat(applied).hasSize(lastFile == null ? 12 : 4);
                Map<String, JsonNode> want = comparable(expected(expectedFile));
                Map<String, JsonNode> got = comparable(actual(app));
                assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
                for (String id : want.keySet()) {
                    assertThat(diff(got.get(id), want.get(id), want.get(id).path("name").asString()))
                            .as("%s: collection %s", name, want.get(id).path("name").asString()).isEmpty();
                }
                assertThat(app.migrations().down(applied.size())).isEqualTo(applied.reversed());
                assertThat(app.collections().find("posts")).isEmpty();
            }
        } finally {
            try (var c = java.sql.DriverManager.getConnection(adminUrl, user, ""); var st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + database + dropOptions);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"a, 1796423581_created_posts.js", "b, 1796423583_created_members.js",
        "c, 1796423584_created_author_stats.js", "d, 1796423593_updated_author_stats.js"})
    void eachStepsFilesYieldTheCollectionsPocketBaseHadAfterThatStep(String step, String lastFile) throws IOException {
        Path migrations = copyOfFixtureFiles(lastFile);
        try (App app = App.open(AppConfig.of(tmp.resolve("pb_data")))) {
            JsMigrations.install(app, migrations);
            app.migrations().up();
            Map<String, JsonNode> want = comparable(expected("expected-after-step-" + step + ".json"));
            Map<String, JsonNode> got = comparable(actual(app));
            assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
            for (String id : want.keySet()) {
                assertThat(diff(got.get(id), want.get(id), want.get(id).path("name").asString()))
                        .as("step %s, collection %s", step, want.get(id).path("name").asString()).isEmpty();
            }
        }
    }

    @Test
    void downRevertsTheFilesNewestFirst() throws IOException {
        Path migrations = copyOfFixtureFiles("1796423584_created_author_stats.js");
        try (App app = App.open(AppConfig.of(tmp.resolve("pb_data")))) {
            JsMigrations.install(app, migrations);
            assertThat(app.migrations().up()).hasSize(4);
            assertThat(app.collections().find("author_stats")).isPresent();
            assertThat(app.migrations().down(2)).containsExactly("1796423584_created_author_stats.js",
                    "1796423583_created_members.js");
            assertThat(app.collections().find("author_stats")).isEmpty();
            assertThat(app.collections().find("members")).isEmpty();
            assertThat(app.collections().find("posts")).isPresent();
        }
    }

    @Test
    void aHandWrittenMigrationCanCreateRecordsQueryAndFailWithTheFileAndLine() throws IOException {
        Path dir = tmp.resolve("pb_migrations");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("1700000000_notes.js"), """
                /// <reference path="../pb_data/types.d.ts" />
                migrate((app) => {
                  const notes = new Collection({
                    name: "notes",
                    type: "base",
                    fields: [new TextField({ name: "title", required: true }), new NumberField({ name: "n" })],
                    listRule: "",
                  })
                  app.save(notes)
                  const r = new Record(notes)
                  r.set("title", "hello")
                  r.set("n", 2)
                  app.save(r)
                  app.db().newQuery("UPDATE notes SET n = n + {:add} WHERE title = {:title}")
                    .bind({ add: 40, title: "hello" }).execute()
                  const again = app.findFirstRecordByData("notes", "title", "hello")
                  if (again.getInt("n") !== 42) throw new Error("n is " + again.get("n"))
                  unmarshal({ viewRule: "" }, notes)
                  notes.fields.add(new BoolField({ name: "done" }))
                  app.save(notes)
                }, (app) => {
                  app.delete(app.findCollectionByNameOrId("notes"))
                })
                """);
        Files.writeString(dir.resolve("1700000001_broken.js"), """
                migrate((app) => {
                  const posts = app.findCollectionByNameOrId("notes")
                  posts.fields.removeByName("title")
                  app.save(posts)
                  undefinedFunction()
                })
                """);
        try (App app = App.open(AppConfig.of(tmp.resolve("pb_data")))) {
            JsMigrations.install(app, dir);
            assertThatThrownBy(() -> app.migrations().up()).isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("failed to apply migration 1700000001_broken.js: ")
                    .hasMessageContaining("undefinedFunction")
                    .hasMessageContaining("1700000001_broken.js:5");
            // one transaction for the run: nothing of it stays
            assertThat(app.collections().find("notes")).isEmpty();
            assertThat(app.migrations().applied()).doesNotContain("1700000000_notes.js");
            Files.delete(dir.resolve("1700000001_broken.js"));
            assertThat(app.migrations().up()).containsExactly("1700000000_notes.js");
            Collection notes = app.collections().find("notes").orElseThrow();
            assertThat(notes.field("title")).isPresent();
            assertThat(notes.field("done")).isPresent();
            assertThat(notes.toJson().get("viewRule").asString()).isEqualTo("");
            List<Record> rows = app.records().query(notes, "", List.of(), 0);
            assertThat(rows).hasSize(1);
            assertThat(((Number) rows.get(0).get("n")).intValue()).isEqualTo(42);
            assertThat(app.migrations().applied()).contains("1700000000_notes.js").doesNotContain("1700000001_broken.js");
        }
    }

    @Test
    void collectionsDeclaredInCodeBecomeFilesInDeclarationOrderThatReplayElsewhere() throws IOException {
        Path dir = tmp.resolve("pb_migrations");
        List<Path> written;
        try (App app = App.open(AppConfig.of(tmp.resolve("a")))) {
            // "writers" sorts after "posts" by name, but posts relate to it: the files must keep this order
            app.migrations().declare(s -> s
                    .base("writers", c -> c.text("name", f -> f.required()))
                    .base("posts", c -> c.text("title").relation("writer", "writers")));
            written = JsMigrations.writeDeclared(app, dir);
        }
        assertThat(written).extracting(p -> p.getFileName().toString()).satisfiesExactly(
                f -> assertThat(f).matches("\\d+_created_writers\\.js"),
                f -> assertThat(f).matches("\\d+_created_posts\\.js"));
        assertThat(JsMigrations.files(dir)).containsExactlyElementsOf(written);
        try (App other = App.open(AppConfig.of(tmp.resolve("b")))) {
            JsMigrations.install(other, dir);
            assertThat(other.migrations().up()).hasSize(2);
            assertThat(other.collections().find("posts").orElseThrow().field("writer")).isPresent();
        }
    }

    /** The paths where two JSON values differ (empty when equal). */
    private static List<String> diff(JsonNode got, JsonNode want, String path) {
        List<String> out = new ArrayList<>();
        if (want.isObject() && got.isObject()) {
            for (Iterator<String> it = want.propertyNames().iterator(); it.hasNext(); ) {
                String k = it.next();
                out.addAll(got.has(k) ? diff(got.get(k), want.get(k), path + "." + k) : List.of(path + "." + k
                        + ": missing (want " + want.get(k) + ")"));
            }
            for (String k : got.propertyNames()) {
                if (!want.has(k)) {
                    out.add(path + "." + k + ": unexpected " + got.get(k));
                }
            }
        } else if (want.isArray() && got.isArray()) {
            if (want.size() != got.size()) {
                out.add(path + ": " + got.size() + " items, want " + want.size() + ": got " + got + " want " + want);
            } else {
                for (int i = 0; i < want.size(); i++) {
                    out.addAll(diff(got.get(i), want.get(i), path + "[" + i + "]"));
                }
            }
        } else if (!(want.isNumber() && got.isNumber() && want.asDouble() == got.asDouble()) && !want.equals(got)) {
            out.add(path + ": got " + got + ", want " + want);
        }
        return out;
    }
}
