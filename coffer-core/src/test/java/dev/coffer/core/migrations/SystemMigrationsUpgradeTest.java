package dev.coffer.core.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SqliteDialect;
import dev.coffer.tools.json.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Older PocketBase data directories that lack some of the later system migrations. */
class SystemMigrationsUpgradeTest {

    private static final Dialect SQLITE = SqliteDialect.INSTANCE;

    @TempDir
    Path dir;

    private Connection db;

    @BeforeEach
    void freshDatabase() throws SQLException {
        db = TestDatabases.open(dir.resolve("data.db"));
        SystemMigrations.migrateData(db, SQLITE);
    }

    @Test
    void replacesTheOldDefaultAuthAlertTemplate() throws SQLException {
        JsonNode options = Json.parse(one("SELECT options FROM _collections WHERE name = 'users'"));
        ((ObjectNode) options.path("authAlert").path("emailTemplate"))
                .put("body", AuthDefaults.OLD_AUTH_ALERT_BODY);
        exec("UPDATE _collections SET options = ?, updated = '2020-01-01 00:00:00.000Z' WHERE name = 'users'",
                GoJson.write(options));
        forget(AuthAlertTemplateMigration.FILE);

        assertThat(SystemMigrations.migrateData(db, SQLITE)).containsExactly(AuthAlertTemplateMigration.FILE);
        JsonNode after = Json.parse(one("SELECT options FROM _collections WHERE name = 'users'"));
        assertThat(after.path("authAlert").path("emailTemplate").path("body").asString())
                .isEqualTo(AuthDefaults.AUTH_ALERT_BODY);
        assertThat(one("SELECT updated FROM _collections WHERE name = 'users'")).isNotEqualTo(
                "2020-01-01 00:00:00.000Z");
        assertThat(one("SELECT options FROM _collections WHERE name = 'users'")).contains("\\u003cp\\u003eHello");
    }

    @Test
    void normalisesIndexesOfUserCollections() throws SQLException {
        ArrayNode fields = Json.array();
        fields.add(FieldDefinition.id().json());
        fields.add(FieldDefinition.text(new FieldDefinition.TextOptions("title")).json());
        exec("INSERT INTO _collections (id, name, type, system, fields, indexes, options, created, updated) "
                + "VALUES ('posts0000000001', 'posts', 'base', 0, ?, ?, '{}', '2020-01-01 00:00:00.000Z', "
                + "'2020-01-01 00:00:00.000Z')", GoJson.write(fields),
                CollectionsTable.indexesJson(List.of("CREATE INDEX `idx_title` ON `old_posts` (title)")));
        exec("CREATE TABLE posts (id TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, "
                + "title TEXT DEFAULT '' NOT NULL)");
        exec("CREATE INDEX `idx_title` ON `posts` (`title`)");
        exec("CREATE INDEX manual_idx ON posts (title, id)");
        exec("CREATE INDEX dup_idx ON posts (title)");
        forget(NormalizeIndexesMigration.FILE);

        assertThat(SystemMigrations.migrateData(db, SQLITE)).containsExactly(NormalizeIndexesMigration.FILE);

        assertThat(CollectionsTable.byName(db, SQLITE, "posts").indexList()).containsExactly(
                "CREATE INDEX `idx_title` ON `posts` (`title`)",
                "CREATE INDEX `manual_idx` ON `posts` (\n  `title`,\n  `id`\n)");
        assertThat(TestDatabases.strings(db,
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' AND sql IS NOT NULL"))
                .containsExactlyInAnyOrder("CREATE INDEX `idx_title` ON `posts` (`title`)",
                        "CREATE INDEX `manual_idx` ON `posts` (\n  `title`,\n  `id`\n)");
        assertThat(one("SELECT updated FROM _collections WHERE name = 'posts'"))
                .isNotEqualTo("2020-01-01 00:00:00.000Z");
    }

    @Test
    void restoresTheDefaultUniqueIndexesOfAuthCollections() throws SQLException {
        exec("UPDATE _collections SET indexes = '[]' WHERE name = 'users'");
        exec("DROP INDEX idx_tokenKey__pb_users_auth_");
        exec("DROP INDEX idx_email__pb_users_auth_");
        exec("CREATE UNIQUE INDEX old_users_tokenKey_idx ON users (tokenKey)");
        forget(NormalizeIndexesMigration.FILE);

        SystemMigrations.migrateData(db, SQLITE);

        assertThat(CollectionsTable.byName(db, SQLITE, "users").indexList()).containsExactly(
                "CREATE UNIQUE INDEX `idx_tokenKey__pb_users_auth_` ON `users` (`tokenKey`)",
                "CREATE UNIQUE INDEX `idx_email__pb_users_auth_` ON `users` (`email`) WHERE `email` != ''");
        assertThat(TestDatabases.strings(db,
                "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'users' AND sql IS NOT NULL"))
                .containsExactlyInAnyOrder("idx_tokenKey__pb_users_auth_", "idx_email__pb_users_auth_");
    }

    @Test
    void addsTheOtpSentToFieldWhenMissing() throws SQLException {
        ArrayNode fields = (ArrayNode) Json.parse(one("SELECT fields FROM _collections WHERE name = '_otps'"));
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).path("name").asString().equals("sentTo")) {
                fields.remove(i);
            }
        }
        exec("UPDATE _collections SET fields = ? WHERE name = '_otps'", GoJson.write(fields));
        exec("ALTER TABLE _otps DROP COLUMN sentTo");
        forget(V023Migrations.MIGRATE4);

        assertThat(SystemMigrations.migrateData(db, SQLITE)).containsExactly(V023Migrations.MIGRATE4);
        assertThat(one("SELECT fields FROM _collections WHERE name = '_otps'")).contains("\"name\":\"sentTo\"");
        assertThat(TestDatabases.strings(db, "SELECT name FROM pragma_table_info('_otps')")).contains("sentTo");
    }

    @Test
    void normalisesSystemCollectionAndFieldIds() throws SQLException {
        String fields = one("SELECT fields FROM _collections WHERE name = '_mfas'");
        exec("UPDATE _collections SET id = 'oldmfas', fields = ? WHERE name = '_mfas'",
                fields.replace("text1582905952", "legacyMethodId"));
        exec("INSERT INTO _mfas (id, collectionRef, recordRef, method) VALUES ('m1', 'oldmfas', 'r1', 'otp')");
        exec("UPDATE _collections SET deleteRule = 'x' WHERE name = '_otps'");
        forget(V023Migrations.MIGRATE2);
        forget(V023Migrations.MIGRATE3);

        assertThat(SystemMigrations.migrateData(db, SQLITE)).containsExactly(V023Migrations.MIGRATE2, V023Migrations.MIGRATE3);
        assertThat(one("SELECT id FROM _collections WHERE name = '_mfas'")).isEqualTo("pbc_2279338944");
        assertThat(one("SELECT fields FROM _collections WHERE name = '_mfas'")).isEqualTo(fields);
        assertThat(one("SELECT collectionRef FROM _mfas WHERE id = 'm1'")).isEqualTo("pbc_2279338944");
        assertThat(one("SELECT deleteRule IS NULL FROM _collections WHERE name = '_otps'")).isEqualTo("1");
    }

    @Test
    void refusesDatabasesOlderThanV023() throws SQLException {
        try (Connection old = TestDatabases.open(dir.resolve("old.db"))) {
            try (var st = old.createStatement()) {
                st.executeUpdate("CREATE TABLE `_migrations` (file VARCHAR(255) PRIMARY KEY NOT NULL, "
                        + "applied INTEGER NOT NULL)");
                st.executeUpdate("INSERT INTO _migrations VALUES ('1640988000_init.go', 1665395386)");
                st.executeUpdate("CREATE TABLE _admins (id TEXT PRIMARY KEY)");
            }
            List<String> before = TestDatabases.dump(old);
            assertThatThrownBy(() -> SystemMigrations.migrateData(old, SQLITE))
                    .isInstanceOf(SQLException.class).hasMessageContaining("v0.23");
            assertThat(TestDatabases.dump(old)).isEqualTo(before);
        }
    }

    private void forget(String file) throws SQLException {
        exec("DELETE FROM _migrations WHERE file = ?", file);
    }

    private void exec(String sql, String... params) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private String one(String sql) throws SQLException {
        return TestDatabases.strings(db, sql).get(0);
    }
}
