package dev.coffer.core.inspect;

import dev.coffer.core.validation.FieldError;
import dev.coffer.tools.json.Json;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The report of the rows an import refused, as NDJSON beside the input ({@code FILE.rejected.ndjson}): one line a
 * row, {@code {"row": 7, "errors": {"email": {"code": "validation_invalid_email", "message": "…"}}, "values":
 * {…}}}, the row's number counted from 1 over the data rows. The file is created with the first rejected row
 * (appended to when an import resumes).
 */
final class RejectedRows implements Closeable {

    /** The error key of a problem with the whole row (such as a CSV row with too many values). */
    static final String ROW = "_row";

    private final Path file;
    private BufferedWriter out;
    private long count;

    RejectedRows(Path file) {
        this.file = file;
    }

    /** Where the report of an input is written. */
    static Path pathFor(Path input) {
        return input.resolveSibling(input.getFileName() + ".rejected.ndjson");
    }

    /** The report file (it exists once {@link #count()} is above 0). */
    Path file() {
        return file;
    }

    /** How many rows were written to the report by this instance. */
    long count() {
        return count;
    }

    /** Writes one refused row with its errors by field name. */
    void add(SampleRow row, Map<String, ?> errors) throws IOException {
        if (out == null) {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        ObjectNode line = Json.object();
        line.put("row", row.number());
        line.set("errors", errorsJson(errors));
        ObjectNode values = line.putObject("values");
        for (Map.Entry<String, JsonNode> v : row.values().entrySet()) {
            values.set(v.getKey(), v.getValue());
        }
        out.write(Json.write(line));
        out.write('\n');
        count++;
    }

    /** Validation errors ({@link FieldError}s, maybe nested in maps by key) as PocketBase's error data. */
    private static ObjectNode errorsJson(Map<String, ?> errors) {
        ObjectNode out = Json.object();
        errors.forEach((key, e) -> {
            if (e instanceof FieldError f) {
                ObjectNode o = out.putObject(key);
                o.put("code", f.code());
                o.put("message", f.message());
            } else if (e instanceof Map<?, ?> m) {
                Map<String, Object> nested = new java.util.LinkedHashMap<>();
                m.forEach((k, v) -> nested.put(String.valueOf(k), v));
                out.set(key, errorsJson(nested));
            } else {
                out.put(key, String.valueOf(e));
            }
        });
        return out;
    }

    /** Writes out what is buffered (after each committed batch). */
    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
