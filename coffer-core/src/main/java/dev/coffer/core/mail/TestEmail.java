package dev.coffer.core.mail;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.field.Field;
import dev.coffer.core.record.Record;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.types.DateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The settings' test emails: one auth email of a collection, rendered for a made-up record whose visible text
 * fields read {@code __pb_test_<field>__}, sent through the app's mailer to a given address.
 */
public final class TestEmail {

    /** The templates a test email can use, by their API names. */
    public enum Template {
        /** The email verification request. */
        VERIFICATION("verification"),
        /** The password reset request. */
        PASSWORD_RESET("password-reset"),
        /** The email change confirmation. */
        EMAIL_CHANGE("email-change"),
        /** The one-time password. */
        OTP("otp"),
        /** The login alert. */
        LOGIN_ALERT("login-alert");

        private final String id;

        Template(String id) {
            this.id = id;
        }

        /** The API name, such as {@code password-reset}. */
        public String id() {
            return id;
        }

        /** The template with this API name. */
        public static Optional<Template> parse(String id) {
            return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
        }
    }

    private TestEmail() {}

    /**
     * Renders and sends a test email.
     *
     * @param collection an auth collection, whose templates are used
     * @throws MailException when the mailer fails
     */
    public static void send(App app, Collection collection, Template template, String email) {
        Record record = placeholderRecord(collection, email);
        JsonNode options = collection.authOptions().rawJson();
        EmailTemplate.Resolved mail = switch (template) {
            case VERIFICATION -> render(app, record, options.path("verificationTemplate"),
                    app.tokens().newToken(record, TokenType.VERIFICATION, Map.of("email", email)));
            case PASSWORD_RESET -> render(app, record, options.path("resetPasswordTemplate"),
                    app.tokens().newToken(record, TokenType.PASSWORD_RESET, Map.of("email", email)));
            case EMAIL_CHANGE -> render(app, record, options.path("confirmEmailChangeTemplate"),
                    app.tokens().newToken(record, TokenType.EMAIL_CHANGE, Map.of("email", email, "newEmail", email)));
            case OTP -> EmailTemplate.of(options.path("otp").path("emailTemplate")).resolve(app.settings(), record,
                    Map.of(EmailTemplate.OTP_ID, "_PB_TEST_OTP_ID_", EmailTemplate.OTP, "123456"));
            case LOGIN_ALERT -> EmailTemplate.of(options.path("authAlert").path("emailTemplate")).resolve(
                    app.settings(), record, Map.of(EmailTemplate.ALERT_INFO,
                            EmailTemplate.escapeHtml(DateTime.now() + " - TEST_IP TEST_USER_AGENT")));
        };
        app.mailer().send(new MailMessage(app.settings().senderName(), app.settings().senderAddress(),
                List.of(email), mail.subject(), mail.html(), ""));
    }

    private static EmailTemplate.Resolved render(App app, Record record, JsonNode template, String token) {
        return EmailTemplate.of(template).resolve(app.settings(), record, Map.of(EmailTemplate.TOKEN, token));
    }

    private static Record placeholderRecord(Collection collection, String email) {
        Record record = new Record(collection);
        for (Field field : collection.fields()) {
            if (!field.hidden() && record.get(field.name()) instanceof String) {
                record.set(field.name(), "__pb_test_" + field.name() + "__");
            }
        }
        record.set("tokenKey", RandomString.alphanumeric(50));
        record.set("email", email);
        return record;
    }
}
