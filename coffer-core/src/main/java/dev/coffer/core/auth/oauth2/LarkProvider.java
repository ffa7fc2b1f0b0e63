package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lark (Feishu): the {@code authen/v1/user_info} endpoint; the user is known by its {@code union_id}, the same
 * across a developer's apps. The endpoints default to feishu.cn, as Lark's own SDK does; apps on larksuite.com
 * set theirs. No scopes are requested and no email is taken.
 */
final class LarkProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><rect width=\"24\" height=\"24\" rx=\"5\" fill=\"#3370ff\"/><text x=\"12\" y=\"17\" fill=\"#fff\" font-family=\"Arial,Helvetica,sans-serif\" font-size=\"14\" font-weight=\"700\" text-anchor=\"middle\">L</text></svg>";

    LarkProvider(ProviderConfig config) {
        super(config, new Defaults("Lark", LOGO, true, List.of(),
                "https://accounts.feishu.cn/open-apis/authen/v1/authorize",
                "https://open.feishu.cn/open-apis/authen/v2/oauth/token",
                "https://open.feishu.cn/open-apis/authen/v1/user_info"));
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        JsonNode data = raw.path("data");
        return new OAuth2User(text(data, "union_id"), text(data, "name"), "", "", text(data, "avatar_url"), raw,
                token);
    }
}
