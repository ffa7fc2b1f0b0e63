package dev.coffer.core.settings;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.mail.EmailAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks settings before they are stored, with PocketBase's rules, codes and messages: the app meta, the SMTP
 * server when enabled, S3 storage when enabled, logs, batch requests, rate limits, superuser IPs, the backups
 * schedule's keep count, and Coffer's own {@code metrics} section. Errors nest like the settings
 * ({@code meta.appName}, {@code rateLimits.rules.0.label}).
 */
public final class SettingsValidator {

    private static final Pattern HEX_COLOR = Pattern.compile("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
    private static final Pattern DNS_NAME = Pattern.compile(
            "^([a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})(\\.[a-zA-Z0-9_][a-zA-Z0-9_-]{0,62})*[._]?$");
    private static final Pattern IPV4 = Pattern.compile(
            "^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");
    private static final Pattern IP_LITERAL = Pattern.compile("^[0-9a-fA-F:.]+(%.+)?$");
    private static final Pattern RATE_LIMIT_LABEL = Pattern.compile(
            "^(\\w+ /[\\w/-]*|/[\\w/-]*|\\w+:\\w+|\\*:\\w+|\\w+)$");
    private static final Set<String> AUTH_METHODS = Set.of("", "PLAIN", "LOGIN");
    private static final Set<String> AUDIENCES = Set.of("", "@guest", "@auth");

    private SettingsValidator() {}

    /**
     * Validates the settings.
     *
     * @throws ValidationException with the nested field errors when anything is invalid
     */
    public static void validate(Settings settings) {
        JsonNode s = settings.storedJson();
        Map<String, Object> errors = new LinkedHashMap<>();
        put(errors, "superuserIPs", ipList(s.path("superuserIPs")));
        put(errors, "meta", meta(s.path("meta")));
        put(errors, "logs", logs(s.path("logs")));
        put(errors, "smtp", smtp(s.path("smtp")));
        put(errors, "s3", s3(s.path("s3")));
        put(errors, "backups", backups(s.path("backups")));
        put(errors, "batch", batch(s.path("batch")));
        put(errors, "rateLimits", rateLimits(s.path("rateLimits")));
        put(errors, Settings.OPENAPI, openApi(s.path(Settings.OPENAPI)));
        put(errors, "metrics", metrics(s.path("metrics")));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static Map<String, Object> meta(JsonNode m) {
        Map<String, Object> e = new LinkedHashMap<>();
        String accent = m.path("accentColor").asString("");
        if (!accent.isEmpty()) {
            put(e, "accentColor", accent.codePointCount(0, accent.length()) != 7
                    ? new FieldError("validation_length_invalid", "The length must be exactly 7.", Map.of("min", 7, "max", 7))
                    : HEX_COLOR.matcher(accent).matches() ? null
                            : FieldError.of("validation_is_hex_color", "Must be a valid hexadecimal color code."));
        }
        put(e, "appName", requiredLength(m.path("appName").asString("")));
        String url = m.path("appURL").asString("");
        put(e, "appURL", url.isEmpty() ? FieldErrors.required() : isUrl(url) ? null : notUrl());
        put(e, "senderName", requiredLength(m.path("senderName").asString("")));
        String sender = m.path("senderAddress").asString("");
        put(e, "senderAddress", sender.isEmpty() ? FieldErrors.required()
                : EmailAddress.isValid(sender) ? null : FieldErrors.email());
        return e;
    }

    /** The Coffer-only {@code openapi} section: {@code access} empty (the default) or one of its values. */
    private static Map<String, Object> openApi(JsonNode o) {
        Map<String, Object> e = new LinkedHashMap<>();
        String access = o.path("access").asString("");
        put(e, "access", access.isEmpty() || Settings.OPENAPI_ACCESS.contains(access) ? null : notIn());
        return e;
    }

    private static Map<String, Object> smtp(JsonNode c) {
        boolean enabled = c.path("enabled").asBoolean(false);
        Map<String, Object> e = new LinkedHashMap<>();
        String host = c.path("host").asString("");
        put(e, "host", enabled && host.isEmpty() ? FieldErrors.required() : hostError(host));
        long port = c.path("port").asLong(0);
        put(e, "port", enabled && port == 0 ? FieldErrors.required() : min(port, 0));
        put(e, "authMethod", AUTH_METHODS.contains(c.path("authMethod").asString("")) ? null : notIn());
        put(e, "localName", hostError(c.path("localName").asString("")));
        return e;
    }

    private static Map<String, Object> s3(JsonNode c) {
        boolean enabled = c.path("enabled").asBoolean(false);
        Map<String, Object> e = new LinkedHashMap<>();
        String endpoint = c.path("endpoint").asString("");
        put(e, "endpoint", endpoint.isEmpty() ? (enabled ? FieldErrors.required() : null)
                : isUrl(endpoint) ? null : notUrl());
        for (String key : List.of("bucket", "region", "accessKey", "secret")) {
            put(e, key, enabled && c.path(key).asString("").isEmpty() ? FieldErrors.required() : null);
        }
        return e;
    }

    private static Map<String, Object> backups(JsonNode c) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "s3", s3(c.path("s3")));
        long keep = c.path("cronMaxKeep").asLong(0);
        boolean scheduled = !c.path("cron").asString("").isEmpty();
        put(e, "cronMaxKeep", scheduled && keep == 0 ? FieldErrors.required() : min(keep, 1));
        return e;
    }

    private static Map<String, Object> batch(JsonNode c) {
        boolean enabled = c.path("enabled").asBoolean(false);
        Map<String, Object> e = new LinkedHashMap<>();
        for (String key : List.of("maxRequests", "timeout")) {
            long v = c.path(key).asLong(0);
            put(e, key, enabled && v == 0 ? FieldErrors.required() : min(v, 0));
        }
        put(e, "maxBodySize", min(c.path("maxBodySize").asLong(0), 0));
        return e;
    }

    private static Map<String, Object> rateLimits(JsonNode c) {
        Map<String, Object> e = new LinkedHashMap<>();
        JsonNode rules = c.path("rules");
        if (c.path("enabled").asBoolean(false) && rules.isEmpty()) {
            put(e, "rules", FieldErrors.required());
        } else {
            put(e, "rules", rules(rules));
        }
        put(e, "excludedIPs", ipList(c.path("excludedIPs")));
        return e;
    }

    /** Each rule's own errors, else the first rule whose label and audience overlap an earlier one's. */
    private static Map<String, Object> rules(JsonNode rules) {
        Map<String, Object> e = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode r = rules.get(i);
            Map<String, Object> re = new LinkedHashMap<>();
            String label = r.path("label").asString("");
            put(re, "label", label.isEmpty() ? FieldErrors.required()
                    : RATE_LIMIT_LABEL.matcher(label).matches() ? null
                            : FieldError.of("validation_match_invalid", "Must be in a valid format."));
            long max = r.path("maxRequests").asLong(0);
            put(re, "maxRequests", max == 0 ? FieldErrors.required() : min(max, 1));
            long duration = r.path("duration").asLong(0);
            put(re, "duration", duration == 0 ? FieldErrors.required() : min(duration, 1));
            put(re, "audience", AUDIENCES.contains(r.path("audience").asString("")) ? null : notIn());
            put(e, Integer.toString(i), re);
        }
        if (!e.isEmpty()) {
            return e;
        }
        for (int i = 0; i < rules.size(); i++) {
            String key = rules.get(i).path("label").asString("") + "@@" + rules.get(i).path("audience").asString("");
            for (int j = 0; j < i; j++) {
                String earlier = rules.get(j).path("label").asString("") + "@@"
                        + rules.get(j).path("audience").asString("");
                if (earlier.startsWith(key) || key.startsWith(earlier)) {
                    String label = rules.get(i).path("label").asString("");
                    return Map.of(Integer.toString(i), Map.of("label", new FieldError(
                            "validation_conflicting_rate_limit_rule", "Rate limit rule configuration with label "
                                    + label + " already exists or conflicts with another rule.",
                            Map.of("label", label))));
                }
            }
        }
        return e;
    }

    private static Map<String, Object> ipList(JsonNode list) {
        Map<String, Object> e = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String ip = list.get(i).asString("");
            put(e, Integer.toString(i), ip.isEmpty() ? FieldErrors.required() : isIpOrSubnet(ip) ? null
                    : FieldError.of("validation_invlaid_ip_or_subnet", "Invalid IP or CIDR subnet."));
        }
        return e;
    }

    /** Coffer's metrics section: valid IPs or subnets, and a token long enough not to be guessed (or none). */
    private static Map<String, Object> metrics(JsonNode m) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "allowedIPs", ipList(m.path("allowedIPs")));
        String token = m.path("token").asString("");
        put(e, "token", token.isEmpty() ? null : token.length() < MetricsSettings.MIN_TOKEN_LENGTH
                ? FieldErrors.minText(MetricsSettings.MIN_TOKEN_LENGTH) : token.length() > 255
                        ? FieldErrors.maxText(255) : null);
        return e;
    }

    private static Map<String, Object> logs(JsonNode l) {
        Map<String, Object> e = new LinkedHashMap<>();
        put(e, "maxDataSize", min(l.path("maxDataSize").asLong(0), 0));
        put(e, "maxDays", min(l.path("maxDays").asLong(0), 0));
        return e;
    }

    private static void put(Map<String, Object> errors, String key, Object error) {
        if (error instanceof FieldError || (error instanceof Map<?, ?> m && !m.isEmpty())) {
            errors.put(key, error);
        }
    }

    private static FieldError requiredLength(String value) {
        if (value.isEmpty()) {
            return FieldErrors.required();
        }
        return value.codePointCount(0, value.length()) > 255 ? new FieldError("validation_length_out_of_range",
                "The length must be between 1 and 255.", Map.of("min", 1, "max", 255)) : null;
    }

    private static FieldError min(long value, long threshold) {
        return value != 0 && value < threshold ? new FieldError("validation_min_greater_equal_than_required",
                "Must be no less than " + threshold + ".", Map.of("threshold", threshold)) : null;
    }

    private static FieldError notIn() {
        return FieldError.of("validation_in_invalid", "Must be a valid value.");
    }

    private static FieldError notUrl() {
        return FieldError.of("validation_is_url", "Must be a valid URL.");
    }

    private static FieldError hostError(String host) {
        if (host.isEmpty() || isIp(host) || (host.length() <= 253 && DNS_NAME.matcher(host).matches())) {
            return null;
        }
        return FieldError.of("validation_is_host", "Must be a valid IP address or DNS name.");
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isIpOrSubnet(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return isIp(value);
        }
        String ip = value.substring(0, slash);
        if (!isIp(ip)) {
            return false;
        }
        try {
            int bits = Integer.parseInt(value.substring(slash + 1));
            return bits >= 0 && bits <= (ip.contains(":") ? 128 : 32);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether the text is an IPv4 or IPv6 literal (no name lookups happen). */
    private static boolean isIp(String value) {
        if (!IP_LITERAL.matcher(value).matches()) {
            return false;
        }
        if (!value.contains(":")) {
            return IPV4.matcher(value).matches();
        }
        try {
            InetAddress.getByName(value); // a text with ':' is parsed as an IPv6 literal, never looked up
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
