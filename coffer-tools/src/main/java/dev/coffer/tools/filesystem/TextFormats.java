package dev.coffer.tools.filesystem;

import dev.coffer.tools.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/** Recognises text formats: HTML, SVG, XML, JSON, CSV/TSV and plain text with its charset. */
final class TextFormats {

    private static final String[] HTML_TAGS = {
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1", "<div", "<font", "<table", "<a",
        "<style", "<title", "<b", "<body", "<br", "<p", "<!--"
    };
    private static final int MAX_SEPARATED_LINES = 10;

    private TextFormats() {}

    /**
     * The MIME type of text content, or null when the content holds bytes that never occur in text (per the
     * WHATWG sniffing rules) and has no byte order mark. {@code truncated} says whether the content was cut at the
     * sniffing limit, so a structure may end early.
     */
    static String detect(byte[] b, boolean truncated) {
        String bomCharset = bomCharset(b);
        if (bomCharset == null && hasBinaryBytes(b)) {
            return null;
        }
        String text = new String(b, StandardCharsets.UTF_8);
        String trimmed = text.stripLeading().replaceFirst("^\uFEFF", "").stripLeading();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (isHtml(lower)) {
            return "text/html; charset=" + (bomCharset != null ? bomCharset : plainCharset(b));
        }
        if (isSvg(lower)) {
            return "image/svg+xml";
        }
        if (lower.startsWith("<?xml")) {
            return "text/xml; charset=" + (bomCharset != null ? bomCharset : plainCharset(b));
        }
        if (isJson(trimmed, truncated)) {
            return "application/json";
        }
        if (isSeparated(text, ',', truncated)) {
            return "text/csv";
        }
        if (isSeparated(text, '\t', truncated)) {
            return "text/tab-separated-values";
        }
        return "text/plain; charset=" + (bomCharset != null ? bomCharset : plainCharset(b));
    }

    private static String bomCharset(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return "utf-8";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return "utf-16be";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return "utf-16le";
        }
        return null;
    }

    /** Control bytes other than tab, line feed, form feed, carriage return and escape mark binary data. */
    private static boolean hasBinaryBytes(byte[] b) {
        for (byte x : b) {
            int c = x & 0xFF;
            if (c <= 0x08 || c == 0x0B || (c >= 0x0E && c <= 0x1A) || (c >= 0x1C && c <= 0x1F)) {
                return true;
            }
        }
        return false;
    }

    /** {@code utf-8} for valid UTF-8 (a character cut at the end is allowed), else {@code iso-8859-1}. */
    private static String plainCharset(byte[] b) {
        int end = b.length;
        int back = 0;
        while (back < 3 && end - back - 1 >= 0 && (b[end - back - 1] & 0xC0) == 0x80) {
            back++;
        }
        if (end - back - 1 >= 0 && (b[end - back - 1] & 0xC0) == 0xC0) {
            end = end - back - 1;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, end));
            return "utf-8";
        } catch (CharacterCodingException e) {
            return "iso-8859-1";
        }
    }

    private static boolean isHtml(String lower) {
        for (String tag : HTML_TAGS) {
            if (lower.startsWith(tag) && lower.length() > tag.length()) {
                char next = lower.charAt(tag.length());
                if (next == ' ' || next == '>') {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isSvg(String lower) {
        if (lower.startsWith("<svg")) {
            return true;
        }
        return (lower.startsWith("<?xml") || lower.startsWith("<!--") || lower.startsWith("<!doctype svg"))
                && lower.contains("<svg");
    }

    /** An object or array that parses, or parses up to the cut when the content was truncated. */
    private static boolean isJson(String trimmed, boolean truncated) {
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return false;
        }
        try (JsonParser parser = Json.MAPPER.createParser(trimmed)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                    if (depth == 0) {
                        return parser.nextToken() == null;
                    }
                }
            }
            return truncated;
        } catch (UnexpectedEndOfInputException e) {
            return truncated;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * At least two records (ignoring {@code #} comment lines) with the same number of fields, more than one
     * each; quoted fields may hold separators. A truncated last line is not counted.
     */
    private static boolean isSeparated(String text, char separator, boolean truncated) {
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n", -1)));
        if (truncated || lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int expected = -1;
        int records = 0;
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            int fields = countFields(line, separator);
            if (fields < 0 || fields < 2 || (expected >= 0 && fields != expected)) {
                return false;
            }
            expected = fields;
            if (++records == MAX_SEPARATED_LINES) {
                break;
            }
        }
        return records >= 2;
    }

    /** The number of fields in a line, or -1 when a quote is left open. */
    private static int countFields(String line, char separator) {
        int fields = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                fields++;
            }
        }
        return quoted ? -1 : fields;
    }
}
