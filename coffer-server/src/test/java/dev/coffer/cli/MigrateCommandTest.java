package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer migrate}: PocketBase's subcommands, words and questions. */
class MigrateCommandTest {

    private static final Path FIXTURE = Path.of("..", "fixtures", "pb-automigrate", "pb_migrations");

    @TempDir
    Path tmp;

    private record Result(int code, String out, String err) {}

    private static synchronized Result run(String input, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Cli.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(oldIn);
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void upDownCreateCollectionsAndHistorySync() throws Exception {
        Path migrations = tmp.resolve("pb_migrations");
        Files.createDirectories(migrations);
        for (String f : files(FIXTURE).subList(0, 4)) {
            Files.copy(FIXTURE.resolve(f), migrations.resolve(f));
        }
        String dir = "--dir=" + tmp.resolve("pb_data"); // pb_migrations beside it is the default folder

        Result up = run("", "migrate", dir);
        assertThat(up.code()).isZero();
        assertThat(up.out().lines()).containsExactly("Applied 1796423580_created_categories.js",
                "Applied 1796423581_created_posts.js", "Applied 1796423583_created_members.js",
                "Applied 1796423584_created_author_stats.js");
        assertThat(run("", "migrate", "up", dir).out()).isEqualTo("No new migrations to apply.\n");

        Result cancelled = run("\n", "migrate", "down", "2", dir);
        assertThat(cancelled.err()).contains("1796423584_created_author_stats.js\n1796423583_created_members.js\n"
                + "Do you really want to revert the last 2 applied migration(s)? (y/N) ");
        assertThat(cancelled.out()).isEqualTo("The command has been cancelled\n");

        Result down = run("maybe\nyes\n", "migrate", "down", "2", dir);
        assertThat(down.out().lines()).containsExactly("Reverted 1796423584_created_author_stats.js",
                "Reverted 1796423583_created_members.js");
        assertThat(run("", "migrate", dir).out().lines()).hasSize(2);

        Result create = run("y\n", "migrate", "create", "Add postSlug!", dir);
        assertThat(create.out()).matches("(?s)Successfully created file \".*_add_post_slug\\.js\"\n");
        String blank = files(migrations).stream().filter(f -> f.endsWith("_add_post_slug.js")).findFirst().orElseThrow();
        assertThat(Files.readString(migrations.resolve(blank))).contains("migrate((app) => {", "// add up queries...");
        assertThat(run("", "migrate", "create", dir).err()).contains("Error: missing migration file name");

        Result snapshot = run("y\n", "migrate", "collections", dir);
        assertThat(snapshot.out()).contains("_collections_snapshot.js");
        String snap = files(migrations).stream().filter(f -> f.endsWith("_collections_snapshot.js")).findFirst()
                .orElseThrow();
        assertThat(Files.readString(migrations.resolve(snap))).contains("app.importCollections(snapshot, false)",
                "\"name\": \"posts\"", "\"name\": \"_superusers\"");
        // both new files apply (the snapshot changes nothing here)
        assertThat(run("", "migrate", dir).out().lines()).containsExactly("Applied " + blank, "Applied " + snap);

        Files.delete(migrations.resolve(blank));
        Result sync = run("", "migrate", "history-sync", dir);
        assertThat(sync.out()).isEqualTo("The _migrations table was synced with the available migrations.\n");
        assertThat(run("", "migrate", dir).out()).isEqualTo("No new migrations to apply.\n");

        Result unknown = run("", "migrate", "sideways", dir);
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("Error: unsupported command: \"sideways\"");
    }

    @Test
    void collectionsDeclaredInCodeBecomeMigrationFilesWhenTheyDifferFromTheDatabase() throws Exception {
        Path migrations = tmp.resolve("pb_migrations");
        String dir = "--dir=" + tmp.resolve("pb_data");
        try {
            System.setProperty("coffer.test.declare", "1");
            Result first = run("", "migrate", dir);
            assertThat(first.out()).matches("(?s)Successfully created file \".*_created_tags\\.js\"\n"
                    + "Applied \\d+_created_tags\\.js\n");
            assertThat(run("", "migrate", dir).out()).isEqualTo("No new migrations to apply.\n");

            System.setProperty("coffer.test.declare", "2");
            Result second = run("", "migrate", dir);
            assertThat(second.out()).contains("_updated_tags.js\"\n", "Applied ");
            String update = files(migrations).stream().filter(f -> f.contains("_updated_tags")).findFirst()
                    .orElseThrow();
            assertThat(Files.readString(migrations.resolve(update))).contains("// add field", "\"name\": \"weight\"");
            assertThat(run("", "migrate", dir).out()).isEqualTo("No new migrations to apply.\n");
            // with automigrate off the declaration writes nothing
            System.setProperty("coffer.test.declare", "1");
            assertThat(run("", "migrate", "--automigrate=false", dir).out())
                    .isEqualTo("No new migrations to apply.\n");
        } finally {
            System.clearProperty("coffer.test.declare");
        }
    }

    @Test
    void snakeCaseAsPocketBase() {
        assertThat(MigrateCommand.snakeCase("John Doe")).isEqualTo("john_doe");
        assertThat(MigrateCommand.snakeCase("HelloWorld")).isEqualTo("hello_world");
        assertThat(MigrateCommand.snakeCase("add--posts__slug")).isEqualTo("add_posts_slug");
        assertThat(MigrateCommand.snakeCase("%%")).isEmpty();
    }
}
