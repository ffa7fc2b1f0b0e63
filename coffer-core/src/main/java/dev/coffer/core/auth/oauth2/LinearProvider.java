package dev.coffer.core.auth.oauth2;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Linear: there is no user info endpoint, so the GraphQL API is asked for the {@code viewer}; only active
 * accounts sign in. The display name becomes the username. Linear refuses PKCE, so PKCE is off.
 */
final class LinearProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#5e6ad2\" d=\"M2.886 4.18A11.982 11.982 0 0 1 11.99 0C18.624 0 24 5.376 24 12.009c0 3.64-1.62 6.903-4.18 9.105L2.887 4.18ZM1.817 5.626l16.556 16.556c-.524.33-1.075.62-1.65.866L.951 7.277c.247-.575.537-1.126.866-1.65ZM.322 9.163l14.515 14.515c-.71.172-1.443.282-2.195.322L0 11.358a12 12 0 0 1 .322-2.195Zm-.17 4.862 9.823 9.824a12.02 12.02 0 0 1-9.824-9.824Z\"/></svg>";

    /** The GraphQL request for the signed-in user. */
    static final String VIEWER_QUERY =
            "{\"query\":\"query Me { viewer { id displayName name email avatarUrl active } }\"}";

    LinearProvider(ProviderConfig config) {
        super(config, new Defaults("Linear", LOGO, false, List.of("read"), "https://linear.app/oauth/authorize",
                "https://api.linear.app/oauth/token", "https://api.linear.app/graphql"));
    }

    @Override
    protected ObjectNode fetchRawUser(OAuth2Token token) throws OAuth2Exception {
        return userInfo(token, Map.of(), VIEWER_QUERY);
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) throws OAuth2Exception {
        JsonNode viewer = raw.path("data").path("viewer");
        if (!viewer.path("active").asBoolean(false)) {
            throw new OAuth2Exception("the Linear user account is not active");
        }
        return new OAuth2User(text(viewer, "id"), text(viewer, "name"), text(viewer, "displayName"),
                text(viewer, "email"), text(viewer, "avatarUrl"), raw, token);
    }
}
