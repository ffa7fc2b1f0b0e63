package dev.coffer.tools.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL the dialects write for what core and apis ask of them. */
class DialectTest {

    private static final Dialect SQLITE = SqliteDialect.INSTANCE;
    private static final Dialect POSTGRES = PostgresDialect.INSTANCE;

    @TempDir
    Path dir;

    @Test
    void booleanLiterals() {
        assertThat(SQLITE.booleanLiteral(true)).isEqualTo("1");
        assertThat(SQLITE.booleanLiteral(false)).isEqualTo("0");
        assertThat(POSTGRES.booleanLiteral(true)).isEqualTo("TRUE");
        assertThat(POSTGRES.booleanLiteral(false)).isEqualTo("FALSE");
    }

    @Test
    void caseInsensitiveEquality() {
        assertThat(SQLITE.equalIgnoringCase("\"email\"", "?")).isEqualTo("\"email\" = ? COLLATE NOCASE");
        assertThat(POSTGRES.equalIgnoringCase("\"email\"", "?"))
                .isEqualTo("lower(\"email\") = lower(CAST(? AS TEXT) COLLATE \"C\")");
    }

    @Test
    void jsonBytesAreABlobOnSqliteAndTextOnPostgres() {
        byte[] json = "{\"a\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(SQLITE.jsonBytes(json)).isSameAs(json);
        assertThat(POSTGRES.jsonBytes(json)).isEqualTo("{\"a\":\"é\"}");
    }

    @Test
    void portableAddColumnKeepsSqliteTextAndTranslatesForPostgres() {
        String add = "ALTER TABLE `_otps` ADD COLUMN `sentTo` TEXT DEFAULT '' NOT NULL";
        assertThat(SQLITE.ddl().portable(add)).isEqualTo(add);
        assertThat(POSTGRES.ddl().portable(add))
                .isEqualTo("ALTER TABLE \"_otps\" ADD COLUMN \"sentTo\" TEXT COLLATE \"C\" DEFAULT '' NOT NULL");
        assertThat(POSTGRES.ddl().portable("ALTER TABLE t ADD done BOOLEAN DEFAULT 0 NOT NULL"))
                .isEqualTo("ALTER TABLE \"t\" ADD COLUMN \"done\" BOOLEAN DEFAULT FALSE NOT NULL");
    }

    @Test
    void sqliteCatalogueQueriesFindIndexesAndTheirTables() {
        try (Database db = Database.openSqlite(dir.resolve("data.db"), 1)) {
            db.write(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE t (a TEXT UNIQUE, b TEXT)");
                    s.execute("CREATE INDEX `idx_b` ON `t` (`b`)");
                }
                return null;
            });
            Ddl ddl = db.dialect().ddl();
            List<String> indexes = db.read(c -> {
                List<String> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(ddl.tableIndexesQuery())) {
                    ps.setString(1, "t");
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(rs.getString("name") + ": " + rs.getString("sql"));
                        }
                    }
                }
                return out;
            });
            assertThat(indexes).containsExactly("idx_b: CREATE INDEX `idx_b` ON `t` (`b`)");
            String table = db.read(c -> {
                try (PreparedStatement ps = c.prepareStatement(ddl.indexTableQuery())) {
                    ps.setString(1, "other");
                    ps.setString(2, "other");
                    ps.setString(3, "IDX_B");
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
            assertThat(table).isEqualTo("t");
        }
    }
}
