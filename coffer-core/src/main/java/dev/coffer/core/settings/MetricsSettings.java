package dev.coffer.core.settings;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Who may read {@code GET /api/metrics} besides superusers: Coffer's own {@code metrics} settings section, absent
 * from the settings JSON (and so from PocketBase's shape) until it is set.
 *
 * @param allowedIps addresses and CIDR subnets whose requests may scrape without a token ({@code allowedIPs})
 * @param token a secret a scraper may send as {@code Authorization: Bearer <token>} (empty: none); never shown in
 *     the settings the API returns
 */
public record MetricsSettings(List<String> allowedIps, String token) {

    /** The shortest token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /** Checks and copies the values. */
    public MetricsSettings {
        allowedIps = List.copyOf(allowedIps);
        token = token == null ? "" : token;
    }

    /** The section read from its JSON (missing keys are empty). */
    static MetricsSettings of(JsonNode section) {
        List<String> ips = new ArrayList<>();
        section.path("allowedIPs").forEach(ip -> ips.add(ip.asString("")));
        return new MetricsSettings(ips, section.path("token").asString(""));
    }
}
