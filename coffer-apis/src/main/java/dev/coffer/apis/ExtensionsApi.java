package dev.coffer.apis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The dashboard extension routes: {@code GET /_/extensions.js} (every registered extension's {@code main.js}
 * wrapped in its own async function, in registration order; empty without extensions) and
 * {@code GET /_/extensions/<name>/<path>} (a file of an extension, else 404).
 */
public final class ExtensionsApi {

    private static final String CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' "
            + "http://127.0.0.1:* https://tile.openstreetmap.org data: blob:; connect-src 'self' http://127.0.0.1:* "
            + "https://nominatim.openstreetmap.org; script-src 'self' http://127.0.0.1:*; frame-ancestors 'none'";
    private static final String CACHE = "max-age=1209600, stale-while-revalidate=86400";

    private final List<UiExtension> extensions = new CopyOnWriteArrayList<>();

    private ExtensionsApi() {}

    /** Registers the routes and returns the registry extensions are added to. */
    public static ExtensionsApi bind(ApiRouter router) {
        ExtensionsApi api = new ExtensionsApi();
        router.get("/_/extensions.js", api::mainJs);
        router.get("/_/extensions/{name}/{path...}", api::file);
        return api;
    }

    /** Adds an extension; it is served from the next request on. */
    public void add(UiExtension extension) {
        if (extension.name() == null || extension.name().isEmpty()) {
            throw new IllegalArgumentException("a UI extension needs a name");
        }
        extensions.add(extension);
    }

    private static void headers(RequestEvent e) {
        if (!e.app().isDev()) {
            e.setHeader("Cache-Control", CACHE);
        }
        e.setHeader("Content-Security-Policy", CSP);
    }

    private void mainJs(RequestEvent e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (UiExtension ext : extensions) {
            Optional<byte[]> main = ext.read("main.js");
            if (main.isPresent()) {
                out.writeBytes("await (async function(){".getBytes(StandardCharsets.UTF_8));
                out.writeBytes(main.get());
                out.writeBytes("})();".getBytes(StandardCharsets.UTF_8));
            }
        }
        headers(e);
        e.stream(200, "text/javascript", new ByteArrayInputStream(out.toByteArray()));
    }

    private void file(RequestEvent e) {
        String name = e.pathParam("name");
        String path = e.pathParam("path");
        Optional<byte[]> content = path.isEmpty() ? Optional.empty() : extensions.stream()
                .filter(x -> x.name().equals(name)).findFirst().flatMap(x -> x.read(path));
        if (content.isEmpty()) {
            throw ApiError.notFound("");
        }
        String type = URLConnection.guessContentTypeFromName(path);
        headers(e);
        e.stream(200, type == null ? "application/octet-stream" : type, new ByteArrayInputStream(content.get()));
    }
}
