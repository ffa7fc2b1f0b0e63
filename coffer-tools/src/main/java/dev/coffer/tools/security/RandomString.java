package dev.coffer.tools.security;

import java.security.SecureRandom;

/** Cryptographically random strings over an alphabet. */
public final class RandomString {

    /** Lower-case letters and digits: PocketBase's default record id alphabet. */
    public static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Letters and digits. */
    public static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Letters, digits and underscore: PocketBase's token key and secret alphabet. */
    public static final String ALPHANUMERIC_UNDERSCORE = ALPHANUMERIC + "_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomString() {}

    /** Returns {@code length} characters drawn uniformly from {@code alphabet}. */
    public static String of(int length, String alphabet) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /** Returns {@code length} letters and digits. */
    public static String alphanumeric(int length) {
        return of(length, ALPHANUMERIC);
    }

    /** Returns a new 15-character record id ({@code [a-z0-9]{15}}). */
    public static String recordId() {
        return of(15, LOWER_ALPHANUMERIC);
    }
}
