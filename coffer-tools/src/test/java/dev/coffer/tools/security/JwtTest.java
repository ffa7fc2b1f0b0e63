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

    @Test
    void bcryptMatchesPocketBaseHashes() {
        String hash = Passwords.hash("1234567890", 4);
        assertThat(hash).startsWith("$2a$04$");
        assertThat(Passwords.matches("1234567890", hash)).isTrue();
        assertThat(Passwords.matches("123456789", hash)).isFalse();
        assertThat(Passwords.matches("x", "")).isFalse();
    }
}
