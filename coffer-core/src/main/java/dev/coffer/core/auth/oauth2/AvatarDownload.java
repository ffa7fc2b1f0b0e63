package dev.coffer.core.auth.oauth2;

import dev.coffer.tools.filesystem.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads a provider user's avatar into an {@link UploadedFile}, refusing hosts that resolve to loopback,
 * private, link-local, multicast or unspecified addresses (at every redirect), so a provider can't be used to
 * probe the internal network. The size is capped at 32 MiB.
 */
public final class AvatarDownload {

    private static final long MAX_BYTES = 32L << 20;
    private static final int MAX_REDIRECTS = 10;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private AvatarDownload() {}

    /**
     * Fetches the file at {@code url}, named after the URL's last path segment.
     *
     * @throws OAuth2Exception when the address is not allowed, the response is not 2xx/3xx or the download fails
     */
    public static UploadedFile fetch(String url) throws OAuth2Exception {
        URI uri = parse(url);
        try {
            for (int i = 0; i <= MAX_REDIRECTS; i++) {
                checkHost(uri);
                HttpResponse<InputStream> res = HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                int status = res.statusCode();
                if (status >= 300 && status < 400 && res.headers().firstValue("Location").isPresent()) {
                    res.body().close();
                    uri = uri.resolve(res.headers().firstValue("Location").get());
                    continue;
                }
                try (InputStream in = res.body()) {
                    if (status < 200 || status > 399) {
                        throw new OAuth2Exception("failed to download url " + url + " (" + status + ")");
                    }
                    return UploadedFile.of(baseName(url), in.readNBytes((int) MAX_BYTES));
                }
            }
        } catch (IOException e) {
            throw new OAuth2Exception("failed to download url " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuth2Exception("interrupted", e);
        }
        throw new OAuth2Exception("too many redirects for " + url);
    }

    private static URI parse(String url) throws OAuth2Exception {
        try {
            URI uri = URI.create(url);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new OAuth2Exception("invalid avatar url " + url);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new OAuth2Exception("invalid avatar url " + url, e);
        }
    }

    private static void checkHost(URI uri) throws OAuth2Exception, IOException {
        if (uri.getHost() == null) {
            throw new OAuth2Exception("invalid url " + uri);
        }
        for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
            if (!allowed(a)) {
                throw new OAuth2Exception("address " + uri.getHost() + " resolves to a disallowed IP");
            }
        }
    }

    /** Whether an address is public (not loopback, private, link-local, multicast or unspecified). */
    static boolean allowed(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        return !(a instanceof Inet6Address && (a.getAddress()[0] & 0xFE) == 0xFC);
    }

    private static String baseName(String url) {
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return name.isEmpty() ? "avatar" : name;
    }
}
