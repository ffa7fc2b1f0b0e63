package dev.coffer.core.auth.oauth2;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Twitch: the Helix {@code /users} endpoint, which wants the client id in a {@code Client-Id} header and answers
 * with a list holding the signed-in user. Twitch only returns verified emails.
 */
final class TwitchProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#9146ff\" d=\"M11.571 4.714h1.715v5.143H11.57zm4.715 0H18v5.143h-1.714zM6 0L1.714 4.286v15.428h5.143V24l4.286-4.286h3.428L22.286 12V0zm14.571 11.143l-3.428 3.428h-3.429l-3 3v-3H6.857V1.714h13.714Z\"/></svg>";

    TwitchProvider(ProviderConfig config) {
        super(config, new Defaults("Twitch", LOGO, true, List.of("user:read:email"),
                "https://id.twitch.tv/oauth2/authorize",
                "https://id.twitch.tv/oauth2/token", "https://api.twitch.tv/helix/users"));
    }

    @Override
    protected ObjectNode fetchRawUser(OAuth2Token token) throws OAuth2Exception {
        return userInfo(token, Map.of("Client-Id", config().clientId()), null);
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) throws OAuth2Exception {
        JsonNode data = raw.path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw new OAuth2Exception("failed to fetch AuthUser data");
        }
        JsonNode u = data.get(0);
        return new OAuth2User(text(u, "id"), text(u, "display_name"), text(u, "login"), text(u, "email"),
                text(u, "profile_image_url"), raw, token);
    }
}
