package dev.coffer.apis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The interactive API docs at {@code /_/docs}: Swagger UI (the {@code org.webjars:swagger-ui} web jar) showing
 * {@code /api/openapi.json}, with the dashboard's superuser sign-in when there is one. The page and its script are
 * the {@code coffer-ui-docs/} folder of the coffer-ui module; the Swagger UI files are read from the web jar on
 * first use and kept in memory with their gzip forms. Without both on the classpath nothing is registered.
 */
public final class ApiDocsPage {

    private static final String PAGE_DIR = "coffer-ui-docs/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Map<String, String> FILES = Map.of(
            "swagger-ui.css", "webjar", "swagger-ui-bundle.js", "webjar", "docs.js", "page", "docs.css", "page");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    private final ClassLoader loader;
    private final String webjarDir;
    private final Map<String, DashboardAssets.Asset> cache = new ConcurrentHashMap<>();

    private ApiDocsPage(ClassLoader loader, String webjarDir) {
        this.loader = loader;
        this.webjarDir = webjarDir;
    }

    /**
     * Registers {@code GET /_/docs} and its files when the page and the Swagger UI web jar are on the class
     * loader's classpath.
     *
     * @return whether the page is served
     */
    public static boolean bind(ApiRouter router, ClassLoader loader) {
        Optional<String> version = webjarVersion(loader);
        if (version.isEmpty() || loader.getResource(PAGE_DIR + "index.html") == null) {
            return false;
        }
        ApiDocsPage page = new ApiDocsPage(loader, "META-INF/resources/webjars/swagger-ui/" + version.get() + "/");
        router.get("/_/docs", page::index);
        router.get("/_/docs/{file}", page::file);
        return true;
    }

    private static Optional<String> webjarVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version")).map(String::strip).filter(v -> !v.isEmpty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void index(RequestEvent e) {
        e.skipSuccessLog();
        e.setHeader("Cache-Control", "no-cache");
        e.setHeader("Content-Security-Policy", CSP);
        e.setHeader("X-Content-Type-Options", "nosniff");
        e.setHeader("Referrer-Policy", "same-origin");
        e.stream(200, "text/html; charset=utf-8", new ByteArrayInputStream(read(PAGE_DIR + "index.html")));
    }

    private void file(RequestEvent e) {
        String name = e.pathParam("file");
        String origin = FILES.get(name);
        if (origin == null) {
            throw ApiError.notFound("File not found.");
        }
        e.skipSuccessLog();
        DashboardAssets.Asset asset = cache.computeIfAbsent(name, n -> DashboardAssets.asset(n,
                read((origin.equals("webjar") ? webjarDir : PAGE_DIR) + n)));
        e.setHeader("Cache-Control", "no-cache");
        e.setHeader("ETag", asset.etag());
        e.setHeader("Vary", "Accept-Encoding");
        e.setHeader("X-Content-Type-Options", "nosniff");
        if (e.header("If-None-Match").contains(asset.etag())) {
            e.noContent(304);
            return;
        }
        byte[] body = asset.bytes();
        if (asset.gzip() != null && e.header("Accept-Encoding").contains("gzip")) {
            e.setHeader("Content-Encoding", "gzip");
            body = asset.gzip();
        }
        e.stream(200, asset.contentType(), new ByteArrayInputStream(body));
    }

    private byte[] read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
