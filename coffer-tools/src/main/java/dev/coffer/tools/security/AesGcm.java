package dev.coffer.tools.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM encryption in PocketBase's text format: base64 (standard alphabet, padded) of a random 12-byte nonce
 * followed by the ciphertext and its 16-byte tag. The key is the bytes of a 16, 24 or 32 character text
 * (AES-128, -192, -256; PocketBase's {@code --encryptionEnv} keys are 32 characters).
 */
public final class AesGcm {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {}

    /** Whether a key text has a length AES accepts (16, 24 or 32 bytes). */
    public static boolean isValidKey(String key) {
        int n = key.getBytes(StandardCharsets.UTF_8).length;
        return n == 16 || n == 24 || n == 32;
    }

    /**
     * Encrypts data.
     *
     * @throws IllegalArgumentException when the key has an invalid length
     */
    public static String encrypt(byte[] data, String key) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, nonce, data);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    /**
     * Decrypts a text {@link #encrypt} (or PocketBase) made.
     *
     * @throws IllegalArgumentException when the key has an invalid length, the text isn't base64 of a nonce and a
     *     sealed message, or the message doesn't open with this key (a wrong key or damaged data)
     */
    public static byte[] decrypt(String text, String key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64 text", e);
        }
        if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("too short to be an encrypted message");
        }
        return run(Cipher.DECRYPT_MODE, key, Arrays.copyOf(raw, NONCE_BYTES),
                Arrays.copyOfRange(raw, NONCE_BYTES, raw.length));
    }

    private static byte[] run(int mode, String key, byte[] nonce, byte[] input) {
        if (!isValidKey(key)) {
            throw new IllegalArgumentException("an AES key must be 16, 24 or 32 bytes, not "
                    + key.getBytes(StandardCharsets.UTF_8).length);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(TAG_BITS, nonce));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("message authentication failed", e);
        }
    }
}
