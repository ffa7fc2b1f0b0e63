package dev.coffer.core.auth.oauth2;

import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bitbucket Cloud: the {@code /2.0/user} endpoint for the profile (only active accounts sign in) and its
 * {@code /emails} sub-resource for the confirmed primary address (none when the token may not read emails).
 * Bitbucket doesn't take PKCE.
 */
final class BitbucketProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#0052cc\" d=\"M.778 1.213a.768.768 0 00-.768.892l3.263 19.81c.084.5.515.868 1.022.873H19.95a.772.772 0 00.77-.646l3.27-20.03a.768.768 0 00-.768-.891zM14.52 15.53H9.522L8.17 8.466h7.561z\"/></svg>";

    BitbucketProvider(ProviderConfig config) {
        super(config, new Defaults("Bitbucket", LOGO, false, List.of("account"),
                "https://bitbucket.org/site/oauth2/authorize", "https://bitbucket.org/site/oauth2/access_token",
                "https://api.bitbucket.org/2.0/user"));
    }

    @Override
    public OAuth2User fetchUser(OAuth2Token token) throws OAuth2Exception {
        OAuth2User user = super.fetchUser(token);
        HttpResponse<String> res = get(userInfoUrl() + "/emails", token);
        if (res.statusCode() >= 400) {
            return user;
        }
        return user.withEmail(confirmedPrimaryEmail(res.body()));
    }

    /** The first address of an {@code /emails} page that is both primary and confirmed, or {@code ""}. */
    static String confirmedPrimaryEmail(String emailsJson) throws OAuth2Exception {
        for (JsonNode e : ProviderHttp.parseObject(emailsJson).path("values")) {
            if (e.path("is_primary").asBoolean(false) && e.path("is_confirmed").asBoolean(false)) {
                return text(e, "email");
            }
        }
        return "";
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) throws OAuth2Exception {
        if (!text(raw, "account_status").equals("active")) {
            throw new OAuth2Exception("the Bitbucket user is not active");
        }
        String avatar = text(raw.path("links").path("avatar"), "href");
        return new OAuth2User(text(raw, "uuid"), text(raw, "display_name"), text(raw, "username"), "", avatar, raw,
                token);
    }
}
