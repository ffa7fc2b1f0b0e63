package dev.coffer.tools.cluster;

import java.util.Optional;

/**
 * Opens relays for {@code --bus} URLs of some schemes ({@code redis://}, {@code nats://}); found with
 * {@link java.util.ServiceLoader}, so an optional module on the classpath adds its scheme.
 */
public interface RelayProvider {

    /** Whether this provider opens URLs of a scheme (lower case, without {@code ://}). */
    boolean handles(String scheme);

    /**
     * Opens a relay to the URL.
     *
     * @throws IllegalArgumentException with a one-line reason when the URL is malformed or the service unreachable
     */
    Relay open(String url);

    /**
     * The coordination to use with this relay's service, when it keeps one (Redis); empty when the app's database
     * should keep it (NATS).
     */
    default Optional<Coordination> coordination(String url, String instanceId) {
        return Optional.empty();
    }

    /** A URL with the password in it (user info or a {@code password=} option) replaced by {@code ***}. */
    static String masked(String url) {
        return url.replaceAll("//([^/:@]*):[^/@]*@", "//$1:***@").replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** The provider for a URL's scheme among those on the classpath. */
    static Optional<RelayProvider> forUrl(String url) {
        int colon = url.indexOf("://");
        if (colon <= 0) {
            return Optional.empty();
        }
        String scheme = url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        for (RelayProvider p : java.util.ServiceLoader.load(RelayProvider.class)) {
            if (p.handles(scheme)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
