package dev.coffer.core.field;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The loose URL check of URL fields: an absolute or scheme-less URL with a plausible host. */
final class UrlHosts {

    private UrlHosts() {}

    /** The host (with port, as compared against domain lists) of a valid URL, or null when invalid. */
    static String hostOf(String value) {
        if (value.length() > 2083 || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)
                || value.startsWith(".")) {
            return null;
        }
        String candidate = value.contains("://") ? value : "http://" + value;
        try {
            URI uri = new URI(candidate);
            String host = uri.getHost();
            if (host == null || host.isEmpty() || uri.getScheme() == null) {
                return null;
            }
            String h = host.toLowerCase(Locale.ROOT);
            if (!h.contains(".") && !h.equals("localhost")) {
                return null;
            }
            return uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
