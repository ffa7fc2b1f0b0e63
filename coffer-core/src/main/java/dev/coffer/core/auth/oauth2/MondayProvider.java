package dev.coffer.core.auth.oauth2;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * monday.com: there is no user info endpoint, so the GraphQL API is asked for {@code me}; only enabled accounts
 * sign in and the email counts once monday.com has verified it.
 */
final class MondayProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect width=\"24\" height=\"24\" rx=\"5\" fill=\"#6161ff\"/><text x=\"12\" y=\"17\" fill=\"#fff\" font-family=\"Arial,Helvetica,sans-serif\" font-size=\"14\" font-weight=\"700\" text-anchor=\"middle\">m</text></svg>";

    /** The GraphQL request for the signed-in user. */
    static final String ME_QUERY = "{\"query\":\"query { me { id enabled name email is_verified photo_small } }\"}";

    MondayProvider(ProviderConfig config) {
        super(config, new Defaults("monday.com", LOGO, true, List.of("me:read"),
                "https://auth.monday.com/oauth2/authorize",
                "https://auth.monday.com/oauth2/token", "https://api.monday.com/v2"));
    }

    @Override
    protected ObjectNode fetchRawUser(OAuth2Token token) throws OAuth2Exception {
        return userInfo(token, Map.of(), ME_QUERY);
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) throws OAuth2Exception {
        JsonNode me = raw.path("data").path("me");
        if (!me.path("enabled").asBoolean(false)) {
            throw new OAuth2Exception("the monday.com user account is not enabled");
        }
        String email = me.path("is_verified").asBoolean(false) ? text(me, "email") : "";
        return new OAuth2User(text(me, "id"), text(me, "name"), "", email, text(me, "photo_small"), raw, token);
    }
}
