package dev.coffer.core.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.record.Record;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Schema changes through the collection service on a populated collection: the `_collections` row and the
 * table change together, every record survives, and a change that fails leaves both as they were.
 */
class CollectionSchemaChangeTest {

    @TempDir
    Path dir;

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parse(text);
    }

    private static List<Map<String, Object>> rows(App app, String collection) {
        Collection c = app.collections().find(collection).orElseThrow();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Record r : app.records().query(c, "", List.of(), 0)) {
            out.add(new TreeMap<>(r.values()));
        }
        out.sort((a, b) -> String.valueOf(a.get("id")).compareTo(String.valueOf(b.get("id"))));
        return out;
    }

    private static void seed(App app, Collection c, int count) {
        for (int i = 0; i < count; i++) {
            Record r = new Record(c);
            r.set("title", "title " + i);
            r.set("n", i);
            r.set("tags", i % 2 == 0 ? List.of("a") : List.of("a", "b"));
            app.save(r);
        }
    }

    /** The collection's fields as a patch would list them, with one field's JSON changed or removed. */
    private static tools.jackson.databind.node.ArrayNode fields(Collection c) {
        return (tools.jackson.databind.node.ArrayNode) c.toJson().get("fields").deepCopy();
    }

    private static ObjectNode patch(tools.jackson.databind.node.ArrayNode fields, String... indexes) {
        ObjectNode p = Json.object();
        p.set("fields", fields);
        var idx = p.putArray("indexes");
        for (String i : indexes) {
            idx.add(i);
        }
        return p;
    }

    @Test
    void renameAddIndexDeleteAndAFailedChangeKeepEveryRecord() {
        try (App app = App.open(AppConfig.of(dir))) {
            CollectionService service = new CollectionService(app);
            Collection notes = service.create(json("""
                    {"name":"notes","fields":[{"type":"text","name":"title"},{"type":"number","name":"n"},
                     {"type":"select","name":"tags","values":["a","b"],"maxSelect":2}]}"""));
            seed(app, notes, 50);
            List<Map<String, Object>> before = rows(app, "notes");

            // rename title -> headline, add a bool, add a unique index on the renamed column
            var renamed = fields(notes);
            for (var f : renamed) {
                if (f.path("name").asString().equals("title")) {
                    ((ObjectNode) f).put("name", "headline");
                }
            }
            renamed.addObject().put("type", "bool").put("name", "done");
            Collection changed = service.update(notes,
                    patch(renamed, "CREATE UNIQUE INDEX idx_notes_headline ON notes (headline)"));
            assertThat(changed.field("headline")).isPresent();
            assertThat(changed.field("title")).isEmpty();
            List<Map<String, Object>> afterRename = rows(app, "notes");
            assertThat(afterRename).hasSize(before.size());
            for (int i = 0; i < before.size(); i++) {
                Map<String, Object> was = before.get(i);
                Map<String, Object> now = afterRename.get(i);
                assertThat(now.get("id")).isEqualTo(was.get("id"));
                assertThat(now.get("headline")).isEqualTo(was.get("title"));
                assertThat(now.get("n")).isEqualTo(was.get("n"));
                assertThat(now.get("tags")).isEqualTo(was.get("tags"));
                assertThat(now.get("done")).isEqualTo(false);
            }
            Record duplicate = new Record(changed);
            duplicate.set("headline", "title 1");
            assertThatThrownBy(() -> app.save(duplicate)).isInstanceOf(ValidationException.class);

            // a unique index on a column full of duplicates fails: schema, index list and rows stay as they were
            ObjectNode storedBefore = app.collections().find("notes").orElseThrow().toJson();
            assertThatThrownBy(() -> service.update(changed, patch(fields(changed),
                    "CREATE UNIQUE INDEX idx_notes_headline ON notes (headline)",
                    "CREATE UNIQUE INDEX idx_notes_done ON notes (done)")))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.errors()).containsKey("indexes"));
            assertThat(app.collections().find("notes").orElseThrow().toJson()).isEqualTo(storedBefore);
            assertThat(rows(app, "notes")).isEqualTo(afterRename);

            // deleting a field drops only that column
            var withoutTags = fields(changed);
            for (int i = 0; i < withoutTags.size(); i++) {
                if (withoutTags.get(i).path("name").asString().equals("tags")) {
                    withoutTags.remove(i);
                    break;
                }
            }
            Collection slim = service.update(changed, patch(withoutTags,
                    "CREATE UNIQUE INDEX idx_notes_headline ON notes (headline)"));
            assertThat(slim.field("tags")).isEmpty();
            List<Map<String, Object>> afterDelete = rows(app, "notes");
            assertThat(afterDelete).hasSize(before.size());
            for (int i = 0; i < before.size(); i++) {
                Map<String, Object> expected = new TreeMap<>(afterRename.get(i));
                expected.remove("tags");
                assertThat(afterDelete.get(i)).isEqualTo(expected);
            }
        }
    }

    @Test
    void viewsFollowTheirSourceAsPocketBaseDoes() {
        try (App app = App.open(AppConfig.of(dir))) {
            CollectionService service = new CollectionService(app);
            Collection notes = service.create(json("""
                    {"name":"notes","fields":[{"type":"text","name":"title"},{"type":"number","name":"n"}]}"""));
            seed(app, notes, 3);
            service.create(json("""
                    {"name":"note_titles","type":"view","viewQuery":"SELECT id, title FROM notes"}"""));
            service.create(json("""
                    {"name":"note_numbers","type":"view","viewQuery":"SELECT id, n FROM notes"}"""));
            assertThat(rows(app, "note_titles")).hasSize(3);

            // adding a field leaves the views as they were; a changed option of a field a view reads shows in it
            var added = fields(notes);
            added.addObject().put("type", "bool").put("name", "done");
            for (var f : added) {
                if (f.path("name").asString().equals("n")) {
                    ((ObjectNode) f).put("max", 10);
                }
            }
            Collection withDone = service.update(notes, patch(added));
            assertThat(app.collections().find("note_titles").orElseThrow().fields()).extracting(f -> f.name())
                    .containsExactly("id", "title");
            Collection numbers = app.collections().find("note_numbers").orElseThrow();
            assertThat(numbers.fields()).extracting(f -> f.name()).containsExactly("id", "n");
            assertThat(numbers.fields().get(1).toJson().path("max").asDouble()).isEqualTo(10.0);
            assertThat(rows(app, "note_numbers")).hasSize(3);

            // SQLite refuses to drop a column a view reads: the raw error says why and nothing changes
            ObjectNode storedBefore = app.collections().find("notes").orElseThrow().toJson();
            var withoutTitle = fields(withDone);
            for (int i = 0; i < withoutTitle.size(); i++) {
                if (withoutTitle.get(i).path("name").asString().equals("title")) {
                    withoutTitle.remove(i);
                    break;
                }
            }
            assertThatThrownBy(() -> service.update(withDone, patch(withoutTitle)))
                    .isInstanceOf(SchemaChangeException.class)
                    .hasMessage("failed to drop column title - SQL logic error: error in view note_titles after drop "
                            + "column: no such column: title (1)");
            assertThat(app.collections().find("notes").orElseThrow().toJson()).isEqualTo(storedBefore);
            assertThat(rows(app, "note_titles")).hasSize(3);

            // a view doesn't stop its source from being renamed (SQLite rewrites the view); the view collection
            // whose stored query now names a missing column or table keeps its fields until the user fixes it
            service.delete(app.collections().find("note_numbers").orElseThrow());
            var renamed = fields(withDone);
            for (var f : renamed) {
                if (f.path("name").asString().equals("title")) {
                    ((ObjectNode) f).put("name", "headline");
                }
            }
            Collection withHeadline = service.update(withDone, patch(renamed));
            assertThat(rows(app, "notes")).hasSize(3).allSatisfy(r -> assertThat(r).containsKey("headline"));
            Collection articles = service.update(withHeadline, json("{\"name\":\"articles\"}"));
            assertThat(articles.name()).isEqualTo("articles");
            assertThat(app.collections().find("note_titles").orElseThrow().fields()).extracting(f -> f.name())
                    .containsExactly("id", "title");

            // but a collection a view still reads can't be deleted until the view is
            assertThatThrownBy(() -> service.delete(articles)).isInstanceOf(CollectionException.class)
                    .hasMessage("Failed to delete collection");
            assertThat(rows(app, "articles")).hasSize(3);
            service.delete(app.collections().find("note_titles").orElseThrow());
            service.delete(app.collections().find("articles").orElseThrow());
            assertThat(app.collections().find("articles")).isEmpty();
        }
    }
}
