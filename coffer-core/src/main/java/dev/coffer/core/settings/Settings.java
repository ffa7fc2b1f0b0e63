package dev.coffer.core.settings;

import dev.coffer.tools.filesystem.S3Config;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.mail.SmtpAuth;
import dev.coffer.tools.mail.SmtpConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The application settings stored in {@code _params} (id {@code settings}), merged over PocketBase's defaults.
 * Immutable: an update builds a new instance.
 */
public final class Settings {

    /** The {@code _params} row id of the settings. */
    public static final String PARAMS_KEY = "settings";

    /**
     * The Coffer-only {@code openapi} section ({@code {"access": …}}): who may read {@code GET /api/openapi.json}.
     * Like the other Coffer-only options it is absent from the JSON until set, so the settings keep PocketBase's
     * shape.
     */
    public static final String OPENAPI = "openapi";
    /** {@code openapi.access}: superusers only (the default). */
    public static final String OPENAPI_SUPERUSERS = "superusers";
    /** {@code openapi.access}: any authenticated record. */
    public static final String OPENAPI_AUTHENTICATED = "authenticated";
    /** {@code openapi.access}: anyone, guests included. */
    public static final String OPENAPI_PUBLIC = "public";
    /** The values {@code openapi.access} takes. */
    public static final List<String> OPENAPI_ACCESS = List.of(OPENAPI_SUPERUSERS, OPENAPI_AUTHENTICATED, OPENAPI_PUBLIC);

    private final ObjectNode json;
    private volatile RateLimits rateLimits;
    private volatile MetricsSettings metrics;

    private Settings(ObjectNode json) {
        this.json = json;
    }

    /** PocketBase's defaults for a new installation. */
    public static Settings defaults() {
        return new Settings(defaultJson());
    }

    /** Settings from stored JSON, with defaults for anything missing. */
    public static Settings fromStored(String storedJson) {
        ObjectNode merged = defaultJson();
        if (storedJson != null && !storedJson.isBlank()) {
            JsonNode stored = Json.parse(storedJson);
            if (stored instanceof ObjectNode o) {
                deepMerge(merged, o);
            }
        }
        return new Settings(merged);
    }

    private static void deepMerge(ObjectNode target, ObjectNode source) {
        for (Map.Entry<String, JsonNode> e : source.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode t && e.getValue() instanceof ObjectNode s) {
                deepMerge(t, s);
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /**
     * PocketBase's default settings, keys in the order it stores them. The S3 secrets are absent, as PocketBase
     * leaves empty secrets out of the stored JSON.
     */
    /** The {@code data} size limit of a log when {@code logs.maxDataSize} is 0, as PocketBase's default. */
    public static final long DEFAULT_LOG_DATA_SIZE = 16 * 1024;

    private static ObjectNode defaultJson() {
        ObjectNode s = Json.object();
        s.putArray("superuserIPs");

        ObjectNode smtp = s.putObject("smtp");
        smtp.put("enabled", false);
        smtp.put("port", 587);
        smtp.put("host", "smtp.example.com");
        smtp.put("username", "");
        smtp.put("password", "");
        smtp.put("authMethod", "");
        smtp.put("tls", false);
        smtp.put("localName", "");

        ObjectNode backups = s.putObject("backups");
        backups.put("cron", "");
        backups.put("cronMaxKeep", 3);
        s3(backups.putObject("s3"));

        s3(s.putObject("s3"));

        ObjectNode meta = s.putObject("meta");
        meta.put("accentColor", "#1055c9");
        meta.put("appName", "Acme");
        meta.put("appURL", "http://localhost:8090");
        meta.put("senderName", "Support");
        meta.put("senderAddress", "support@example.com");
        meta.put("hideControls", false);

        ObjectNode rateLimits = s.putObject("rateLimits");
        ArrayNode rules = rateLimits.putArray("rules");
        rule(rules, "*:auth", 3, 2);
        rule(rules, "*:create", 5, 20);
        rule(rules, "/api/batch", 1, 3);
        rule(rules, "/api/", 10, 300);
        rateLimits.putArray("excludedIPs");
        rateLimits.put("enabled", false);

        ObjectNode trustedProxy = s.putObject("trustedProxy");
        trustedProxy.putArray("headers");
        trustedProxy.put("useLeftmostIP", false);

        ObjectNode batch = s.putObject("batch");
        batch.put("enabled", false);
        batch.put("maxRequests", 50);
        batch.put("timeout", 3);
        batch.put("maxBodySize", 0);

        ObjectNode logs = s.putObject("logs");
        logs.put("maxDataSize", 0);
        logs.put("maxDays", 5);
        logs.put("minLevel", 0);
        logs.put("logIP", true);
        logs.put("logAuthId", false);
        return s;
    }

    /**
     * Every known key with a value of its type: the defaults plus the secrets they leave out, and Coffer's own
     * sections, which the stored JSON holds only once they are set.
     */
    private static ObjectNode schema() {
        ObjectNode s = defaultJson();
        ((ObjectNode) s.get("s3")).put("secret", "");
        ((ObjectNode) s.get("backups").get("s3")).put("secret", "");
        s.putObject(OPENAPI).put("access", "");
        ObjectNode metrics = s.putObject("metrics");
        metrics.putArray("allowedIPs");
        metrics.put("token", "");
        return s;
    }

    private static void s3(ObjectNode s3) {
        s3.put("enabled", false);
        s3.put("bucket", "");
        s3.put("region", "");
        s3.put("endpoint", "");
        s3.put("accessKey", "");
        s3.put("forcePathStyle", false);
    }

    private static void rule(ArrayNode rules, String label, int duration, int maxRequests) {
        ObjectNode rule = rules.addObject();
        rule.put("label", label);
        rule.put("audience", "");
        rule.put("duration", duration);
        rule.put("maxRequests", maxRequests);
    }

    /** The application name. */
    public String appName() {
        return json.path("meta").path("appName").asString("");
    }

    /** The public URL of the application. */
    public String appUrl() {
        return json.path("meta").path("appURL").asString("");
    }

    /** The sender's display name of the app's emails. */
    public String senderName() {
        return json.path("meta").path("senderName").asString("");
    }

    /** The sender's address of the app's emails. */
    public String senderAddress() {
        return json.path("meta").path("senderAddress").asString("");
    }

    /** Whether emails go through the configured SMTP server (else through the local {@code sendmail}). */
    public boolean smtpEnabled() {
        return json.path("smtp").path("enabled").asBoolean(false);
    }

    /**
     * The SMTP server settings.
     *
     * @throws IllegalArgumentException when the stored port is out of range
     */
    public SmtpConfig smtp() {
        JsonNode smtp = json.path("smtp");
        return SmtpConfig.of(smtp.path("host").asString(""), smtp.path("port").asInt(0),
                smtp.path("username").asString(""), smtp.path("password").asString(""),
                SmtpAuth.parse(smtp.path("authMethod").asString("")), smtp.path("tls").asBoolean(false),
                smtp.path("localName").asString(""));
    }

    /** The {@code s3} section: where record files and thumbnails are stored when it is enabled. */
    public S3Settings s3() {
        return s3Section(json.path("s3"));
    }

    /** The {@code backups.s3} section: where backups are stored when it is enabled. */
    public S3Settings backupsS3() {
        return s3Section(json.path("backups").path("s3"));
    }

    private static S3Settings s3Section(JsonNode s3) {
        return new S3Settings(s3.path("enabled").asBoolean(false), new S3Config(s3.path("endpoint").asString(""),
                s3.path("region").asString(""), s3.path("bucket").asString(""), s3.path("accessKey").asString(""),
                s3.path("secret").asString(""), s3.path("forcePathStyle").asBoolean(false)));
    }

    /** IPs superusers may authenticate from (empty = any). */
    public List<String> superuserIps() {
        return strings(json.path("superuserIPs"));
    }

    /** Headers trusted to carry the client IP, in order. */
    public List<String> trustedProxyHeaders() {
        return strings(json.path("trustedProxy").path("headers"));
    }

    /** Whether the leftmost IP of a trusted forwarding header is used (else the rightmost). */
    public boolean trustedProxyUseLeftmostIp() {
        return json.path("trustedProxy").path("useLeftmostIP").asBoolean(false);
    }

    /** The cron expression of the automatic backups ({@code backups.cron}); empty when they are off. */
    public String backupsCron() {
        return json.path("backups").path("cron").asString("");
    }

    /** How many automatic backups to keep ({@code backups.cronMaxKeep}); 0 keeps all. */
    public int backupsCronMaxKeep() {
        return json.path("backups").path("cronMaxKeep").asInt(0);
    }

    /** The {@code rateLimits} section (read once per settings instance). */
    public RateLimits rateLimits() {
        RateLimits r = rateLimits;
        if (r == null) {
            r = RateLimits.of(json.path("rateLimits"));
            rateLimits = r;
        }
        return r;
    }

    /** Coffer's {@code metrics} section: who may scrape {@code GET /api/metrics} (read once per settings instance). */
    public MetricsSettings metrics() {
        MetricsSettings m = metrics;
        if (m == null) {
            m = MetricsSettings.of(json.path("metrics"));
            metrics = m;
        }
        return m;
    }

    /** Whether {@code POST /api/batch} is enabled ({@code batch.enabled}). */
    public boolean batchEnabled() {
        return json.path("batch").path("enabled").asBoolean(false);
    }

    /** The most sub-requests one batch may hold ({@code batch.maxRequests}; 0 or less disables batches). */
    public int batchMaxRequests() {
        return json.path("batch").path("maxRequests").asInt(0);
    }

    /** The batch transaction timeout in seconds ({@code batch.timeout}; 0 or less means 3). */
    public long batchTimeoutSeconds() {
        long t = json.path("batch").path("timeout").asLong(0);
        return t <= 0 ? 3 : t;
    }

    /** The batch request body limit in bytes ({@code batch.maxBodySize}; 0 or less means 128 MiB). */
    public long batchMaxBodySize() {
        long max = json.path("batch").path("maxBodySize").asLong(0);
        return max <= 0 ? 128L << 20 : max;
    }

    /** Days request logs are kept (0 = request logging off). */
    public int logsMaxDays() {
        return json.path("logs").path("maxDays").asInt(0);
    }

    /** The lowest level a log must have to be stored (-4 debug, 0 info, 4 warn, 8 error). */
    public int logsMinLevel() {
        return json.path("logs").path("minLevel").asInt(0);
    }

    /**
     * The most bytes a log's serialised {@code data} may take before its longest texts are cut
     * ({@code logs.maxDataSize}; 0 means the default, about 16 KiB).
     */
    public long logsMaxDataSize() {
        long v = json.path("logs").path("maxDataSize").asLong(0);
        return v <= 0 ? DEFAULT_LOG_DATA_SIZE : v;
    }

    /** Whether request logs record the client IPs. */
    public boolean logsLogIP() {
        return json.path("logs").path("logIP").asBoolean(false);
    }

    /** Whether request logs record the id of the authenticated record. */
    public boolean logsLogAuthId() {
        return json.path("logs").path("logAuthId").asBoolean(false);
    }

    /**
     * Who may read the OpenAPI document ({@code openapi.access}): {@link #OPENAPI_SUPERUSERS} (also when unset or
     * empty), {@link #OPENAPI_AUTHENTICATED} or {@link #OPENAPI_PUBLIC}.
     */
    public String openApiAccess() {
        String access = json.path(OPENAPI).path("access").asString("");
        return access.isEmpty() ? OPENAPI_SUPERUSERS : access;
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asString()));
        return List.copyOf(out);
    }

    /**
     * The settings as the API shows them: the SMTP password, the S3 secrets and the metrics token are left out
     * whatever their value, so a response never reveals whether one is set.
     */
    public ObjectNode publicJson() {
        ObjectNode copy = json.deepCopy();
        removeKey(copy.get("smtp"), "password");
        removeKey(copy.get("metrics"), "token");
        removeKey(copy.get("s3"), "secret");
        removeKey(copy.path("backups").get("s3"), "secret");
        return copy;
    }

    private static void removeKey(JsonNode node, String key) {
        if (node instanceof ObjectNode o) {
            o.remove(key);
        }
    }

    /** The full settings JSON, secrets included (for storage). */
    public ObjectNode storedJson() {
        return json.deepCopy();
    }

    /** A copy with one section replaced or merged (used by tests and the settings API). */
    public Settings withMerged(ObjectNode patch) {
        ObjectNode copy = json.deepCopy();
        deepMerge(copy, patch);
        return new Settings(copy);
    }

    /**
     * A copy with submitted values applied as PocketBase binds a request body onto its settings: known keys only,
     * objects merged, arrays replaced, {@code null} leaving a value as it is (and emptying a list).
     *
     * @throws IllegalArgumentException when a value has the wrong JSON type for its key
     */
    public Settings withPatch(ObjectNode patch) {
        ObjectNode copy = json.deepCopy();
        SettingsPatch.apply(copy, patch, schema());
        return new Settings(copy);
    }
}
