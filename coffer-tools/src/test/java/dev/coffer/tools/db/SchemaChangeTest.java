package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SchemaChange} on each engine: a write that fails after its schema statements leaves tables, columns, rows,
 * indexes and views as they were (on MariaDB, whose schema statements commit at once, by undoing them), and one that
 * commits leaves nothing of what it dropped.
 */
class SchemaChangeTest {

    @TempDir
    Path dir;

    private TestServers.Scratch scratch;
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
        if (scratch != null) {
            scratch.close();
        }
    }

    /** Opens the engine's database with a table {@code notes} (rows, an index, a view) and a table {@code old}. */
    private void open(String engine) {
        switch (engine) {
            case "sqlite" -> db = Database.openSqlite(dir.resolve("data.db"), 1);
            case "postgres" -> {
                scratch = TestServers.postgres();
                db = Database.open(scratch.url(), "test", 2);
            }
            default -> {
                scratch = TestServers.mariadb();
                db = Database.open(scratch.url(), "test", 2);
            }
        }
        Ddl ddl = db.dialect().ddl();
        db.write(c -> {
            Map<String, String> columns = new LinkedHashMap<>();
            columns.put("id", ddl.columnDefinition(ColumnKind.PRIMARY_KEY));
            columns.put("title", ddl.columnDefinition(ColumnKind.TEXT));
            columns.put("n", ddl.columnDefinition(ColumnKind.NUMBER));
            columns.put("gone", ddl.columnDefinition(ColumnKind.TEXT));
            exec(c, ddl.createTable("notes", columns));
            exec(c, ddl.createTable("old", Map.of("id", ddl.columnDefinition(ColumnKind.PRIMARY_KEY))));
            exec(c, ddl.createIndex(IndexDefinition.parse("CREATE UNIQUE INDEX idx_notes_n ON notes (n)")));
            exec(c, ddl.createIndex(IndexDefinition.parse("CREATE INDEX idx_notes_gone ON notes (gone)")));
            exec(c, ddl.createView("notes_view", "SELECT id, title FROM notes"));
            for (int i = 0; i < 3; i++) {
                exec(c, "INSERT INTO notes (id, title, n, gone) VALUES ('r" + i + "', 'same', " + i + ", 'g" + i + "')");
                exec(c, "INSERT INTO old (id) VALUES ('o" + i + "')");
            }
            return null;
        });
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private List<String> query(String sql, String... params) {
        return db.read(c -> {
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

    /** Everything about the two tables and the view, and whatever a MariaDB change moved aside. */
    private List<String> snapshot() {
        Ddl ddl = db.dialect().ddl();
        List<String> out = new ArrayList<>();
        for (String table : List.of("notes", "old", "fresh")) {
            out.add(table + " exists: " + !query(ddl.tableExistsQuery(), table).isEmpty());
            out.add(table + " columns: " + query(ddl.columnsQuery(), table));
            out.add(table + " indexes: " + query(ddl.tableIndexesQuery(), table).stream().sorted().toList());
        }
        out.add("notes rows: " + query("SELECT id, title, n, gone FROM notes ORDER BY id"));
        out.add("old rows: " + query("SELECT id FROM old ORDER BY id"));
        out.add("view rows: " + query("SELECT id, title FROM notes_view ORDER BY id"));
        out.add("views: " + query(ddl.viewsQuery()));
        out.add("aside: " + aside());
        return out;
    }

    /** The tables and columns a MariaDB change moved aside (none elsewhere). */
    private List<String> aside() {
        if (db.dialect().transactionalDdl()) {
            return List.of();
        }
        return query("SELECT CONCAT(table_name, '.', column_name) FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND (table_name LIKE '!_!_drop!_%' ESCAPE '!'"
                + " OR column_name LIKE '!_!_drop!_%' ESCAPE '!')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres", "mariadb"})
    void aFailedWriteUndoesEverySchemaStatement(String engine) {
        open(engine);
        List<String> before = snapshot();
        Ddl ddl = db.dialect().ddl();

        assertThatThrownBy(() -> db.write(c -> {
            SchemaChange change = SchemaChange.of(db, c);
            if (!db.dialect().transactionalDdl()) {
                assertThat(SchemaChange.of(db, c)).isSameAs(change); // one per transaction, undone as one
            }
            change.dropIndex(IndexDefinition.parse("CREATE INDEX idx_notes_gone ON notes (gone)"));
            change.dropColumn("notes", "gone");
            change.renameColumn("notes", "n", "number");
            change.addColumn("notes", "extra", ddl.columnDefinition(ColumnKind.TEXT));
            change.update("UPDATE notes SET extra = title");
            change.dropTable("old");
            change.dropView("notes_view");
            change.renameTable("notes", "renamed");
            change.createTable("fresh", Map.of("id", ddl.columnDefinition(ColumnKind.PRIMARY_KEY)));
            change.createIndex(IndexDefinition.parse("CREATE INDEX idx_fresh_id ON fresh (id)"));
            // the title of every row is the same: this index can't be made
            change.createIndex(IndexDefinition.parse("CREATE UNIQUE INDEX idx_renamed_title ON renamed (title)"));
            return null;
        })).isInstanceOf(DatabaseException.class);

        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres", "mariadb"})
    void droppingAColumnAViewReadsIsRefusedAndUndone(String engine) {
        open(engine);
        List<String> before = snapshot();

        assertThatThrownBy(() -> db.write(c -> {
            SchemaChange change = SchemaChange.of(db, c);
            change.dropIndex(IndexDefinition.parse("CREATE INDEX idx_notes_gone ON notes (gone)"));
            change.dropColumn("notes", "gone");
            change.dropColumn("notes", "title");
            return null;
        })).isInstanceOf(DatabaseException.class);

        assertThat(snapshot()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgres", "mariadb"})
    void aCommittedWriteKeepsNothingOfWhatItDropped(String engine) {
        open(engine);
        db.write(c -> {
            SchemaChange change = SchemaChange.of(db, c);
            change.dropIndex(IndexDefinition.parse("CREATE INDEX idx_notes_gone ON notes (gone)"));
            change.dropColumn("notes", "gone");
            change.dropView("notes_view");
            change.dropTable("old");
            change.renameTable("notes", "renamed");
            return null;
        });
        Ddl ddl = db.dialect().ddl();
        assertThat(query(ddl.tableExistsQuery(), "old")).isEmpty();
        assertThat(query(ddl.tableExistsQuery(), "notes_view")).isEmpty();
        assertThat(query(ddl.columnsQuery(), "renamed")).extracting(col -> col.split(" \\| ")[0])
                .containsExactly("id", "title", "n");
        assertThat(query(ddl.tableIndexesQuery(), "renamed")).extracting(i -> i.split(" \\| ")[0])
                .containsExactly("idx_notes_n");
        assertThat(query("SELECT id, title, n FROM renamed ORDER BY id")).hasSize(3);
        assertThat(aside()).isEmpty();
    }

    @Test
    void whereSchemaStatementsCommitAtOnceAChangeNeedsAWriteTransaction() {
        open("mariadb");
        assertThatThrownBy(() -> db.read(c -> SchemaChange.of(db, c))).isInstanceOf(IllegalStateException.class);
    }
}
