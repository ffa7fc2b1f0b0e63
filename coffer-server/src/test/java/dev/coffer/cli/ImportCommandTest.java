package dev.coffer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.tools.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coffer import}: --create, the rejected-row report, resuming an interrupted import, one-line errors. */
class ImportCommandTest {

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

    /** 30 rows of people; with {@code bad}, row 12's age is not a number and row 20 repeats row 1's email. */
    private Path people(String name, boolean bad) throws Exception {
        StringBuilder sb = new StringBuilder("Name,Email,Age,Member\n");
        for (int i = 1; i <= 30; i++) {
            String email = bad && i == 20 ? "p1@example.com" : "p" + i + (bad ? "b" : "") + "@example.com";
            sb.append(bad ? "Other " : "Person ").append(i).append(',').append(email).append(',')
                    .append(bad && i == 12 ? "twelve" : String.valueOf((bad ? 60 : 20) + i)).append(',')
                    .append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        return Files.writeString(tmp.resolve(name), sb.toString());
    }

    private static String lastLine(String text) {
        var lines = text.strip().lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private long count(String collection) {
        try (App app = App.open(AppConfig.of(tmp.resolve("data")))) {
            Collection c = app.collections().find(collection).orElseThrow();
            return app.records().query(c, "", List.of(), 0).size();
        }
    }

    @Test
    void createMakesTheCollectionFromTheFileAndRejectedRowsAreReported() throws Exception {
        Path csv = people("people.csv", false);
        String dir = "--dir=" + tmp.resolve("data");
        Result r = run("import", csv.toString(), "--collection=people", "--create", "--batch=7", dir);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Created the collection \"people\": Name text, Email email, Age number, Member bool")
                .contains("Imported 30 rows into \"people\"").contains("30 imported, 0 rejected.")
                .doesNotContain("Rejected rows");
        assertThat(r.err()).contains("30 / 30 rows").contains("rows/s");
        assertThat(count("people")).isEqualTo(30);
        assertThat(tmp.resolve("people.csv.coffer-import")).doesNotExist();
        assertThat(tmp.resolve("people.csv.rejected.ndjson")).doesNotExist();

        Result again = run("import", csv.toString(), "--collection=people", "--create", dir);
        assertThat(again.code()).isEqualTo(1);
        assertThat(lastLine(again.err())).isEqualTo("Error: the collection \"people\" exists already: leave out "
                + "--create to import into it");

        Path more = people("more.csv", true);
        Result into = run("import", more.toString(), "--collection=people", dir);
        assertThat(into.code()).as(into.err()).isZero();
        assertThat(into.out()).contains("28 imported, 2 rejected.")
                .contains("Rejected rows and their errors: " + tmp.resolve("more.csv.rejected.ndjson"));
        assertThat(count("people")).isEqualTo(58);
        List<String> report = Files.readAllLines(tmp.resolve("more.csv.rejected.ndjson"));
        assertThat(report).hasSize(2);
        assertThat(Json.parse(report.get(0)).get("row").asInt()).isEqualTo(12);
        assertThat(Json.parse(report.get(0)).get("errors").get("Age").get("code").asString())
                .isEqualTo("validation_not_a_number");
        assertThat(Json.parse(report.get(1)).get("row").asInt()).isEqualTo(20);
        assertThat(Json.parse(report.get(1)).get("errors").get("Email").get("code").asString())
                .isEqualTo("validation_not_unique");
    }

    @Test
    void anInterruptedImportContinuesWhenRunAgain() throws Exception {
        Path csv = people("people.csv", false);
        String dir = "--dir=" + tmp.resolve("data");
        Result first = run("import", csv.toString(), "--collection=people", "--create", "--batch=5",
                "--stopAfterBatches=2", dir);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Stopped after 10 rows").contains("continue after row 10");
        assertThat(tmp.resolve("people.csv.coffer-import")).exists();
        assertThat(count("people")).isEqualTo(10);

        Result rest = run("import", csv.toString(), "--collection=people", "--create", "--batch=5", dir);
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(rest.out()).doesNotContain("Created the collection").contains("Resumed after row 10")
                .contains("Imported 30 rows").contains("30 imported, 0 rejected.");
        assertThat(count("people")).isEqualTo(30);
        assertThat(tmp.resolve("people.csv.coffer-import")).doesNotExist();
    }

    @Test
    void errorsAreOneLine() throws Exception {
        String dir = "--dir=" + tmp.resolve("data");
        Result missing = run("import", tmp.resolve("nope.csv").toString(), "--collection=x", dir);
        assertThat(missing.code()).isEqualTo(1);
        assertThat(lastLine(missing.err())).isEqualTo("Error: no file " + tmp.resolve("nope.csv"));
        Result noCollection = run("import", people("people.csv", false).toString(), "--collection=people", dir);
        assertThat(lastLine(noCollection.err())).isEqualTo("Error: there is no collection \"people\": create it first, "
                + "or add --create to make it from the file");
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "a,a\n1,2\n");
        Result badHeader = run("import", bad.toString(), "--collection=bad", "--create", dir);
        assertThat(lastLine(badHeader.err())).isEqualTo("Error: Columns 1 and 2 of the header row are both named \"a\".");
        assertThat(run("import", "--help").out()).contains("--collection").contains("--create").contains("--batch")
                .doesNotContain("stopAfterBatches");
    }
}
