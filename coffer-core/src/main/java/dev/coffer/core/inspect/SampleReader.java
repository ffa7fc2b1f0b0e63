package dev.coffer.core.inspect;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Streams the rows of sample data (CSV with a header row, a JSON array of objects, or NDJSON) from an input
 * stream with bounded memory: one row at a time, each at most {@link #MAX_ROW_CHARS} characters, at most
 * {@link #MAX_COLUMNS} columns. The format is the declared one when given, else sniffed from the first bytes
 * ({@code [} a JSON array, <code>{</code> NDJSON, anything else CSV); the CSV delimiter (comma, tab or semicolon)
 * is the one the header row uses most. A CSV row with another number of values than the header is returned with
 * its {@link SampleRow#problem()}; anything that makes the input unreadable is a {@link SampleException}.
 */
public final class SampleReader implements Closeable {

    /** The longest row, in characters (1 MiB). */
    public static final int MAX_ROW_CHARS = 1 << 20;
    /** The most columns (CSV header names or distinct JSON keys). */
    public static final int MAX_COLUMNS = 200;
    private static final int SNIFF_BYTES = 8192;

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                            .maxStringLength(MAX_ROW_CHARS).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** One whole JSON value (an NDJSON line): something after it is an error. */
    private static final ObjectReader WHOLE = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final InputStream in;
    private final SampleFormat format;
    private final boolean partial;
    private final Set<String> columns = new LinkedHashSet<>();
    private List<String> header;
    private CsvReader csv;
    private LineReader lines;
    private JsonParser json;
    private long rows;
    private boolean done;

    private SampleReader(InputStream in, SampleFormat format, boolean partial) {
        this.in = in;
        this.format = format;
        this.partial = partial;
    }

    /**
     * Opens sample data for reading.
     *
     * @param declared the format the file name or content type says ({@link SampleFormat#declared}), or null
     * @param partial whether the input is the first part of a longer file: a last row cut short ends the input
     *     instead of being an error
     * @throws SampleException when the input is empty, binary, or its CSV header row is unusable
     */
    public static SampleReader open(InputStream input, SampleFormat declared, boolean partial) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input, 1 << 16);
        in.mark(SNIFF_BYTES);
        byte[] head = in.readNBytes(SNIFF_BYTES);
        in.reset();
        int first = firstSignificant(head);
        if (first < 0) {
            throw new SampleException("The file is empty.");
        }
        for (byte b : head) {
            if (b == 0) {
                throw new SampleException("The file is binary, not CSV, JSON or NDJSON text.");
            }
        }
        SampleFormat format = declared;
        if (format == null || format == SampleFormat.JSON || format == SampleFormat.NDJSON) {
            format = head[first] == '[' ? SampleFormat.JSON : head[first] == '{' ? SampleFormat.NDJSON
                    : format == null ? SampleFormat.CSV : format;
        }
        SampleReader reader = new SampleReader(in, format, partial);
        switch (format) {
            case CSV -> reader.openCsv(head);
            case NDJSON -> reader.lines = new LineReader(text(in));
            case JSON -> reader.openJson();
        }
        return reader;
    }

    /** The format read. */
    public SampleFormat format() {
        return format;
    }

    /** The column names: the CSV header, or the JSON keys in the order they first appeared so far. */
    public List<String> columns() {
        return header != null ? header : List.copyOf(columns);
    }

    /**
     * The next row, or null at the end.
     *
     * @throws SampleException when the input turns out malformed (a partial input's cut-short last row ends it)
     */
    public SampleRow next() throws IOException {
        if (done) {
            return null;
        }
        try {
            SampleRow row = switch (format) {
                case CSV -> nextCsv();
                case NDJSON -> nextLine();
                case JSON -> nextItem();
            };
            done = row == null;
            return row;
        } catch (SampleException | CharacterCodingException | JacksonException e) {
            if (partial && rows > 0) {
                done = true;
                return null;
            }
            if (e instanceof CharacterCodingException) {
                throw new SampleException("The file is not UTF-8 text (row " + (rows + 1) + ").", e);
            }
            if (e instanceof JacksonException j) {
                throw new SampleException("The JSON is malformed at item " + (rows + 1) + ": " + reason(j) + ".", e);
            }
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.close();
        }
        in.close();
    }

    // --- CSV -------------------------------------------------------------------------------------------

    private void openCsv(byte[] head) throws IOException {
        char delimiter = delimiter(new String(head, StandardCharsets.UTF_8));
        csv = new CsvReader(text(in), delimiter, MAX_ROW_CHARS, MAX_COLUMNS + 1);
        List<String> names;
        try {
            names = csv.next();
        } catch (CharacterCodingException e) {
            throw new SampleException("The file is not UTF-8 text.", e);
        }
        if (names == null) {
            throw new SampleException("The file is empty.");
        }
        if (names.size() > MAX_COLUMNS) {
            throw new SampleException("The header row has more than " + MAX_COLUMNS + " columns.");
        }
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).strip();
            }
            if (name.isEmpty()) {
                throw new SampleException("Column " + (i + 1) + " of the header row has no name.");
            }
            Integer earlier = seen.putIfAbsent(name, i + 1);
            if (earlier != null) {
                throw new SampleException("Columns " + earlier + " and " + (i + 1) + " of the header row are both"
                        + " named \"" + name + "\".");
            }
            out.add(name);
        }
        header = Collections.unmodifiableList(out);
    }

    private SampleRow nextCsv() throws IOException {
        while (true) {
            List<String> fields = csv.next();
            if (fields == null) {
                return null;
            }
            if (fields.size() == 1 && fields.get(0).isEmpty()) {
                continue; // a blank line
            }
            rows++;
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (int i = 0; i < Math.min(fields.size(), header.size()); i++) {
                values.put(header.get(i), JsonNodeFactory.instance.stringNode(fields.get(i)));
            }
            String problem = fields.size() == header.size() ? null : "row " + rows + " (line " + csv.recordLine()
                    + ") has " + fields.size() + " values, the header has " + header.size() + " columns";
            return new SampleRow(rows, values, problem);
        }
    }

    /** The delimiter the first line uses most outside quotes: comma unless tabs or semicolons outnumber it. */
    static char delimiter(String head) {
        int commas = 0;
        int tabs = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    // --- JSON ------------------------------------------------------------------------------------------

    private void openJson() {
        try {
            json = JSON.createParser(in);
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw new SampleException("A JSON file must hold an array of objects.");
            }
        } catch (JacksonException e) {
            throw new SampleException("The JSON is malformed: " + reason(e) + ".", e);
        }
    }

    /** The first clause of a JSON parser's message, without its location details. */
    private static String reason(JacksonException e) {
        String m = e.getOriginalMessage().lines().findFirst().orElse("");
        int cut = m.indexOf(" (");
        return cut > 0 ? m.substring(0, cut) : m;
    }

    private SampleRow nextItem() {
        JsonToken token = json.nextToken();
        if (token == null || token == JsonToken.END_ARRAY) {
            if (token == null && !partial) {
                throw new SampleException("The JSON array is not closed.");
            }
            return null;
        }
        if (token != JsonToken.START_OBJECT) {
            throw new SampleException("Item " + (rows + 1) + " of the JSON array is not an object.");
        }
        return row((ObjectNode) JSON.readTree(json));
    }

    private SampleRow nextLine() throws IOException {
        while (true) {
            String line = lines.next();
            if (line == null) {
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = WHOLE.readTree(line);
            } catch (JacksonException e) {
                node = null;
            }
            if (!(node instanceof ObjectNode object)) {
                throw new SampleException("Line " + lines.number() + " is not a JSON object (NDJSON holds one object"
                        + " a line; a JSON file must hold an array of objects).");
            }
            return row(object);
        }
    }

    private SampleRow row(ObjectNode object) {
        rows++;
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> p : object.properties()) {
            if (columns.add(p.getKey()) && columns.size() > MAX_COLUMNS) {
                throw new SampleException("The objects have more than " + MAX_COLUMNS + " distinct keys.");
            }
            values.put(p.getKey(), p.getValue());
        }
        return new SampleRow(rows, values, null);
    }

    // --- text ------------------------------------------------------------------------------------------

    /** A strict UTF-8 reader: malformed bytes are an error, not replacement characters. */
    private static Reader text(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** The index of the first byte that is not whitespace or part of a UTF-8 byte-order mark, or -1. */
    private static int firstSignificant(byte[] head) {
        int i = head.length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF ? 3 : 0;
        for (; i < head.length; i++) {
            if (head[i] != ' ' && head[i] != '\t' && head[i] != '\r' && head[i] != '\n') {
                return i;
            }
        }
        return -1;
    }
}
