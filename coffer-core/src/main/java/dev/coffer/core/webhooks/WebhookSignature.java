package dev.coffer.core.webhooks;

import dev.coffer.tools.security.RandomString;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing per the Standard Webhooks spec: a secret is {@code whsec_} followed by the base64 of 24 to 64 random bytes;
 * a signature is {@code v1,} and the base64 of HMAC-SHA256 over {@code msgId.timestamp.body} keyed with the secret's
 * bytes; the {@code webhook-signature} header lists one per secret in use, separated by spaces (during a rotation
 * the new and the old secret both sign).
 */
public final class WebhookSignature {

    /** The prefix of every secret. */
    public static final String PREFIX = "whsec_";

    private WebhookSignature() {}

    /** A new secret: {@code whsec_} and 32 random bytes in base64. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RandomString.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Whether {@code secret} is {@code whsec_} followed by the base64 of 24 to 64 bytes. */
    public static boolean isValid(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            return false;
        }
        try {
            int n = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
            return n >= 24 && n <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The {@code v1,…} signature of a message with one secret. */
    public static String sign(String secret, String messageId, long timestampSeconds, String body) {
        byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** The {@code webhook-signature} header: a signature per secret, space separated. */
    public static String header(List<String> secrets, String messageId, long timestampSeconds, String body) {
        List<String> parts = new ArrayList<>(secrets.size());
        for (String s : secrets) {
            parts.add(sign(s, messageId, timestampSeconds, body));
        }
        return String.join(" ", parts);
    }
}
