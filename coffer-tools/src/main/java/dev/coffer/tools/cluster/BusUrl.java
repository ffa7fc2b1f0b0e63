package dev.coffer.tools.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code --bus} URL split into what its client library takes ({@link #base()}: the URL without Coffer's own
 * option) and the {@code prefix=NAME} option (default {@code coffer}) that names the channel or subject and the keys,
 * so that several apps can share one Redis or NATS.
 */
public record BusUrl(String base, String prefix) {

    /** The prefix when the URL names none. */
    public static final String DEFAULT_PREFIX = "coffer";

    /**
     * Splits a URL.
     *
     * @throws IllegalArgumentException when the prefix is not letters, digits, {@code _} or {@code -}
     */
    public static BusUrl parse(String url) {
        String prefix = DEFAULT_PREFIX;
        String base = url;
        int q = url.indexOf('?');
        if (q >= 0) {
            List<String> kept = new ArrayList<>();
            for (String option : url.substring(q + 1).split("&")) {
                if (option.startsWith("prefix=")) {
                    prefix = option.substring("prefix=".length());
                } else if (!option.isEmpty()) {
                    kept.add(option);
                }
            }
            base = url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }
        if (!prefix.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("prefix must be letters, digits, _ or -, got \"" + prefix + "\"");
        }
        return new BusUrl(base, prefix);
    }
}
