package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strava: the {@code /api/v3/athlete} endpoint. The name is the first and last name joined by a space, as
 * PocketBase builds it; Strava shares no email.
 */
final class StravaProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#fc4c02\" d=\"M15.387 17.944l-2.089-4.116h-3.065L15.387 24l5.15-10.172h-3.066m-7.008-5.599l2.836 5.598h4.172L10.463 0l-7 13.828h4.169\"/></svg>";

    StravaProvider(ProviderConfig config) {
        super(config, new Defaults("Strava", LOGO, true, List.of("profile:read_all"),
                "https://www.strava.com/oauth/authorize",
                "https://www.strava.com/api/v3/oauth/token", "https://www.strava.com/api/v3/athlete"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        long id = raw.path("id").asLong(0);
        return new OAuth2User(id == 0 ? "" : Long.toString(id), text(raw, "firstname") + " " + text(raw, "lastname"),
                text(raw, "username"), "", text(raw, "profile"), raw, token);
    }
}
