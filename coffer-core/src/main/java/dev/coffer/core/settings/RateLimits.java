package dev.coffer.core.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The {@code rateLimits} settings: whether limits apply, the rules, and the client IPs (or subnets) never
 * limited.
 *
 * @param enabled whether rate limits apply
 * @param rules the rules, in their configured order
 * @param excludedIps addresses and CIDR subnets that are never limited
 */
public record RateLimits(boolean enabled, List<Rule> rules, List<String> excludedIps) {

    /** The audience of a rule that applies to guests and signed-in clients alike. */
    public static final String AUDIENCE_ALL = "";
    /** The audience of a rule that applies to guests only. */
    public static final String AUDIENCE_GUEST = "@guest";
    /** The audience of a rule that applies to signed-in clients only. */
    public static final String AUDIENCE_AUTH = "@auth";

    /**
     * One rule: at most {@code maxRequests} requests per {@code duration} seconds per client.
     *
     * @param label a tag ({@code users:create}, {@code *:auth}), a path ({@code /api/x}, {@code POST /api/x}) or
     *     a path prefix (ending with {@code /})
     * @param audience {@link #AUDIENCE_ALL}, {@link #AUDIENCE_GUEST} or {@link #AUDIENCE_AUTH}
     * @param duration the window length in seconds
     * @param maxRequests the requests allowed per window
     */
    public record Rule(String label, String audience, long duration, int maxRequests) {

        /** Whether the label is a path prefix. */
        public boolean isPrefix() {
            return label.endsWith("/");
        }
    }

    /** Copies the lists. */
    public RateLimits {
        rules = List.copyOf(rules);
        excludedIps = List.copyOf(excludedIps);
    }

    /** Reads the section from its settings JSON. */
    static RateLimits of(JsonNode section) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : section.path("rules")) {
            rules.add(new Rule(r.path("label").asString(""), r.path("audience").asString(""),
                    r.path("duration").asLong(0), r.path("maxRequests").asInt(0)));
        }
        List<String> excluded = new ArrayList<>();
        section.path("excludedIPs").forEach(ip -> excluded.add(ip.asString("")));
        return new RateLimits(section.path("enabled").asBoolean(false), rules, excluded);
    }

    /**
     * The rule for a request: labels are tried in order, each first against the rules with exactly that label,
     * then against the prefix rules ({@code /api/} covers {@code /api/x} and {@code /api}); only rules whose
     * audience is {@code ""} or {@code audience} count.
     */
    public Optional<Rule> find(List<String> labels, String audience) {
        for (String label : labels) {
            for (Rule r : rules) {
                if (r.label().equals(label) && fits(r, audience)) {
                    return Optional.of(r);
                }
            }
            for (Rule r : rules) {
                if (r.isPrefix() && (label + "/").startsWith(r.label()) && fits(r, audience)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean fits(Rule r, String audience) {
        return r.audience().equals(AUDIENCE_ALL) || r.audience().equals(audience);
    }
}
