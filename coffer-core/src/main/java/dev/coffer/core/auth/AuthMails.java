package dev.coffer.core.auth;

import dev.coffer.core.App;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.event.MailerRecordEvent;
import dev.coffer.core.mail.EmailTemplate;
import dev.coffer.core.mail.MailException;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.record.Record;
import dev.coffer.tools.hook.Hook;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Builds the emails of the auth flows from an auth collection's templates. A template's subject and body
 * may use {@code {APP_NAME}}, {@code {APP_URL}}, {@code {RECORD:field}} for every visible field, and the
 * flow's own placeholders ({@code {TOKEN}}, {@code {OTP}}, {@code {OTP_ID}}, {@code {ALERT_INFO}}), resolved by
 * {@link EmailTemplate} and placed in the email layout; the sender comes from the settings.
 */
public final class AuthMails {

    private AuthMails() {}

    /** The kinds of auth emails, each with its hook. */
    public enum Kind {
        /** {@link #verification}. */
        VERIFICATION,
        /** {@link #passwordReset}. */
        PASSWORD_RESET,
        /** {@link #emailChange}. */
        EMAIL_CHANGE,
        /** {@link #otp}. */
        OTP,
        /** {@link #authAlert}. */
        AUTH_ALERT
    }

    /**
     * Sends an auth email through its hook ({@code onMailerRecord…Send}) and the app's mailer.
     *
     * @param meta the flow's values the mail was made with (token, otpId, newEmail, info)
     * @throws dev.coffer.core.mail.MailException when the mailer fails
     */
    public static void send(App app, Kind kind, Record record, MailMessage message, Map<String, Object> meta) {
        Hook<MailerRecordEvent> hook = switch (kind) {
            case VERIFICATION -> app.hooks().onMailerRecordVerificationSend();
            case PASSWORD_RESET -> app.hooks().onMailerRecordPasswordResetSend();
            case EMAIL_CHANGE -> app.hooks().onMailerRecordEmailChangeSend();
            case OTP -> app.hooks().onMailerRecordOTPSend();
            case AUTH_ALERT -> app.hooks().onMailerRecordAuthAlertSend();
        };
        try {
            hook.trigger(new MailerRecordEvent(app, record, message, meta), e -> app.mailer().send(e.message()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MailException("failed to send the email: " + e.getMessage(), e);
        }
    }

    /**
     * Sends a verification, password reset or email change mail with a new token whose {@code email} claim is
     * {@code email} (and {@code newEmail} for an email change, the address it goes to), through {@link #send}.
     */
    public static void sendWithToken(App app, Kind kind, Record record, String email, String newEmail) {
        switch (kind) {
            case VERIFICATION -> {
                String token = app.tokens().newToken(record, TokenType.VERIFICATION, Map.of("email", email));
                send(app, kind, record, verification(app, record, token), Map.of("token", token));
            }
            case PASSWORD_RESET -> {
                String token = app.tokens().newToken(record, TokenType.PASSWORD_RESET, Map.of("email", email));
                send(app, kind, record, passwordReset(app, record, token), Map.of("token", token));
            }
            case EMAIL_CHANGE -> {
                String token = app.tokens().newToken(record, TokenType.EMAIL_CHANGE,
                        Map.of("email", email, "newEmail", newEmail));
                send(app, kind, record, emailChange(app, record, newEmail, token),
                        Map.of("token", token, "newEmail", newEmail));
            }
            default -> throw new IllegalArgumentException(kind + " mails have no token");
        }
    }

    /** The email that asks the record's owner to confirm its address. */
    public static MailMessage verification(App app, Record record, String token) {
        return build(app, record, template(record, "verificationTemplate"), record.email(),
                Map.of(EmailTemplate.TOKEN, token));
    }

    /** The email with the link to choose a new password. */
    public static MailMessage passwordReset(App app, Record record, String token) {
        return build(app, record, template(record, "resetPasswordTemplate"), record.email(),
                Map.of(EmailTemplate.TOKEN, token));
    }

    /** The email, sent to the new address, that confirms an email change. */
    public static MailMessage emailChange(App app, Record record, String newEmail, String token) {
        return build(app, record, template(record, "confirmEmailChangeTemplate"), newEmail,
                Map.of(EmailTemplate.TOKEN, token));
    }

    /** The email carrying a one-time password. */
    public static MailMessage otp(App app, Record record, String otpId, String password) {
        return build(app, record, template(record, "otp", "emailTemplate"), record.email(),
                Map.of(EmailTemplate.OTP_ID, otpId, EmailTemplate.OTP, password));
    }

    /** The email warning about a login from a new origin; {@code info} is escaped. */
    public static MailMessage authAlert(App app, Record record, String info) {
        return build(app, record, template(record, "authAlert", "emailTemplate"), record.email(),
                Map.of(EmailTemplate.ALERT_INFO, EmailTemplate.escapeHtml(info)));
    }

    private static JsonNode template(Record record, String... path) {
        JsonNode n = record.collection().authOptions().rawJson();
        for (String p : path) {
            n = n.path(p);
        }
        return n;
    }

    private static MailMessage build(App app, Record record, JsonNode template, String to, Map<String, String> own) {
        EmailTemplate.Resolved mail = EmailTemplate.of(template).resolve(app.settings(), record, own);
        return new MailMessage(app.settings().senderName(), app.settings().senderAddress(), List.of(to),
                mail.subject(), mail.html(), "");
    }
}
