package dev.coffer.core.auth.oauth2;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import tools.jackson.databind.node.ObjectNode;

/**
 * A provider's user in the common shape every provider maps to. {@code email} is only set when the provider
 * vouches that it is verified.
 *
 * @param id the user's id at the provider
 * @param rawUser the user data as the provider returned it
 */
public record OAuth2User(String id, String name, String username, String email, String avatarUrl, ObjectNode rawUser,
        OAuth2Token token) {

    /** Fills nulls with empty values. */
    public OAuth2User {
        id = nz(id);
        name = nz(name);
        username = nz(username);
        email = nz(email);
        avatarUrl = nz(avatarUrl);
        rawUser = rawUser == null ? Json.object() : rawUser;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** A copy with another email. */
    public OAuth2User withEmail(String value) {
        return new OAuth2User(id, name, username, value, avatarUrl, rawUser, token);
    }

    /** A copy with another name. */
    public OAuth2User withName(String value) {
        return new OAuth2User(id, value, username, email, avatarUrl, rawUser, token);
    }

    /**
     * The {@code meta} of an OAuth2 auth response: the user with its tokens and expiry (PocketBase's datetime
     * layout, {@code ""} when unknown), the legacy {@code avatarUrl} copy and whether the record is new.
     */
    public ObjectNode toMeta(boolean isNew) {
        ObjectNode meta = Json.object();
        meta.put("accessToken", token.accessToken());
        meta.put("avatarURL", avatarUrl);
        meta.put("avatarUrl", avatarUrl);
        meta.put("email", email);
        meta.put("expiry", token.expiry() == null ? "" : DateTime.format(token.expiry()));
        meta.put("id", id);
        meta.put("isNew", isNew);
        meta.put("name", name);
        meta.set("rawUser", rawUser.deepCopy());
        meta.put("refreshToken", token.refreshToken());
        meta.put("username", username);
        return meta;
    }
}
