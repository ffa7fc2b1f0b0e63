package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Planning Center: the People API {@code /people/v2/me} endpoint; only active people sign in. No email is taken:
 * a person can have several and Planning Center doesn't say which are verified.
 */
final class PlanningcenterProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect width=\"24\" height=\"24\" rx=\"5\" fill=\"#2266f7\"/><text x=\"12\" y=\"17\" fill=\"#fff\" font-family=\"Arial,Helvetica,sans-serif\" font-size=\"14\" font-weight=\"700\" text-anchor=\"middle\">P</text></svg>";

    PlanningcenterProvider(ProviderConfig config) {
        super(config, new Defaults("Planning Center", LOGO, true, List.of("people"),
                "https://api.planningcenteronline.com/oauth/authorize",
                "https://api.planningcenteronline.com/oauth/token",
                "https://api.planningcenteronline.com/people/v2/me"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) throws OAuth2Exception {
        JsonNode data = raw.path("data");
        JsonNode attributes = data.path("attributes");
        if (!text(attributes, "status").equals("active")) {
            throw new OAuth2Exception("the user is not active");
        }
        return new OAuth2User(text(data, "id"), text(attributes, "name"), "", "", text(attributes, "avatar"), raw,
                token);
    }
}
