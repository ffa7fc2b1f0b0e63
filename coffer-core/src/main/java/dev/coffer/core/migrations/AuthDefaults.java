package dev.coffer.core.migrations;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import tools.jackson.databind.node.ObjectNode;

/**
 * The options PocketBase gives a new auth collection: rules, auth methods, token durations with fresh random
 * secrets, and the default email templates. Keys follow PocketBase's stored order.
 */
public final class AuthDefaults {

    /** The authAlert body before PocketBase's 1763020353 migration; replaced by {@link #AUTH_ALERT_BODY}. */
    static final String OLD_AUTH_ALERT_BODY = """
            <p>Hello,</p>
            <p>We noticed a login to your {APP_NAME} account from a new location.</p>
            <p>If this was you, you may disregard this email.</p>
            <p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password \
            to revoke access from all other locations.</strong></p>
            <p>
              Thanks,<br/>
              {APP_NAME} team
            </p>""";

    /** The current default authAlert body. */
    static final String AUTH_ALERT_BODY = """
            <p>Hello,</p>
            <p>We noticed a login to your {APP_NAME} account from a new location:</p>
            <p><em>{ALERT_INFO}</em></p>
            <p><strong>If this wasn't you, you should immediately change your {APP_NAME} account password \
            to revoke access from all other locations.</strong></p>
            <p>If this was you, you may disregard this email.</p>
            <p>
              Thanks,<br/>
              {APP_NAME} team
            </p>""";

    private static final String OTP_BODY = """
            <p>Hello,</p>
            <p>Your one-time password is: <strong>{OTP}</strong></p>
            <p><i>If you didn't ask for the one-time password, you can ignore this email.</i></p>
            <p>
              Thanks,<br/>
              {APP_NAME} team
            </p>""";

    private static final String VERIFICATION_BODY = """
            <p>Hello,</p>
            <p>Thank you for joining us at {APP_NAME}.</p>
            <p>Click on the button below to verify your email address.</p>
            <p>
              <a class="btn" href="{APP_URL}/_/#/auth/confirm-verification/{TOKEN}" target="_blank" \
            rel="noopener">Verify</a>
            </p>
            <p><i>If you didn't recently register, please ignore this email.</i></p>
            <p>
              Thanks,<br/>
              {APP_NAME} team
            </p>""";

    private static final String RESET_PASSWORD_BODY = """
            <p>Hello,</p>
            <p>Click on the button below to reset your password.</p>
            <p>
              <a class="btn" href="{APP_URL}/_/#/auth/confirm-password-reset/{TOKEN}" target="_blank" \
            rel="noopener">Reset password</a>
            </p>
            <p><i>If you didn't ask to reset your password, please ignore this email.</i></p>
            <p>
              Thanks,<br/>
              {APP_NAME} team
            </p>""";

    private static final String CONFIRM_EMAIL_CHANGE_BODY = """
            <p>Hello,</p>
            <p>Click on the button below to confirm your new email address.</p>
            <p>
              <a class="btn" href="{APP_URL}/_/#/auth/confirm-email-change/{TOKEN}" target="_blank" \
            rel="noopener">Confirm new email</a>
            </p>
            <p><i>If you didn't ask to change your email address, please ignore this email.</i></p>
            <p>
              Thanks,<br/>
              {APP_NAME} team
            </p>""";

    /** Seconds an auth token of a new auth collection stays valid (5 days). */
    public static final long AUTH_TOKEN_DURATION = 432_000;

    private AuthDefaults() {}

    /**
     * Builds the default options of a new auth collection.
     *
     * @param authTokenDuration the auth token lifetime in seconds
     * @param mappedName the field OAuth2 maps the user's name to, or {@code ""}
     * @param mappedAvatar the field OAuth2 maps the avatar URL to, or {@code ""}
     */
    public static ObjectNode options(long authTokenDuration, String mappedName, String mappedAvatar) {
        ObjectNode o = Json.object();
        o.put("authRule", "");
        o.putNull("manageRule");

        ObjectNode alert = o.putObject("authAlert");
        alert.put("enabled", true);
        template(alert.putObject("emailTemplate"), "Login from a new location", AUTH_ALERT_BODY);

        ObjectNode oauth2 = o.putObject("oauth2");
        oauth2.putNull("providers");
        ObjectNode mapped = oauth2.putObject("mappedFields");
        mapped.put("id", "");
        mapped.put("name", mappedName);
        mapped.put("username", "");
        mapped.put("avatarURL", mappedAvatar);
        oauth2.put("enabled", false);

        ObjectNode passwordAuth = o.putObject("passwordAuth");
        passwordAuth.put("enabled", true);
        passwordAuth.putArray("identityFields").add("email");

        ObjectNode mfa = o.putObject("mfa");
        mfa.put("enabled", false);
        mfa.put("duration", 600);
        mfa.put("rule", "");

        ObjectNode otp = o.putObject("otp");
        otp.put("enabled", false);
        otp.put("duration", 180);
        otp.put("length", 8);
        template(otp.putObject("emailTemplate"), "OTP for {APP_NAME}", OTP_BODY);

        token(o, "authToken", authTokenDuration);
        token(o, "passwordResetToken", 1800);
        token(o, "emailChangeToken", 1800);
        token(o, "verificationToken", 86_400);
        token(o, "fileToken", 180);

        template(o.putObject("verificationTemplate"), "Verify your {APP_NAME} email", VERIFICATION_BODY);
        template(o.putObject("resetPasswordTemplate"), "Reset your {APP_NAME} password", RESET_PASSWORD_BODY);
        template(o.putObject("confirmEmailChangeTemplate"), "Confirm your {APP_NAME} new email address",
                CONFIRM_EMAIL_CHANGE_BODY);
        return o;
    }

    private static void token(ObjectNode options, String key, long duration) {
        ObjectNode token = options.putObject(key);
        token.put("secret", RandomString.alphanumeric(50));
        token.put("duration", duration);
    }

    private static void template(ObjectNode node, String subject, String body) {
        node.put("subject", subject);
        node.put("body", body);
    }
}
