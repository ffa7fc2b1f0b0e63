package dev.coffer.core.auth;

import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.record.Record;
import dev.coffer.tools.security.Passwords;
import dev.coffer.tools.security.RandomString;

/** Changes to an auth record's secrets that the auth flows make outside a record form. */
public final class AuthCredentials {

    private AuthCredentials() {}

    /** Gives the record a new token key, so every token issued before stops verifying. */
    public static void rotateTokenKey(Record record) {
        record.set("tokenKey", RandomString.of(50, RandomString.ALPHANUMERIC_UNDERSCORE));
    }

    /**
     * Replaces the password with a random one nobody knows and rotates the token key; the owner signs in
     * by other means or resets the password.
     */
    public static void setRandomPassword(Record record) {
        int cost = record.collection().field("password")
                .filter(FieldPassword.class::isInstance).map(f -> ((FieldPassword) f).cost()).orElse(0);
        record.set("password", Passwords.hash(RandomString.alphanumeric(30), cost));
        rotateTokenKey(record);
    }
}
