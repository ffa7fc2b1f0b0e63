package dev.coffer.core.migrations;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code settings} row PocketBase writes to {@code _params} when it starts on a database without one:
 * its default settings as plain (unencrypted) JSON, stored as a BLOB like PocketBase's driver stores it.
 */
final class DefaultSettings {

    /** The {@code _params} id of the settings row. */
    static final String PARAM_ID = "settings";

    private DefaultSettings() {}

    /** Inserts the default settings row unless one exists; returns whether it inserted. */
    static boolean ensureStored(Connection db) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT (1) FROM `_params` WHERE `id` = ? LIMIT 1")) {
            ps.setString(1, PARAM_ID);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        String now = DateTime.now();
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO `_params` (`created`, `id`, `updated`, `value`) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, now);
            ps.setString(2, PARAM_ID);
            ps.setString(3, now);
            ps.setBytes(4, GoJson.write(json()).getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
        return true;
    }

    /** PocketBase v0.39's default settings, keys in its stored order. */
    static ObjectNode json() {
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
        logs.put("maxDays", 5);
        logs.put("minLevel", 0);
        logs.put("logIP", true);
        logs.put("logAuthId", false);
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
}
