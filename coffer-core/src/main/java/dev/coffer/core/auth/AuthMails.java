package dev.coffer.core.auth;

import dev.coffer.core.App;
import dev.coffer.core.field.Field;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.record.Record;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Builds the emails of the auth flows from an auth collection's templates. A template's subject and body
 * may use {@code {APP_NAME}}, {@code {APP_URL}}, {@code {RECORD:field}} for every visible field, and the
 * flow's own placeholders ({@code {TOKEN}}, {@code {OTP}}, {@code {OTP_ID}}, {@code {ALERT_INFO}}); the body
 * is then placed in a plain HTML page. Record values are HTML-escaped except dates, booleans and numbers.
 */
public final class AuthMails {

    /** Placeholder of a one-time token (verification, password reset, email change). */
    public static final String TOKEN = "{TOKEN}";
    /** Placeholder of an OTP code. */
    public static final String OTP = "{OTP}";
    /** Placeholder of an OTP id. */
    public static final String OTP_ID = "{OTP_ID}";
    /** Placeholder of the new-login details. */
    public static final String ALERT_INFO = "{ALERT_INFO}";

    private static final Set<String> RAW_TYPES = Set.of("autodate", "date", "bool", "number");

    private AuthMails() {}

    /** The email that asks the record's owner to confirm its address. */
    public static MailMessage verification(App app, Record record, String token) {
        return build(app, record, template(record, "verificationTemplate"), record.email(), Map.of(TOKEN, token));
    }

    /** The email with the link to choose a new password. */
    public static MailMessage passwordReset(App app, Record record, String token) {
        return build(app, record, template(record, "resetPasswordTemplate"), record.email(), Map.of(TOKEN, token));
    }

    /** The email, sent to the new address, that confirms an email change. */
    public static MailMessage emailChange(App app, Record record, String newEmail, String token) {
        return build(app, record, template(record, "confirmEmailChangeTemplate"), newEmail, Map.of(TOKEN, token));
    }

    /** The email carrying a one-time password. */
    public static MailMessage otp(App app, Record record, String otpId, String password) {
        return build(app, record, template(record, "otp", "emailTemplate"), record.email(),
                Map.of(OTP_ID, otpId, OTP, password));
    }

    /** The email warning about a login from a new origin; {@code info} is escaped. */
    public static MailMessage authAlert(App app, Record record, String info) {
        return build(app, record, template(record, "authAlert", "emailTemplate"), record.email(),
                Map.of(ALERT_INFO, escape(info)));
    }

    private static JsonNode template(Record record, String... path) {
        JsonNode n = record.collection().authOptions().rawJson();
        for (String p : path) {
            n = n.path(p);
        }
        return n;
    }

    private static MailMessage build(App app, Record record, JsonNode template, String to, Map<String, String> own) {
        Map<String, String> values = new LinkedHashMap<>(own);
        values.put("{APP_NAME}", app.settings().appName());
        values.put("{APP_URL}", app.settings().appUrl());
        for (Field f : record.collection().fields()) {
            if (!f.hidden()) {
                String v = record.getString(f.name());
                values.putIfAbsent("{RECORD:" + f.name() + "}", RAW_TYPES.contains(f.type()) ? v : escape(v));
            }
        }
        String subject = resolve(template.path("subject").asString(""), values);
        String body = resolve(template.path("body").asString(""), values);
        JsonNode meta = app.settings().storedJson().path("meta");
        return new MailMessage(meta.path("senderName").asString(""), meta.path("senderAddress").asString(""),
                List.of(to), subject, page(body), "");
    }

    private static String resolve(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static String page(String content) {
        return "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
                + "<style>body{margin:0;padding:20px 30px;font:14px/20px sans-serif;color:#16161a;background:#fff}"
                + "p{margin:10px 0}.btn{display:inline-block;padding:0 20px;min-width:150px;line-height:40px;"
                + "border-radius:6px;text-align:center;font-weight:bold;text-decoration:none;color:#fff!important;"
                + "background:#16161a!important}</style>\n</head>\n<body>\n" + content + "\n</body>\n</html>\n";
    }

    /** Escapes the five HTML special characters. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&#34;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
