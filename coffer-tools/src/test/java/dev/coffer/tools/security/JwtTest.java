package dev.coffer.tools.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtTest {

    private static final String KEY = "tokenKey" + "collectionSecret";

    @Test
    void signsAndVerifiesWithExpiry() {
        String token = Jwt.sign(Map.of("id", "abc", "type", "auth"), KEY, 60);
        Map<String, Object> claims = Jwt.verify(token, KEY).orElseThrow();
        assertThat(claims).containsEntry("id", "abc").containsEntry("type", "auth").containsKey("exp");
        assertThat(claims).doesNotContainKey("iat");
    }

    @Test
    void refusesOtherKeyExpiredAndAlgNone() {
        String token = Jwt.sign(Map.of("id", "abc"), KEY, 60);
        assertThat(Jwt.verify(token, KEY + "x")).isEmpty();
        assertThat(Jwt.verify(Jwt.sign(Map.of("id", "abc"), KEY, -10), KEY)).isEmpty();
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(Jwt.verify(none + "." + parts[1] + ".", KEY)).isEmpty();
        assertThat(Jwt.verify("garbage", KEY)).isEmpty();
        assertThat(Jwt.unverifiedClaims("garbage")).isEmpty();
    }

    @Test
    void refusesTamperedClaimsSignaturesAndShapes() {
        String token = Jwt.sign(Map.of("id", "abc", "type", "auth"), KEY, 60);
        String[] parts = token.split("\\.");
        String otherClaims = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"id\":\"root\",\"type\":\"auth\",\"exp\":9999999999}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Jwt.verify(parts[0] + "." + otherClaims + "." + parts[2], KEY)).isEmpty();
        assertThat(Jwt.verify(parts[0] + "." + parts[1] + "." + parts[2].substring(1), KEY)).isEmpty();
        assertThat(Jwt.verify(parts[0] + "." + parts[1] + ".", KEY)).isEmpty();
        assertThat(Jwt.verify(parts[0] + "." + parts[1], KEY)).isEmpty();
        assertThat(Jwt.verify(token + ".x", KEY)).isEmpty();
        assertThat(Jwt.verify(parts[0] + "." + parts[1] + ".!!!", KEY)).isEmpty();
        assertThat(Jwt.verify(token, "")).isEmpty();
        assertThat(Jwt.verify(null, KEY)).isEmpty();
        assertThat(Jwt.unverifiedClaims(token)).get().satisfies(c -> assertThat(c).containsEntry("id", "abc"));
        assertThat(Jwt.verify(token, KEY)).get().satisfies(c -> assertThat(c.get("exp")).isInstanceOf(Long.class));
    }

    /** A token over {@code claims} (JSON) signed with {@link #KEY}. */
    private static String signedClaims(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return head + "." + b64.encodeToString(mac.doFinal(head.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void checksTheTimeClaimsAsPocketBase() {
        long now = System.currentTimeMillis() / 1000;
        // exp is optional (a token without one doesn't expire); nbf and iat must not be in the future
        assertThat(Jwt.verify(signedClaims("{\"id\":\"a\"}"), KEY)).isPresent();
        assertThat(Jwt.verify(signedClaims("{\"id\":\"a\",\"iat\":" + (now - 60) + ",\"nbf\":" + (now - 60)
                + ",\"exp\":" + (now + 60.5) + "}"), KEY)).get().satisfies(c -> assertThat(c.get("exp")).isEqualTo(now + 60));
        assertThat(Jwt.verify(signedClaims("{\"id\":\"a\",\"exp\":" + (now + 60) + ",\"nbf\":" + (now + 600) + "}"),
                KEY)).isEmpty();
        assertThat(Jwt.verify(signedClaims("{\"id\":\"a\",\"exp\":" + (now + 60) + ",\"iat\":" + (now + 600) + "}"),
                KEY)).isEmpty();
        // a present time claim must be a number
        assertThat(Jwt.verify(signedClaims("{\"id\":\"a\",\"exp\":\"" + (now + 60) + "\"}"), KEY)).isEmpty();
        assertThat(Jwt.verify(signedClaims("{\"id\":\"a\",\"exp\":null}"), KEY)).isEmpty();
        assertThat(Jwt.verify(signedClaims("{\"id\":\"a\",\"nbf\":\"x\"}"), KEY)).isEmpty();
        assertThat(Jwt.timeClaimsHold(Map.of("exp", 100), 99_999)).isTrue();
        assertThat(Jwt.timeClaimsHold(Map.of("exp", 100), 100_000)).isFalse();
        assertThat(Jwt.timeClaimsHold(Map.of("nbf", 100, "iat", 100), 100_000)).isTrue();
        assertThat(Jwt.timeClaimsHold(Map.of("nbf", 100), 99_999)).isFalse();
    }

    @Test
    void bcryptMatchesPocketBaseHashes() {
        String hash = Passwords.hash("1234567890", 4);
        assertThat(hash).startsWith("$2a$04$");
        assertThat(Passwords.matches("1234567890", hash)).isTrue();
        assertThat(Passwords.matches("123456789", hash)).isFalse();
        assertThat(Passwords.matches("x", "")).isFalse();
    }
}
