package dev.coffer.tools.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** Password hashing with bcrypt ({@code $2a$}, as PocketBase stores it). */
public final class Passwords {

    /** The cost PocketBase uses when a password field sets none. */
    public static final int DEFAULT_COST = 10;

    private Passwords() {}

    /** Hashes a password with the given bcrypt cost (0 means the default). */
    public static String hash(String password, int cost) {
        int c = cost <= 0 ? DEFAULT_COST : cost;
        return BCrypt.with(BCrypt.Version.VERSION_2A).hashToString(c, password.toCharArray());
    }

    /** Tells whether a password matches a bcrypt hash; false for an empty or malformed hash. */
    public static boolean matches(String password, String hash) {
        if (password == null || hash == null || hash.isEmpty()) {
            return false;
        }
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        if (pw.length > 72) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(pw, hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
