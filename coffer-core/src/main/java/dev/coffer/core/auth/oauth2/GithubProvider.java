package dev.coffer.core.auth.oauth2;

import dev.coffer.tools.json.Json;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * GitHub: the user endpoint for the profile and its {@code /emails} sub-resource for the verified primary email
 * (none when the token may not read emails).
 */
final class GithubProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"250\" preserveAspectRatio=\"xMidYMid\"><path fill=\"#161614\" d=\"M128 0a128 128 0 0 0-40.5 249.5c6.4 1.1 8.8-2.8 8.8-6.2l-.2-23.8C60.5 227.2 53 204.4 53 204.4c-5.8-14.8-14.2-18.8-14.2-18.8-11.6-7.9.8-7.7.8-7.7 12.9.9 19.7 13.1 19.7 13.1 11.4 19.6 30 14 37.2 10.7 1.2-8.3 4.5-14 8.1-17.1-28.4-3.3-58.3-14.2-58.3-63.3 0-14 5-25.4 13.2-34.3a46 46 0 0 1 1.3-34S71.5 49.7 96 66.3a123 123 0 0 1 64 0c24.5-16.6 35.2-13.1 35.2-13.1a46 46 0 0 1 1.3 33.9c8.2 9 13.2 20.3 13.2 34.3 0 49.2-30 60-58.5 63.2 4.6 4 8.7 11.7 8.7 23.7l-.2 35.1c0 3.4 2.4 7.4 8.8 6.1A128 128 0 0 0 128 0M48 182.3q-.6 1.1-2.3.4c-.9-.4-1.4-1.3-1.1-1.9q.6-1 2.2-.4 1.6.8 1.1 2m6.2 5.7c-.6.5-1.8.3-2.6-.6q-1.2-1.7-.4-2.7 1.2-.8 2.7.6 1.3 1.5.3 2.7m4.4 7.1c-.8.6-2.1 0-2.9-1-.8-1.2-.8-2.6 0-3.1q1.4-.7 2.9 1c.8 1.2.8 2.6 0 3.1m7.3 8.4c-.7.7-2.2.5-3.3-.5s-1.5-2.5-.8-3.3c.8-.8 2.3-.5 3.4.5 1 1 1.4 2.5.7 3.3m9.4 2.8c-.3 1-1.7 1.4-3.2 1-1.4-.4-2.4-1.6-2.1-2.6s1.7-1.5 3.2-1 2.4 1.6 2.1 2.6m10.7 1.2q-.1 1.7-2.7 2-2.5-.2-2.8-2c0-1 1.2-1.9 2.8-1.9s2.7.8 2.7 1.9m10.6-.4c.2 1-.9 2-2.4 2.3s-2.8-.3-3-1.3c-.2-1.1.9-2.2 2.3-2.4 1.6-.3 3 .3 3.1 1.4\"/></svg>";

    GithubProvider(ProviderConfig config) {
        super(config, new Defaults("GitHub", LOGO, true, List.of("read:user", "user:email"),
                "https://github.com/login/oauth/authorize", "https://github.com/login/oauth/access_token",
                "https://api.github.com/user"));
    }

    @Override
    public OAuth2User fetchUser(OAuth2Token token) throws OAuth2Exception {
        OAuth2User user = super.fetchUser(token);
        HttpResponse<String> res = get(userInfoUrl() + "/emails", token);
        if (res.statusCode() == 401 || res.statusCode() == 403 || res.statusCode() == 404) {
            return user;
        }
        return user.withEmail(verifiedPrimaryEmail(res.body()));
    }

    /** The verified primary address of a {@code /user/emails} response, or {@code ""}. */
    static String verifiedPrimaryEmail(String emailsJson) throws OAuth2Exception {
        JsonNode emails;
        try {
            emails = Json.parse(emailsJson);
        } catch (RuntimeException e) {
            throw new OAuth2Exception("invalid emails response", e);
        }
        for (JsonNode e : emails) {
            if (e.path("verified").asBoolean(false) && e.path("primary").asBoolean(false)) {
                return e.path("email").asString("");
            }
        }
        return "";
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        return new OAuth2User(Long.toString(raw.path("id").asLong(0)), text(raw, "name"), text(raw, "login"), "",
                text(raw, "avatar_url"), raw, token);
    }
}
