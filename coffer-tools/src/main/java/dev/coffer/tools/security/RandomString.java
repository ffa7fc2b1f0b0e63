package dev.coffer.tools.security;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Cryptographically random strings over an alphabet.
 *
 * <p>The random bytes come from a few DRBG generators (each seeded by the platform), chosen by the calling
 * thread's id, so concurrent requests don't queue on one generator; a string takes its bytes in one call and
 * maps them to the alphabet by rejection sampling, so every character is uniform.
 */
public final class RandomString {

    /** Lower-case letters and digits: PocketBase's default record id alphabet. */
    public static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Letters and digits. */
    public static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Letters, digits and underscore: PocketBase's token key and secret alphabet. */
    public static final String ALPHANUMERIC_UNDERSCORE = ALPHANUMERIC + "_";

    private static final int STRIPES = 8; // a power of two
    private static final SecureRandom[] RANDOMS = new SecureRandom[STRIPES];

    static {
        for (int i = 0; i < STRIPES; i++) {
            RANDOMS[i] = newGenerator();
        }
    }

    private RandomString() {}

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static SecureRandom random() {
        return RANDOMS[(int) (Thread.currentThread().threadId() & (STRIPES - 1))];
    }

    /** Fills the array with random bytes. */
    public static void nextBytes(byte[] out) {
        random().nextBytes(out);
    }

    /** Returns {@code length} characters drawn uniformly from {@code alphabet}. */
    public static String of(int length, String alphabet) {
        int n = alphabet.length();
        if (n == 0) {
            throw new IllegalArgumentException("empty alphabet");
        }
        if (n > 256) {
            SecureRandom random = random();
            char[] out = new char[length];
            for (int i = 0; i < length; i++) {
                out[i] = alphabet.charAt(random.nextInt(n));
            }
            return new String(out);
        }
        // bytes below the largest multiple of n map evenly onto the alphabet; the rest are drawn again
        int limit = 256 - 256 % n;
        char[] out = new char[length];
        byte[] bytes = new byte[length + length / 2 + 8];
        int filled = 0;
        while (filled < length) {
            random().nextBytes(bytes);
            for (int i = 0; i < bytes.length && filled < length; i++) {
                int b = bytes[i] & 0xff;
                if (b < limit) {
                    out[filled++] = alphabet.charAt(b % n);
                }
            }
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
