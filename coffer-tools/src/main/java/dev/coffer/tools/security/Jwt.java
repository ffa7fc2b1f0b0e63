package dev.coffer.tools.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * HS256 JSON Web Tokens as PocketBase issues them: header {@code {"alg":"HS256","typ":"JWT"}}, claims as given
 * plus {@code exp} in seconds, no {@code iat}.
 */
public final class Jwt {

    private Jwt() {}

    /**
     * Signs the claims with an HMAC-SHA256 key, adding {@code exp} = now + {@code durationSeconds}.
     *
     * @throws IllegalArgumentException when the key is empty
     */
    public static String sign(Map<String, Object> claims, String secret, long durationSeconds) {
        byte[] key = keyBytes(secret);
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        claims.forEach(builder::claim);
        long exp = System.currentTimeMillis() / 1000L + durationSeconds;
        builder.claim("exp", exp);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build(),
                builder.build());
        try {
            jwt.sign(new MACSigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
        return jwt.serialize();
    }

    /**
     * Reads the claims of a token without checking its signature (to find which key verifies it).
     *
     * @return the claims, or empty when the token is malformed
     */
    public static Optional<Map<String, Object>> unverifiedClaims(String token) {
        String[] parts = split(token);
        if (parts == null || !isHs256(parts[0])) {
            return Optional.empty();
        }
        return decodeClaims(parts[1]);
    }

    /**
     * Verifies an HS256 token with the key and checks its time claims as PocketBase does: {@code exp}, when
     * present, is in the future; {@code nbf} and {@code iat}, when present, are not; each present one is a number.
     * A token without {@code exp} doesn't expire (only the holder of the key can make one).
     *
     * @return the claims when the token is valid, else empty
     */
    public static Optional<Map<String, Object>> verify(String token, String secret) {
        String[] parts = split(token);
        if (parts == null || secret == null || secret.isEmpty() || !isHs256(parts[0])) {
            return Optional.empty();
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = hmac(keyBytes(secret), (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            return Optional.empty();
        }
        Optional<Map<String, Object>> claims = decodeClaims(parts[1]);
        if (claims.isEmpty() || !timeClaimsHold(claims.get(), System.currentTimeMillis())) {
            return Optional.empty();
        }
        if (claims.get().get("exp") instanceof Number exp) {
            claims.get().put("exp", exp.longValue());
        }
        return claims;
    }

    /** Whether {@code exp} (if any) is after {@code nowMillis} and {@code nbf} and {@code iat} (if any) are not. */
    static boolean timeClaimsHold(Map<String, Object> claims, long nowMillis) {
        for (String name : new String[] {"exp", "nbf", "iat"}) {
            Object value = claims.get(name);
            if (value == null && !claims.containsKey(name)) {
                continue;
            }
            if (!(value instanceof Number seconds)) {
                return false;
            }
            double at = seconds.doubleValue() * 1000;
            boolean holds = name.equals("exp") ? nowMillis < at : nowMillis >= at;
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** The three dot-separated parts of a compact token, or null when it doesn't have exactly three. */
    private static String[] split(String token) {
        if (token == null) {
            return null;
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0 || second == token.length() - 1) {
            return null;
        }
        return new String[] {token.substring(0, first), token.substring(first + 1, second), token.substring(second + 1)};
    }

    private static boolean isHs256(String encodedHeader) {
        return decodeObject(encodedHeader).map(h -> "HS256".equals(h.get("alg"))).orElse(false);
    }

    private static Optional<Map<String, Object>> decodeClaims(String encodedClaims) {
        return decodeObject(encodedClaims);
    }

    private static Optional<Map<String, Object>> decodeObject(String encoded) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(encoded);
            JsonNode node = Json.MAPPER.readTree(json);
            if (!(node instanceof ObjectNode obj)) {
                return Optional.empty();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            obj.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return Optional.of(out);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A claim value as a plain Java value: String, Boolean, Long or Double, List or Map. */
    private static Object plain(JsonNode v) {
        if (v.isString()) {
            return v.asString();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isNull()) {
            return null;
        }
        return Json.MAPPER.convertValue(v, Object.class);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** HMAC keys shorter than 256 bits are zero-padded the way Go's HMAC treats them (identical MAC). */
    private static byte[] keyBytes(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("empty signing key");
        }
        byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
        return raw.length >= 32 ? raw : Arrays.copyOf(raw, 32);
    }
}
