package dev.coffer.core.auth.oauth2;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of an auth collection's {@code oauth2.providers}: the provider name, the client credentials and
 * optional overrides of the provider's endpoints, display name and PKCE use.
 *
 * @param authUrl the authorization endpoint override, or {@code ""}
 * @param tokenUrl the token endpoint override, or {@code ""}
 * @param userInfoUrl the user info endpoint override, or {@code ""}
 * @param pkce the PKCE override, or null to keep the provider's default
 * @param extra provider-specific settings (never null)
 */
public record ProviderConfig(String name, String clientId, String clientSecret, String authUrl, String tokenUrl,
        String userInfoUrl, String displayName, Boolean pkce, ObjectNode extra) {

    /** Fills nulls with empty values. */
    public ProviderConfig {
        name = name == null ? "" : name;
        clientId = clientId == null ? "" : clientId;
        clientSecret = clientSecret == null ? "" : clientSecret;
        authUrl = authUrl == null ? "" : authUrl;
        tokenUrl = tokenUrl == null ? "" : tokenUrl;
        userInfoUrl = userInfoUrl == null ? "" : userInfoUrl;
        displayName = displayName == null ? "" : displayName;
        extra = extra == null ? Json.object() : extra.deepCopy();
    }

    /** Reads a provider entry as stored in the collection options. */
    public static ProviderConfig fromJson(JsonNode json) {
        JsonNode pkce = json.path("pkce");
        return new ProviderConfig(text(json, "name"), text(json, "clientId"), text(json, "clientSecret"),
                text(json, "authURL"), text(json, "tokenURL"), text(json, "userInfoURL"), text(json, "displayName"),
                pkce.isBoolean() ? pkce.booleanValue() : null,
                json.get("extra") instanceof ObjectNode o ? o : null);
    }

    private static String text(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v != null && v.isString() ? v.asString() : "";
    }

    /** A string value of {@link #extra}, or {@code ""}. */
    public String extraText(String key) {
        JsonNode v = extra.get(key);
        return v == null || v.isNull() || v.isContainer() ? "" : v.asString();
    }
}
