package dev.coffer.core.auth.oauth2;

import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The token response of a provider.
 *
 * @param accessToken the access token (never empty)
 * @param tokenType the token type as sent ({@code ""} when absent)
 * @param refreshToken the refresh token, or {@code ""}
 * @param expiry when the access token expires, or null when the provider didn't say
 * @param extra the whole response, for values such as {@code id_token}
 */
public record OAuth2Token(String accessToken, String tokenType, String refreshToken, Instant expiry, JsonNode extra) {

    /** The {@code id_token} of an OpenID Connect response, or {@code ""}. */
    public String idToken() {
        JsonNode v = extra == null ? null : extra.get("id_token");
        return v != null && v.isString() ? v.asString() : "";
    }

    /** The scheme of the {@code Authorization} header that carries the token (Bearer unless the type says otherwise). */
    public String authorizationScheme() {
        return switch (tokenType.toLowerCase(Locale.ROOT)) {
            case "", "bearer" -> "Bearer";
            case "mac" -> "MAC";
            case "basic" -> "Basic";
            default -> tokenType;
        };
    }
}
