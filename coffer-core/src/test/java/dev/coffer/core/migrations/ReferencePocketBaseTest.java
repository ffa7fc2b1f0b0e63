package dev.coffer.core.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.AppStartException;
import dev.coffer.core.TestFixture;
import dev.coffer.core.settings.SettingsStore;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SqliteDialect;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks against the real PocketBase binary: {@code -Dcoffer.pocketbase=PATH}, {@code COFFER_POCKETBASE}, or the one
 * {@code tools/install-reference-pocketbase.sh} installs (run here when it is missing, on Linux x64 with npm).
 * Skipped when there is none, or failed instead when {@code COFFER_REQUIRE_SERVICES=1} (as in CI).
 */
class ReferencePocketBaseTest {

    private static final Dialect SQLITE = SqliteDialect.INSTANCE;

    @TempDir
    Path tmp;

    private Path pocketbase;

    @BeforeEach
    void findBinary() {
        Optional<Path> found = binary();
        String missing = "reference PocketBase binary not found (run tools/install-reference-pocketbase.sh or set "
                + "-Dcoffer.pocketbase=PATH)";
        if (found.isEmpty() && "1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
            fail(missing + "; COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping");
        }
        assumeTrue(found.isPresent(), missing + "; skipping");
        pocketbase = found.get();
    }

    @Test
    void cofferSchemaMatchesAFreshPocketBaseDataDir() throws Exception {
        Path pbDir = tmp.resolve("pb");
        assertThat(run(List.of("migrate", "up", "--dir", pbDir.toString())).exitCode()).isZero();
        Path cofferDir = cofferDataDir();

        try (Connection pb = TestDatabases.open(pbDir.resolve("data.db"));
                Connection coffer = TestDatabases.open(cofferDir.resolve("data.db"))) {
            assertThat(catalog(coffer)).isEqualTo(catalog(pb));
            assertThat(TestDatabases.strings(coffer, "SELECT file FROM _migrations ORDER BY file"))
                    .isEqualTo(TestDatabases.strings(pb, "SELECT file FROM _migrations ORDER BY file"));
            assertThat(collections(coffer)).isEqualTo(collections(pb));
            assertThat(settings(coffer)).isEqualTo(settings(pb));
        }
        try (Connection pb = TestDatabases.open(pbDir.resolve("auxiliary.db"));
                Connection coffer = TestDatabases.open(cofferDir.resolve("auxiliary.db"))) {
            assertThat(catalog(coffer)).isEqualTo(catalog(pb));
        }
    }

    @Test
    void pocketBaseOpensACofferDataDirAsItsOwn() throws Exception {
        Path dir = cofferDataDir();
        List<String> migrationsBefore;
        try (Connection db = TestDatabases.open(dir.resolve("data.db"))) {
            migrationsBefore = TestDatabases.strings(db, "SELECT file || applied FROM _migrations ORDER BY file");
        }

        Result migrate = run(List.of("migrate", "up", "--dir", dir.toString()));
        assertThat(migrate.exitCode()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("No new migrations to apply");

        Result upsert = run(List.of("superuser", "upsert", "a@b.co", "1234567890", "--dir", dir.toString()));
        assertThat(upsert.exitCode()).as(upsert.output()).isZero();
        assertThat(upsert.output()).contains("Successfully saved superuser");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process serve = new ProcessBuilder(pocketbase.toString(), "serve", "--dir", dir.toString(),
                "--http", "127.0.0.1:" + port).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("serve.log").toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> health = waitForHealth(http, base);
            assertThat(health.statusCode()).isEqualTo(200);

            HttpResponse<String> login = post(http, base + "/api/collections/_superusers/auth-with-password",
                    "{\"identity\":\"a@b.co\",\"password\":\"1234567890\"}", null);
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String token = Json.parse(login.body()).path("token").asString();

            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/collections"))
                    .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(list.statusCode()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            Json.parse(list.body()).path("items").forEach(c -> names.add(c.path("name").asString()));
            assertThat(names).containsExactlyInAnyOrder("_mfas", "_otps", "_externalAuths", "_authOrigins",
                    "_superusers", "users");

            HttpResponse<String> user = post(http, base + "/api/collections/users/records",
                    "{\"email\":\"u@b.co\",\"password\":\"1234567890\",\"passwordConfirm\":\"1234567890\","
                            + "\"name\":\"U\"}", null);
            assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
            HttpResponse<String> userLogin = post(http, base + "/api/collections/users/auth-with-password",
                    "{\"identity\":\"u@b.co\",\"password\":\"1234567890\"}", null);
            assertThat(userLogin.statusCode()).as(userLogin.body()).isEqualTo(200);
        } finally {
            serve.destroy();
            if (!serve.waitFor(10, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }

        try (Connection db = TestDatabases.open(dir.resolve("data.db"))) {
            assertThat(TestDatabases.strings(db, "SELECT file || applied FROM _migrations ORDER BY file"))
                    .as("PocketBase applied no migration of its own").isEqualTo(migrationsBefore);
        }
    }

    @Test
    void indexNormalisationMatchesPocketBaseOnAnOlderDataDir() throws Exception {
        // an older-style data dir: a user collection with an out-of-list index and a stale index table name,
        // an auth collection whose default unique indexes have legacy names, and the migration not yet recorded
        Path template = tmp.resolve("template");
        assertThat(run(List.of("migrate", "up", "--dir", template.toString())).exitCode()).isZero();
        try (Connection db = TestDatabases.open(template.resolve("data.db"))) {
            ArrayNode fields = Json.array();
            fields.add(FieldDefinition.id().json());
            fields.add(FieldDefinition.text(new FieldDefinition.TextOptions("title")).json());
            exec(db, "INSERT INTO _collections (id, name, type, system, fields, indexes, options, created, updated) "
                    + "VALUES ('posts0000000001', 'posts', 'base', 0, ?, ?, '{}', '2020-01-01 00:00:00.000Z', "
                    + "'2020-01-01 00:00:00.000Z')", GoJson.write(fields),
                    CollectionsTable.indexesJson(List.of("CREATE INDEX `idx_title` ON `old_posts` (title)")));
            exec(db, "CREATE TABLE `posts` (`id` TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL, "
                    + "`title` TEXT DEFAULT '' NOT NULL)");
            exec(db, "CREATE INDEX `idx_title` ON `posts` (`title`)");
            exec(db, "CREATE INDEX manual_idx ON posts (title, id)");
            exec(db, "CREATE INDEX dup_idx ON posts (title)");
            exec(db, "UPDATE _collections SET indexes = ? WHERE name = 'users'", CollectionsTable.indexesJson(List.of(
                    "CREATE UNIQUE INDEX `__pb_users_auth__tokenKey_idx` ON `users` (tokenKey)",
                    "CREATE INDEX `__pb_users_auth__created_idx` ON `users` (`created`)")));
            exec(db, "DROP INDEX idx_tokenKey__pb_users_auth_");
            exec(db, "CREATE UNIQUE INDEX `__pb_users_auth__tokenKey_idx` ON `users` (tokenKey)");
            exec(db, "CREATE INDEX `__pb_users_auth__created_idx` ON `users` (`created`)");
            exec(db, "CREATE UNIQUE INDEX `__pb_users_auth__email_idx` ON `users` (email) WHERE email != ''");
            exec(db, "DELETE FROM _migrations WHERE file = ?", NormalizeIndexesMigration.FILE);
        }
        Path pbDir = copyDir(template, tmp.resolve("pb"));
        Path cofferDir = copyDir(template, tmp.resolve("coffer"));

        // PocketBase runs its system migrations when it starts any command; `migrate up` itself then has no user
        // migrations to apply. What counts is the history table afterwards (the console only names the file in
        // dev mode, which PocketBase turns on by itself when its binary lies under the user's cache directory).
        Result migrated = run(List.of("migrate", "up", "--dir", pbDir.toString()));
        assertThat(migrated.exitCode()).as(migrated.output()).isZero();
        try (Connection pb = TestDatabases.open(pbDir.resolve("data.db"))) {
            assertThat(TestDatabases.strings(pb, "SELECT file FROM _migrations"))
                    .as("PocketBase applied the migration again").contains(NormalizeIndexesMigration.FILE);
        }
        try (Connection db = TestDatabases.open(cofferDir.resolve("data.db"))) {
            assertThat(SystemMigrations.migrateData(db, SQLITE)).containsExactly(NormalizeIndexesMigration.FILE);
        }

        try (Connection pb = TestDatabases.open(pbDir.resolve("data.db"));
                Connection coffer = TestDatabases.open(cofferDir.resolve("data.db"))) {
            assertThat(sortedCatalog(coffer)).isEqualTo(sortedCatalog(pb));
            for (String name : List.of("posts", "users")) {
                String sql = "SELECT indexes FROM _collections WHERE name = '" + name + "'";
                assertThat(Json.parse(TestDatabases.strings(coffer, sql).get(0)))
                        .as(name).isEqualTo(Json.parse(TestDatabases.strings(pb, sql).get(0)));
            }
        }
    }

    @Test
    void encryptedSettingsOpenOnEitherServerWithTheSameKey() throws Exception {
        String key = "abcdefghijklmnopqrstuvwxyz012345";
        Map<String, String> env = Map.of("PB_TEST_KEY", key);
        // made by PocketBase with --encryptionEnv, opened by Coffer with the same key
        Path pbMade = tmp.resolve("pb-made");
        Result made = run(List.of("superuser", "upsert", "a@b.co", "1234567890", "--dir", pbMade.toString(),
                "--encryptionEnv=PB_TEST_KEY"), env);
        assertThat(made.exitCode()).as(made.output()).isZero();
        try (App app = App.open(AppConfig.of(pbMade).withEncryption("PB_TEST_KEY", key))) {
            assertThat(app.settings().storedJson().path("meta").path("appName").asString()).isEqualTo("Acme");
            SettingsStore.save(app, app.settings().withPatch(
                    (ObjectNode) Json.parse("{\"meta\":{\"appName\":\"saved by coffer\"}}")));
        }
        assertThatThrownBy(() -> App.open(AppConfig.of(pbMade))).isInstanceOf(AppStartException.class)
                .hasMessageContaining("missing encryption key");

        // saved by Coffer with the key, opened by PocketBase with it; PocketBase without it refuses
        Result back = run(List.of("superuser", "upsert", "c@d.co", "1234567890", "--dir", pbMade.toString(),
                "--encryptionEnv=PB_TEST_KEY"), env);
        assertThat(back.exitCode()).as(back.output()).isZero();
        Result noKey = run(List.of("superuser", "upsert", "c@d.co", "1234567890", "--dir", pbMade.toString()));
        assertThat(noKey.exitCode()).isNotZero();
        assertThat(noKey.output()).contains("invalid settings db data or missing encryption key");

        // a new data directory made by Coffer with the key opens on PocketBase with it
        Path cofferMade = tmp.resolve("coffer-made");
        App.open(AppConfig.of(cofferMade).withEncryption("PB_TEST_KEY", key)).close();
        Result opened = run(List.of("superuser", "upsert", "e@f.co", "1234567890", "--dir", cofferMade.toString(),
                "--encryptionEnv=PB_TEST_KEY"), env);
        assertThat(opened.exitCode()).as(opened.output()).isZero();
        assertThat(run(List.of("superuser", "upsert", "e@f.co", "1234567890", "--dir", cofferMade.toString()))
                .output()).contains("missing encryption key");
    }

    // ------------------------------------------------------------------

    private Path cofferDataDir() throws SQLException, IOException {
        Path dir = tmp.resolve("coffer");
        Files.createDirectories(dir);
        try (Connection data = TestDatabases.open(dir.resolve("data.db"));
                Connection aux = TestDatabases.open(dir.resolve("auxiliary.db"))) {
            SystemMigrations.migrateData(data, SQLITE);
            SystemMigrations.migrateAuxiliary(aux, SQLITE);
        }
        return dir;
    }

    /** The schema text of every object except SQLite's statistics tables (which PRAGMA optimize creates). */
    private static List<String> catalog(Connection db) throws SQLException {
        return TestDatabases.strings(db, "SELECT type || '|' || name || '|' || tbl_name || '|' || ifnull(sql, '') "
                + "FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY rowid");
    }

    private static List<String> sortedCatalog(Connection db) throws SQLException {
        List<String> rows = new ArrayList<>(catalog(db));
        rows.sort(null);
        return rows;
    }

    /**
     * The collection rows with volatile values blanked (timestamps, token secrets) and the JSON compared as
     * trees, with {@code null} lists treated as empty: v0.39.11 (the target) writes Go nil slices as null,
     * the v0.40 reference binary writes {@code []}; both read either.
     */
    private static List<Map<String, Object>> collections(Connection db) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, name, type, system, typeof(system), fields, "
                + "indexes, listRule, viewRule, createRule, updateRule, deleteRule, options FROM _collections "
                + "ORDER BY rowid"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= 5; i++) {
                    row.put(rs.getMetaData().getColumnName(i), rs.getString(i));
                }
                row.put("fields", normalized(Json.parse(rs.getString(6))));
                row.put("indexes", rs.getString(7));
                for (int i = 8; i <= 12; i++) {
                    row.put(rs.getMetaData().getColumnName(i), String.valueOf(rs.getString(i)));
                }
                JsonNode options = normalized(Json.parse(rs.getString(13)));
                options.forEach(v -> {
                    if (v instanceof ObjectNode o && o.has("secret")) {
                        assertThat(o.path("secret").asString()).matches("[A-Za-z0-9]{50}");
                        o.put("secret", "");
                    }
                });
                row.put("options", options);
                rows.add(row);
            }
        }
        return rows;
    }

    private static JsonNode settings(Connection db) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT typeof(value), value FROM _params");
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("blob");
            ObjectNode value = (ObjectNode) Json.parse(new String(rs.getBytes(2), StandardCharsets.UTF_8));
            ((ObjectNode) value.path("logs")).remove("maxDataSize"); // added after v0.39
            assertThat(rs.next()).isFalse();
            return value;
        }
    }

    private static JsonNode normalized(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String key : new ArrayList<>(o.propertyNames())) {
                JsonNode child = o.get(key);
                if (child.isNull() && List.of("providers", "exceptDomains", "onlyDomains", "thumbs", "mimeTypes")
                        .contains(key)) {
                    o.putArray(key);
                } else {
                    normalized(child);
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(ReferencePocketBaseTest::normalized);
        }
        return node;
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> args) throws IOException, InterruptedException {
        return run(args, Map.of());
    }

    private Result run(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(pocketbase.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("pocketbase " + args + " timed out");
        }
        return new Result(p.exitValue(), out);
    }

    private static HttpResponse<String> waitForHealth(HttpClient http, String base) throws Exception {
        IOException last = null;
        for (int i = 0; i < 100; i++) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + "/api/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw last;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body, String token)
            throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            req.header("Authorization", token);
        }
        return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void exec(Connection db, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private static Path copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String file : List.of("data.db", "auxiliary.db")) {
            Files.copy(from.resolve(file), to.resolve(file));
        }
        return to;
    }

    private static Optional<Path> installed;

    private static synchronized Optional<Path> binary() {
        List<String> candidates = new ArrayList<>();
        String prop = System.getProperty("coffer.pocketbase");
        if (prop != null) {
            candidates.add(prop);
        }
        String env = System.getenv("COFFER_POCKETBASE");
        if (env != null) {
            candidates.add(env);
        }
        candidates.add(System.getProperty("user.home") + "/.cache/coffer/pocketbase-0.40.4/pocketbase");
        Optional<Path> found = candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && installed == null) {
            installed = install();
        }
        return found.isPresent() ? found : installed;
    }

    /** Runs the repository's installer (npm pack of the linux-x64 binary); the binary, or empty when it can't. */
    private static Optional<Path> install() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        Path script = TestFixture.dir().getParent().getParent().resolve("tools/install-reference-pocketbase.sh");
        if (!os.equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64")) || !Files.isRegularFile(script)) {
            return Optional.empty();
        }
        try {
            Path log = Files.createTempFile("coffer-pb-install-", ".log");
            Process p = new ProcessBuilder("bash", script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            String out = Files.readString(log).strip();
            Files.deleteIfExists(log);
            if (!done || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            Path binary = Path.of(out.substring(out.lastIndexOf('\n') + 1));
            return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
