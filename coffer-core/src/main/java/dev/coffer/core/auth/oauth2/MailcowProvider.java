package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * mailcow: the OAuth2 profile endpoint of a self-hosted mailcow server, whose authorization, token and profile
 * URLs the config must give (there are no defaults). Only active mailboxes sign in; the username is the part of
 * the mailbox address before the {@code @}.
 */
final class MailcowProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect width=\"24\" height=\"24\" rx=\"5\" fill=\"#0f6fc6\"/><text x=\"12\" y=\"17\" fill=\"#fff\" font-family=\"Arial,Helvetica,sans-serif\" font-size=\"14\" font-weight=\"700\" text-anchor=\"middle\">m</text></svg>";

    MailcowProvider(ProviderConfig config) {
        super(config, new Defaults("mailcow", LOGO, true, List.of("profile"), "", "", ""));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) throws OAuth2Exception {
        if (raw.path("active").asInt(0) != 1) {
            throw new OAuth2Exception("the mailcow user is not active");
        }
        String username = text(raw, "username");
        int at = username.indexOf('@');
        if (at >= 0) {
            username = username.substring(0, at);
        }
        return new OAuth2User(text(raw, "id"), text(raw, "full_name"), username, text(raw, "email"), "", raw, token);
    }
}
