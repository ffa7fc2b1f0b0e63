package dev.coffer.apis;

import java.util.Locale;

/**
 * Opt-in response compression: when the client sends {@code Accept-Encoding: gzip}, JSON responses of at least
 * {@value RequestEvent#GZIP_MIN_BYTES} bytes are gzip-compressed. Files (with their ranges) and server-sent
 * events are streams and are never compressed. Every response varies on {@code Accept-Encoding}.
 */
public final class GzipMiddleware {

    /** Id of the gzip middleware. */
    public static final String ID = "coffer:gzip";
    /** Its priority: early, so error responses of later middlewares are compressed too. */
    public static final int PRIORITY = CorsMiddleware.PRIORITY + 10;

    private GzipMiddleware() {}

    /** Binds the middleware. */
    public static void bind(ApiHooks hooks) {
        hooks.onRequest().bind(ID, PRIORITY, e -> {
            e.addHeader("Vary", "Accept-Encoding");
            if (acceptsGzip(e.header("Accept-Encoding"))) {
                e.allowJsonGzip();
            }
            e.next();
        });
    }

    /** Whether an {@code Accept-Encoding} value accepts gzip (listed, or {@code *}, without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.split(";");
            String coding = p[0].trim();
            if (!coding.equals("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim().replace(" ", "");
                if (param.startsWith("q=") && param.substring(2).matches("0(\\.0*)?")) {
                    refused = true;
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
