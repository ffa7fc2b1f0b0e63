package dev.coffer.core.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SqliteDialect;
import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class SystemMigrationsFreshTest {

    private static final Dialect SQLITE = SqliteDialect.INSTANCE;

    private static final List<String> FILES = List.of(
            "1640988000_aux_init.go",
            "1640988000_init.go",
            "1717233556_v0.23_migrate.go",
            "1717233557_v0.23_migrate2.go",
            "1717233558_v0.23_migrate3.go",
            "1717233559_v0.23_migrate4.go",
            "1763020353_update_default_auth_alert_templates.go",
            "1778828400_normalize_indexes.go");

    @TempDir
    Path dir;

    private Connection db;
    private List<String> applied;

    @BeforeEach
    void migrate() throws SQLException {
        db = TestDatabases.open(dir.resolve("data.db"));
        applied = SystemMigrations.migrateData(db, SQLITE);
    }

    @Test
    void appliesAndRecordsEveryPocketBaseSystemMigration() throws SQLException {
        assertThat(applied).containsExactlyElementsOf(FILES);
        assertThat(SystemMigrations.dataMigrationFiles()).containsExactlyElementsOf(FILES);
        assertThat(TestDatabases.strings(db, "SELECT file FROM _migrations ORDER BY applied, file"))
                .containsExactlyElementsOf(FILES);
        long now = MigrationsTable.nowMicros();
        for (String applied : TestDatabases.strings(db, "SELECT applied FROM _migrations")) {
            assertThat(Long.parseLong(applied)).as("microseconds").isBetween(now - 600_000_000L, now);
        }
        assertThat(db.getAutoCommit()).isTrue();
    }

    @Test
    void secondRunIsANoOp() throws SQLException {
        List<String> before = TestDatabases.dump(db);
        assertThat(SystemMigrations.migrateData(db, SQLITE)).isEmpty();
        assertThat(TestDatabases.dump(db)).isEqualTo(before);
    }

    @Test
    void createsTheTablesWithPocketBasesSchemaText() throws SQLException {
        assertThat(TestDatabases.strings(db, "SELECT name FROM sqlite_master WHERE type='table' ORDER BY rowid"))
                .containsExactly("_migrations", "_params", "_collections", "_mfas", "_otps", "_externalAuths",
                        "_authOrigins", "_superusers", "users");
        assertThat(sql(db, "_params")).isEqualTo(InitMigration.PARAMS_TABLE);
        assertThat(sql(db, "_collections")).isEqualTo(InitMigration.COLLECTIONS_TABLE);
        assertThat(sql(db, "idx__collections_type"))
                .isEqualTo("CREATE INDEX idx__collections_type on `_collections` (`type`)");
        assertThat(sql(db, "users")).isEqualTo("CREATE TABLE `users` (`avatar` TEXT DEFAULT '' NOT NULL, "
                + "`created` TEXT DEFAULT '' NOT NULL, `email` TEXT DEFAULT '' NOT NULL, "
                + "`emailVisibility` BOOLEAN DEFAULT FALSE NOT NULL, "
                + "`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, "
                + "`name` TEXT DEFAULT '' NOT NULL, `password` TEXT DEFAULT '' NOT NULL, "
                + "`tokenKey` TEXT DEFAULT '' NOT NULL, `updated` TEXT DEFAULT '' NOT NULL, "
                + "`verified` BOOLEAN DEFAULT FALSE NOT NULL)");
        assertThat(sql(db, "_otps")).isEqualTo("CREATE TABLE `_otps` (`collectionRef` TEXT DEFAULT '' NOT NULL, "
                + "`created` TEXT DEFAULT '' NOT NULL, "
                + "`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, "
                + "`password` TEXT DEFAULT '' NOT NULL, `recordRef` TEXT DEFAULT '' NOT NULL, "
                + "`sentTo` TEXT DEFAULT '' NOT NULL, `updated` TEXT DEFAULT '' NOT NULL)");
        assertThat(sql(db, "idx_externalAuths_record_provider")).isEqualTo(
                "CREATE UNIQUE INDEX `idx_externalAuths_record_provider` ON `_externalAuths` (\n"
                        + "  `collectionRef`,\n  `recordRef`,\n  `provider`\n)");
        assertThat(sql(db, "idx_email_pbc_3142635823")).isEqualTo(
                "CREATE UNIQUE INDEX `idx_email_pbc_3142635823` ON `_superusers` (`email`) WHERE `email` != ''");
        assertThat(TestDatabases.strings(db, "SELECT name FROM sqlite_master WHERE type='index' AND sql IS NOT NULL "
                + "ORDER BY rowid")).containsExactly("idx__collections_type", "idx_mfas_collectionRef_recordRef",
                        "idx_otps_collectionRef_recordRef", "idx_externalAuths_record_provider",
                        "idx_externalAuths_collection_provider", "idx_authOrigins_unique_pairs",
                        "idx_tokenKey_pbc_3142635823", "idx_email_pbc_3142635823", "idx_tokenKey__pb_users_auth_",
                        "idx_email__pb_users_auth_");
    }

    @Test
    void storesTheSystemCollectionRows() throws SQLException {
        record Expected(String id, String type, boolean system, List<String> fields, String list, String create,
                String delete) {}
        String owner = "@request.auth.id != '' && recordRef = @request.auth.id && "
                + "collectionRef = @request.auth.collectionId";
        List<String> base = List.of("id", "collectionRef", "recordRef");
        Map<String, Expected> expected = Map.of(
                "_mfas", new Expected("pbc_2279338944", "base", true,
                        concat(base, "method", "created", "updated"), owner, null, null),
                "_otps", new Expected("pbc_1638494021", "base", true,
                        concat(base, "password", "sentTo", "created", "updated"), owner, null, null),
                "_externalAuths", new Expected("pbc_2281828961", "base", true,
                        concat(base, "provider", "providerId", "created", "updated"), owner, null, owner),
                "_authOrigins", new Expected("pbc_4275539003", "base", true,
                        concat(base, "fingerprint", "created", "updated"), owner, null, owner),
                "_superusers", new Expected("pbc_3142635823", "auth", true, List.of("id", "password", "tokenKey",
                        "email", "emailVisibility", "verified", "created", "updated"), null, null, null),
                "users", new Expected("_pb_users_auth_", "auth", false, List.of("id", "password", "tokenKey",
                        "email", "emailVisibility", "verified", "name", "avatar", "created", "updated"),
                        "id = @request.auth.id", "", "id = @request.auth.id"));

        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, name, type, system, fields, indexes, options, "
                + "listRule, createRule, deleteRule, created, updated, typeof(system) FROM _collections ORDER BY rowid");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(2);
                names.add(name);
                Expected e = expected.get(name);
                assertThat(rs.getString(1)).as(name).isEqualTo(e.id());
                assertThat(rs.getString(3)).as(name).isEqualTo(e.type());
                assertThat(rs.getBoolean(4)).as(name).isEqualTo(e.system());
                assertThat(rs.getString(13)).isEqualTo("integer");
                JsonNode fields = Json.parse(rs.getString(5));
                List<String> fieldNames = new ArrayList<>();
                List<String> fieldTypes = new ArrayList<>();
                fields.forEach(f -> fieldNames.add(f.get("name").asString()));
                fields.forEach(f -> fieldTypes.add(f.get("type").asString()));
                assertThat(fieldNames).as(name).containsExactlyElementsOf(e.fields());
                if (name.equals("users")) {
                    assertThat(fieldTypes).containsExactly("text", "password", "text", "email", "bool", "bool",
                            "text", "file", "autodate", "autodate");
                } else if (name.equals("_otps")) {
                    assertThat(fieldTypes).containsExactly("text", "text", "text", "password", "text", "autodate",
                            "autodate");
                }
                fields.forEach(f -> assertThat(f.get("id").asString())
                        .isEqualTo(FieldDefinition.fieldId(f.get("type").asString(), f.get("name").asString())));
                assertThat(Json.parse(rs.getString(6)).isArray()).isTrue();
                assertThat(rs.getString(8)).as(name).isEqualTo(e.list());
                assertThat(rs.getString(9)).as(name).isEqualTo(e.create());
                assertThat(rs.getString(10)).as(name).isEqualTo(e.delete());
                assertThat(rs.getString(11)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(rs.getString(12)).isGreaterThanOrEqualTo(rs.getString(11));
                JsonNode options = Json.parse(rs.getString(7));
                if (e.type().equals("base")) {
                    assertThat(rs.getString(7)).isEqualTo("{}");
                } else {
                    assertAuthOptions(name, options);
                }
            }
        }
        assertThat(names).containsExactly("_mfas", "_otps", "_externalAuths", "_authOrigins", "_superusers", "users");
    }

    private void assertAuthOptions(String name, JsonNode options) {
        List<String> secrets = new ArrayList<>();
        for (String token : List.of("authToken", "passwordResetToken", "emailChangeToken", "verificationToken",
                "fileToken")) {
            String secret = options.path(token).path("secret").asString();
            assertThat(secret).matches("[A-Za-z0-9]{50}");
            secrets.add(secret);
        }
        assertThat(secrets).doesNotHaveDuplicates();
        assertThat(options.path("authToken").path("duration").asLong())
                .isEqualTo(name.equals("_superusers") ? 86_400 : 432_000);
        assertThat(options.path("passwordResetToken").path("duration").asLong()).isEqualTo(1800);
        assertThat(options.path("verificationToken").path("duration").asLong()).isEqualTo(86_400);
        assertThat(options.path("fileToken").path("duration").asLong()).isEqualTo(180);
        assertThat(options.path("authRule").asString()).isEmpty();
        assertThat(options.path("manageRule").isNull()).isTrue();
        assertThat(options.path("passwordAuth").path("enabled").asBoolean()).isTrue();
        assertThat(options.path("passwordAuth").path("identityFields").get(0).asString()).isEqualTo("email");
        assertThat(options.path("oauth2").path("enabled").asBoolean()).isFalse();
        assertThat(options.path("mfa").path("duration").asLong()).isEqualTo(600);
        assertThat(options.path("otp").path("length").asInt()).isEqualTo(8);
        assertThat(options.path("authAlert").path("emailTemplate").path("body").asString())
                .isEqualTo(AuthDefaults.AUTH_ALERT_BODY);
        assertThat(options.path("verificationTemplate").path("body").asString())
                .contains("{APP_URL}/_/#/auth/confirm-verification/{TOKEN}");
        assertThat(options.path("oauth2").path("mappedFields").path("avatarURL").asString())
                .isEqualTo(name.equals("users") ? "avatar" : "");
    }

    @Test
    void storesTheDefaultSettingsAsABlob() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT typeof(value), value, created, updated FROM _params WHERE id = 'settings'");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("blob");
            JsonNode settings = Json.parse(new String(rs.getBytes(2), StandardCharsets.UTF_8));
            assertThat(settings.path("meta").path("appName").asString()).isEqualTo("Acme");
            assertThat(settings.path("logs").path("maxDays").asInt()).isEqualTo(5);
            assertThat(settings.path("rateLimits").path("rules")).hasSize(4);
            assertThat(rs.getString(3)).isEqualTo(rs.getString(4));
        }
    }

    @Test
    void usersIsResavedByTheIndexNormalisation() throws SQLException {
        List<String> users = TestDatabases.strings(db,
                "SELECT created || '|' || updated FROM _collections WHERE name = 'users'");
        String[] times = users.get(0).split("\\|");
        assertThat(times[1]).isGreaterThanOrEqualTo(times[0]);
    }

    @Test
    void runsInTheCallersTransaction() throws SQLException {
        try (Connection other = TestDatabases.open(dir.resolve("other.db"))) {
            other.setAutoCommit(false);
            assertThat(SystemMigrations.migrateData(other, SQLITE)).hasSize(8);
            other.rollback();
            other.setAutoCommit(true);
            assertThat(TestDatabases.strings(other, "SELECT name FROM sqlite_master")).isEmpty();
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static String sql(Connection db, String name) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT sql FROM sqlite_master WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
