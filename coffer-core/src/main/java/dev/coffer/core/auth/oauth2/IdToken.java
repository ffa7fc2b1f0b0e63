package dev.coffer.core.auth.oauth2;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OpenID Connect id token: its claims, the time and audience checks providers apply, and verification of its
 * signature against a JSON Web Key Set (RSA and Ed25519 keys).
 */
final class IdToken {

    /** How far token times may be off (5 minutes, or {@code PB_ID_TOKEN_LEEWAY} seconds). */
    static final Duration LEEWAY = leeway();

    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String[] parts;
    private final ObjectNode header;
    private final ObjectNode claims;

    private IdToken(String[] parts, ObjectNode header, ObjectNode claims) {
        this.parts = parts;
        this.header = header;
        this.claims = claims;
    }

    private static Duration leeway() {
        String env = System.getenv("PB_ID_TOKEN_LEEWAY");
        try {
            return env == null || env.isBlank() ? Duration.ofMinutes(5) : Duration.ofSeconds(Long.parseLong(env.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofMinutes(5);
        }
    }

    /**
     * Reads a compact token without checking its signature.
     *
     * @throws OAuth2Exception when the token is empty or malformed
     */
    static IdToken parse(String token) throws OAuth2Exception {
        if (token == null || token.isEmpty()) {
            throw new OAuth2Exception("empty id_token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new OAuth2Exception("malformed id_token");
        }
        try {
            return new IdToken(parts, decode(parts[0]), decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new OAuth2Exception("malformed id_token", e);
        }
    }

    private static ObjectNode decode(String part) throws OAuth2Exception {
        return ProviderHttp.parseObject(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
    }

    /** The claims. */
    ObjectNode claims() {
        return claims.deepCopy();
    }

    /**
     * Checks the time claims with {@link #LEEWAY}: {@code iat} not in the future, {@code nbf} reached and
     * {@code exp} not passed (and present when {@code expRequired}).
     */
    IdToken checkTimes(boolean expRequired) throws OAuth2Exception {
        long now = Instant.now().getEpochSecond();
        long leeway = LEEWAY.toSeconds();
        JsonNode exp = claims.get("exp");
        if (exp == null || exp.isNull()) {
            if (expRequired) {
                throw new OAuth2Exception("token is missing required claim: exp claim is required");
            }
        } else if (!exp.isNumber() || now - leeway > exp.asLong()) {
            throw new OAuth2Exception("token has invalid claims: token is expired");
        }
        JsonNode iat = claims.get("iat");
        if (iat != null && !iat.isNull() && (!iat.isNumber() || now + leeway < iat.asLong())) {
            throw new OAuth2Exception("token has invalid claims: token used before issued");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && !nbf.isNull() && (!nbf.isNumber() || now + leeway < nbf.asLong())) {
            throw new OAuth2Exception("token has invalid claims: token is not valid yet");
        }
        return this;
    }

    /** Checks that {@code aud} (a string or a list) contains the audience. */
    IdToken checkAudience(String audience) throws OAuth2Exception {
        JsonNode aud = claims.path("aud");
        boolean ok = aud.isString() ? aud.asString().equals(audience) : false;
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                ok |= a.asString("").equals(audience);
            }
        }
        if (!ok) {
            throw new OAuth2Exception("token has invalid audience");
        }
        return this;
    }

    /** Checks that {@code iss} is one of the allowed issuers. */
    IdToken checkIssuer(List<String> allowed) throws OAuth2Exception {
        String iss = claims.path("iss").asString("");
        if (!allowed.contains(iss)) {
            throw new OAuth2Exception("iss must be one of " + allowed + ", got " + iss);
        }
        return this;
    }

    /**
     * Verifies the signature with the key of the token's {@code kid} from the key set at {@code jwksUrl}; the
     * token must use the key's {@code alg}.
     */
    IdToken verifySignature(String jwksUrl) throws OAuth2Exception {
        String kid = header.path("kid").asString("");
        if (kid.isEmpty()) {
            throw new OAuth2Exception("missing kid header value");
        }
        HttpResponse<String> res = ProviderHttp.getPublic(jwksUrl);
        if (res.statusCode() >= 400) {
            throw new OAuth2Exception("failed to fetch JSON Web Key Set from " + jwksUrl + " (" + res.statusCode() + ")");
        }
        JsonNode key = null;
        for (JsonNode k : ProviderHttp.parseObject(res.body()).path("keys")) {
            if (k.path("kid").asString("").equals(kid) && !k.path("alg").asString("").isEmpty()) {
                key = k;
                break;
            }
        }
        if (key == null) {
            throw new OAuth2Exception("missing JWK with kid " + kid + " and non-empty alg");
        }
        String alg = key.path("alg").asString();
        if (!alg.equals(header.path("alg").asString(""))) {
            throw new OAuth2Exception("id_token alg doesn't match the key's " + alg);
        }
        try {
            Signature verifier = Signature.getInstance(javaAlgorithm(alg));
            verifier.initVerify(publicKey(key));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw new OAuth2Exception("id_token signature is invalid");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new OAuth2Exception("id_token signature check failed: " + e.getMessage(), e);
        }
        return this;
    }

    private static String javaAlgorithm(String alg) throws OAuth2Exception {
        return switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "EdDSA" -> "Ed25519";
            default -> throw new OAuth2Exception("unsupported signing method " + alg);
        };
    }

    private static PublicKey publicKey(JsonNode jwk) throws GeneralSecurityException, OAuth2Exception {
        Base64.Decoder b64 = Base64.getUrlDecoder();
        switch (jwk.path("kty").asString("")) {
            case "RSA" -> {
                BigInteger n = new BigInteger(1, b64.decode(stripPadding(jwk.path("n").asString(""))));
                BigInteger e = new BigInteger(1, b64.decode(stripPadding(jwk.path("e").asString(""))));
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
            case "OKP" -> {
                if (!jwk.path("crv").asString("").equals("Ed25519")) {
                    throw new OAuth2Exception("unsupported OKP curve (must be Ed25519)");
                }
                byte[] x = b64.decode(stripPadding(jwk.path("x").asString("")));
                if (x.length != 32) {
                    throw new OAuth2Exception("invalid Ed25519 key length: " + x.length);
                }
                byte[] der = new byte[ED25519_X509_PREFIX.length + x.length];
                System.arraycopy(ED25519_X509_PREFIX, 0, der, 0, ED25519_X509_PREFIX.length);
                System.arraycopy(x, 0, der, ED25519_X509_PREFIX.length, x.length);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            }
            default -> throw new OAuth2Exception("unsupported kty (must be RSA or OKP)");
        }
    }

    private static String stripPadding(String s) {
        return s.replaceAll("=+$", "");
    }
}
