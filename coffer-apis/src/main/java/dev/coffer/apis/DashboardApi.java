package dev.coffer.apis;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Serves the admin dashboard (the {@code coffer-ui} module) at {@code /_/}:
 * <ul>
 *   <li>{@code GET /_} redirects to {@code /_/};</li>
 *   <li>{@code GET /_/} is the index page, never cached, with a strict Content-Security-Policy (scripts only
 *       from this origin plus the page's own import map, by hash);</li>
 *   <li>{@code GET /_/static/<build>/<path>} are the scripts, styles and images, cached for a year as immutable
 *       (the build id in the URL changes whenever any file does), gzip-compressed for clients that accept it,
 *       with entity tags.</li>
 * </ul>
 * Without the module on the classpath nothing is registered and {@code /_/} stays a 404.
 */
public final class DashboardApi {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String CSP_REST = "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final Supplier<DashboardAssets> assets;

    private DashboardApi(Supplier<DashboardAssets> assets) {
        this.assets = assets;
    }

    /**
     * Registers the dashboard routes when the dashboard is on the class loader's classpath; with a directory
     * (the dashboard's sources, for working on it) every request reads the files afresh from there instead.
     *
     * @return whether the dashboard is served
     */
    public static boolean bind(ApiRouter router, ClassLoader loader, Path sourceDir) {
        Supplier<DashboardAssets> assets;
        if (sourceDir != null) {
            DashboardAssets vendors = DashboardAssets.fromClasspath(loader).orElse(null); // the web jars don't change
            assets = () -> DashboardAssets.fromDirectory(sourceDir, vendors);
        } else {
            Optional<DashboardAssets> found = DashboardAssets.fromClasspath(loader);
            if (found.isEmpty()) {
                return false;
            }
            DashboardAssets fixed = found.get();
            assets = () -> fixed;
        }
        DashboardApi api = new DashboardApi(assets);
        router.get("/_", e -> {
            e.skipSuccessLog();
            e.redirect(301, "/_/");
        });
        router.get("/_/", api::index);
        router.get("/_/static/{build}/{path...}", api::file);
        return true;
    }

    private void index(RequestEvent e) {
        e.skipSuccessLog();
        DashboardAssets a = assets.get();
        e.setHeader("Cache-Control", "no-cache");
        e.setHeader("Content-Security-Policy", "script-src 'self' " + a.importMapHash() + "; " + CSP_REST);
        e.setHeader("X-Content-Type-Options", "nosniff");
        e.setHeader("Referrer-Policy", "same-origin");
        e.stream(200, "text/html; charset=utf-8", new ByteArrayInputStream(a.index()));
    }

    private void file(RequestEvent e) {
        DashboardAssets a = assets.get();
        Optional<DashboardAssets.Asset> found = a.file(e.pathParam("path"));
        if (found.isEmpty()) {
            throw ApiError.notFound("File not found.");
        }
        e.skipSuccessLog();
        DashboardAssets.Asset asset = found.get();
        e.setHeader("Cache-Control", a.build().equals(e.pathParam("build")) ? IMMUTABLE : "no-cache");
        e.setHeader("ETag", asset.etag());
        e.setHeader("Vary", "Accept-Encoding");
        e.setHeader("X-Content-Type-Options", "nosniff");
        String match = e.header("If-None-Match");
        if (match != null && match.contains(asset.etag())) {
            e.noContent(304);
            return;
        }
        byte[] body = asset.bytes();
        String accept = e.header("Accept-Encoding");
        if (asset.gzip() != null && accept != null && accept.contains("gzip")) {
            e.setHeader("Content-Encoding", "gzip");
            body = asset.gzip();
        }
        e.stream(200, asset.contentType(), new ByteArrayInputStream(body));
    }
}
