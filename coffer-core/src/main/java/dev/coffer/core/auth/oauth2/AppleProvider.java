package dev.coffer.core.auth.oauth2;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sign in with Apple: the user comes from the id token, checked for times, issuer, audience (the client id) and
 * signature against Apple's key set ({@code extra.jwksURL} overrides it). The client secret is the signed JWT the
 * developer generates. Apple sends the name only with the first redirect; the flow supplies it separately.
 */
final class AppleProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"315\" preserveAspectRatio=\"xMidYMid\"><path d=\"M213.8 167c.4 47.6 41.7 63.4 42.2 63.6-.3 1.2-6.6 22.6-21.8 44.8-13 19.1-26.7 38.2-48 38.6-21.1.4-28-12.5-52-12.5s-31.6 12.1-51.5 12.9c-20.7.8-36.4-20.7-49.6-39.8-27-39-47.7-110.3-20-158.4a77 77 0 0 1 65.1-39.4c20.3-.4 39.5 13.6 51.9 13.6s35.7-16.9 60.2-14.4c10.2.4 39 4.2 57.5 31.2-1.5 1-34.4 20-34 59.8M174.2 50.2A69 69 0 0 0 190.6 0c-15.8.6-35 10.5-46.3 23.8-10.2 11.8-19.1 30.6-16.7 48.7 17.6 1.3 35.7-9 46.6-22.3\"/></svg>";
    private static final String ISSUER = "https://appleid.apple.com";
    private static final String JWKS_URL = "https://appleid.apple.com/auth/keys";

    AppleProvider(ProviderConfig config) {
        super(config, new Defaults("Apple", LOGO, true, List.of("name", "email"), "https://appleid.apple.com/auth/authorize",
                "https://appleid.apple.com/auth/token", ""));
    }

    @Override
    protected ObjectNode fetchRawUser(OAuth2Token token) throws OAuth2Exception {
        String jwks = config().extraText("jwksURL");
        try {
            return IdToken.parse(token.idToken())
                    .checkTimes(true)
                    .checkIssuer(List.of(ISSUER))
                    .checkAudience(config().clientId())
                    .verifySignature(jwks.isEmpty() ? JWKS_URL : jwks)
                    .claims();
        } catch (OAuth2Exception e) {
            throw new OAuth2Exception("id_token validation failed: " + e.getMessage(), e);
        }
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        String email = truthy(raw.get("email_verified")) ? text(raw, "email") : "";
        return new OAuth2User(text(raw, "sub"), text(raw, "name"), "", email, "", raw, token);
    }
}
