package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Ddl;
import dev.coffer.tools.db.TableCopy;
import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A collection change the database refuses half-way (a unique index the existing records break, an index over a
 * missing column, a view still reading a deleted collection) answers PocketBase's error and leaves everything as it
 * was: the collection's JSON, its table's columns and indexes, every record, the other tables and the views. On
 * every engine, MariaDB included, whose schema statements each commit at once.
 */
class CollectionChangeRollbackTest {

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.fromFixture();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static HttpResponse<String> send(String method, String path, String body) {
        return app.send(method, path, Map.of("Authorization", BatchApiTest.SUPERUSER), body);
    }

    private static JsonNode ok(String method, String path, String body) {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return Json.parse(r.body());
    }

    private static ObjectNode collection(String name) {
        return (ObjectNode) ok("GET", "/api/collections/" + name, null);
    }

    private static void seed(String collection, String... titles) {
        int n = 0;
        for (String title : titles) {
            ok("POST", "/api/collections/" + collection + "/records",
                    Json.write(Map.of("title", title, "n", n++ % 2, "tags", "a")));
        }
    }

    private static JsonNode records(String collection) {
        return ok("GET", "/api/collections/" + collection + "/records?perPage=500&sort=id", null).path("items");
    }

    private static Database db() {
        return app.coffer().app().db();
    }

    private static List<String> query(String sql, String... params) {
        return db().read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.append(i > 1 ? " | " : "").append(rs.getString(i));
                        }
                        out.add(row.toString());
                    }
                }
            }
            return out;
        });
    }

    private static boolean tableExists(String name) {
        return !query(ddl().tableExistsQuery(), name).isEmpty();
    }

    private static Ddl ddl() {
        return db().dialect().ddl();
    }

    /** Everything a failed change must leave as it was. */
    private record Snapshot(JsonNode collection, List<String> columns, List<String> indexes, JsonNode records,
            List<String> tables, List<String> views, JsonNode collections) {}

    private static Snapshot snapshot(String name) {
        return new Snapshot(collection(name), query(ddl().columnsQuery(), name), query(ddl().tableIndexesQuery(), name),
                records(name), sorted(TableCopy.tables(db())), sorted(TableCopy.views(db())),
                ok("GET", "/api/collections?perPage=500&sort=name", null).path("items"));
    }

    /** A catalogue list in name order (MariaDB lists tables by their creation time, which an ALTER may renew). */
    private static List<String> sorted(List<String> names) {
        return names.stream().sorted().toList();
    }

    private static void assertUnchanged(Snapshot before, String name) {
        assertNothingLeftAside();
        Snapshot after = snapshot(name);
        assertThat(after.collection()).as("collection JSON").isEqualTo(before.collection());
        assertThat(after.columns()).as("table columns").isEqualTo(before.columns());
        assertThat(after.indexes()).as("table indexes").isEqualTo(before.indexes());
        assertThat(after.records()).as("records").isEqualTo(before.records());
        assertThat(after.tables()).as("tables").isEqualTo(before.tables());
        assertThat(after.views()).as("views").isEqualTo(before.views());
        assertThat(after.collections()).as("all collections").isEqualTo(before.collections());
    }

    /**
     * On MariaDB, whose schema statements commit at once, a change moves what it drops aside until it commits:
     * nothing of that is left once a change has answered.
     */
    private static void assertNothingLeftAside() {
        if (TestDatabases.kind().equals("mariadb")) {
            assertThat(query("SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND (table_name LIKE '!_!_drop!_%' ESCAPE '!'"
                    + " OR column_name LIKE '!_!_drop!_%' ESCAPE '!')")).isEmpty();
        }
    }

    /** Creates a base collection {@code name} with a text, a number and a single select field and an index on n. */
    private static ObjectNode createNotes(String name) {
        return (ObjectNode) ok("POST", "/api/collections", """
                {"name":"%s","fields":[{"type":"text","name":"title"},{"type":"number","name":"n"},
                 {"type":"select","name":"tags","values":["a","b"],"maxSelect":1}],
                 "indexes":["CREATE INDEX idx_%s_n ON %s (n)"]}""".formatted(name, name, name));
    }

    private static ArrayNode fields(ObjectNode collection) {
        return (ArrayNode) collection.get("fields").deepCopy();
    }

    private static ObjectNode field(ArrayNode fields, String name) {
        for (JsonNode f : fields) {
            if (f.path("name").asString().equals(name)) {
                return (ObjectNode) f;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static String patch(ArrayNode fields, String... indexes) {
        ObjectNode p = Json.object();
        p.set("fields", fields);
        ArrayNode list = p.putArray("indexes");
        for (String index : indexes) {
            list.add(index);
        }
        return Json.write(p);
    }

    private static void assertIndexFailure(HttpResponse<String> r, String message, int position) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("message").asString()).isEqualTo(message);
        JsonNode error = body.path("data").path("indexes").path(String.valueOf(position));
        assertThat(error.path("code").asString()).as(r.body()).isEqualTo("validation_invalid_index_expression");
        assertThat(error.path("message").asString()).startsWith("Failed to create index ");
    }

    // --- scenarios -----------------------------------------------------------------------------------------

    @Test
    void aNewFieldWithAUniqueIndexTheRecordsBreakChangesNothing() {
        ObjectNode notes = createNotes("rb_add");
        seed("rb_add", "same", "same", "other");
        Snapshot before = snapshot("rb_add");

        ArrayNode added = fields(notes);
        added.addObject().put("type", "text").put("name", "extra");
        // the index on n is dropped, a new unique one on title fails
        HttpResponse<String> failed = send("PATCH", "/api/collections/rb_add",
                patch(added, "CREATE INDEX idx_rb_add_extra ON rb_add (extra)",
                        "CREATE UNIQUE INDEX idx_rb_add_title ON rb_add (title)"));
        assertIndexFailure(failed, "Failed to update collection.", 1);
        assertUnchanged(before, "rb_add");

        // the same change with an index the records allow goes through
        JsonNode changed = ok("PATCH", "/api/collections/rb_add",
                patch(added, "CREATE INDEX idx_rb_add_extra ON rb_add (extra)",
                        "CREATE INDEX idx_rb_add_title ON rb_add (title)"));
        assertThat(changed.path("fields").toString()).contains("\"name\":\"extra\"");
        assertThat(query(ddl().columnsQuery(), "rb_add")).anyMatch(c -> c.startsWith("extra |"));
        assertThat(query(ddl().tableIndexesQuery(), "rb_add")).extracting(i -> i.split(" \\| ")[0])
                .containsExactlyInAnyOrder("idx_rb_add_extra", "idx_rb_add_title");
        JsonNode rows = records("rb_add");
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.path("extra").asString()).isEmpty());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).path("title")).isEqualTo(before.records().get(i).path("title"));
        }
    }

    @Test
    void aRenameWithAFailingIndexRenamesNothing() {
        ObjectNode notes = createNotes("rb_rename");
        seed("rb_rename", "same", "same", "other");
        Snapshot before = snapshot("rb_rename");

        ArrayNode renamed = fields(notes);
        field(renamed, "title").put("name", "headline");
        field(renamed, "n").put("name", "number");
        HttpResponse<String> failed = send("PATCH", "/api/collections/rb_rename",
                patch(renamed, "CREATE INDEX idx_rb_rename_n ON rb_rename (number)",
                        "CREATE UNIQUE INDEX idx_rb_rename_headline ON rb_rename (headline)"));
        assertIndexFailure(failed, "Failed to update collection.", 1);
        assertUnchanged(before, "rb_rename");

        // renaming the collection too: its table keeps its name
        ObjectNode both = Json.object();
        both.put("name", "rb_renamed");
        both.set("fields", renamed);
        both.putArray("indexes").add("CREATE UNIQUE INDEX idx_rb_renamed_headline ON rb_renamed (headline)");
        assertIndexFailure(send("PATCH", "/api/collections/rb_rename", Json.write(both)),
                "Failed to update collection.", 0);
        assertUnchanged(before, "rb_rename");
        assertThat(send("GET", "/api/collections/rb_renamed", null).statusCode()).isEqualTo(404);
        assertThat(tableExists("rb_renamed")).isFalse();

        JsonNode changed = ok("PATCH", "/api/collections/rb_rename",
                patch(renamed, "CREATE INDEX idx_rb_rename_n ON rb_rename (number)"));
        assertThat(changed.path("fields").toString()).contains("\"name\":\"headline\"");
        JsonNode rows = records("rb_rename");
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).path("headline")).isEqualTo(before.records().get(i).path("title"));
            assertThat(rows.get(i).path("number")).isEqualTo(before.records().get(i).path("n"));
        }
    }

    @Test
    void aDroppedAndAConvertedFieldWithAFailingIndexKeepTheirValues() {
        ObjectNode notes = createNotes("rb_drop");
        seed("rb_drop", "same", "same", "other");
        ok("POST", "/api/collections", """
                {"name":"rb_drop_view","type":"view","viewQuery":"SELECT id, title FROM rb_drop"}""");
        Snapshot before = snapshot("rb_drop");

        ArrayNode changed = fields(notes);
        for (int i = 0; i < changed.size(); i++) {
            if (changed.get(i).path("name").asString().equals("n")) {
                changed.remove(i);
                break;
            }
        }
        field(changed, "tags").put("maxSelect", 2); // a single value becomes a list: the column is rewritten
        HttpResponse<String> failed = send("PATCH", "/api/collections/rb_drop",
                patch(changed, "CREATE UNIQUE INDEX idx_rb_drop_title ON rb_drop (title)"));
        assertIndexFailure(failed, "Failed to update collection.", 0);
        assertUnchanged(before, "rb_drop");
        assertThat(records("rb_drop_view")).hasSize(3);

        ok("PATCH", "/api/collections/rb_drop", patch(changed));
        assertNothingLeftAside();
        JsonNode rows = records("rb_drop");
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.has("n")).isFalse();
            assertThat(r.path("tags").toString()).isEqualTo("[\"a\"]");
        });
        assertThat(records("rb_drop_view")).hasSize(3);
    }

    @Test
    void aNewCollectionWhoseIndexFailsLeavesNoTable() {
        String create = """
                {"name":"rb_new","fields":[{"type":"text","name":"title"}],
                 "indexes":["CREATE INDEX idx_rb_new_title ON rb_new (title)", "%s"]}""";
        List<String> tables = sorted(TableCopy.tables(db()));
        JsonNode collections = ok("GET", "/api/collections?perPage=500&sort=name", null).path("items");

        assertIndexFailure(send("POST", "/api/collections",
                create.formatted("CREATE INDEX idx_rb_new_missing ON rb_new (missing)")),
                "Failed to create collection.", 1);
        assertThat(send("GET", "/api/collections/rb_new", null).statusCode()).isEqualTo(404);
        assertThat(tableExists("rb_new")).isFalse();
        assertThat(sorted(TableCopy.tables(db()))).isEqualTo(tables);
        assertThat(ok("GET", "/api/collections?perPage=500&sort=name", null).path("items")).isEqualTo(collections);

        ok("POST", "/api/collections", create.formatted("CREATE INDEX idx_rb_new_other ON rb_new (title, id)"));
        ok("POST", "/api/collections/rb_new/records", "{\"title\":\"kept\"}");
        assertThat(records("rb_new")).hasSize(1);
    }

    @Test
    void aCollectionAViewReadsCannotBeDeleted() {
        createNotes("rb_source");
        seed("rb_source", "one", "two", "three");
        ok("POST", "/api/collections", """
                {"name":"rb_source_view","type":"view","viewQuery":"SELECT id, title FROM rb_source"}""");
        Snapshot before = snapshot("rb_source");
        JsonNode view = collection("rb_source_view");

        HttpResponse<String> refused = send("DELETE", "/api/collections/rb_source", null);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Json.parse(refused.body()).path("message").asString()).isEqualTo("Failed to delete collection.");
        assertUnchanged(before, "rb_source");
        assertThat(collection("rb_source_view")).isEqualTo(view);
        assertThat(records("rb_source_view")).hasSize(3);

        assertThat(send("DELETE", "/api/collections/rb_source_view", null).statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/collections/rb_source", null).statusCode()).isEqualTo(204);
        assertThat(tableExists("rb_source")).isFalse();
        assertNothingLeftAside();
    }

    @Test
    void aFieldAViewReadsCannotBeDropped() {
        ObjectNode notes = createNotes("rb_viewed");
        seed("rb_viewed", "one", "two");
        ok("POST", "/api/collections", """
                {"name":"rb_viewed_titles","type":"view","viewQuery":"SELECT id, title FROM rb_viewed"}""");
        Snapshot before = snapshot("rb_viewed");

        ArrayNode withoutTitle = fields(notes);
        for (int i = 0; i < withoutTitle.size(); i++) {
            if (withoutTitle.get(i).path("name").asString().equals("title")) {
                withoutTitle.remove(i);
                break;
            }
        }
        withoutTitle.addObject().put("type", "bool").put("name", "done");
        HttpResponse<String> refused = send("PATCH", "/api/collections/rb_viewed",
                patch(withoutTitle, "CREATE INDEX idx_rb_viewed_done ON rb_viewed (done)"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(Json.parse(refused.body()).path("message").asString())
                .startsWith("Failed to update collection. Raw error: \nfailed to drop column title - ");
        assertUnchanged(before, "rb_viewed");
        assertThat(records("rb_viewed_titles")).hasSize(2);
    }

    @Test
    void anImportWithOneFailingCollectionChangesNone() {
        ObjectNode notes = createNotes("rb_import");
        seed("rb_import", "same", "same");
        Snapshot before = snapshot("rb_import");

        ObjectNode changed = notes.deepCopy();
        field((ArrayNode) changed.get("fields"), "title").put("name", "headline");
        changed.putArray("indexes").add("CREATE UNIQUE INDEX idx_rb_import_headline ON rb_import (headline)");
        ObjectNode created = (ObjectNode) Json.parse("""
                {"name":"rb_import_new","type":"base","fields":[{"type":"text","name":"title"}],
                 "indexes":["CREATE INDEX idx_rb_import_new_title ON rb_import_new (title)"]}""");
        ObjectNode body = Json.object();
        body.putArray("collections").add(created).add(changed);
        HttpResponse<String> failed = send("PUT", "/api/collections/import", Json.write(body));
        assertThat(failed.statusCode()).as(failed.body()).isEqualTo(400);
        assertThat(failed.body()).contains("Failed to create index idx_rb_import_headline");
        assertUnchanged(before, "rb_import");
        assertThat(send("GET", "/api/collections/rb_import_new", null).statusCode()).isEqualTo(404);
        assertThat(tableExists("rb_import_new")).isFalse();
    }
}
