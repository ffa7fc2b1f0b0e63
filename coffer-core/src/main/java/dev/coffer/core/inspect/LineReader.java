package dev.coffer.core.inspect;

import java.io.IOException;
import java.io.Reader;

/** Reads lines of text (LF or CRLF), each at most {@link SampleReader#MAX_ROW_CHARS} characters, for NDJSON. */
final class LineReader {

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int pos;
    private int len;
    private long number;

    LineReader(Reader in) {
        this.in = in;
    }

    /** The number (from 1) of the line {@link #next()} returned last. */
    long number() {
        return number;
    }

    /**
     * The next line without its line break, or null at the end.
     *
     * @throws SampleException when the line is longer than the limit
     */
    String next() throws IOException {
        line.setLength(0);
        boolean any = false;
        while (true) {
            if (pos >= len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len < 0) {
                    len = 0;
                    if (!any) {
                        return null;
                    }
                    number++;
                    return line.toString();
                }
            }
            any = true;
            char c = buf[pos++];
            if (c == '\n') {
                number++;
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            if (line.length() >= SampleReader.MAX_ROW_CHARS) {
                throw new SampleException("Line " + (number + 1) + " is longer than " + SampleReader.MAX_ROW_CHARS
                        + " characters.");
            }
            line.append(c);
        }
    }
}
