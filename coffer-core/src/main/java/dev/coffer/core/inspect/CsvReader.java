package dev.coffer.core.inspect;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV records one at a time as RFC 4180 writes them: fields separated by a delimiter, records by CRLF,
 * LF or CR, fields in double quotes may hold delimiters, line breaks and doubled quotes ({@code ""}). Lenient
 * where files in the wild are: text after a closing quote is kept, a lone quote inside an unquoted field is a
 * character. A record longer than {@code maxRecordChars}, with more than {@code maxFields} fields, with a NUL
 * character or ending inside quotes is a {@link SampleException} naming its line.
 */
final class CsvReader {

    private static final int BUFFER = 1 << 16;

    private final Reader in;
    private final char delimiter;
    private final int maxRecordChars;
    private final int maxFields;
    private final char[] buf = new char[BUFFER];
    private int pos;
    private int len;
    private boolean eof;
    private long line = 1;
    private long recordLine;
    private final StringBuilder field = new StringBuilder();

    CsvReader(Reader in, char delimiter, int maxRecordChars, int maxFields) {
        this.in = in;
        this.delimiter = delimiter;
        this.maxRecordChars = maxRecordChars;
        this.maxFields = maxFields;
    }

    /** The line (1-based) the record {@link #next()} returned last starts on. */
    long recordLine() {
        return recordLine;
    }

    /**
     * The next record's fields, or null at the end of the input. An empty line is a record of one empty field.
     *
     * @throws SampleException when the record breaks a limit or a quote is never closed
     */
    List<String> next() throws IOException {
        if (!fill()) {
            return null;
        }
        recordLine = line;
        List<String> fields = new ArrayList<>();
        long chars = 0;
        field.setLength(0);
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStart = true;
        while (true) {
            if (!fill()) {
                if (quoted) {
                    throw new SampleException("The CSV record starting on line " + recordLine
                            + " has a quoted field that is never closed.");
                }
                fields.add(field.toString());
                return fields;
            }
            char c = buf[pos++];
            if (++chars > maxRecordChars) {
                throw new SampleException("The CSV record starting on line " + recordLine + " is longer than "
                        + maxRecordChars + " characters.");
            }
            if (c == '\0') {
                throw new SampleException("Line " + line + " holds a NUL character: the file is not text.");
            }
            if (quoted) {
                if (c == '"') {
                    if (fill() && buf[pos] == '"') {
                        pos++;
                        field.append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && !(fill() && buf[pos] == '\n'))) {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == delimiter) {
                addField(fields);
                fieldStart = true;
                afterQuote = false;
                continue;
            }
            if (c == '\n' || c == '\r') {
                if (c == '\r' && fill() && buf[pos] == '\n') {
                    pos++;
                }
                line++;
                fields.add(field.toString());
                return fields;
            }
            if (c == '"' && fieldStart && !afterQuote) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            fieldStart = false;
            field.append(c);
        }
    }

    private void addField(List<String> fields) {
        if (fields.size() + 1 >= maxFields) {
            throw new SampleException("The CSV record starting on line " + recordLine + " has more than "
                    + maxFields + " fields.");
        }
        fields.add(field.toString());
        field.setLength(0);
    }

    /** Whether a character is available at {@code pos}, reading more input when the buffer is used up. */
    private boolean fill() throws IOException {
        while (pos >= len) {
            if (eof) {
                return false;
            }
            int n = in.read(buf, 0, BUFFER);
            if (n < 0) {
                eof = true;
                return false;
            }
            pos = 0;
            len = n;
        }
        return true;
    }
}
