package dev.coffer.core.auth.oauth2;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Microsoft (Entra ID): the Graph {@code /me} endpoint. The default endpoints use the {@code common} tenant; a
 * single-tenant app sets its tenant's authorization and token URLs. {@code extra.idTokenEmailClaim} picks the email
 * from the id token instead of Graph's {@code mail} ({@code verified_primary_email}, {@code email_and_xms_edov},
 * {@code any_verified} or {@code email}) and adds the {@code openid} scope.
 */
final class MicrosoftProvider extends OAuth2Provider {

    static final String LOGO = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" preserveAspectRatio=\"xMidYMid\"><path fill=\"#f1511b\" d=\"M122 122H0V0h122z\"/><path fill=\"#80cc28\" d=\"M256 122H134V0h122z\"/><path fill=\"#00adef\" d=\"M122 256H0V134h122z\"/><path fill=\"#fbbc09\" d=\"M256 256H134V134h122z\"/></svg>";

    private final String emailClaim;

    MicrosoftProvider(ProviderConfig config) {
        super(config, new Defaults("Microsoft", LOGO, true, List.of("User.Read"),
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://graph.microsoft.com/v1.0/me"));
        this.emailClaim = config.extraText("idTokenEmailClaim");
        if (!emailClaim.isEmpty() && !scopes().contains("openid")) {
            List<String> scopes = new ArrayList<>(scopes());
            scopes.add("openid");
            setScopes(scopes);
        }
    }

    @Override
    protected OAuth2User toUser(ObjectNode raw, OAuth2Token token) {
        String email = switch (emailClaim) {
            case "any_verified" -> {
                String primary = claim(token, "verified_primary_email");
                yield primary.isEmpty() ? edovEmail(token) : primary;
            }
            case "verified_primary_email" -> claim(token, "verified_primary_email");
            case "email_and_xms_edov" -> edovEmail(token);
            case "email" -> claim(token, "email");
            default -> text(raw, "mail");
        };
        return new OAuth2User(text(raw, "id"), text(raw, "displayName"), "", email, "", raw, token);
    }

    private static String edovEmail(OAuth2Token token) {
        ObjectNode claims = claims(token);
        return claims != null && truthy(claims.get("xms_edov")) ? text(claims, "email") : "";
    }

    private static String claim(OAuth2Token token, String name) {
        ObjectNode claims = claims(token);
        return claims == null ? "" : text(claims, name);
    }

    /** The id token claims (the token came straight from the token endpoint), or null when absent or invalid. */
    private static ObjectNode claims(OAuth2Token token) {
        try {
            return IdToken.parse(token.idToken()).checkTimes(false).claims();
        } catch (OAuth2Exception e) {
            return null;
        }
    }
}
