package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Yandex ID: the {@code login.yandex.ru/info} endpoint. The default email is taken as it is (Yandex only hands
 * out confirmed addresses); the avatar URL is built from the default avatar id unless Yandex says it's empty.
 */
final class YandexProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect width=\"24\" height=\"24\" rx=\"5\" fill=\"#fc3f1d\"/><text x=\"12\" y=\"17\" fill=\"#fff\" font-family=\"Arial,Helvetica,sans-serif\" font-size=\"14\" font-weight=\"700\" text-anchor=\"middle\">Y</text></svg>";

    private static final String AVATAR_BASE = "https://avatars.yandex.net/get-yapic/";

    YandexProvider(ProviderConfig config) {
        super(config, new Defaults("Yandex", LOGO, true, List.of("login:email", "login:avatar", "login:info"),
                "https://oauth.yandex.com/authorize", "https://oauth.yandex.com/token",
                "https://login.yandex.ru/info"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        String avatarId = text(raw, "default_avatar_id");
        boolean noAvatar = raw.path("is_avatar_empty").asBoolean(false) || avatarId.isEmpty();
        String avatarUrl = noAvatar ? "" : AVATAR_BASE + avatarId + "/islands-200";
        return new OAuth2User(text(raw, "id"), text(raw, "real_name"), text(raw, "login"), text(raw, "default_email"),
                avatarUrl, raw, token);
    }
}
