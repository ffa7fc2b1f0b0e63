package dev.coffer.apis;

import dev.coffer.tools.filesystem.FileSystem;
import dev.coffer.tools.filesystem.FileInfo;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a stored file as a download response: content type, disposition, the sandboxing CSP and caching
 * headers, conditional requests ({@code If-Modified-Since}) and single byte ranges. Several ranges in one
 * request are answered with the whole file. {@link #content} alone serves any file (the public directory's).
 */
final class FileResponse {

    /** Types shown inline unless {@code ?download=} asks for an attachment; everything else is an attachment. */
    private static final Set<String> INLINE_TYPES = Set.of(
            "image/png", "image/jpg", "image/jpeg", "image/gif", "image/webp", "image/x-icon", "image/bmp",
            "video/webm", "video/mp4", "video/3gpp", "video/quicktime", "video/x-ms-wmv",
            "audio/basic", "audio/aiff", "audio/mpeg", "audio/midi", "audio/mp3", "audio/wave",
            "audio/wav", "audio/x-wav", "audio/x-mpeg", "audio/x-m4a", "audio/aac",
            "application/pdf", "application/x-pdf");

    /** Extensions served with a fixed type, as content sniffing gets them wrong for browsers. */
    private static final Map<String, String> EXTENSION_TYPES = Map.of(
            ".svg", "image/svg+xml",
            ".css", "text/css",
            ".js", "text/javascript",
            ".mjs", "text/javascript",
            ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");

    static final String CSP = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
    static final String CACHE_CONTROL = "max-age=2592000, stale-while-revalidate=86400";

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private FileResponse() {}

    /** Serves the stored file {@code info.key()} under the download name {@code name}. */
    static void serve(RequestEvent e, FileSystem files, FileInfo info, String name) throws IOException {
        boolean attachment = isTrue(e.query("download")) || !INLINE_TYPES.contains(info.contentType());
        String contentType = EXTENSION_TYPES.getOrDefault(extension(info.key()), info.contentType());
        e.setHeader("Content-Disposition", (attachment ? "attachment" : "inline") + "; filename=\""
                + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        e.setHeader("Content-Security-Policy", CSP);
        e.setHeader("Cache-Control", CACHE_CONTROL);
        content(e, files, info, contentType);
    }

    /**
     * Writes the bytes of {@code info.key()} as {@code contentType}: {@code Last-Modified}, {@code 304} for an
     * {@code If-Modified-Since} that covers it, one byte range ({@code 206}, {@code 416} when unsatisfiable), and
     * only the headers for {@code HEAD}.
     */
    static void content(RequestEvent e, FileSystem files, FileInfo info, String contentType) throws IOException {
        Instant modified = info.modified().truncatedTo(ChronoUnit.SECONDS);
        e.setHeader("Last-Modified", HTTP_DATE.format(modified));

        if (notModifiedSince(e.header("If-Modified-Since"), modified)) {
            e.noContent(304);
            return;
        }
        e.setHeader("Accept-Ranges", "bytes");
        long size = info.size();
        long start = 0;
        long length = size;
        int status = 200;
        String range = e.header("Range");
        if (!range.isEmpty()) {
            long[] r = parseRange(range, size);
            if (r == null) {
                e.setHeader("Content-Range", "bytes */" + size);
                e.text(416, "invalid range: failed to overlap");
                return;
            }
            if (r.length == 2) {
                start = r[0];
                length = r[1];
                status = 206;
                e.setHeader("Content-Range", "bytes " + start + "-" + (start + length - 1) + "/" + size);
            }
        }
        e.setHeader("Content-Length", Long.toString(length));
        if (e.method().equals("HEAD")) {
            e.stream(status, contentType, new ByteArrayInputStream(new byte[0]));
            return;
        }
        InputStream in = status == 206 ? files.open(info.key(), start, length) : files.open(info.key());
        e.stream(status, contentType, new Limited(in, length));
    }

    private static boolean isTrue(String v) {
        return v.equals("1") || v.equalsIgnoreCase("t") || v.equalsIgnoreCase("true");
    }

    private static String extension(String key) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return dot > slash ? key.substring(dot).toLowerCase(Locale.ROOT) : "";
    }

    private static boolean notModifiedSince(String header, Instant modified) {
        if (header.isEmpty()) {
            return false;
        }
        try {
            Instant since = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(header));
            return !modified.isAfter(since);
        } catch (DateTimeParseException ex) {
            return false;
        }
    }

    /**
     * The {@code Range} header against a file size: {@code {start, length}} for one satisfiable range, an empty
     * array when the whole file is served (several ranges), or null when unsatisfiable or malformed.
     */
    static long[] parseRange(String header, long size) {
        if (!header.startsWith("bytes=")) {
            return null;
        }
        String[] specs = header.substring("bytes=".length()).split(",");
        if (specs.length > 1) {
            return new long[0];
        }
        String spec = specs[0].strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) {
                long suffix = Long.parseLong(last);
                if (suffix <= 0 || size == 0) {
                    return null;
                }
                long len = Math.min(suffix, size);
                return new long[] {size - len, len};
            }
            long start = Long.parseLong(first);
            if (start < 0 || start >= size) {
                return null;
            }
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (end < start) {
                return null;
            }
            return new long[] {start, end - start + 1};
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** A stream that ends after a number of bytes. */
    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = super.read(buf, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
