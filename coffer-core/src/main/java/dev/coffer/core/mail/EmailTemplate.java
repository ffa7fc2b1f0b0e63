package dev.coffer.core.mail;

import dev.coffer.core.field.Field;
import dev.coffer.core.record.Record;
import dev.coffer.core.settings.Settings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * An auth collection's email template: a subject and an HTML body with placeholders such as {@code {APP_NAME}},
 * {@code {APP_URL}}, {@code {TOKEN}}, {@code {OTP}}, {@code {OTP_ID}}, {@code {ALERT_INFO}} and
 * {@code {RECORD:field}}; the resolved body is wrapped in the common email layout.
 *
 * @param subject the subject template
 * @param body the HTML body template
 */
public record EmailTemplate(String subject, String body) {

    /** The placeholder of the app name. */
    public static final String APP_NAME = "{APP_NAME}";
    /** The placeholder of the app URL. */
    public static final String APP_URL = "{APP_URL}";
    /** The placeholder of a verification, password-reset or email-change token. */
    public static final String TOKEN = "{TOKEN}";
    /** The placeholder of a one-time password. */
    public static final String OTP = "{OTP}";
    /** The placeholder of a one-time password's id. */
    public static final String OTP_ID = "{OTP_ID}";
    /** The placeholder of the login alert details. */
    public static final String ALERT_INFO = "{ALERT_INFO}";

    /** Field types whose values are put into the HTML as they are (they can't hold markup). */
    private static final Set<String> UNESCAPED_TYPES = Set.of("autodate", "date", "bool", "number");

    /** A subject and body resolved for one recipient. */
    public record Resolved(String subject, String html) {}

    /** Reads a template object ({@code {"subject": …, "body": …}}); missing parts are empty. */
    public static EmailTemplate of(JsonNode json) {
        return new EmailTemplate(json.path("subject").asString(""), json.path("body").asString(""));
    }

    /**
     * Resolves the placeholders for a record: the given values first, then the app name and URL from the
     * settings and each visible field of the record as {@code {RECORD:name}} (HTML-escaped unless the field
     * holds dates, booleans or numbers). The body comes back inside the email layout.
     */
    public Resolved resolve(Settings settings, Record record, Map<String, String> values) {
        Map<String, String> placeholders = new LinkedHashMap<>(values);
        placeholders.putIfAbsent(APP_NAME, settings.appName());
        placeholders.putIfAbsent(APP_URL, settings.appUrl());
        for (Field field : record.collection().fields()) {
            if (field.hidden()) {
                continue;
            }
            String value = record.getString(field.name());
            placeholders.putIfAbsent("{RECORD:" + field.name() + "}",
                    UNESCAPED_TYPES.contains(field.type()) ? value : escapeHtml(value));
        }
        String s = subject;
        String b = body;
        for (Map.Entry<String, String> e : placeholders.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
            b = b.replace(e.getKey(), e.getValue());
        }
        return new Resolved(s, EmailLayout.wrap(b));
    }

    /** Escapes {@code & < > " '} for HTML text and attributes. */
    public static String escapeHtml(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
