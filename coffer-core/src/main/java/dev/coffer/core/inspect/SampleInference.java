package dev.coffer.core.inspect;

import dev.coffer.core.field.FieldText;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Proposes a base collection for sample data: reads at most {@link #MAX_ROWS} rows (fewer when there are many
 * columns: at most {@link #MAX_CELLS} values in all), profiles every column and picks for each a field type, its
 * required flag and options, and a unique index for a column whose values are all present and distinct. The
 * proposal is the JSON {@code POST /api/collections} accepts as it is. A unique index is a plain one (not partial:
 * a record create checks it with an equality lookup, which SQLite answers from a plain index only), on a column
 * that is also required, so empty values are refused before they could collide.
 *
 * <p>Rules: a column of numbers is {@code number} ({@code onlyInt} when all are whole), of {@code true/false}
 * or {@code yes/no} words {@code bool}, of ISO dates {@code date}, of email addresses {@code email}, of http(s)
 * URLs {@code url}; at most 10 distinct texts over at least 20 values (each repeated 4 times on average) make
 * a single {@code select}; objects, arrays and mixed JSON types are {@code json}; anything else is {@code text}
 * with a {@code max} of twice the longest value seen, rounded up to 1, 2 or 5 × 10ⁿ (at least 100). A field is
 * required when no row leaves it empty, except numbers and booleans, never proposed as required: PocketBase's
 * required number refuses 0 and its required bool refuses false, values the rest of a file may well hold. An
 * {@code id} column becomes the record id when its values are distinct ids
 * (letters, digits, {@code _}, {@code -}), else the field {@code source_id}. Autodate fields {@code created}
 * and {@code updated} are added unless a column takes the name.
 */
public final class SampleInference {

    /** The most rows examined. */
    public static final int MAX_ROWS = 10_000;
    /** The most values examined in all (rows × columns). */
    public static final long MAX_CELLS = 1_000_000;
    private static final int MIN_UNIQUE_ROWS = 10;
    /** Whole numbers are distinct by chance in small samples (ages, counts): a unique index needs more rows. */
    private static final int MIN_UNIQUE_NUMBERS = 100;
    private static final int MAX_UNIQUE_LENGTH = 255;
    private static final int DEFAULT_ID_LENGTH = 15;

    private SampleInference() {}

    /**
     * Reads the sample and proposes a collection named after {@code name} (made a valid name, distinct from those
     * {@code nameTaken} accepts).
     *
     * @throws SampleException when the sample can't be read, a CSV row has another number of values than the
     *     header, or it holds no columns
     */
    public static Inference infer(SampleReader reader, String name, Predicate<String> nameTaken) throws IOException {
        Map<String, ColumnProfile> profiles = new LinkedHashMap<>();
        long rows = 0;
        boolean truncated = false;
        SampleRow row;
        while ((row = reader.next()) != null) {
            if (rows >= MAX_ROWS || rows * Math.max(1, reader.columns().size()) >= MAX_CELLS) {
                truncated = true;
                break;
            }
            if (row.problem() != null) {
                throw new SampleException(Character.toUpperCase(row.problem().charAt(0)) + row.problem().substring(1)
                        + ".");
            }
            rows++;
            for (var e : row.values().entrySet()) {
                profiles.computeIfAbsent(e.getKey(), ColumnProfile::new).add(e.getValue());
            }
        }
        for (String column : reader.columns()) {
            profiles.computeIfAbsent(column, ColumnProfile::new);
        }
        if (profiles.isEmpty()) {
            throw new SampleException(rows == 0 ? "The file holds no rows." : "The rows hold no values.");
        }
        return propose(reader.format(), collectionName(name, nameTaken), List.copyOf(profiles.values()), rows,
                truncated);
    }

    /** A valid collection name from a file name or a given name, distinct from the taken ones. */
    static String collectionName(String raw, Predicate<String> nameTaken) {
        String base = raw == null ? "" : raw.replaceFirst("(?i)\\.(csv|tsv|json|ndjson|jsonl|txt)$", "");
        base = FieldNames.clean(base, FieldNames.MAX_LENGTH - 4);
        if (base.isEmpty()) {
            base = "imported";
        }
        String out = base;
        for (int n = 2; nameTaken.test(out); n++) {
            out = base + "_" + n;
        }
        return out;
    }

    private static Inference propose(SampleFormat format, String name, List<ColumnProfile> profiles, long rows,
            boolean truncated) {
        FieldNames names = new FieldNames();
        List<String> notes = new ArrayList<>();
        ColumnProfile idColumn = profiles.stream().filter(p -> p.column().strip().equalsIgnoreCase("id"))
                .findFirst().orElse(null);
        boolean idFits = idColumn != null && rows > 0 && idColumn.nonEmpty() == rows && idColumn.distinct() == rows
                && idColumn.ids(false) && idColumn.maxLength() <= MAX_UNIQUE_LENGTH;
        names.reserve("id");
        ArrayNode fields = Json.array();
        ArrayNode indexes = Json.array();
        List<Inference.Column> columns = new ArrayList<>();
        if (idColumn != null && !idFits) {
            notes.add("The column \"" + idColumn.column() + "\" can't be the record id (its values are not all "
                    + "present, distinct and made of letters, digits, _ and -): it is kept as the field source_id.");
        }
        for (ColumnProfile p : profiles) {
            boolean isId = p == idColumn && idFits;
            String type = isId ? "text" : p.type();
            String field = isId ? "id" : p == idColumn ? names.name("source_id", "source_id")
                    : names.name(p.column(), "field");
            ObjectNode json = isId ? idField(p) : field(field, type, p, rows);
            fields.add(json);
            if (!isId && uniqueCandidate(p, type, rows)) {
                indexes.add("CREATE UNIQUE INDEX `idx_" + name + "_" + field + "` ON `" + name + "` (`" + field + "`)");
            }
            columns.add(new Inference.Column(p.column(), field, type, p.toJson(rows, type)));
        }
        for (String auto : List.of("created", "updated")) {
            if (!names.isTaken(auto)) {
                ObjectNode f = fields.addObject();
                f.put("name", auto);
                f.put("type", "autodate");
                f.put("onCreate", true);
                f.put("onUpdate", auto.equals("updated"));
                f.put("hidden", false);
                f.put("system", false);
            }
        }
        if (truncated) {
            notes.add("Only the first " + rows + " rows were examined.");
        }
        ObjectNode collection = Json.object();
        collection.put("name", name);
        collection.put("type", "base");
        collection.set("fields", fields);
        collection.set("indexes", indexes);
        return new Inference(format, collection, columns, rows, truncated, notes);
    }

    private static ObjectNode field(String name, String type, ColumnProfile p, long rows) {
        ObjectNode f = Json.object();
        f.put("name", name);
        f.put("type", type);
        boolean full = rows > 0 && p.nonEmpty() == rows;
        boolean required = switch (type) {
            case "bool" -> false;
            case "number" -> false;
            case "json" -> full && p.noEmptyStructures();
            default -> full;
        };
        f.put("required", required);
        f.put("hidden", false);
        f.put("presentable", false);
        f.put("system", false);
        switch (type) {
            case "number" -> {
                f.put("onlyInt", p.integers());
                f.putNull("min");
                f.putNull("max");
            }
            case "select" -> {
                f.put("maxSelect", 1);
                ArrayNode values = f.putArray("values");
                p.selectValues().forEach(values::add);
            }
            case "text" -> {
                f.put("max", p.maxLength() == 0 ? 0 : roundUp(Math.max(100, 2 * p.maxLength())));
                f.put("min", 0);
                f.put("pattern", "");
                f.put("autogeneratePattern", "");
                f.put("primaryKey", false);
            }
            case "json" -> f.put("maxSize", 0);
            case "date" -> {
                f.put("min", "");
                f.put("max", "");
            }
            default -> { }
        }
        return f;
    }

    /** The record id field for an id column whose values fit it. */
    private static ObjectNode idField(ColumnProfile p) {
        ObjectNode f = Json.object();
        f.put("name", "id");
        f.put("type", "text");
        f.put("system", true);
        f.put("primaryKey", true);
        f.put("required", true);
        f.put("hidden", false);
        f.put("presentable", false);
        f.put("min", Math.min(DEFAULT_ID_LENGTH, p.minLength()));
        f.put("max", Math.max(DEFAULT_ID_LENGTH, p.maxLength()));
        f.put("pattern", p.ids(true) ? FieldText.DEFAULT_ID_PATTERN : "^[A-Za-z0-9_-]+$");
        f.put("autogeneratePattern", "[a-z0-9]{15}");
        return f;
    }

    private static boolean uniqueCandidate(ColumnProfile p, String type, long rows) {
        boolean kind = switch (type) {
            case "text", "email", "url" -> p.maxLength() <= MAX_UNIQUE_LENGTH;
            case "number" -> p.integers() && rows >= MIN_UNIQUE_NUMBERS;
            default -> false;
        };
        return kind && rows >= MIN_UNIQUE_ROWS && p.nonEmpty() == rows && p.distinct() == rows;
    }

    /** The smallest of 1, 2 or 5 × 10ⁿ at least {@code n}. */
    static long roundUp(long n) {
        for (long scale = 1; ; scale *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * scale >= n) {
                    return step * scale;
                }
            }
        }
    }
}
