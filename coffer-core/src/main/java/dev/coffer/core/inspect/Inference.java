package dev.coffer.core.inspect;

import dev.coffer.tools.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A collection proposed for sample data, with what it was read from.
 *
 * @param format the format the sample was read as
 * @param collection the proposed collection, as {@code POST /api/collections} takes it
 * @param columns each column of the sample: its field and profile, in the sample's order
 * @param rowsExamined how many rows were profiled
 * @param truncated whether the sample had more rows than were examined
 * @param notes sentences for the user about choices made (an id column kept as a field, rows left out)
 */
public record Inference(SampleFormat format, ObjectNode collection, List<Column> columns, long rowsExamined,
        boolean truncated, List<String> notes) {

    /** Copies the lists. */
    public Inference {
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }

    /**
     * One column of the sample.
     *
     * @param column its name in the sample
     * @param field the name of the field it maps to
     * @param type the field's type
     * @param profile its profile: count, empty, distinct, min/max, minLength/maxLength, samples, type
     */
    public record Column(String column, String field, String type, ObjectNode profile) {}

    /** The column-to-field-name mapping, in the sample's order. */
    public Map<String, String> mapping() {
        Map<String, String> out = new LinkedHashMap<>();
        columns.forEach(c -> out.put(c.column(), c.field()));
        return out;
    }

    /** The answer of the infer endpoint: the collection, the columns with their profiles, and the limits applied. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.set("collection", collection.deepCopy());
        ArrayNode cols = out.putArray("columns");
        for (Column c : columns) {
            ObjectNode o = cols.addObject();
            o.put("column", c.column());
            o.put("field", c.field());
            o.put("type", c.type());
            o.set("profile", c.profile());
        }
        out.put("format", format.label());
        out.put("rowsExamined", rowsExamined);
        out.put("rowLimit", SampleInference.MAX_ROWS);
        out.put("truncated", truncated);
        ArrayNode n = out.putArray("notes");
        notes.forEach(n::add);
        return out;
    }
}
