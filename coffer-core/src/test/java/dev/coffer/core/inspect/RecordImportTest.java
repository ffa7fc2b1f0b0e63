package dev.coffer.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Importing rows through record validation: conversions, rejected rows, batches, resuming. */
class RecordImportTest {

    @TempDir
    Path dir;

    private static final String CSV = """
            Name,age,email,active,joined,status,extra
            Ann,31,ann@example.com,yes,2024-01-02,a,x
            Bob,abc,bob@example.com,no,2024-01-03,b,x
            Cid,40,cid@example.com,1,2024-01-04,a,x
            ,22,dee@example.com,no,2024-01-05,a,x
            Eve,29,eve@example.com,maybe,2024-01-06,a,x
            Fay,35,ann@example.com,no,2024-01-07,a,x
            Gus,50,gus@example.com,no,someday,a,x
            Hal,51,hal@example.com,no,2024-01-09,c,x
            Ida,52,ida@example.com,true
            Jon,53,jon@example.com,false,2024-01-11 10:30:00,b,x
            Kim,60,not-an-email,no,2024-01-12,a,x
            """;

    private App open() {
        return App.open(AppConfig.of(dir.resolve("data")));
    }

    private static Collection people(App app) {
        return new CollectionService(app).create((ObjectNode) Json.parse("""
                {"name": "people", "type": "base", "fields": [
                  {"name": "name", "type": "text", "required": true},
                  {"name": "age", "type": "number", "onlyInt": true},
                  {"name": "email", "type": "email"},
                  {"name": "active", "type": "bool"},
                  {"name": "joined", "type": "date"},
                  {"name": "status", "type": "select", "maxSelect": 1, "values": ["a", "b"]}],
                 "indexes": ["CREATE UNIQUE INDEX idx_people_email ON people (email) WHERE email != ''"]}"""));
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(Json.parse(line));
        }
        return out;
    }

    private static String code(JsonNode line, String field) {
        return line.get("errors").get(field).get("code").asString();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void validRowsAreImportedAndEachRefusedRowIsReportedWithItsErrors() throws IOException {
        Path csv = write("people.csv", CSV);
        try (App app = open()) {
            Collection people = people(app);
            List<RecordImport.Progress> seen = new ArrayList<>();
            RecordImport run = new RecordImport(app, people, null).batchSize(3).onProgress(seen::add);
            RecordImport.Result r = run.run(csv);
            assertThat(r.finished()).isTrue();
            assertThat(r.progress().rows()).isEqualTo(11);
            assertThat(r.progress().total()).isEqualTo(11);
            assertThat(r.progress().imported()).isEqualTo(3);
            assertThat(r.progress().rejected()).isEqualTo(8);
            assertThat(seen).extracting(RecordImport.Progress::rows).containsExactly(3L, 6L, 9L, 11L);
            assertThat(run.unmapped()).containsExactly("extra");
            assertThat(ImportCheckpoint.pathFor(csv)).doesNotExist();
            List<Record> saved = app.records().query(people, "", List.of(), 0);
            assertThat(saved).extracting(x -> x.getString("name")).containsExactly("Ann", "Cid", "Jon");
            Record ann = saved.get(0);
            assertThat(ann.get("age")).isEqualTo(31.0);
            assertThat(ann.get("active")).isEqualTo(true);
            assertThat(ann.getString("joined")).isEqualTo("2024-01-02 00:00:00.000Z");
            assertThat(saved.get(2).getString("joined")).isEqualTo("2024-01-11 10:30:00.000Z");
            assertThat(saved.get(1).get("active")).as("1 is true").isEqualTo(true);

            assertThat(r.report()).isEqualTo(dir.resolve("people.csv.rejected.ndjson"));
            List<JsonNode> report = lines(r.report());
            assertThat(report).extracting(l -> l.get("row").asInt()).containsExactly(2, 4, 5, 6, 7, 8, 9, 11);
            assertThat(code(report.get(0), "age")).isEqualTo("validation_not_a_number");
            assertThat(report.get(0).get("values").get("age").asString()).isEqualTo("abc");
            assertThat(code(report.get(1), "name")).isEqualTo("validation_required");
            assertThat(code(report.get(2), "active")).isEqualTo("validation_invalid_value");
            assertThat(code(report.get(3), "email")).isEqualTo("validation_not_unique");
            assertThat(code(report.get(4), "joined")).isEqualTo("validation_invalid_value");
            assertThat(code(report.get(5), "status")).isEqualTo("validation_invalid_value");
            assertThat(report.get(6).get("errors").get("_row").get("message").asString())
                    .isEqualTo("row 9 (line 10) has 4 values, the header has 7 columns");
            assertThat(code(report.get(7), "email")).isEqualTo("validation_is_email");
        }
    }

    @Test
    void anInterruptedImportContinuesAfterItsLastCommittedBatch() throws IOException {
        StringBuilder sb = new StringBuilder("name,age\n");
        for (int i = 1; i <= 25; i++) {
            sb.append("p").append(i).append(',').append(i == 7 ? "x" : String.valueOf(i)).append('\n');
        }
        Path csv = write("many.csv", sb.toString());
        try (App app = open()) {
            Collection people = people(app);
            RecordImport.Result first = new RecordImport(app, people, null).batchSize(4).stopAfterBatches(2).run(csv);
            assertThat(first.finished()).isFalse();
            assertThat(first.progress().rows()).isEqualTo(8);
            Path checkpoint = ImportCheckpoint.pathFor(csv);
            assertThat(ImportCheckpoint.read(checkpoint)).get().extracting(ImportCheckpoint::rows, ImportCheckpoint::imported,
                    ImportCheckpoint::rejected).containsExactly(8L, 7L, 1L);
            assertThat(RecordImport.resumable(csv, "people")).isTrue();
            assertThat(RecordImport.resumable(csv, "other")).isFalse();

            RecordImport.Result rest = new RecordImport(app, people, null).batchSize(4).run(csv);
            assertThat(rest.finished()).isTrue();
            assertThat(rest.resumedAfter()).isEqualTo(8);
            assertThat(rest.progress().rows()).isEqualTo(25);
            assertThat(rest.progress().imported()).isEqualTo(24);
            assertThat(checkpoint).doesNotExist();
            assertThat(app.records().query(people, "", List.of(), 0)).hasSize(24);
            assertThat(lines(rest.report())).hasSize(1).first().extracting(l -> l.get("row").asInt()).isEqualTo(7);
        }
    }

    @Test
    void aCheckpointOfAnotherFileIsNotResumedFrom() throws IOException {
        Path csv = write("p.csv", "name\na\nb\nc\n");
        try (App app = open()) {
            Collection people = people(app);
            new RecordImport(app, people, null).batchSize(1).stopAfterBatches(1).run(csv);
            Files.writeString(csv, "name\nx\ny\nz\nw\n");
            assertThatThrownBy(() -> new RecordImport(app, people, null).run(csv))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("delete it to import from the first row");
        }
    }

    @Test
    void jsonRowsKeepTheirTypesAndAMappingRenamesColumns() throws IOException {
        Path json = write("p.json", """
                [{"Full Name": "Ann", "age": 31, "active": true, "status": "b"},
                 {"Full Name": "Bob", "age": "31.5", "active": "no"}]""");
        try (App app = open()) {
            Collection people = people(app);
            RecordImport.Result r = new RecordImport(app, people, Map.of("Full Name", "name", "age", "age",
                    "active", "active", "status", "status")).run(json);
            assertThat(r.progress().total()).isEqualTo(-1);
            assertThat(r.progress().imported()).isEqualTo(1);
            assertThat(lines(r.report()).get(0).get("errors").get("age").get("code").asString())
                    .isEqualTo("validation_only_int_constraint");
            Record ann = app.records().query(people, "", List.of(), 0).get(0);
            assertThat(ann.getString("name")).isEqualTo("Ann");
            assertThat(ann.getString("status")).isEqualTo("b");
        }
    }

    @Test
    void decimalsAreReadStrictly() {
        assertThat(List.of("1", "-2.5", "+.5", "3.", "1e5", "2.5E-3")).allMatch(ImportValues::isDecimal);
        assertThat(List.of("", "-", ".", "0x10", "NaN", "Infinity", "1e", "1.2.3", "12d", "1,000", " 1"))
                .noneMatch(ImportValues::isDecimal);
    }
}
