package dev.coffer.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.TestFixture;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.tools.db.SchemaChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** View collections: fields inferred from queries as PocketBase stores them, and views created, changed, dropped. */
class ViewSchemaSyncTest {

    @TempDir
    Path dir;

    private App app;
    private SchemaSync sync;

    @BeforeEach
    void open() throws IOException {
        Path fixture = TestFixture.dir();
        for (String f : new String[] {"data.db", "auxiliary.db"}) {
            Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        app = App.open(AppConfig.of(dir));
        sync = new SchemaSync(app.db().dialect());
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void inferredFieldsMatchTheFixtureViews() {
        for (String name : List.of("view1", "view2", "numeric_id_view")) {
            Collection view = app.collections().find(name).orElseThrow();
            List<Field> inferred = infer(view.viewQuery());
            assertThat(inferred).extracting(Field::name).as(name)
                    .containsExactlyElementsOf(view.fields().stream().map(Field::name).toList());
            assertThat(inferred).extracting(Field::type).as(name)
                    .containsExactlyElementsOf(view.fields().stream().map(Field::type).toList());
        }
    }

    @Test
    void expressionsBecomeNumbersTextBoolsOrJson() {
        List<Field> fields = infer("select demo1.id as id, demo1.id as ref, count(*) as c, total(number) as t,"
                + " cast(text as text) as s, cast(bool as boolean) as b, (text || 'x') as other from demo1 group by id");
        assertThat(fields).extracting(Field::type).containsExactly("text", "relation", "number", "number", "text",
                "bool", "json");
        assertThat(fields.get(0).toJson().get("primaryKey").asBoolean()).isTrue();
        assertThat(fields.get(1).toJson().get("collectionId").asString()).isEqualTo("wsmn24bux7wo113");
    }

    @Test
    void badQueriesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> infer("select text from demo1")).rootCause().hasMessageContaining("missing required id column");
        assertThatThrownBy(() -> infer("select * from demo1")).rootCause().hasMessageContaining("wildcard columns");
        assertThatThrownBy(() -> infer("select id from demo1; delete from demo1")).rootCause()
                .hasMessageContaining("multiple statements");
        assertThatThrownBy(() -> infer("select id from nothing_here")).hasCauseInstanceOf(ViewQueryException.class);
        assertThat(viewNames()).allMatch(n -> !n.startsWith("_temp_"));
    }

    @Test
    void viewsAreCreatedReplacedAndDropped() {
        Collection view1 = app.collections().find("view1").orElseThrow();
        Collection numbered = SchemaSyncTest.edit(view1, j -> {
            j.put("name", "numbered");
            j.put("viewQuery", "select (ROW_NUMBER() OVER()) as id, text from demo1");
        });
        apply(null, numbered);
        assertThat(query("SELECT typeof(id) FROM numbered LIMIT 1")).isEqualTo("text");

        Collection renamed = SchemaSyncTest.edit(numbered, j -> {
            j.put("name", "numbered2");
            j.put("viewQuery", "select id, bool from demo1");
        });
        apply(numbered, renamed);
        assertThat(viewNames()).contains("numbered2").doesNotContain("numbered");
        assertThat(query("SELECT count(*) FROM numbered2")).isEqualTo("3");

        apply(renamed, null);
        assertThat(viewNames()).doesNotContain("numbered2");
    }

    private List<Field> infer(String query) {
        return app.db().write(c -> sync.inferViewFields(c, app.collections().all(), query));
    }

    private void apply(Collection before, Collection after) {
        app.db().write(c -> {
            sync.apply(SchemaChange.of(app.db(), c), before, after);
            return null;
        });
    }

    private String query(String sql) {
        return app.db().read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private List<String> viewNames() {
        return app.db().read(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT name FROM sqlite_schema WHERE type = 'view'")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
