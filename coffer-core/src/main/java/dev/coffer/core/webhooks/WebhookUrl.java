package dev.coffer.core.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a webhook's target: an absolute {@code http} or {@code https} URL with a host and without user info, that is
 * not this server itself (its public {@code meta.appURL} origin or the address it listens on, reached through any
 * local name), so that a webhook can't call the server's own admin endpoints by accident.
 */
final class WebhookUrl {

    private WebhookUrl() {}

    /**
     * Why {@code url} can't be a webhook target, or empty when it can.
     *
     * @param own the origins of this server ({@code scheme://host:port}, lower case), such as its app URL and the
     *     address it listens on
     */
    static Optional<String> problem(String url, Set<String> own) {
        URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("Must be a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("Must be an http or https URL.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("Must have a host.");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("Must not carry a user name or password; use headers instead.");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (own.contains(scheme + "://" + host + ":" + port)) {
            return Optional.of("Must not point at this server itself.");
        }
        if (isLocal(host)) {
            for (String o : own) {
                URI self = URI.create(o);
                if (self.getPort() == port && isLocal(self.getHost())) {
                    return Optional.of("Must not point at this server itself.");
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code scheme://host:port} of a URL in lower case, or empty when it has none. */
    static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isLocal(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // a name: not resolved here (that would block on DNS inside a save)
        }
        try {
            InetAddress a = InetAddress.getByName(h);
            return a.isLoopbackAddress() || a.isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
