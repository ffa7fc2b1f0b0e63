package dev.coffer.core.collection;

/** The kinds of token an auth collection signs, each with its own secret and duration. */
public enum TokenType {
    /** Authenticates API requests. */
    AUTH("auth", "authToken"),
    /** Confirms a password reset. */
    PASSWORD_RESET("passwordReset", "passwordResetToken"),
    /** Confirms an email change. */
    EMAIL_CHANGE("emailChange", "emailChangeToken"),
    /** Confirms an email address. */
    VERIFICATION("verification", "verificationToken"),
    /** Grants access to protected files. */
    FILE("file", "fileToken");

    private final String claim;
    private final String optionKey;

    TokenType(String claim, String optionKey) {
        this.claim = claim;
        this.optionKey = optionKey;
    }

    /** The value of the token's {@code type} claim. */
    public String claim() {
        return claim;
    }

    /** The key of this token's config in the auth collection options. */
    public String optionKey() {
        return optionKey;
    }
}
