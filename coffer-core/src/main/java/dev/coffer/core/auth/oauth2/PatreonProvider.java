package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Patreon: the API v2 {@code identity} endpoint asked for the user's attributes; the vanity name is the username
 * and the email counts once Patreon has verified it.
 */
final class PatreonProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#000000\" d=\"M22.957 7.21c-.004-3.064-2.391-5.576-5.191-6.482-3.478-1.125-8.064-.962-11.384.604C2.357 3.231 1.093 7.391 1.046 11.54c-.039 3.411.302 12.396 5.369 12.46 3.765.047 4.326-4.804 6.068-7.141 1.24-1.662 2.836-2.132 4.801-2.618 3.376-.836 5.678-3.501 5.673-7.031Z\"/></svg>";

    PatreonProvider(ProviderConfig config) {
        super(config, new Defaults("Patreon", LOGO, true, List.of("identity", "identity[email]"),
                "https://www.patreon.com/oauth2/authorize", "https://www.patreon.com/api/oauth2/token",
                "https://www.patreon.com/api/oauth2/v2/identity"
                        + "?fields%5Buser%5D=full_name,email,vanity,image_url,is_email_verified"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        JsonNode data = raw.path("data");
        JsonNode a = data.path("attributes");
        String email = a.path("is_email_verified").asBoolean(false) ? text(a, "email") : "";
        return new OAuth2User(text(data, "id"), text(a, "full_name"), text(a, "vanity"), email,
                text(a, "image_url"), raw, token);
    }
}
