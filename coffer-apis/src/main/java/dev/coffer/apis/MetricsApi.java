package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.settings.MetricsSettings;
import dev.coffer.tools.types.IpAddress;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /api/metrics}: the app's meters ({@link App#metrics()}) in Prometheus' text format, or in OpenMetrics
 * when the scraper's {@code Accept} asks for {@code application/openmetrics-text}. Superusers may read it, and so
 * may a scraper allowed by the {@code metrics} settings: a request from one of {@code metrics.allowedIPs} (the
 * request's real IP, as the trusted proxy settings give it), or one with {@code Authorization: Bearer <token>}
 * matching {@code metrics.token}. Anyone else gets a 401 (a 403 when authenticated as a record that isn't a
 * superuser). Successful scrapes are not logged.
 */
public final class MetricsApi {

    /** The route. */
    public static final String PATH = "/api/metrics";
    /** The content type of Prometheus' text format. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    /** The content type of OpenMetrics' text format. */
    public static final String OPENMETRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private MetricsApi() {}

    /** Registers {@value #PATH}, rendering the Prometheus registry among the app's (adding one if there is none). */
    public static void bind(ApiRouter router, App app) {
        PrometheusMeterRegistry prometheus = app.metrics().getRegistries().stream()
                .filter(PrometheusMeterRegistry.class::isInstance).map(PrometheusMeterRegistry.class::cast).findFirst()
                .orElseGet(() -> {
                    PrometheusMeterRegistry added = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                    app.metrics().add(added);
                    return added;
                });
        router.get(PATH, e -> scrape(e, prometheus));
    }

    private static void scrape(RequestEvent e, PrometheusMeterRegistry prometheus) throws IOException {
        authorize(e);
        e.skipSuccessLog();
        String contentType = e.header("Accept").contains("application/openmetrics-text") ? OPENMETRICS_FORMAT
                : TEXT_FORMAT;
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        prometheus.scrape(out, contentType);
        e.setHeader("Cache-Control", "no-store");
        e.stream(200, contentType, new ByteArrayInputStream(out.toByteArray()));
    }

    /**
     * Lets a superuser, an allowed IP or the metrics token through.
     *
     * @throws ApiError 401 for a guest or a wrong token, 403 for an authenticated non-superuser
     */
    static void authorize(RequestEvent e) {
        if (e.isSuperuser()) {
            return;
        }
        MetricsSettings settings = e.app().settings().metrics();
        if (!settings.token().isEmpty() && sameSecret(settings.token(),
                DefaultMiddlewares.tokenFromHeader(e.header("Authorization")))) {
            return;
        }
        if (!settings.allowedIps().isEmpty() && IpAddress.inList(settings.allowedIps(), e.realIP())) {
            return;
        }
        if (e.auth() != null) {
            throw ApiError.forbidden("The authorized record is not allowed to perform this action.");
        }
        throw ApiError.unauthorized("The request requires a superuser token, the metrics token or an allowed IP.");
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
