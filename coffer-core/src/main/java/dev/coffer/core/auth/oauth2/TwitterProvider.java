package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * X (Twitter): the API v2 {@code /2/users/me} endpoint with the profile image and the confirmed email. The
 * {@code tweet.read} scope is requested too: X refuses {@code /users/me} without it.
 */
final class TwitterProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"#000000\" d=\"M14.234 10.162 22.977 0h-2.072l-7.591 8.824L7.251 0H.258l9.168 13.343L.258 24H2.33l8.016-9.318L16.749 24h6.993zm-2.837 3.299-.929-1.329L3.076 1.56h3.182l5.965 8.532.929 1.329 7.754 11.09h-3.182z\"/></svg>";

    TwitterProvider(ProviderConfig config) {
        super(config, new Defaults("X/Twitter", LOGO, true, List.of("users.read", "users.email", "tweet.read"),
                "https://x.com/i/oauth2/authorize", "https://api.x.com/2/oauth2/token",
                "https://api.x.com/2/users/me?user.fields=id,name,username,profile_image_url,confirmed_email"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        JsonNode data = raw.path("data");
        return new OAuth2User(text(data, "id"), text(data, "name"), text(data, "username"),
                text(data, "confirmed_email"), text(data, "profile_image_url"), raw, token);
    }
}
