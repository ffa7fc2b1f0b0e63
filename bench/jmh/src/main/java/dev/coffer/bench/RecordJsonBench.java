package dev.coffer.bench;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordJson;
import dev.coffer.tools.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record turned into the JSON bytes a response sends, as the API does for a guest or ordinary user:
 * {@code RecordJson.write(record, new Visibility(false, false))} (RecordEnricher.json) then
 * {@code Json.writeBytes(node)} (RequestEvent.json, without a {@code ?fields=} query). The record has nine
 * fields besides its id ({@code title} text, {@code body} editor, {@code views} number, {@code published}
 * bool, {@code tags} multiple select, {@code author} relation, {@code meta} JSON, {@code created} and
 * {@code updated} autodates); it is saved in the setup to an {@link dev.coffer.core.App} over a temporary SQLite
 * data directory and read back, so its values are the ones a list or view request serialises.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RecordJsonBench {

    BenchApp bench;
    Record record;

    @Setup
    public void setup() {
        bench = BenchApp.open();
        Collection authors = bench.createCollection("""
                {"name":"authors","listRule":"","fields":[{"type":"text","name":"name"}]}""");
        Collection articles = bench.createCollection("""
                {"name":"articles","listRule":"","viewRule":"","fields":[
                  {"type":"text","name":"title"},
                  {"type":"editor","name":"body"},
                  {"type":"number","name":"views"},
                  {"type":"bool","name":"published"},
                  {"type":"select","name":"tags","values":["java","sqlite","json","http","bench"],"maxSelect":5},
                  {"type":"relation","name":"author","collectionId":"%s","maxSelect":1},
                  {"type":"json","name":"meta"},
                  {"type":"autodate","name":"created","onCreate":true,"onUpdate":false},
                  {"type":"autodate","name":"updated","onCreate":true,"onUpdate":true}]}""".formatted(authors.id()));

        Record author = new Record(authors);
        author.set("name", "Ada \"the first\" Lovelace");
        bench.app.save(author);

        Record draft = new Record(articles);
        Map<String, Object> values = Map.of(
                "title", "Benchmarking record serialisation with JMH",
                "body", "<p>A paragraph with <strong>markup</strong>, an ampersand &amp; a quote \" and "
                        + "non-ASCII text: café, Grüße, 日本語.</p><p>" + "Lorem ipsum dolor sit amet. ".repeat(8) + "</p>",
                "views", 12345,
                "published", true,
                "tags", List.of("java", "json", "bench"),
                "author", author.id(),
                "meta", Json.parse("{\"lang\":\"en\",\"score\":4.5,\"refs\":[1,2,3],\"nested\":{\"a\":null}}"));
        values.forEach((name, raw) -> draft.set(name, articles.field(name).orElseThrow().normalize(raw)));
        bench.app.save(draft);
        record = bench.app.records().findById(articles, draft.id()).orElseThrow();

        JsonNode out = Json.parse(new String(toBytes(), java.nio.charset.StandardCharsets.UTF_8));
        for (String key : List.of("id", "title", "body", "views", "published", "tags", "author", "meta", "created",
                "updated", "collectionId", "collectionName")) {
            if (!out.has(key)) {
                throw new IllegalStateException("no " + key + " in " + out);
            }
        }
        if (out.size() != 12 || !out.get("author").asString().equals(author.id()) || out.get("tags").size() != 3
                || out.get("created").asString().isEmpty()) {
            throw new IllegalStateException("unexpected record JSON " + out);
        }
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    /** Record to JSON bytes: what a response body costs per record. */
    @Benchmark
    public byte[] toBytes() {
        return Json.writeBytes(RecordJson.write(record, RecordJson.Visibility.PUBLIC));
    }

    /** The first half alone: the record's JSON tree (sorted keys, field values to JSON nodes). */
    @Benchmark
    public ObjectNode toTree() {
        return RecordJson.write(record, RecordJson.Visibility.PUBLIC);
    }
}
