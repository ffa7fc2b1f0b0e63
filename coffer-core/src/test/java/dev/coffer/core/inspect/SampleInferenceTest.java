package dev.coffer.core.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.tools.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Proposals for CSV, JSON and NDJSON samples: types, required flags, selects, unique indexes, profiles, refusals. */
class SampleInferenceTest {

    @TempDir
    Path dir;

    static Inference infer(String text, SampleFormat declared) throws IOException {
        return infer(text.getBytes(StandardCharsets.UTF_8), declared);
    }

    static Inference infer(byte[] bytes, SampleFormat declared) throws IOException {
        try (SampleReader r = SampleReader.open(new ByteArrayInputStream(bytes), declared, false)) {
            return SampleInference.infer(r, "people.csv", n -> false);
        }
    }

    static JsonNode field(Inference inf, String name) {
        for (JsonNode f : inf.collection().get("fields")) {
            if (f.get("name").asString().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no field " + name + " in " + inf.collection());
    }

    /** 40 rows of people with one column of each kind. */
    static String peopleCsv() {
        StringBuilder sb = new StringBuilder("id,name,age,score,active,joined,email,site,status,note\n");
        String[] statuses = {"new", "active", "gone"};
        for (int i = 0; i < 40; i++) {
            sb.append("p").append(String.format("%014d", i)).append(',')
                    .append('"').append("Person, ").append(i).append('"').append(',')
                    .append(20 + i).append(',')
                    .append(i + 0.5).append(',')
                    .append(i % 2 == 0 ? "yes" : "no").append(',')
                    .append("2024-01-").append(String.format("%02d", 1 + i % 28)).append(',')
                    .append("p").append(i).append("@example.com").append(',')
                    .append("https://example.com/").append(i).append(',')
                    .append(statuses[i % 3]).append(',')
                    .append(i % 5 == 0 ? "" : "note " + i).append('\n');
        }
        return sb.toString();
    }

    @Test
    void csvColumnsGetTheirTypesRequiredFlagsAndOptions() throws IOException {
        Inference inf = infer(peopleCsv(), null);
        assertThat(inf.format()).isEqualTo(SampleFormat.CSV);
        assertThat(inf.collection().get("name").asString()).isEqualTo("people");
        assertThat(inf.collection().get("type").asString()).isEqualTo("base");
        JsonNode id = field(inf, "id");
        assertThat(id.get("primaryKey").asBoolean()).isTrue();
        assertThat(id.get("pattern").asString()).isEqualTo("^[a-z0-9]+$");
        assertThat(id.get("min").asInt()).isEqualTo(15);
        assertThat(field(inf, "name").get("type").asString()).isEqualTo("text");
        assertThat(field(inf, "name").get("max").asInt()).isEqualTo(100);
        assertThat(field(inf, "name").get("required").asBoolean()).isTrue();
        assertThat(field(inf, "age").get("type").asString()).isEqualTo("number");
        assertThat(field(inf, "age").get("onlyInt").asBoolean()).isTrue();
        assertThat(field(inf, "age").get("required").asBoolean()).as("a required number refuses 0").isFalse();
        assertThat(field(inf, "score").get("onlyInt").asBoolean()).isFalse();
        assertThat(field(inf, "active").get("type").asString()).isEqualTo("bool");
        assertThat(field(inf, "active").get("required").asBoolean()).as("a required bool must be true").isFalse();
        assertThat(field(inf, "joined").get("type").asString()).isEqualTo("date");
        assertThat(field(inf, "email").get("type").asString()).isEqualTo("email");
        assertThat(field(inf, "site").get("type").asString()).isEqualTo("url");
        JsonNode status = field(inf, "status");
        assertThat(status.get("type").asString()).isEqualTo("select");
        assertThat(status.get("maxSelect").asInt()).isEqualTo(1);
        assertThat(Json.write(status.get("values"))).isEqualTo("[\"active\",\"gone\",\"new\"]");
        assertThat(field(inf, "note").get("required").asBoolean()).isFalse();
        assertThat(field(inf, "created").get("type").asString()).isEqualTo("autodate");
        assertThat(field(inf, "updated").get("onUpdate").asBoolean()).isTrue();
        assertThat(inf.collection().get("indexes")).extracting(JsonNode::asString).containsExactly(
                "CREATE UNIQUE INDEX `idx_people_name` ON `people` (`name`)",
                "CREATE UNIQUE INDEX `idx_people_email` ON `people` (`email`)",
                "CREATE UNIQUE INDEX `idx_people_site` ON `people` (`site`)");
    }

    @Test
    void profilesCountEmptiesDistinctRangesAndSamples() throws IOException {
        Inference inf = infer(peopleCsv(), null);
        JsonNode age = inf.columns().get(2).profile();
        assertThat(Json.write(age)).isEqualTo("{\"count\":40,\"empty\":0,\"distinct\":40,\"min\":20,\"max\":59,"
                + "\"minLength\":2,\"maxLength\":2,\"samples\":[\"20\",\"21\",\"22\",\"23\",\"24\"],\"type\":\"number\"}");
        JsonNode note = inf.columns().get(9).profile();
        assertThat(note.get("empty").asInt()).isEqualTo(8);
        assertThat(note.get("distinct").asInt()).isEqualTo(32);
        JsonNode joined = inf.columns().get(5).profile();
        assertThat(joined.get("min").asString()).isEqualTo("2024-01-01 00:00:00.000Z");
        assertThat(joined.get("max").asString()).isEqualTo("2024-01-28 00:00:00.000Z");
        assertThat(inf.columns().get(8).profile().get("distinct").asInt()).isEqualTo(3);
        assertThat(inf.rowsExamined()).isEqualTo(40);
        assertThat(inf.truncated()).isFalse();
    }

    @Test
    void theProposalIsAcceptedAsItIsByTheCollectionsService() throws IOException {
        Inference inf = infer(peopleCsv(), null);
        try (App app = App.open(AppConfig.of(dir))) {
            Collection c = new CollectionService(app).create(inf.collection().deepCopy());
            assertThat(c.fields()).extracting(f -> f.name()).containsExactly("id", "name", "age", "score", "active",
                    "joined", "email", "site", "status", "note", "created", "updated");
            assertThat(c.indexes()).hasSize(3);
        }
    }

    @Test
    void jsonArraysAndNdjsonReadNativeTypesAndMixedOnesAsJson() throws IOException {
        String items = """
                [{"n": 1, "flag": true, "meta": {"a": 1}, "mixed": 1, "when": "2024-05-01T10:00:00Z", "opt": "x"},
                 {"n": 2.5, "flag": false, "meta": [1, 2], "mixed": "one", "when": "2024-05-02 11:00:00"}]""";
        Inference json = infer(items, null);
        assertThat(json.format()).isEqualTo(SampleFormat.JSON);
        assertThat(field(json, "n").get("type").asString()).isEqualTo("number");
        assertThat(field(json, "n").get("onlyInt").asBoolean()).isFalse();
        assertThat(field(json, "flag").get("type").asString()).isEqualTo("bool");
        assertThat(field(json, "meta").get("type").asString()).isEqualTo("json");
        assertThat(field(json, "mixed").get("type").asString()).isEqualTo("json");
        assertThat(field(json, "when").get("type").asString()).isEqualTo("date");
        assertThat(field(json, "opt").get("required").asBoolean()).as("absent in a row").isFalse();
        assertThat(json.columns().get(5).profile().get("empty").asInt()).isEqualTo(1);

        String lines = "{\"n\": 1, \"tags\": [\"a\"]}\n\n{\"n\": 3, \"tags\": []}\r\n";
        Inference nd = infer(lines, null);
        assertThat(nd.format()).isEqualTo(SampleFormat.NDJSON);
        assertThat(nd.rowsExamined()).isEqualTo(2);
        assertThat(field(nd, "tags").get("type").asString()).isEqualTo("json");
        assertThat(field(nd, "tags").get("required").asBoolean()).as("[] is empty for a json field").isFalse();
        assertThat(infer(lines, SampleFormat.JSON).format()).as("sniffed within JSON").isEqualTo(SampleFormat.NDJSON);
    }

    @Test
    void csvFollowsRfc4180() throws IOException {
        String csv = "\uFEFFa;b;c\r\n\"x;1\";\"line\r\nbreak\";\"say \"\"hi\"\"\"\r\nplain;\"\";z\r\n";
        Inference inf = infer(csv, SampleFormat.CSV);
        assertThat(inf.mapping()).containsOnlyKeys("a", "b", "c");
        assertThat(inf.columns().get(0).profile().get("samples").get(0).asString()).isEqualTo("x;1");
        assertThat(inf.columns().get(1).profile().get("samples").get(0).asString()).isEqualTo("line\r\nbreak");
        assertThat(inf.columns().get(2).profile().get("samples").get(0).asString()).isEqualTo("say \"hi\"");
        assertThat(inf.columns().get(1).profile().get("empty").asInt()).isEqualTo(1);
        assertThat(infer("a\tb\n1\t2\n", null).mapping()).containsOnlyKeys("a", "b");
    }

    @Test
    void columnNamesBecomeValidDistinctFieldNames() throws IOException {
        Inference inf = infer("First Name,a-b,a b,expand,ÄÖ ü,id,créé!\nx,1,2,3,4,5 5,6\n", null);
        assertThat(inf.mapping()).containsExactly(
                java.util.Map.entry("First Name", "First_Name"), java.util.Map.entry("a-b", "a_b"),
                java.util.Map.entry("a b", "a_b_2"), java.util.Map.entry("expand", "expand_field"),
                java.util.Map.entry("ÄÖ ü", "ÄÖ_ü"), java.util.Map.entry("id", "source_id"),
                java.util.Map.entry("créé!", "créé"));
        assertThat(inf.notes()).anyMatch(n -> n.contains("source_id"));
        assertThat(SampleInference.collectionName("2024 Sales (final).csv", n -> n.equals("2024_Sales_final")))
                .isEqualTo("2024_Sales_final_2");
        assertThat(SampleInference.collectionName("***", n -> false)).isEqualTo("imported");
        String longName = "x".repeat(300);
        assertThat(infer(longName + "\n1\n", null).columns().get(0).field()).hasSize(96);
    }

    @Test
    void rowsBeyondTheLimitAreNotExaminedAndTheAnswerSaysSo() throws IOException {
        StringBuilder sb = new StringBuilder("n,code\n");
        for (int i = 0; i < SampleInference.MAX_ROWS + 50; i++) {
            sb.append(i).append(",c").append(i % 7).append('\n');
        }
        Inference inf = infer(sb.toString(), null);
        assertThat(inf.rowsExamined()).isEqualTo(SampleInference.MAX_ROWS);
        assertThat(inf.truncated()).isTrue();
        assertThat(inf.notes()).contains("Only the first 10000 rows were examined.");
        assertThat(field(inf, "code").get("type").asString()).isEqualTo("select");
        assertThat(inf.toJson().get("rowLimit").asInt()).isEqualTo(10_000);
    }

    @Test
    void longTextsGetARoundedMaxAndLeadingZerosStayText() throws IOException {
        Inference inf = infer("zip,body\n00501,\"" + "w".repeat(300) + "\"\n02134,x\n", null);
        assertThat(field(inf, "zip").get("type").asString()).isEqualTo("text");
        assertThat(field(inf, "body").get("max").asInt()).isEqualTo(1000);
        assertThat(SampleInference.roundUp(101)).isEqualTo(200);
        assertThat(SampleInference.roundUp(4001)).isEqualTo(5000);
        assertThat(SampleInference.roundUp(5001)).isEqualTo(10_000);
    }

    @Test
    void anIdColumnOfUuidsIsTheRecordIdWithAWiderPattern() throws IOException {
        Inference inf = infer("id,v\n550e8400-e29b-41d4-a716-446655440000,1\n6ba7b810-9dad-11d1-80b4-00c04fd430c8,2\n",
                null);
        JsonNode id = field(inf, "id");
        assertThat(id.get("pattern").asString()).isEqualTo("^[A-Za-z0-9_-]+$");
        assertThat(id.get("max").asInt()).isEqualTo(36);
        assertThat(id.get("min").asInt()).isEqualTo(15);
    }

    record Hostile(String name, byte[] input, SampleFormat declared, String message) {
        static Hostile of(String name, String input, String message) {
            return new Hostile(name, input.getBytes(StandardCharsets.UTF_8), null, message);
        }
    }

    @TestFactory
    Stream<DynamicTest> hostileInputIsASampleExceptionWithAClearMessage() {
        return Stream.of(
                Hostile.of("empty", "", "The file is empty."),
                Hostile.of("whitespace", " \n\t\r\n", "The file is empty."),
                new Hostile("binary", new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2}, null,
                        "The file is binary, not CSV, JSON or NDJSON text."),
                new Hostile("not UTF-8", new byte[] {'a', ',', 'b', '\n', (byte) 0xC3, (byte) 0x28, ',', '1', '\n'},
                        null, "The file is not UTF-8 text"),
                Hostile.of("ragged row", "a,b\n1,2\n1,2,3\n", "Row 2 (line 3) has 3 values, the header has 2 columns."),
                Hostile.of("unclosed quote", "a,b\n1,\"2\n3,4\n", "The CSV record starting on line 2 has a quoted field"
                        + " that is never closed."),
                Hostile.of("huge line", "a\n" + "x".repeat(SampleReader.MAX_ROW_CHARS + 1) + "\n",
                        "The CSV record starting on line 2 is longer than 1048576 characters."),
                Hostile.of("duplicate header", "a,b,a\n1,2,3\n",
                        "Columns 1 and 3 of the header row are both named \"a\"."),
                Hostile.of("blank header", "a,,c\n1,2,3\n", "Column 2 of the header row has no name."),
                Hostile.of("too many columns", "c,".repeat(SampleReader.MAX_COLUMNS) + "c\n",
                        "The header row has more than 200 columns."),
                Hostile.of("too many fields in a row", "a\n" + "1,".repeat(300) + "\n",
                        "The CSV record starting on line 2 has more than 201 fields."),
                Hostile.of("array of numbers", "[1, 2]", "Item 1 of the JSON array is not an object."),
                Hostile.of("empty array", "[]", "The file holds no rows."),
                Hostile.of("unclosed array", "[{\"a\":1}", "The JSON is malformed at item 2: Unexpected end-of-input"),
                Hostile.of("malformed item", "[{\"a\":1},{\"a\":}]", "The JSON is malformed at item 2"),
                Hostile.of("duplicate keys", "[{\"a\":1,\"a\":2}]", "The JSON is malformed at item 1"),
                new Hostile("a JSON object", "{\"a\":\n1}".getBytes(StandardCharsets.UTF_8), SampleFormat.JSON,
                        "Line 1 is not a JSON object (NDJSON holds one object a line; a JSON file must hold an array"
                                + " of objects)."),
                new Hostile("a JSON string", "\"x\"".getBytes(StandardCharsets.UTF_8), SampleFormat.JSON,
                        "A JSON file must hold an array of objects."),
                Hostile.of("ndjson with a number line", "{\"a\":1}\n5\n", "Line 2 is not a JSON object"),
                Hostile.of("deep nesting", "[" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "]",
                        "The JSON is malformed at item 1"))
                .map(h -> DynamicTest.dynamicTest(h.name(), () -> assertThatThrownBy(() -> infer(h.input(), h.declared()))
                        .isInstanceOf(SampleException.class).hasMessageStartingWith(h.message())));
    }

    @Test
    void aPartialSampleEndsAtItsCutShortLastRow() throws IOException {
        byte[] cut = "a,b\n1,\"two\n".getBytes(StandardCharsets.UTF_8);
        try (SampleReader r = SampleReader.open(new ByteArrayInputStream(cut), null, true)) {
            assertThat(SampleInference.infer(r, "x", n -> false).rowsExamined()).isZero();
        } catch (SampleException e) {
            assertThat(e).hasMessageContaining("never closed"); // the first row itself: nothing to keep
        }
        byte[] twoRows = "a,b\n1,2\n3,\"fo".getBytes(StandardCharsets.UTF_8);
        try (SampleReader r = SampleReader.open(new ByteArrayInputStream(twoRows), null, true)) {
            assertThat(SampleInference.infer(r, "x", n -> false).rowsExamined()).isEqualTo(1);
        }
        byte[] json = "[{\"a\":1},{\"a\":2},{\"a\"".getBytes(StandardCharsets.UTF_8);
        try (SampleReader r = SampleReader.open(new ByteArrayInputStream(json), null, true)) {
            assertThat(SampleInference.infer(r, "x", n -> false).rowsExamined()).isEqualTo(2);
        }
    }
}
