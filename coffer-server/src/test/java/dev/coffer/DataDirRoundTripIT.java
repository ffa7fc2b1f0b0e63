package dev.coffer;

import static dev.coffer.Processes.freePort;
import static dev.coffer.Processes.java;
import static dev.coffer.Processes.read;
import static dev.coffer.Processes.run;
import static dev.coffer.Processes.tail;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.coffer.tools.json.Json;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A real app's data directory moves from the reference PocketBase 0.40.4 to Coffer and back with nothing lost.
 *
 * <p>PocketBase builds the app over HTTP on a fresh data directory (a base collection with text, number, json,
 * multiple select, relation, file and protected file fields, rules and an index; records with uploaded files, sent
 * as form fields, as {@code @jsonPayload} and as JSON; the {@code users} collection with password auth and two OAuth2
 * providers; users with passwords and an avatar; a view; settings with an app name, SMTP with a password and batch
 * requests on; the superuser). Then {@code coffer.jar serve} opens the same directory and must answer as PocketBase
 * did: every collection, every record of every collection (views and system collections included, and with an
 * expanded relation), each file byte for byte (the protected one with a file token), the thumbs PocketBase made
 * and one it did not, the settings (secrets masked), the auth methods, sign-ins with each password (and a wrong
 * one) and with the tokens PocketBase issued. Coffer then changes the app: a user creates a record with files, one
 * is updated with a file added and one removed, one is deleted through a batch request, an OAuth2 client id is
 * changed without resending the secrets or a display name, a user is added, a view created, settings changed.
 * PocketBase, started again on the directory, must answer as Coffer did, serve the thumbs Coffer made, make one of
 * Coffer's upload and accept Coffer's tokens. Only what differs by nature is normalised: tokens, the OAuth2 state
 * and PKCE values, and the time an auth origin was last used. Neither server may apply a migration of its own, the
 * secrets the API never shows (OAuth2 client secrets, the SMTP password, decrypted with the key) are read from
 * {@code data.db} after each server stopped, the removed files must be gone from {@code storage/}, and Coffer may
 * print no warning or error.
 *
 * <p>Runs twice: on a plain data directory and on one whose settings are encrypted ({@code --encryptionEnv} with a
 * 32-character key, given to both servers). Needs the reference binary ({@code -Dcoffer.pocketbase=PATH},
 * {@code COFFER_POCKETBASE}, or the one {@code tools/install-reference-pocketbase.sh} installs, run here when it is
 * missing); without it the test is skipped, or fails when {@code COFFER_REQUIRE_SERVICES=1} (as in CI). A failed
 * run keeps its temporary directory (the servers' logs and the data directory).
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the reference PocketBase binary is installed for Linux x64")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataDirRoundTripIT {

    private static final String SUPERUSER_EMAIL = "root@example.com";
    private static final String SUPERUSER_PASSWORD = "root-password-1";
    private static final String KEY_ENV = "COFFER_ROUNDTRIP_KEY";
    private static final String KEY = "0123456789abcdefghijklmnopqrstuv";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLI_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern JWT = Pattern.compile("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    /** What Coffer must not print while serving the data directory: warnings, errors, stack traces. */
    private static final Pattern NOISE = Pattern.compile("(?im)^(.*(warn|error|exception).*|\\s+at \\S+\\(.*)$");

    /** Kept when a test fails: each server's log and the data directory are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path tmp;

    private Path pocketbase;
    private Path jar;

    @BeforeEach
    void findServers() {
        jar = Processes.repositoryRoot().resolve("coffer-server/target/coffer.jar");
        assertThat(jar).as("the Coffer fat jar (built by `./mvnw package` before failsafe runs)").isRegularFile();
        Optional<Path> found = referencePocketBase();
        String missing = "reference PocketBase binary not found (run tools/install-reference-pocketbase.sh or set "
                + "-Dcoffer.pocketbase=PATH)";
        if (found.isEmpty() && "1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
            fail(missing + "; COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping");
        }
        if (found.isEmpty()) {
            System.out.println("DataDirRoundTripIT skipped: " + missing);
        }
        Assumptions.assumeTrue(found.isPresent(), missing + "; skipping");
        pocketbase = found.get();
    }

    @Test
    void plainDataDirGoesFromPocketBaseToCofferAndBack() throws Exception {
        new RoundTrip(tmp.resolve("plain"), Map.of(), List.of()).run();
    }

    @Test
    void encryptedDataDirGoesFromPocketBaseToCofferAndBack() throws Exception {
        new RoundTrip(tmp.resolve("encrypted"), Map.of(KEY_ENV, KEY), List.of("--encryptionEnv=" + KEY_ENV)).run();
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One scenario: the data directory, the servers' environment and flags, and what the app holds so far. */
    private final class RoundTrip {

        private final Path home;
        private final Path dir;
        private final Map<String, String> env;
        private final List<String> flags;
        private final boolean encrypted;

        /** Every stored file the app holds, {@code /api/files/COLLECTION/RECORD/NAME} → the uploaded bytes. */
        private final Map<String, byte[]> files = new LinkedHashMap<>();
        /** Files of a deleted record, or removed from a record: 404 from then on. */
        private final Set<String> goneFiles = new LinkedHashSet<>();
        /** The protected file: needs a file token. */
        private String protectedFile;
        /** Thumbs asked for so far (a server makes each one the first time, the others serve the stored one). */
        private final List<Thumb> thumbs = new ArrayList<>();
        /** Passwords of the users, by email. */
        private final Map<String, String> passwords = new LinkedHashMap<>();
        /** The auth tokens the previous server issued, by email (superuser included). */
        private Map<String, String> tokens = Map.of();
        /** The auth tokens the last snapshot's sign-ins got. */
        private Map<String, String> issued = Map.of();
        /** The secrets no API answer shows, as they must be stored. */
        private final Map<String, String> secrets = new TreeMap<>();

        private String photo;
        private String cofferImage;
        private String usersId;
        private String postsId;
        private final Map<String, String> userIds = new LinkedHashMap<>();
        private final Map<String, String> postIds = new LinkedHashMap<>();

        RoundTrip(Path home, Map<String, String> env, List<String> flags) throws IOException {
            this.home = Files.createDirectories(home);
            this.dir = home.resolve("pb_data");
            this.env = env;
            this.flags = flags;
            this.encrypted = !env.isEmpty();
        }

        void run() throws Exception {
            long start = System.nanoTime();
            Map<String, Long> times = new LinkedHashMap<>();

            // 1. the reference PocketBase builds the app
            Processes.Result upsert = Processes.run(withFlags(pocketbase.toString(), "superuser", "upsert",
                    SUPERUSER_EMAIL, SUPERUSER_PASSWORD), home, env, home.resolve("upsert.log"), CLI_TIMEOUT);
            assertThat(upsert.exitCode()).as("pocketbase superuser upsert: %s", upsert.output()).isZero();
            passwords.put(SUPERUSER_EMAIL, SUPERUSER_PASSWORD);
            Map<String, JsonNode> built;
            try (Server pb = startPocketBase("pocketbase-1")) {
                buildApp(pb);
                newThumbs(pb);
                built = snapshot(pb);
                tokens = issued;
            }
            assertThat(built.get("records of post_stats").path("totalItems").asInt()).as("view rows").isEqualTo(2);
            assertThat(built.get("auth-methods users").path("oauth2").path("providers")).hasSize(2);
            assertThat(built.get("settings").path("smtp").has("password")).as("the SMTP password shown").isFalse();
            assertThat(built.get("settings").path("batch").path("enabled").asBoolean()).isTrue();
            assertThat(built.keySet()).filteredOn(k -> k.startsWith("file ")).hasSize(6);
            assertThat(built.keySet()).filteredOn(k -> k.startsWith("thumb ")).hasSize(2);
            List<String> migrations = migrations();
            assertStoredSecrets("after PocketBase built the app");
            times.put("pocketbase builds", System.nanoTime() - start);

            // 2. Coffer opens it, must answer as PocketBase did, and changes the app
            long phase = System.nanoTime();
            Map<String, JsonNode> changed;
            try (Server coffer = startCoffer()) {
                assertTokensAccepted(coffer, built);
                assertSame(snapshot(coffer), built, "Coffer on PocketBase's data dir vs PocketBase (" + home + ")");
                thumbs.add(new Thumb(photo, "50x0", "image/png", "50x30")); // 210x125 made by PocketBase
                newThumbs(coffer);
                changeApp(coffer);
                newThumbs(coffer);
                changed = snapshot(coffer);
                tokens = issued;
            }
            assertThat(changed.get("records of author_counts").path("totalItems").asInt()).as("view rows")
                    .isEqualTo(4);
            assertThat(changed.get("records of users").path("totalItems").asInt()).isEqualTo(4);
            assertThat(changed.get("records of posts").path("totalItems").asInt()).isEqualTo(4);
            assertThat(changed.keySet()).filteredOn(k -> k.startsWith("file ")).hasSize(9);
            assertThat(changed.keySet()).filteredOn(k -> k.startsWith("thumb ")).hasSize(3);
            // Coffer applies none of its own; as PocketBase does, its automigrate wrote pb_migrations/<time>_created_
            // author_counts.js for the collection changeApp created and recorded it as applied (so PocketBase skips it)
            List<String> afterCoffer = migrations();
            assertThat(afterCoffer).as("migrations after Coffer ran").startsWith(migrations.toArray(String[]::new))
                    .hasSize(migrations.size() + 1);
            String written = afterCoffer.get(afterCoffer.size() - 1).split(" ")[0];
            assertThat(written).matches("\\d+_created_author_counts\\.js");
            assertThat(home.resolve("pb_migrations").resolve(written)).isRegularFile();
            assertStoredSecrets("after Coffer changed the app");
            assertDeletedFromDisk();
            times.put("coffer checks and changes", System.nanoTime() - phase);

            // 3. the reference PocketBase opens it again and must answer as Coffer did
            phase = System.nanoTime();
            try (Server pb = startPocketBase("pocketbase-2")) {
                assertTokensAccepted(pb, changed);
                assertSame(snapshot(pb), changed, "PocketBase on Coffer's data dir vs Coffer (" + home + ")");
                thumbs.add(new Thumb(cofferImage, "50x0", "image/png", "50x83")); // 90x150 made by Coffer
                newThumbs(pb);
            }
            assertThat(migrations()).as("migrations after PocketBase reopened the dir (it applies none, Coffer's file"
                    + " included)").isEqualTo(afterCoffer);
            assertStoredSecrets("after PocketBase reopened the dir");
            times.put("pocketbase checks", System.nanoTime() - phase);

            StringBuilder report = new StringBuilder("DataDirRoundTripIT (" + (encrypted ? "encrypted" : "plain")
                    + "): " + built.size() + " + " + changed.size() + " answers compared in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
            times.forEach((what, nanos) -> report.append("; ").append(what).append(' ')
                    .append(TimeUnit.NANOSECONDS.toMillis(nanos)).append(" ms"));
            System.out.println(report);
        }

        // ---- the servers ----

        private Server startPocketBase(String name) throws Exception {
            return start(name, withFlags(pocketbase.toString(), "serve"));
        }

        private Server startCoffer() throws Exception {
            return start("coffer", withFlags(java(), "-jar", jar.toString(), "serve"));
        }

        /** The command with {@code --dir} and the scenario's flags ({@code --encryptionEnv}). */
        private List<String> withFlags(String... base) {
            List<String> command = new ArrayList<>(List.of(base));
            command.add("--dir=" + dir);
            command.addAll(flags);
            return command;
        }

        private Server start(String name, List<String> command) throws Exception {
            int port = freePort();
            List<String> full = new ArrayList<>(command);
            full.add("--http=127.0.0.1:" + port);
            Path log = home.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(full).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Server server = new Server(name, builder.start(), "http://127.0.0.1:" + port, log);
            try {
                Processes.awaitHealthy(server.process, server.url, log, STARTUP_TIMEOUT);
                server.superuserToken = login(server, "_superusers", SUPERUSER_EMAIL, SUPERUSER_PASSWORD)
                        .path("token").asString();
            } catch (Throwable e) {
                Processes.stop(server.process);
                throw e;
            }
            return server;
        }

        // ---- step 1: the app, built on PocketBase ----

        private void buildApp(Server pb) throws Exception {
            String su = pb.superuserToken;
            ok(pb.send("PATCH", "/api/settings", su, json("""
                    {"meta": {"appName": "Round Trip"},
                     "smtp": {"enabled": true, "host": "127.0.0.1", "port": 2525, "username": "mailer",
                              "password": "smtp-secret-1"},
                     "batch": {"enabled": true, "maxRequests": 20}}""")), "settings");
            secrets.put("smtp.password", "smtp-secret-1");

            JsonNode users = ok(pb.send("GET", "/api/collections/users", su, null), "users collection");
            usersId = users.path("id").asString();
            assertThat(users.path("oauth2").path("providers").isArray()).as("oauth2 of %s", users).isTrue();
            ok(pb.send("PATCH", "/api/collections/users", su, json("""
                    {"oauth2": {"enabled": true, "providers": [
                        {"name": "google", "clientId": "google-client-1", "clientSecret": "google-secret-1"},
                        {"name": "github", "clientId": "github-client-1", "clientSecret": "github-secret-1",
                         "displayName": "GitHub Login"}]}}""")), "users oauth2");
            secrets.put("users.oauth2.google", "google-client-1/google-secret-1");
            secrets.put("users.oauth2.github", "github-client-1/github-secret-1");

            byte[] avatar = png(64, 48, Color.ORANGE);
            createUser(pb, "alice@example.com", "alice-password-1", "Alice", true,
                    new Upload("avatar", "alice.png", "image/png", avatar));
            createUser(pb, "bob@example.com", "bob-password-1", "Bob Ünïcode", false, null);
            createUser(pb, "carol@example.com", "carol-password-1", "", false, null);

            JsonNode posts = ok(pb.send("POST", "/api/collections", su, json("""
                    {"name": "posts", "type": "base",
                     "listRule": "", "viewRule": "", "createRule": "@request.auth.id != ''",
                     "updateRule": "author = @request.auth.id", "deleteRule": null,
                     "fields": [
                       {"name": "title", "type": "text", "required": true, "max": 200},
                       {"name": "views", "type": "number"},
                       {"name": "meta", "type": "json", "maxSize": 10000},
                       {"name": "tags", "type": "select", "maxSelect": 3,
                        "values": ["news", "tech", "life", "misc"]},
                       {"name": "author", "type": "relation", "collectionId": "%s", "maxSelect": 1},
                       {"name": "attachments", "type": "file", "maxSelect": 5, "maxSize": 5242880,
                        "thumbs": ["100x100", "50x0"]},
                       {"name": "private", "type": "file", "maxSelect": 1, "protected": true},
                       {"name": "created", "type": "autodate", "onCreate": true},
                       {"name": "updated", "type": "autodate", "onCreate": true, "onUpdate": true}],
                     "indexes": ["CREATE INDEX `idx_posts_title` ON `posts` (`title`)"]}""".formatted(usersId))),
                    "posts collection");
            postsId = posts.path("id").asString();

            // form fields, two files and a protected one
            byte[] photoBytes = png(210, 125, Color.BLUE);
            JsonNode first = createPost(pb, "first", su, new Multipart()
                    .field("title", "Hello world")
                    .field("views", "42")
                    .field("meta", "{\"a\":1,\"nested\":{\"b\":[1,2.5,\"x\"]},\"s\":\"ü ☕ <tag>\"}")
                    .field("tags", "news").field("tags", "tech")
                    .field("author", userIds.get("alice@example.com"))
                    .file(new Upload("attachments", "photo.png", "image/png", photoBytes))
                    .file(new Upload("attachments", "notes.txt", "text/plain", "some notes\n".getBytes(UTF_8)))
                    .file(new Upload("private", "secret.txt", "text/plain", "for superusers".getBytes(UTF_8))));
            protectedFile = filePath(postsId, first.path("id").asString(), first.path("private").asString());
            photo = fileOf(first, "attachments", 0);
            thumbs.add(new Thumb(photo, "100x100", "image/png", "100x100"));

            // the SDK's form: @jsonPayload beside the files
            JsonNode second = createPost(pb, "second", su, new Multipart()
                    .field("@jsonPayload", """
                            {"title": "Second", "views": 3.25, "meta": [1, "two", null, {"x": false}],
                             "tags": ["life"], "author": "%s"}""".formatted(userIds.get("bob@example.com")))
                    .file(new Upload("attachments", "picture.jpg", "image/jpeg", jpeg(80, 60, Color.GREEN))));
            thumbs.add(new Thumb(fileOf(second, "attachments", 0), "100x100", "image/jpeg", "100x100"));

            // plain JSON, no files
            ok(pb.send("POST", "/api/collections/posts/records", su, json("""
                    {"title": "No files", "views": 0, "meta": null, "tags": [], "author": ""}""")), "third post");

            createPost(pb, "fourth", su, new Multipart()
                    .field("title", "Ünïcödé ☕ \"quoted\"")
                    .field("views", "-7")
                    .field("meta", "\"just a string\"")
                    .field("tags", "misc")
                    .field("author", userIds.get("carol@example.com"))
                    .file(new Upload("attachments", "diagram.png", "image/png", png(30, 90, Color.RED))));

            ok(pb.send("POST", "/api/collections", su, json("""
                    {"name": "post_stats", "type": "view", "listRule": "", "viewRule": "",
                     "viewQuery": "SELECT p.id, p.title, p.views, u.name AS author_name FROM posts p \
                       LEFT JOIN users u ON u.id = p.author WHERE p.views > 0"}
                    """)), "view");
        }

        private void createUser(Server server, String email, String password, String name, boolean verified,
                Upload avatar) throws Exception {
            ObjectNode body = Json.object().put("email", email).put("password", password)
                    .put("passwordConfirm", password).put("name", name).put("verified", verified)
                    .put("emailVisibility", verified);
            Response created;
            if (avatar == null) {
                created = server.send("POST", "/api/collections/users/records", server.superuserToken,
                        json(Json.write(body)));
            } else {
                created = server.send("POST", "/api/collections/users/records", server.superuserToken,
                        new Multipart().field("@jsonPayload", Json.write(body)).file(avatar));
            }
            JsonNode user = ok(created, "user " + email);
            userIds.put(email, user.path("id").asString());
            passwords.put(email, password);
            if (avatar != null) {
                files.put(filePath(usersId, user.path("id").asString(), user.path("avatar").asString()),
                        avatar.bytes());
            }
        }

        /** Creates a post from a multipart form; remembers its files (in upload order). */
        private JsonNode createPost(Server server, String key, String token, Multipart form) throws Exception {
            JsonNode post = ok(server.send("POST", "/api/collections/posts/records", token, form), "post " + key);
            postIds.put(key, post.path("id").asString());
            rememberFiles(post, form.uploads);
            return post;
        }

        /** Pairs the names a record's file fields got with the uploads, field by field in upload order. */
        private void rememberFiles(JsonNode record, List<Upload> uploads) {
            Map<String, List<Upload>> byField = new LinkedHashMap<>();
            uploads.forEach(u -> byField.computeIfAbsent(u.field(), f -> new ArrayList<>()).add(u));
            byField.forEach((field, list) -> {
                JsonNode names = record.path(field);
                List<String> stored = new ArrayList<>();
                if (names.isArray()) {
                    names.forEach(n -> stored.add(n.asString()));
                } else {
                    stored.add(names.asString());
                }
                // new uploads are appended after the files a record already had
                List<String> added = stored.subList(stored.size() - list.size(), stored.size());
                for (int i = 0; i < list.size(); i++) {
                    String original = list.get(i).name();
                    String base = original.substring(0, original.lastIndexOf('.'));
                    assertThat(added.get(i)).as("stored name of %s", original).startsWith(base + "_");
                    files.put(filePath(record.path("collectionId").asString(), record.path("id").asString(),
                            added.get(i)), list.get(i).bytes());
                }
            });
        }

        // ---- step 2: the changes made on Coffer ----

        private void changeApp(Server coffer) throws Exception {
            String su = coffer.superuserToken;

            // a post with files, created by a user under the create rule
            String alice = login(coffer, "users", "alice@example.com", passwords.get("alice@example.com"))
                    .path("token").asString();
            JsonNode made = createPost(coffer, "made-by-coffer", alice, new Multipart()
                    .field("title", "Made by Coffer")
                    .field("views", "1.5")
                    .field("meta", "{\"by\":\"coffer\",\"list\":[true,null]}")
                    .field("tags", "tech").field("tags", "misc").field("tags", "news")
                    .field("author", userIds.get("alice@example.com"))
                    .file(new Upload("attachments", "coffer.png", "image/png", png(90, 150, Color.MAGENTA)))
                    .file(new Upload("attachments", "readme.md", "text/markdown", "# hi\n".getBytes(UTF_8))));
            cofferImage = fileOf(made, "attachments", 0);
            thumbs.add(new Thumb(cofferImage, "100x100", "image/png", "100x100"));

            // an update: values changed, one file removed, one added
            String firstId = postIds.get("first");
            JsonNode before = ok(coffer.send("GET", "/api/collections/posts/records/" + firstId, su, null), "first");
            String notes = before.path("attachments").get(1).asString();
            Upload extra = new Upload("attachments+", "extra.txt", "text/plain", "added on coffer".getBytes(UTF_8));
            JsonNode updated = ok(coffer.send("PATCH", "/api/collections/posts/records/" + firstId, su,
                    new Multipart().field("title", "Hello again").field("views", "43")
                            .field("tags", "life").field("attachments-", notes).file(extra)), "update first");
            assertThat(updated.path("attachments")).hasSize(2);
            String notesPath = filePath(postsId, firstId, notes);
            files.remove(notesPath);
            goneFiles.add(notesPath);
            files.put(filePath(postsId, firstId, updated.path("attachments").get(1).asString()), extra.bytes());

            // a delete (with its file and thumb) through a batch, which the settings enabled
            String secondId = postIds.get("second");
            JsonNode batch = ok(coffer.send("POST", "/api/batch", su, json("""
                    {"requests": [{"method": "DELETE", "url": "/api/collections/posts/records/%s"}]}"""
                    .formatted(secondId))), "batch delete");
            assertThat(batch.path(0).path("status").asInt()).as("batch: %s", batch).isEqualTo(204);
            String prefix = "/api/files/" + postsId + "/" + secondId + "/";
            files.keySet().stream().filter(p -> p.startsWith(prefix)).toList().forEach(p -> {
                files.remove(p);
                goneFiles.add(p);
            });
            thumbs.removeIf(t -> t.file.startsWith(prefix));
            postIds.remove("second");

            // an OAuth2 client id changed; what is not resent (the secrets, a display name) stays, as on PocketBase
            JsonNode users = ok(coffer.send("PATCH", "/api/collections/users", su, json("""
                    {"oauth2": {"enabled": true, "providers": [
                        {"name": "google", "clientId": "google-client-2"},
                        {"name": "github"}]}}""")), "users oauth2 on coffer");
            assertThat(users.path("oauth2").path("providers").path(1).path("displayName").asString())
                    .as("the display name left out of the update").isEqualTo("GitHub Login");
            secrets.put("users.oauth2.google", "google-client-2/google-secret-1");

            createUser(coffer, "dave@example.com", "dave-password-1", "Dave", true, null);

            ok(coffer.send("POST", "/api/collections", su, json("""
                    {"name": "author_counts", "type": "view", "listRule": null, "viewRule": null,
                     "viewQuery": "SELECT u.id, u.email, count(p.id) AS posts, max(p.views) AS top_views FROM users u \
                       LEFT JOIN posts p ON p.author = u.id GROUP BY u.id"}
                    """)), "view on coffer");

            ok(coffer.send("PATCH", "/api/settings", su, json("""
                    {"meta": {"appName": "Round Trip (Coffer)"}, "smtp": {"password": "smtp-secret-2"}}""")),
                    "settings on coffer");
            secrets.put("smtp.password", "smtp-secret-2");
        }

        // ---- what is compared ----

        /**
         * Every answer that shows the app's state, by a name saying what was asked: the collections, every record
         * of every collection, the expanded posts, the settings, the auth methods, each file (status, type,
         * digest; equal to the upload), the thumbs asked for so far, and the record each account signs in to.
         */
        private Map<String, JsonNode> snapshot(Server server) throws Exception {
            String su = server.superuserToken;
            Map<String, JsonNode> answers = new TreeMap<>();
            // first, as a sign-in records its origin (the first one from this client) that the lists then show
            issued = new LinkedHashMap<>();
            for (Map.Entry<String, String> account : passwords.entrySet()) {
                String collection = account.getKey().equals(SUPERUSER_EMAIL) ? "_superusers" : "users";
                JsonNode auth = login(server, collection, account.getKey(), account.getValue());
                issued.put(account.getKey(), auth.path("token").asString());
                answers.put("sign-in " + account.getKey(), auth.path("record"));
            }
            for (String email : List.of(SUPERUSER_EMAIL, "alice@example.com")) {
                String collection = email.equals(SUPERUSER_EMAIL) ? "_superusers" : "users";
                answers.put("sign-in " + email + " with a wrong password", server.send("POST", "/api/collections/"
                        + collection + "/auth-with-password", null, json(Json.write(Json.object()
                                .put("identity", email).put("password", "wrong-password")))).json());
            }
            JsonNode collections = ok(server.send("GET", "/api/collections?perPage=500&sort=name", su, null),
                    "collections");
            List<String> names = new ArrayList<>();
            for (JsonNode collection : collections.path("items")) {
                String name = collection.path("name").asString();
                names.add(name);
                answers.put("collection " + name, collection);
                JsonNode list = ok(server.send("GET", "/api/collections/" + name + "/records?perPage=500&sort=id",
                        su, null), "records of " + name);
                ArrayNode ids = Json.array();
                for (JsonNode item : list.path("items")) {
                    ids.add(item.path("id"));
                    if (name.equals("_authOrigins")) {
                        // every sign-in with a password renews its origin's time, on both servers
                        ((ObjectNode) item).put("updated", "(the last sign-in)");
                    }
                    answers.put("record " + name + "/" + item.path("id").asString(), item);
                }
                ((ObjectNode) list).set("items", ids);
                answers.put("records of " + name, list);
            }
            answers.put("collections", withItems(collections, names));
            answers.put("posts with expand=author", ok(server.send("GET",
                    "/api/collections/posts/records?perPage=500&sort=-title&expand=author", su, null), "expand"));
            answers.put("settings", ok(server.send("GET", "/api/settings", su, null), "settings"));
            for (String collection : List.of("users", "_superusers")) {
                answers.put("auth-methods " + collection, normalisedAuthMethods(ok(server.send("GET",
                        "/api/collections/" + collection + "/auth-methods", null, null), "auth methods")));
            }

            String fileToken = ok(server.send("POST", "/api/files/token", su, null), "file token")
                    .path("token").asString();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                String query = file.getKey().equals(protectedFile) ? "?token=" + fileToken : "";
                Response r = server.send("GET", file.getKey() + query, null, null);
                assertThat(r.status()).as("%s: GET %s", server.name, file.getKey()).isEqualTo(200);
                assertThat(digest(r.body())).as("%s: bytes of %s", server.name, file.getKey())
                        .isEqualTo(digest(file.getValue()));
                answers.put("file " + file.getKey(), StringNode.valueOf(r.status() + " "
                        + r.contentType() + " " + digest(r.body())));
            }
            answers.put("protected file without token " + protectedFile,
                    StringNode.valueOf(String.valueOf(server.send("GET", protectedFile, null, null).status())));
            for (String gone : goneFiles) {
                answers.put("file " + gone, StringNode.valueOf(String.valueOf(
                        server.send("GET", gone, null, null).status())));
            }
            for (Thumb thumb : thumbs) {
                if (thumb.digest != null) {
                    answers.put("thumb " + thumb.url(), StringNode.valueOf(thumb(server, thumb)));
                }
            }
            return answers;
        }

        /** Asks for the thumbs no server made yet: each must be an image of the size asked for. */
        private void newThumbs(Server server) throws Exception {
            for (Thumb thumb : thumbs) {
                if (thumb.digest == null) {
                    Response r = server.send("GET", thumb.url(), null, null);
                    assertThat(r.status()).as("%s: GET %s", server.name, thumb.url()).isEqualTo(200);
                    assertThat(r.contentType()).as("%s: type of %s", server.name, thumb.url())
                            .isEqualTo(thumb.type);
                    BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
                    assertThat(image).as("%s: %s is an image", server.name, thumb.url()).isNotNull();
                    assertThat(image.getWidth() + "x" + image.getHeight()).as("%s: size of %s", server.name,
                            thumb.url()).isEqualTo(thumb.dimensions);
                    thumb.digest = digest(r.body());
                }
            }
        }

        private String thumb(Server server, Thumb thumb) throws Exception {
            Response r = server.send("GET", thumb.url(), null, null);
            return r.status() + " " + r.contentType() + " " + digest(r.body());
        }

        /** A PocketBase token (users, superuser) is accepted by Coffer and the other way round. */
        private void assertTokensAccepted(Server server, Map<String, JsonNode> expected) throws Exception {
            for (Map.Entry<String, String> token : tokens.entrySet()) {
                String collection = token.getKey().equals(SUPERUSER_EMAIL) ? "_superusers" : "users";
                Response r = server.send("POST", "/api/collections/" + collection + "/auth-refresh",
                        token.getValue(), null);
                JsonNode refreshed = ok(r, server.name + ": auth-refresh of " + token.getKey()
                        + " with the token the other server issued");
                List<String> differences = new ArrayList<>();
                differences(expected.get("sign-in " + token.getKey()), refreshed.path("record"), "", differences);
                assertThat(differences).as("%s: auth-refresh record of %s vs the sign-in's", server.name,
                        token.getKey()).isEmpty();
            }
        }

        private JsonNode login(Server server, String collection, String identity, String password)
                throws Exception {
            JsonNode auth = ok(server.send("POST", "/api/collections/" + collection + "/auth-with-password", null,
                    json(Json.write(Json.object().put("identity", identity).put("password", password)))),
                    server.name + ": sign-in of " + identity);
            assertThat(auth.path("token").asString()).as("%s: token of %s", server.name, identity).matches(JWT);
            return auth;
        }

        // ---- the databases, read while no server runs ----

        /** The migration history (data.db's {@code _migrations}, which lists auxiliary.db's too). */
        private List<String> migrations() throws SQLException {
            return strings(dir.resolve("data.db"), "SELECT file || ' ' || applied FROM _migrations ORDER BY file");
        }

        /** The OAuth2 client ids and secrets and the SMTP password, as stored (settings decrypted with the key). */
        private void assertStoredSecrets(String when) throws Exception {
            Map<String, String> stored = new TreeMap<>();
            JsonNode options = Json.parse(strings(dir.resolve("data.db"),
                    "SELECT options FROM _collections WHERE name = 'users'").get(0));
            for (JsonNode provider : options.path("oauth2").path("providers")) {
                stored.put("users.oauth2." + provider.path("name").asString(),
                        provider.path("clientId").asString() + "/" + provider.path("clientSecret").asString());
            }
            String value = strings(dir.resolve("data.db"), "SELECT CAST(value AS TEXT) FROM _params "
                    + "WHERE id = 'settings'").get(0);
            if (encrypted) {
                assertThat(Json.isValid(value)).as("settings stored encrypted %s", when).isFalse();
                value = decrypt(value);
            }
            stored.put("smtp.password", Json.parse(value).path("smtp").path("password").asString());
            assertThat(stored).as("secrets stored %s", when).isEqualTo(secrets);
        }

        private void assertDeletedFromDisk() {
            for (String gone : goneFiles) {
                // /api/files/COLLECTION/RECORD/NAME lives at storage/COLLECTION/RECORD/NAME
                Path stored = dir.resolve("storage").resolve(gone.substring("/api/files/".length()));
                assertThat(stored).as("a removed file is deleted from the storage").doesNotExist();
            }
            Path deletedRecord = dir.resolve("storage").resolve(postsId);
            goneFiles.stream().map(g -> g.substring("/api/files/".length()).split("/")[1]).distinct()
                    .filter(record -> !postIds.containsValue(record))
                    .forEach(record -> assertThat(deletedRecord.resolve(record))
                            .as("the deleted record's directory (files and thumbs)").doesNotExist());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Every difference between two snapshots: each answer compared value by value, numbers as written. */
    private static void assertSame(Map<String, JsonNode> actual, Map<String, JsonNode> expected, String what) {
        SoftAssertions soft = new SoftAssertions();
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            List<String> differences = new ArrayList<>();
            differences(expected.get(key), actual.get(key), "", differences);
            soft.assertThat(differences).as("%s: %s (expected, actual)", what, key).isEmpty();
        }
        soft.assertAll();
    }

    /** Where {@code actual} differs from {@code expected}: "PATH: EXPECTED ≠ ACTUAL", keys in any order. */
    private static void differences(JsonNode expected, JsonNode actual, String path, List<String> out) {
        if (expected instanceof ObjectNode e && actual instanceof ObjectNode a) {
            Set<String> keys = new TreeSet<>(e.propertyNames());
            keys.addAll(a.propertyNames());
            for (String key : keys) {
                differences(e.get(key), a.get(key), path + "." + key, out);
            }
        } else if (expected instanceof ArrayNode e && actual instanceof ArrayNode a && e.size() == a.size()) {
            for (int i = 0; i < e.size(); i++) {
                differences(e.get(i), a.get(i), path + "[" + i + "]", out);
            }
        } else {
            String e = expected == null ? "(missing)" : Json.write(expected);
            String a = actual == null ? "(missing)" : Json.write(actual);
            if (!e.equals(a)) {
                out.add((path.isEmpty() ? "(answer)" : path) + ": " + e + " ≠ " + a);
            }
        }
    }

    private static JsonNode withItems(JsonNode list, List<String> names) {
        ObjectNode copy = ((ObjectNode) list).deepCopy();
        ArrayNode items = copy.putArray("items");
        names.forEach(items::add);
        return copy;
    }

    /** The auth methods with what is new on each call (OAuth2 state and PKCE values) replaced by placeholders. */
    private static JsonNode normalisedAuthMethods(JsonNode methods) {
        ObjectNode copy = ((ObjectNode) methods).deepCopy();
        List<JsonNode> providers = new ArrayList<>();
        copy.path("oauth2").path("providers").forEach(providers::add);
        copy.path("authProviders").forEach(providers::add);
        for (JsonNode p : providers) {
            ObjectNode provider = (ObjectNode) p;
            for (String random : List.of("state", "codeVerifier", "codeChallenge")) {
                assertThat(provider.path(random).asString()).as("%s of %s", random, provider).isNotEmpty();
                provider.put(random, "(random)");
            }
            for (String url : List.of("authURL", "authUrl")) {
                provider.put(url, provider.path(url).asString()
                        .replaceAll("([?&](?:state|code_challenge)=)[^&]*", "$1(random)"));
            }
        }
        return copy;
    }

    private static String filePath(String collectionId, String recordId, String name) {
        return "/api/files/" + collectionId + "/" + recordId + "/" + name;
    }

    private static String fileOf(JsonNode record, String field, int index) {
        return filePath(record.path("collectionId").asString(), record.path("id").asString(),
                record.path(field).get(index).asString());
    }

    private static JsonNode ok(Response response, String what) {
        assertThat(response.status()).as("%s: %s", what, new String(response.body(), UTF_8)).isEqualTo(200);
        return response.json();
    }

    private static List<String> strings(Path db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** PocketBase's settings encryption: base64 of a 12-byte nonce and the AES-256-GCM ciphertext. */
    private static String decrypt(String stored) throws Exception {
        byte[] bytes = Base64.getDecoder().decode(stored.strip());
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY.getBytes(UTF_8), "AES"),
                new GCMParameterSpec(128, bytes, 0, 12));
        return new String(cipher.doFinal(bytes, 12, bytes.length - 12), UTF_8);
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] png(int width, int height, Color color) throws IOException {
        return image(width, height, color, "png");
    }

    private static byte[] jpeg(int width, int height, Color color) throws IOException {
        return image(width, height, color, "jpg");
    }

    private static byte[] image(int width, int height, Color color, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(color);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    private static HttpRequest.BodyPublisher json(String text) {
        return new JsonBody(text);
    }

    // ------------------------------------------------------------------------------------------------------------

    private record Upload(String field, String name, String type, byte[] bytes) {}

    /** A thumb of a stored image: the size asked for, the type and dimensions it must have, its digest once made. */
    private static final class Thumb {
        private final String file;
        private final String size;
        private final String type;
        private final String dimensions;
        private String digest;

        Thumb(String file, String size, String type, String dimensions) {
            this.file = file;
            this.size = size;
            this.type = type;
            this.dimensions = dimensions;
        }

        String url() {
            return file + "?thumb=" + URLEncoder.encode(size, UTF_8);
        }
    }

    /** A started server, stopped (SIGTERM, then waited for) on close. */
    private static final class Server implements AutoCloseable {
        private final String name;
        private final Process process;
        private final String url;
        private final Path log;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private String superuserToken;

        Server(String name, Process process, String url, Path log) {
            this.name = name;
            this.process = process;
            this.url = url;
            this.log = log;
        }

        Response send(String method, String path, String token, HttpRequest.BodyPublisher body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(REQUEST_TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
            if (body instanceof Multipart form) {
                request.header("Content-Type", form.contentType());
            } else if (body instanceof JsonBody) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", token);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                    response.body());
        }

        @Override
        public void close() {
            http.close();
            Processes.stop(process);
            int exit = process.exitValue();
            assertThat(exit).as("%s exit status after SIGTERM; output:%n%s", name, tail(read(log))).isIn(0, 143);
            if (name.equals("coffer")) {
                List<String> noise = NOISE.matcher(read(log)).results().map(MatchResult::group).toList();
                assertThat(noise).as("warnings or errors in Coffer's output (%s)", log).isEmpty();
            }
        }
    }

    private record Response(int status, String contentType, byte[] body) {
        JsonNode json() {
            return Json.parse(new String(body, UTF_8));
        }
    }

    /** A JSON request body. */
    private static final class JsonBody implements HttpRequest.BodyPublisher {
        private final HttpRequest.BodyPublisher bytes;

        JsonBody(String text) {
            bytes = HttpRequest.BodyPublishers.ofString(text, UTF_8);
        }

        @Override
        public long contentLength() {
            return bytes.contentLength();
        }

        @Override
        public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
            bytes.subscribe(subscriber);
        }
    }

    /** A multipart/form-data body: text fields and files, in order. */
    private static final class Multipart implements HttpRequest.BodyPublisher {
        private final String boundary = "coffer-roundtrip-" + Long.toHexString(System.nanoTime());
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<Upload> uploads = new ArrayList<>();
        private HttpRequest.BodyPublisher built;

        Multipart field(String name, String value) {
            part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n", value.getBytes(UTF_8));
            return this;
        }

        Multipart file(Upload upload) {
            part("Content-Disposition: form-data; name=\"" + upload.field() + "\"; filename=\"" + upload.name()
                    + "\"\r\nContent-Type: " + upload.type() + "\r\n\r\n", upload.bytes());
            uploads.add(new Upload(upload.field().replaceAll("[+-]$", ""), upload.name(), upload.type(),
                    upload.bytes()));
            return this;
        }

        private void part(String head, byte[] content) {
            out.writeBytes(("--" + boundary + "\r\n" + head).getBytes(UTF_8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(UTF_8));
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        private HttpRequest.BodyPublisher publisher() {
            if (built == null) {
                out.writeBytes(("--" + boundary + "--\r\n").getBytes(UTF_8));
                built = HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
            }
            return built;
        }

        @Override
        public long contentLength() {
            return publisher().contentLength();
        }

        @Override
        public void subscribe(java.util.concurrent.Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
            publisher().subscribe(subscriber);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static Optional<Path> installed;

    /** The reference binary: the property, the environment variable, the installer's place, or installed now. */
    private static synchronized Optional<Path> referencePocketBase() {
        List<String> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("coffer.pocketbase")).ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("COFFER_POCKETBASE")).ifPresent(candidates::add);
        candidates.add(System.getProperty("user.home") + "/.cache/coffer/pocketbase-0.40.4/pocketbase");
        Optional<Path> found = candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
        if (found.isPresent()) {
            return found;
        }
        if (installed == null) {
            installed = install();
        }
        return installed;
    }

    /** Runs {@code tools/install-reference-pocketbase.sh} (npm, Linux x64); the binary, or empty when it can't. */
    private static Optional<Path> install() {
        String arch = System.getProperty("os.arch", "");
        if (!System.getProperty("os.name", "").equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        Path root = Processes.repositoryRoot();
        try {
            Path log = Files.createTempFile("coffer-pb-install-", ".log");
            try {
                Processes.Result result = run(List.of("bash", root.resolve("tools/install-reference-pocketbase.sh")
                        .toString()), root, Map.of(), log, Duration.ofSeconds(180));
                List<String> lines = result.output().strip().lines().toList();
                if (result.exitCode() != 0 || lines.isEmpty()) {
                    System.out.println("tools/install-reference-pocketbase.sh failed:\n" + result.output());
                    return Optional.empty();
                }
                Path binary = Path.of(lines.get(lines.size() - 1));
                return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException | AssertionError e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
