package dev.coffer.core.auth.oauth2;

import dev.coffer.tools.mail.EmailAddress;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gitee: the {@code /api/v5/user} endpoint. A public, well-formed email on the profile is used; else the
 * {@code /api/v5/emails} list is asked for the confirmed primary address. That list is optional: an answer the
 * token may not see (401, 403, 404) or one that isn't a list (a private address) gives no email.
 */
final class GiteeProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#c71d23\" d=\"M11.984 0A12 12 0 0 0 0 12a12 12 0 0 0 12 12 12 12 0 0 0 12-12A12 12 0 0 0 12 0a12 12 0 0 0-.016 0zm6.09 5.333c.328 0 .593.266.592.593v1.482a.594.594 0 0 1-.593.592H9.777c-.982 0-1.778.796-1.778 1.778v5.63c0 .327.266.592.593.592h5.63c.982 0 1.778-.796 1.778-1.778v-.296a.593.593 0 0 0-.592-.593h-4.15a.592.592 0 0 1-.592-.592v-1.482a.593.593 0 0 1 .593-.592h6.815c.327 0 .593.265.593.592v3.408a4 4 0 0 1-4 4H5.926a.593.593 0 0 1-.593-.593V9.778a4.444 4.444 0 0 1 4.445-4.444h8.296Z\"/></svg>";

    /** The address list; Gitee serves it at a fixed URL, whatever the configured user info endpoint. */
    static final String EMAILS_URL = "https://gitee.com/api/v5/emails";

    GiteeProvider(ProviderConfig config) {
        super(config, new Defaults("Gitee", LOGO, true, List.of("user_info", "emails"),
                "https://gitee.com/oauth/authorize",
                "https://gitee.com/oauth/token", "https://gitee.com/api/v5/user"));
    }

    @Override
    public OAuth2User fetchUser(OAuth2Token token) throws OAuth2Exception {
        OAuth2User user = super.fetchUser(token);
        if (!user.email().isEmpty()) {
            return user;
        }
        HttpResponse<String> res = get(EMAILS_URL, token);
        int status = res.statusCode();
        if (status == 401 || status == 403 || status == 404) {
            return user;
        }
        return user.withEmail(confirmedPrimaryEmail(res.body()));
    }

    /** The first confirmed, well-formed address with the {@code primary} scope of an emails answer, or {@code ""}. */
    static String confirmedPrimaryEmail(String emailsJson) {
        JsonNode emails;
        try {
            emails = ProviderHttp.parse(emailsJson);
        } catch (OAuth2Exception e) {
            return "";
        }
        if (!emails.isArray()) {
            return "";
        }
        for (JsonNode e : emails) {
            String email = text(e, "email");
            if (!text(e, "state").equals("confirmed") || !EmailAddress.isValid(email)) {
                continue;
            }
            for (JsonNode scope : e.path("scope")) {
                if (scope.asString("").equals("primary")) {
                    return email;
                }
            }
        }
        return "";
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        String email = text(raw, "email");
        return new OAuth2User(integer(raw, "id"), text(raw, "name"), text(raw, "login"),
                EmailAddress.isValid(email) ? email : "", text(raw, "avatar_url"), raw, token);
    }
}
