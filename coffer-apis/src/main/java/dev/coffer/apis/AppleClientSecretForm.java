package dev.coffer.apis;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/settings/apple/generate-client-secret}: signs the ES256 JWT that "Sign in with Apple" takes
 * as the OAuth2 client secret, from the team id, key id and PKCS#8 private key of an Apple developer account.
 */
final class AppleClientSecretForm {

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY----[\\s\\S]+-----END PRIVATE KEY-----");
    private static final long MAX_DURATION = 15_777_000; // about six months, Apple's limit

    private AppleClientSecretForm() {}

    /** Validates the body and answers {@code {"secret": "<jwt>"}}. */
    static void handle(RequestEvent e) {
        ObjectNode body = SettingsApi.body(e);
        String clientId = BodyFields.text(body, "clientId");
        String teamId = BodyFields.text(body, "teamId");
        String keyId = BodyFields.text(body, "keyId");
        String privateKey = BodyFields.text(body, "privateKey");
        long duration = number(body, "duration");

        Map<String, Object> errors = new LinkedHashMap<>();
        if (clientId.isEmpty()) {
            errors.put("clientId", FieldErrors.required());
        }
        putError(errors, "teamId", exactLength(teamId));
        putError(errors, "keyId", exactLength(keyId));
        if (privateKey.isEmpty()) {
            errors.put("privateKey", FieldErrors.required());
        } else if (!PRIVATE_KEY.matcher(privateKey).find()) {
            errors.put("privateKey", FieldError.of("validation_match_invalid", "Must be in a valid format."));
        }
        if (duration == 0) {
            errors.put("duration", FieldErrors.required());
        } else if (duration < 1) {
            errors.put("duration", new FieldError("validation_min_greater_equal_than_required",
                    "Must be no less than 1.", Map.of("threshold", 1)));
        } else if (duration > MAX_DURATION) {
            errors.put("duration", new FieldError("validation_max_less_equal_than_required",
                    "Must be no greater than " + MAX_DURATION + ".", Map.of("threshold", MAX_DURATION)));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("Invalid client secret data.", FieldErrorsJson.of(errors));
        }
        try {
            e.json(200, Map.of("secret", sign(clientId, teamId, keyId, privateKey, duration)));
        } catch (GeneralSecurityException | JOSEException | IllegalArgumentException ex) {
            throw ApiError.badRequest("Failed to generate client secret. Raw error: \n" + ex.getMessage());
        }
    }

    private static String sign(String clientId, String teamId, String keyId, String pem, long duration)
            throws GeneralSecurityException, JOSEException {
        String base64 = pem.strip().replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(List.of("https://appleid.apple.com"))
                .subject(clientId)
                .issuer(teamId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(duration)))
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static FieldError exactLength(String value) {
        if (value.isEmpty()) {
            return FieldErrors.required();
        }
        return value.codePointCount(0, value.length()) == 10 ? null : new FieldError("validation_length_invalid",
                "The length must be exactly 10.", Map.of("min", 10, "max", 10));
    }

    private static void putError(Map<String, Object> errors, String key, FieldError error) {
        if (error != null) {
            errors.put(key, error);
        }
    }

    private static long number(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber()) {
            throw ApiError.badRequest("An error occurred while loading the submitted data.");
        }
        return v.asLong();
    }
}
