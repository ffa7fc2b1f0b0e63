package dev.coffer.core.inspect;

import java.util.Locale;

/** The formats of sample data: CSV with a header row, a JSON array of objects, or NDJSON (one object a line). */
public enum SampleFormat {
    /** Comma-separated values (or tab / semicolon separated) with a header row. */
    CSV("csv"),
    /** One JSON array whose items are objects. */
    JSON("json"),
    /** One JSON object per line (JSON Lines). */
    NDJSON("ndjson");

    private final String label;

    SampleFormat(String label) {
        this.label = label;
    }

    /** The format's name as the API reports it: {@code csv}, {@code json} or {@code ndjson}. */
    public String label() {
        return label;
    }

    /**
     * The format a file name or content type names, or null when neither says: the extension ({@code .csv},
     * {@code .tsv}, {@code .json}, {@code .ndjson}, {@code .jsonl}) wins over the content type. {@link #JSON}
     * stands for "some JSON" here: {@link SampleReader} tells an array from NDJSON by the first character.
     */
    public static SampleFormat declared(String fileName, String contentType) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return CSV;
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return NDJSON;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("text/csv") || type.startsWith("text/tab-separated-values")
                || type.startsWith("application/csv") || type.startsWith("application/vnd.ms-excel")) {
            return CSV;
        }
        if (type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq")
                || type.contains("jsonlines")) {
            return NDJSON;
        }
        if (type.startsWith("application/json") || type.startsWith("text/json")) {
            return JSON;
        }
        return null;
    }
}
