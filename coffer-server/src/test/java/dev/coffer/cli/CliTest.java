package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.auth.Superusers;
import dev.coffer.tools.security.Passwords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: exit codes and one-line errors. */
class CliTest {

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Cli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String lastLine(String text) {
        var lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version")).satisfies(r -> {
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("coffer ");
        });
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("serve").contains("superuser").contains("--dir");
        assertThat(run("serve", "--help").out()).contains("--http");
    }

    @Test
    void queryTimeoutFlagAsPocketBase() {
        Cli defaults = new Cli();
        new picocli.CommandLine(defaults).parseArgs("serve");
        assertThat(defaults.appConfig(1).queryTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        Cli five = new Cli();
        new picocli.CommandLine(five).parseArgs("--queryTimeout=5", "serve");
        assertThat(five.appConfig(1).queryTimeout()).isEqualTo(java.time.Duration.ofSeconds(5));
        Cli zero = new Cli();
        new picocli.CommandLine(zero).parseArgs("serve", "--queryTimeout=0");
        assertThat(zero.appConfig(1).queryTimeout()).as("0 means the default").isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(run("serve", "--help").out()).contains("--queryTimeout");
    }

    @Test
    void eventsReplayRebuildsADroppedEventsModeTable() {
        String dir = "--dir=" + tmp.resolve("data");
        try (App app = App.open(AppConfig.of(tmp.resolve("data")))) {
            var service = new dev.coffer.core.collection.CollectionService(app);
            var ledger = service.create((tools.jackson.databind.node.ObjectNode) dev.coffer.tools.json.Json.parse(
                    "{\"name\":\"ledger\",\"type\":\"base\",\"mode\":\"events\",\"fields\":[{\"name\":"
                            + "\"title\",\"type\":\"text\"}]}"));
            for (int i = 0; i < 5; i++) {
                var r = new dev.coffer.core.record.Record(ledger);
                r.set("title", "entry " + i);
                app.save(r);
            }
            app.db().write(c -> {
                try (var st = c.createStatement()) {
                    st.executeUpdate("DROP TABLE ledger");
                }
                return null;
            });
        }
        Result replay = run("events", "replay", "--collection", "ledger", dir);
        assertThat(replay.code()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("Replayed 5 events into ledger");
        try (App app = App.open(AppConfig.of(tmp.resolve("data")))) {
            var ledger = app.collections().find("ledger").orElseThrow();
            assertThat(app.records().query(ledger, "", java.util.List.of(), 0)).hasSize(5);
        }
        Result unknown = run("events", "replay", "--collection", "nosuch", dir);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(lastLine(unknown.err())).isEqualTo("Error: no collection nosuch");
        Result notEvents = run("events", "replay", "--collection", "users", dir);
        assertThat(notEvents.code()).isEqualTo(1);
        assertThat(lastLine(notEvents.err())).startsWith("Error: Only collections in events mode");
    }

    @Test
    void superuserUpsertCreateUpdateDelete() {
        String dir = "--dir=" + tmp.resolve("data");
        assertThat(run("superuser", "upsert", "admin@example.com", "1234567890", dir).code()).isZero();
        assertThat(run("superuser", "create", "admin@example.com", "1234567890", dir).code()).isEqualTo(1);
        assertThat(run("superuser", "update", "admin@example.com", "0987654321", dir).code()).isZero();
        Result shortPassword = run("superuser", "upsert", "admin@example.com", "short", dir);
        assertThat(shortPassword.code()).isEqualTo(1);
        assertThat(lastLine(shortPassword.err())).startsWith("Error: ");
        try (App app = App.open(AppConfig.of(tmp.resolve("data")))) {
            var su = new Superusers(app).findByEmail("admin@example.com").orElseThrow();
            assertThat(Passwords.matches("0987654321", su.passwordHash())).isTrue();
            assertThat(su.tokenKey()).hasSize(50);
        }
        assertThat(run("superuser", "delete", "admin@example.com", dir).code()).isZero();
        try (App app = App.open(AppConfig.of(tmp.resolve("data")))) {
            assertThat(new Superusers(app).findByEmail("admin@example.com")).isEmpty();
        }
        assertThat(run("superuser", "update", "admin@example.com", "0987654321", dir).code()).isEqualTo(1);
    }

    @Test
    void takenPortIsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run("serve", "--http=127.0.0.1:" + taken.getLocalPort(), "--dir=" + tmp.resolve("data"));
            assertThat(r.code()).isEqualTo(1);
            assertThat(lastLine(r.err())).startsWith("Error: cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(r.err()).doesNotContain("\tat ");
        }
    }

    @Test
    void unwritableDirIsAOneLineError() throws Exception {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // as root, permissions don't stop writes: a path below a regular file is unwritable for anyone
            Path target = Files.isWritable(locked)
                    ? Files.writeString(tmp.resolve("file"), "x").resolve("data")
                    : locked.resolve("data");
            Result r = run("serve", "--http=127.0.0.1:0", "--dir=" + target);
            assertThat(r.code()).isEqualTo(1);
            assertThat(lastLine(r.err())).startsWith("Error: ").contains("data directory");
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void corruptDatabaseIsAOneLineError() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("corrupt"));
        Files.write(dir.resolve("data.db"), "this is not an sqlite database, just some bytes...".repeat(100).getBytes());
        Result r = run("serve", "--http=127.0.0.1:0", "--dir=" + dir);
        assertThat(r.code()).isEqualTo(1);
        assertThat(lastLine(r.err())).startsWith("Error: ").contains("data.db");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void badDatabaseUrlsAreOneLineErrors() {
        Path dir = tmp.resolve("data");
        Result scheme = run("serve", "--http=127.0.0.1:0", "--dir=" + dir, "--db=sqlserver://h/x");
        assertThat(scheme.code()).isEqualTo(1);
        assertThat(lastLine(scheme.err())).startsWith("Error: unsupported database URL scheme sqlserver://");
        Result noDatabase = run("superuser", "upsert", "a@example.com", "1234567890", "--dir=" + dir,
                "--db=postgres://u:secret@127.0.0.1:5432");
        assertThat(noDatabase.code()).isEqualTo(1);
        assertThat(lastLine(noDatabase.err())).startsWith("Error: ").contains("names no database")
                .doesNotContain("secret");
        Result unreachable = run("serve", "--http=127.0.0.1:0", "--dir=" + dir, "--db=postgres://u:secret@127.0.0.1:1/x");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(lastLine(unreachable.err())).startsWith("Error: cannot connect to postgres://u:***@127.0.0.1:1/x: ")
                .doesNotContain("secret");
        assertThat(unreachable.err()).doesNotContain("\tat ");
    }

    @Test
    void copyRefusesAMissingSourceAndANonEmptyTargetWithoutForce() throws Exception {
        Result missing = run("db", "copy", "--from=" + tmp.resolve("nothing"), "--to=" + tmp.resolve("target"));
        assertThat(missing.code()).isEqualTo(1);
        assertThat(lastLine(missing.err())).startsWith("Error: no data.db in ");
        Path source = tmp.resolve("source");
        try (App app = App.open(AppConfig.of(source))) {
            new Superusers(app).upsert("a@example.com", "1234567890");
        }
        Result first = run("db", "copy", "--from=" + source, "--to=" + tmp.resolve("target"));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("_superusers: 1 row").contains("the counts match");
        Result again = run("db", "copy", "--from=" + source, "--to=" + tmp.resolve("target"));
        assertThat(again.code()).isEqualTo(1);
        assertThat(lastLine(again.err())).startsWith("Error: ").endsWith("is not empty; pass --force to replace what it holds");
        Result forced = run("db", "copy", "--from=" + source, "--to=" + tmp.resolve("target"), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(forced.out()).startsWith("emptying ");
    }
}
