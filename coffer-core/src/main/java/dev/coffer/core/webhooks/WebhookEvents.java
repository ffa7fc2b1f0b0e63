package dev.coffer.core.webhooks;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Event names and the patterns webhooks subscribe with: an event is {@code COLLECTION.ACTION} ({@code create},
 * {@code update}, {@code delete}, {@code auth}); a pattern is an event name in which the collection, the action or
 * the whole name may be {@code *}.
 */
public final class WebhookEvents {

    /** The actions events are raised for. */
    public static final List<String> ACTIONS = List.of("create", "update", "delete", "auth");

    private static final Pattern PATTERN = Pattern.compile("^(\\*|(\\*|\\w+)\\.(\\*|create|update|delete|auth))$");

    private WebhookEvents() {}

    /** Whether {@code pattern} is a well-formed subscription pattern. */
    public static boolean isPattern(String pattern) {
        return pattern != null && PATTERN.matcher(pattern).matches();
    }

    /** Whether an event of {@code collection} and {@code action} matches {@code pattern}. */
    public static boolean matches(String pattern, String collection, String action) {
        if (pattern.equals("*")) {
            return true;
        }
        int dot = pattern.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String c = pattern.substring(0, dot);
        String a = pattern.substring(dot + 1);
        return (c.equals("*") || c.equals(collection)) && (a.equals("*") || a.equals(action));
    }

    /** Whether any of {@code patterns} matches the event. */
    public static boolean matchesAny(List<String> patterns, String collection, String action) {
        for (String p : patterns) {
            if (matches(p, collection, action)) {
                return true;
            }
        }
        return false;
    }
}
