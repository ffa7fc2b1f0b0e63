package dev.coffer.tools.filesystem;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MIME type detection from file content, matching what PocketBase reports (it sniffs the first 3 KiB with the
 * Go {@code mimetype} library): binary formats by their signatures, then text formats, then
 * {@code application/octet-stream}. UTF-8 text is {@code text/plain; charset=utf-8}.
 */
public final class MimeTypes {

    /** The type of content no rule recognises. */
    public static final String OCTET_STREAM = "application/octet-stream";

    /** How many leading bytes detection looks at. */
    static final int SNIFF_LIMIT = 3072;

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/png", ".png"), Map.entry("image/jpeg", ".jpg"), Map.entry("image/gif", ".gif"),
            Map.entry("image/webp", ".webp"), Map.entry("image/svg+xml", ".svg"), Map.entry("image/bmp", ".bmp"),
            Map.entry("image/tiff", ".tiff"), Map.entry("image/x-icon", ".ico"), Map.entry("image/avif", ".avif"),
            Map.entry("image/heic", ".heic"), Map.entry("image/vnd.adobe.photoshop", ".psd"),
            Map.entry("application/pdf", ".pdf"), Map.entry("application/zip", ".zip"),
            Map.entry("application/json", ".json"), Map.entry("application/gzip", ".gz"),
            Map.entry("application/x-7z-compressed", ".7z"), Map.entry("application/x-rar-compressed", ".rar"),
            Map.entry("application/x-tar", ".tar"), Map.entry("application/jar", ".jar"),
            Map.entry("application/wasm", ".wasm"), Map.entry("application/vnd.sqlite3", ".sqlite"),
            Map.entry("application/epub+zip", ".epub"),
            Map.entry("application/vnd.oasis.opendocument.text", ".odt"),
            Map.entry("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
            Map.entry("application/vnd.oasis.opendocument.presentation", ".odp"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
            Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
            Map.entry("application/ogg", ".ogg"), Map.entry("audio/ogg", ".oga"), Map.entry("video/ogg", ".ogv"),
            Map.entry("audio/mpeg", ".mp3"), Map.entry("audio/wav", ".wav"), Map.entry("audio/flac", ".flac"),
            Map.entry("audio/x-m4a", ".m4a"), Map.entry("video/mp4", ".mp4"), Map.entry("video/webm", ".webm"),
            Map.entry("video/x-matroska", ".mkv"), Map.entry("video/quicktime", ".mov"),
            Map.entry("video/x-msvideo", ".avi"), Map.entry("video/3gpp", ".3gp"), Map.entry("video/3gpp2", ".3g2"),
            Map.entry("font/woff", ".woff"), Map.entry("font/woff2", ".woff2"),
            Map.entry("text/plain", ".txt"), Map.entry("text/html", ".html"), Map.entry("text/xml", ".xml"),
            Map.entry("text/csv", ".csv"), Map.entry("text/tab-separated-values", ".tsv"));

    /** Other names clients use for a detected type; a whitelist entry under an alias accepts the type. */
    private static final Map<String, Set<String>> ALIASES = Map.of(
            "application/zip", Set.of("application/x-zip", "application/x-zip-compressed"),
            "application/gzip", Set.of("application/x-gzip", "application/x-gunzip", "application/gzipped"),
            "audio/mpeg", Set.of("audio/x-mpeg", "audio/mp3"),
            "audio/wav", Set.of("audio/x-wav", "audio/vnd.wave", "audio/wave"),
            "image/x-icon", Set.of("image/vnd.microsoft.icon"),
            "text/xml", Set.of("application/xml"),
            "video/x-msvideo", Set.of("video/avi", "video/msvideo"),
            "application/x-rar-compressed", Set.of("application/x-rar"),
            "audio/flac", Set.of("audio/x-flac"));

    private MimeTypes() {}

    /**
     * The MIME type of the content, such as {@code image/png} or {@code text/plain; charset=utf-8}. Only the
     * content decides, as in PocketBase: {@code fileName} is not consulted, so renaming a file can't change
     * its type.
     */
    public static String detect(byte[] content, String fileName) {
        boolean truncated = content.length > SNIFF_LIMIT;
        byte[] head = truncated ? Arrays.copyOf(content, SNIFF_LIMIT) : content;
        String binary = BinaryFormats.detect(head);
        if (binary != null) {
            return binary;
        }
        String text = TextFormats.detect(head, truncated);
        return text != null ? text : OCTET_STREAM;
    }

    /** The usual extension of a MIME type with its dot ({@code .png}), or {@code ""} when it has none. */
    public static String extension(String mimeType) {
        return EXTENSIONS.getOrDefault(essence(mimeType), "");
    }

    /**
     * Whether a detected type is the allowed one, as PocketBase's {@code mimeTypes} whitelist compares them:
     * parameters such as {@code charset} are ignored on both sides, case doesn't matter, and known aliases
     * match ({@code text/plain} accepts {@code text/plain; charset=utf-8}).
     */
    public static boolean matches(String detected, String allowed) {
        String found = essence(detected);
        String wanted = essence(allowed);
        return found.equals(wanted) || ALIASES.getOrDefault(found, Set.of()).contains(wanted);
    }

    /** The type without parameters, trimmed and in lower case ({@code text/plain; charset=utf-8} → text/plain). */
    public static String essence(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        String type = semicolon < 0 ? mimeType : mimeType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }
}
