package dev.coffer.core.auth.oauth2;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A generic OpenID Connect provider (registered as {@code oidc}, {@code oidc2} and {@code oidc3}); the endpoints
 * come from the config. Without a user info URL the user comes from the id token, checked for times and
 * audience, optionally for {@code extra.issuers} and for a signature against {@code extra.jwksURL}.
 */
final class OidcProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"93\" height=\"84\" fill=\"none\"><path fill=\"#ccc\" d=\"M83.4 32.9c-8.7-5.5-21-8.8-34.3-8.8C22 24 .4 37.5.4 54 .4 69.3 18.5 81.8 42 84v-8.7c-15.9-2-27.8-10.7-27.8-21 0-11.9 15.5-21.6 34.8-21.6 9.5 0 18.2 2.4 24.5 6.3l-9 5.6h27.9V27.3z\"/><path fill=\"#ff6200\" d=\"M42 9.2V84l14-8.7V.2z\"/></svg>";

    OidcProvider(ProviderConfig config) {
        super(config, new Defaults("OIDC", LOGO, true, List.of("openid", "email", "profile"), "", "", ""));
    }

    @Override
    protected ObjectNode fetchRawUser(OAuth2Token token) throws OAuth2Exception {
        if (!userInfoUrl().isEmpty()) {
            return super.fetchRawUser(token);
        }
        IdToken idToken = IdToken.parse(token.idToken()).checkTimes(false).checkAudience(config().clientId());
        List<String> issuers = new ArrayList<>();
        JsonNode configured = config().extra().path("issuers");
        if (configured.isArray()) {
            configured.forEach(i -> issuers.add(i.asString("")));
        } else if (configured.isString()) {
            issuers.add(configured.asString());
        }
        if (!issuers.isEmpty()) {
            idToken.checkIssuer(issuers);
        }
        String jwks = config().extraText("jwksURL");
        if (!jwks.isEmpty()) {
            try {
                idToken.verifySignature(jwks);
            } catch (OAuth2Exception e) {
                throw new OAuth2Exception("id_token validation failed: " + e.getMessage(), e);
            }
        }
        return idToken.claims();
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        String email = truthy(raw.get("email_verified")) ? text(raw, "email") : "";
        return new OAuth2User(text(raw, "sub"), text(raw, "name"), text(raw, "preferred_username"), email,
                text(raw, "picture"), raw, token);
    }
}
