package dev.coffer.tools.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return Optional.of(new LinkedHashMap<>(jwt.getJWTClaimsSet().toJSONObject()));
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Verifies an HS256 token with the key and checks that {@code exp} is present and in the future.
     *
     * @return the claims when the token is valid, else empty
     */
    public static Optional<Map<String, Object>> verify(String token, String secret) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            byte[] key = keyBytes(secret);
            if (!jwt.verify(new MACVerifier(key))) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || exp.getTime() <= System.currentTimeMillis()) {
                return Optional.empty();
            }
            Map<String, Object> out = new LinkedHashMap<>(claims.toJSONObject());
            out.put("exp", exp.getTime() / 1000L);
            return Optional.of(out);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
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
