package dev.coffer.core.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** How records are stored in SQLite: the column values PocketBase writes. */
class RecordStoreTest {

    @TempDir
    Path dir;

    @Test
    void storesBooleansAsIntegersAndUnsetValuesAsTheirZeroValues() {
        try (App app = App.open(AppConfig.of(dir))) {
            Collection c = new CollectionService(app).create((ObjectNode) Json.parse("""
                    {"name":"notes","fields":[{"type":"bool","name":"done"},{"type":"number","name":"count"},
                      {"type":"select","name":"tags","maxSelect":2,"values":["a","b"]},{"type":"json","name":"meta"}]}"""));
            Record yes = new Record(c);
            yes.set("done", true);
            yes.set("count", 2.5);
            app.save(yes);
            Record blank = new Record(c);
            app.save(blank);

            assertThat(row(app, yes.id())).containsExactly("integer", "1", "real", "2.5", "text", "[]", "null", null);
            assertThat(row(app, blank.id())).containsExactly("integer", "0", "integer", "0", "text", "[]", "null", null);
            assertThat(app.records().findById(c, yes.id()).orElseThrow().get("done")).isEqualTo(true);
            assertThat(app.records().findById(c, blank.id()).orElseThrow().get("done")).isEqualTo(false);
        }
    }

    private static List<String> row(App app, String id) {
        return app.db().read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT typeof(done), done, typeof(count), count, "
                    + "typeof(tags), tags, typeof(meta), meta FROM notes WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    List<String> out = new ArrayList<>();
                    for (int i = 1; i <= 8; i++) {
                        out.add(rs.getString(i));
                    }
                    return out;
                }
            }
        });
    }
}
