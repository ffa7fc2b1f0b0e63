package dev.coffer.tools.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Assumptions;

/**
 * The local services a test needs (Redis, NATS, …): a test whose service is unreachable is skipped, or fails when
 * {@code COFFER_REQUIRE_SERVICES=1} (as in CI).
 */
public final class Services {

    private Services() {}

    /**
     * Returns the service's URL (the environment variable {@code env}, else {@code fallback}) when its host and port
     * (else {@code defaultPort}) take a connection within 2 s; otherwise skips or fails the test.
     */
    public static String require(String name, String env, String fallback, int defaultPort) {
        String url = System.getenv().getOrDefault(env, fallback);
        URI u = URI.create(url);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(u.getHost(), u.getPort() < 0 ? defaultPort : u.getPort()), 2_000);
        } catch (IOException | IllegalArgumentException e) {
            String message = name + " is unreachable at " + url;
            if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
                throw new AssertionError(message + "; COFFER_REQUIRE_SERVICES=1, so this fails instead of skipping");
            }
            Assumptions.abort(message + "; skipping");
        }
        return url;
    }
}
