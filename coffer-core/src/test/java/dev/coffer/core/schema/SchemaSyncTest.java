package dev.coffer.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.TestFixture;
import dev.coffer.core.collection.Collection;
import dev.coffer.tools.db.SchemaChange;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Schema changes on a copy of PocketBase's test data keep every record, converting values as PocketBase does. */
class SchemaSyncTest {

    @TempDir
    Path dir;

    private App app;
    private SchemaSync sync;
    private Collection demo1;

    @BeforeEach
    void open() throws IOException {
        Path fixture = TestFixture.dir();
        for (String f : new String[] {"data.db", "auxiliary.db"}) {
            Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        app = App.open(AppConfig.of(dir));
        sync = new SchemaSync(app.db().dialect());
        demo1 = app.collections().find("demo1").orElseThrow();
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void addingAFieldAddsItsColumnWithTheDefault() {
        List<Map<String, Object>> before = rows("demo1");
        Collection after = edit(demo1, j -> {
            fields(j).add(field("number", "n1", "count"));
            fields(j).add(field("select", "s1", "tags").put("maxSelect", 3));
        });
        apply(demo1, after);
        List<Map<String, Object>> now = rows("demo1");
        assertThat(now).hasSize(before.size());
        for (int i = 0; i < now.size(); i++) {
            assertThat(now.get(i)).containsAllEntriesOf(before.get(i)).containsEntry("count", 0).containsEntry("tags", "[]");
        }
    }

    @Test
    void renamingAFieldRenamesItsColumnAndKeepsValues() {
        List<Map<String, Object>> before = rows("demo1");
        apply(demo1, edit(demo1, j -> byName(j, "text").put("name", "title")));
        List<Map<String, Object>> now = rows("demo1");
        for (int i = 0; i < now.size(); i++) {
            Map<String, Object> expected = new LinkedHashMap<>(before.get(i));
            expected.put("title", expected.remove("text"));
            assertThat(now.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void swappingTwoFieldNamesSwapsTheColumns() {
        List<Map<String, Object>> before = rows("demo1");
        apply(demo1, edit(demo1, j -> {
            byName(j, "text").put("name", "email_tmp");
            byName(j, "email").put("name", "text");
            byName(j, "email_tmp").put("name", "email");
        }));
        List<Map<String, Object>> now = rows("demo1");
        for (int i = 0; i < now.size(); i++) {
            assertThat(now.get(i).get("text")).isEqualTo(before.get(i).get("email"));
            assertThat(now.get(i).get("email")).isEqualTo(before.get(i).get("text"));
        }
    }

    @Test
    void deletingAFieldDropsOnlyItsColumn() {
        List<Map<String, Object>> before = rows("demo1");
        apply(demo1, edit(demo1, j -> removeField(j, "updated")));
        List<Map<String, Object>> now = rows("demo1");
        for (int i = 0; i < now.size(); i++) {
            Map<String, Object> expected = new LinkedHashMap<>(before.get(i));
            expected.remove("updated");
            assertThat(now.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void deletingAnIndexedFieldDropsItsIndexFirst() {
        Collection demo2 = app.collections().find("demo2").orElseThrow();
        int count = rows("demo2").size();
        apply(demo2, edit(demo2, j -> {
            removeField(j, "active");
            ((ArrayNode) j.get("indexes")).remove(2);
        }));
        assertThat(columns("demo2")).doesNotContain("active");
        assertThat(indexNames("demo2")).containsExactly("idx_demo2_created", "idx_unique_demo2_title");
        assertThat(rows("demo2")).hasSize(count);
    }

    @Test
    void changingAnOptionLeavesTheDataAlone() {
        List<Map<String, Object>> before = rows("demo1");
        apply(demo1, edit(demo1, j -> byName(j, "text").put("max", 3)));
        assertThat(rows("demo1")).isEqualTo(before);
    }

    @Test
    void singleToMultipleWrapsValuesInArrays() {
        List<Map<String, Object>> before = rows("demo1");
        apply(demo1, edit(demo1, j -> {
            byName(j, "select_one").put("maxSelect", 2);
            byName(j, "rel_one").put("maxSelect", 5);
            byName(j, "file_one").put("maxSelect", 2);
        }));
        Map<String, Map<String, Object>> now = byId(rows("demo1"));
        assertThat(now.get("84nmscqy84lsi1t")).containsEntry("select_one", "[\"optionB\"]")
                .containsEntry("rel_one", "[]").containsEntry("file_one", "[\"test_d61b33QdDU.txt\"]");
        assertThat(now.get("al1h9ijdeojtsjy")).containsEntry("rel_one", "[\"84nmscqy84lsi1t\"]");
        assertThat(now.get("imy661ixudk5izi")).containsEntry("select_one", "[]");
        assertUntouched(before, now, "select_one", "rel_one", "file_one");
        assertThat(viewRows("view1")).hasSize(before.size()); // views over the table still work
    }

    @Test
    void multipleToSingleKeepsTheLastItem() {
        List<Map<String, Object>> before = rows("demo1");
        apply(demo1, edit(demo1, j -> {
            byName(j, "select_many").put("maxSelect", 1);
            byName(j, "rel_many").put("maxSelect", 1);
            byName(j, "file_many").put("maxSelect", 1);
        }));
        Map<String, Map<String, Object>> now = byId(rows("demo1"));
        assertThat(now.get("84nmscqy84lsi1t")).containsEntry("select_many", "optionC")
                .containsEntry("rel_many", "oap640cot4yru2s").containsEntry("file_many", "test_tC1Yc87DfC.txt");
        assertThat(now.get("al1h9ijdeojtsjy")).containsEntry("rel_many", "oap640cot4yru2s")
                .containsEntry("file_many", "");
        assertThat(now.get("imy661ixudk5izi")).containsEntry("select_many", "");
        assertUntouched(before, now, "select_many", "rel_many", "file_many");
        assertThat(columnType("demo1", "select_many")).isEqualTo("TEXT");
    }

    @Test
    void indexesAreAddedAndRemoved() {
        apply(demo1, edit(demo1, j -> j.putArray("indexes").add("CREATE UNIQUE INDEX `idx_demo1_text` ON `demo1` (`text`)")));
        assertThat(indexNames("demo1")).containsExactly("idx_demo1_text");
        assertThatThrownBy(() -> app.db().write(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO demo1 (id, text) SELECT 'x' || id, text FROM demo1 WHERE text != '' LIMIT 1");
            }
        })).hasMessageContaining("UNIQUE");
    }

    @Test
    void aUniqueIndexOverDuplicatesFailsAndRollsBack() {
        List<Map<String, Object>> before = rows("demo1");
        Collection after = edit(demo1, j -> {
            fields(j).add(field("text", "t9", "extra"));
            byName(j, "text").put("name", "renamed");
            j.putArray("indexes").add("CREATE UNIQUE INDEX `idx_sel` ON `demo1` (`select_one`)");
        });
        assertThatThrownBy(() -> apply(demo1, after)).hasRootCauseInstanceOf(IndexException.class);
        assertThat(rows("demo1")).isEqualTo(before);
        assertThat(indexNames("demo1")).containsExactly("_wsmn24bux7wo113_created_idx");
    }

    @Test
    void renamingTheCollectionRenamesTheTable() {
        List<Map<String, Object>> before = rows("demo1");
        apply(demo1, edit(demo1, j -> j.put("name", "demo1_renamed")));
        assertThat(rows("demo1_renamed")).isEqualTo(before);
        assertThat(indexNames("demo1_renamed")).containsExactly("_wsmn24bux7wo113_created_idx");
        assertThat(columns("demo1")).isEmpty();
    }

    @Test
    void createAndDeleteATable() {
        ObjectNode j = demo1.toJson();
        j.put("name", "fresh");
        ArrayNode fields = j.putArray("fields");
        fields.add(demo1.field("id").orElseThrow().toJson());
        fields.add(field("text", "t1", "title"));
        fields.add(field("number", "n1", "n"));
        fields.add(field("bool", "b1", "on"));
        fields.add(field("json", "j1", "data"));
        fields.add(field("geoPoint", "g1", "at"));
        fields.add(field("relation", "r1", "refs").put("maxSelect", 3).put("collectionId", demo1.id()));
        j.putArray("indexes").add("CREATE UNIQUE INDEX `idx_fresh_title` ON `anything` (`title`)");
        Collection fresh = edit(demo1, x -> x.setAll(j));
        apply(null, fresh);
        app.db().write(c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("INSERT INTO fresh DEFAULT VALUES");
            }
        });
        Map<String, Object> row = rows("fresh").get(0);
        assertThat((String) row.get("id")).startsWith("r").hasSize(15);
        assertThat(row).containsEntry("title", "").containsEntry("n", 0).containsEntry("on", 0)
                .containsEntry("data", null).containsEntry("at", "{\"lon\":0,\"lat\":0}").containsEntry("refs", "[]");
        assertThat(indexNames("fresh")).containsExactly("idx_fresh_title");

        app.db().write(c -> {
            sync.truncate(c, fresh);
            return null;
        });
        assertThat(rows("fresh")).isEmpty();
        apply(fresh, null);
        assertThat(columns("fresh")).isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private void apply(Collection before, Collection after) {
        app.db().write(c -> {
            sync.apply(SchemaChange.of(app.db(), c), before, after);
            return null;
        });
    }

    static Collection edit(Collection c, Consumer<ObjectNode> change) {
        ObjectNode j = c.toJson();
        change.accept(j);
        ObjectNode options = c.rawOptions();
        if (j.has("viewQuery")) {
            options.put("viewQuery", j.get("viewQuery").asString());
        }
        List<String> indexes = new ArrayList<>();
        j.get("indexes").forEach(n -> indexes.add(n.asString()));
        return new Collection(j.get("id").asString(), j.get("name").asString(), c.type(), c.system(),
                Collection.parseFields(j.get("fields")), c.rules(), indexes, options, c.created(), c.updated());
    }

    static ArrayNode fields(ObjectNode collection) {
        return (ArrayNode) collection.get("fields");
    }

    static ObjectNode byName(ObjectNode collection, String name) {
        for (JsonNode f : fields(collection)) {
            if (f.get("name").asString().equals(name)) {
                return (ObjectNode) f;
            }
        }
        throw new AssertionError("no field " + name);
    }

    private static void removeField(ObjectNode collection, String name) {
        ArrayNode fields = fields(collection);
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).get("name").asString().equals(name)) {
                fields.remove(i);
                return;
            }
        }
        throw new AssertionError("no field " + name);
    }

    static ObjectNode field(String type, String id, String name) {
        ObjectNode f = Json.object();
        f.put("type", type);
        f.put("id", id);
        f.put("name", name);
        return f;
    }

    private static void assertUntouched(List<Map<String, Object>> before, Map<String, Map<String, Object>> now,
            String... changed) {
        assertThat(now).hasSize(before.size());
        for (Map<String, Object> row : before) {
            Map<String, Object> expected = new LinkedHashMap<>(row);
            Map<String, Object> actual = new LinkedHashMap<>(now.get((String) row.get("id")));
            for (String name : changed) {
                expected.remove(name);
                actual.remove(name);
            }
            assertThat(actual).isEqualTo(expected);
        }
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put((String) r.get("id"), r));
        return out;
    }

    private List<Map<String, Object>> rows(String table) {
        return query("SELECT * FROM \"" + table + "\" ORDER BY id");
    }

    private List<Map<String, Object>> viewRows(String view) {
        return query("SELECT * FROM \"" + view + "\"");
    }

    private List<Map<String, Object>> query(String sql) {
        return app.db().read(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnName(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        });
    }

    private List<String> columns(String table) {
        return query("SELECT name FROM pragma_table_info('" + table + "')").stream()
                .map(r -> (String) r.get("name")).toList();
    }

    private String columnType(String table, String column) {
        return (String) query("SELECT type FROM pragma_table_info('" + table + "') WHERE name = '" + column + "'")
                .get(0).get("type");
    }

    private List<String> indexNames(String table) {
        return query("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = '" + table
                + "' AND sql IS NOT NULL ORDER BY name").stream().map(r -> (String) r.get("name")).toList();
    }
}
