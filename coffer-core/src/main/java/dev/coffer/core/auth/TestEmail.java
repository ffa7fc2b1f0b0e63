package dev.coffer.core.auth;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.record.Record;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.types.DateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

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
     * @throws dev.coffer.core.mail.MailException when the mailer fails
     */
    public static void send(App app, Collection collection, Template template, String email) {
        Record record = placeholderRecord(collection, email);
        switch (template) {
            case VERIFICATION -> AuthMails.sendWithToken(app, AuthMails.Kind.VERIFICATION, record, email, email);
            case PASSWORD_RESET -> AuthMails.sendWithToken(app, AuthMails.Kind.PASSWORD_RESET, record, email, email);
            case EMAIL_CHANGE -> AuthMails.sendWithToken(app, AuthMails.Kind.EMAIL_CHANGE, record, email, email);
            case OTP -> AuthMails.send(app, AuthMails.Kind.OTP, record,
                    AuthMails.otp(app, record, "_PB_TEST_OTP_ID_", "123456"),
                    Map.of("otpId", "_PB_TEST_OTP_ID_", "password", "123456"));
            case LOGIN_ALERT -> {
                String info = DateTime.now() + " - TEST_IP TEST_USER_AGENT";
                AuthMails.send(app, AuthMails.Kind.AUTH_ALERT, record, AuthMails.authAlert(app, record, info),
                        Map.of("info", info));
            }
        }
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
