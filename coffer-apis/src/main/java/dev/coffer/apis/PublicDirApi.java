package dev.coffer.apis;

import dev.coffer.tools.filesystem.FileInfo;
import dev.coffer.tools.filesystem.LocalFileSystem;
import dev.coffer.tools.filesystem.MimeTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves a public directory (PocketBase's {@code pb_public}, the app's frontend) at {@code GET /{path...}}, for the
 * GET and HEAD requests no other route takes, as PocketBase does:
 * <ul>
 *   <li>a directory is served by its {@code index.html}; its URL without the trailing slash is redirected (301)
 *       to the one with it, and a file's URL with a trailing slash or ending in {@code index.html} to the bare
 *       one;</li>
 *   <li>a missing file (or one outside the directory) is {@code 404 File not found.}, or with index fallback the
 *       directory's root {@code index.html}, for single-page apps with pretty URLs;</li>
 *   <li>the content type comes from the extension (else from the content), with {@code Last-Modified},
 *       {@code If-Modified-Since} and byte ranges; successful answers are not request-logged.</li>
 * </ul>
 */
public final class PublicDirApi {

    /** The index file of a directory. */
    static final String INDEX = "index.html";

    /** The types of the usual web files by extension: Go's built-in table plus the system table's web entries. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("avif", "image/avif"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("gif", "image/gif"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("jpg", "image/jpeg"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("pdf", "application/pdf"), Map.entry("png", "image/png"), Map.entry("svg", "image/svg+xml"),
            Map.entry("wasm", "application/wasm"), Map.entry("webp", "image/webp"),
            Map.entry("xml", "text/xml; charset=utf-8"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("ico", "image/vnd.microsoft.icon"), Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"), Map.entry("otf", "font/otf"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"), Map.entry("mp3", "audio/mpeg"), Map.entry("zip", "application/zip"));

    private final Path root;
    private final LocalFileSystem files;
    private final boolean indexFallback;

    private PublicDirApi(Path root, boolean indexFallback) {
        this.root = root.toAbsolutePath().normalize();
        this.files = new LocalFileSystem(this.root);
        this.indexFallback = indexFallback;
    }

    /**
     * Registers {@code GET /{path...}} for the directory (which need not exist yet: until it does every such
     * request is a 404, or its index fallback's).
     */
    public static void bind(ApiRouter router, Path dir, boolean indexFallback) {
        router.get("/{path...}", handler(dir, indexFallback));
    }

    /**
     * A handler serving the directory's files for a route whose last parameter is {@code {path...}} (the file's
     * path; without it the directory's index), as PocketBase's {@code apis.Static}.
     */
    public static RequestHandler handler(Path dir, boolean indexFallback) {
        return new PublicDirApi(dir, indexFallback)::serve;
    }

    private void serve(RequestEvent e) throws IOException {
        e.skipSuccessLog();
        String requested = e.pathParam("path");
        String filename = clean(requested == null ? "" : requested);
        if (filename.equals("..") || filename.startsWith("../")) {
            fallbackOrNotFound(e, filename);
            return;
        }
        Path target = resolve(filename);
        if (target == null || !Files.exists(target)) {
            fallbackOrNotFound(e, filename);
            return;
        }
        String urlPath = e.path();
        if (Files.isDirectory(target)) {
            if (!urlPath.endsWith("/")) {
                e.redirect(301, safeRedirectPath(urlPath + "/"));
                return;
            }
        } else if (urlPath.endsWith("/")) {
            String trimmed = urlPath.replaceAll("/+$", "");
            if (!trimmed.isEmpty()) {
                e.redirect(301, safeRedirectPath(trimmed));
                return;
            }
        } else if (urlPath.endsWith(INDEX)) {
            e.redirect(301, safeRedirectPath(urlPath.substring(0, urlPath.length() - INDEX.length())));
            return;
        }
        if (!serveFile(e, filename)) {
            fallbackOrNotFound(e, filename);
        }
    }

    private void fallbackOrNotFound(RequestEvent e, String filename) throws IOException {
        if (indexFallback && !filename.equals(INDEX) && serveFile(e, INDEX)) {
            return;
        }
        throw ApiError.notFound("File not found.");
    }

    /** Serves a file, or a directory's index.html; false when there is none. */
    private boolean serveFile(RequestEvent e, String filename) throws IOException {
        Path target = resolve(filename);
        if (target != null && Files.isDirectory(target)) {
            filename = filename.equals(".") ? INDEX : filename + "/" + INDEX;
            target = resolve(filename);
        }
        if (target == null || !Files.isRegularFile(target)) {
            return false;
        }
        FileInfo info = files.info(root.relativize(target).toString().replace('\\', '/'));
        FileResponse.content(e, files, info, contentType(target));
        return true;
    }

    /** The path of a cleaned file name inside the directory, or null when it would leave it. */
    private Path resolve(String filename) {
        Path p = root.resolve(filename.equals(".") ? "" : filename).normalize();
        return p.startsWith(root) ? p : null;
    }

    private static String contentType(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type != null) {
            return type;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return MimeTypes.detect(in.readNBytes(3072), name);
        }
    }

    /** Go's {@code filepath.Clean} of the path without its leading slashes: {@code "."} for the root. */
    static String clean(String path) {
        String p = path.replace('\\', '/').replaceAll("^/+", "");
        String normal = Path.of(p.isEmpty() ? "." : p).normalize().toString().replace('\\', '/');
        return normal.isEmpty() ? "." : normal;
    }

    /** Leading {@code //}, {@code \\}, {@code \/} collapsed into one slash, so a redirect can't leave the host. */
    static String safeRedirectPath(String path) {
        if (path.length() > 1 && (path.charAt(0) == '\\' || path.charAt(0) == '/')
                && (path.charAt(1) == '\\' || path.charAt(1) == '/')) {
            return "/" + path.replaceAll("^[/\\\\]+", "");
        }
        return path;
    }
}
