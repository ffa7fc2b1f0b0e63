package dev.coffer.apis;

import dev.coffer.core.auth.oauth2.OAuth2Providers;
import dev.coffer.core.collection.AuthOptions;
import dev.coffer.core.collection.Collection;
import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code auth-methods} answer of an auth collection: password, OAuth2, MFA and OTP settings as clients
 * need them, plus the legacy {@code authProviders}, {@code usernamePassword} and {@code emailPassword} keys.
 */
final class AuthMethodsResponse {

    private AuthMethodsResponse() {}

    /** Handles {@code GET /api/collections/{collection}/auth-methods}. */
    static void write(RequestEvent e) {
        Collection collection = RecordAuthApi.authCollection(e);
        AuthOptions o = collection.authOptions();
        ObjectNode out = Json.object();

        ObjectNode password = out.putObject("password");
        ArrayNode identity = password.putArray("identityFields");
        if (o.passwordAuth().enabled()) {
            o.passwordAuth().identityFields().forEach(identity::add);
        }
        password.put("enabled", o.passwordAuth().enabled());

        boolean oauth2Enabled = o.rawJson().path("oauth2").path("enabled").asBoolean(false);
        ObjectNode oauth2 = out.putObject("oauth2");
        ArrayNode providers = Json.array();
        OAuth2Providers.authMethodsProviders(collection).forEach(providers::add);
        oauth2.set("providers", providers);
        oauth2.put("enabled", oauth2Enabled);

        ObjectNode mfa = out.putObject("mfa");
        mfa.put("enabled", o.mfa().enabled());
        mfa.put("duration", o.mfa().enabled() ? o.mfa().duration() : 0);
        ObjectNode otp = out.putObject("otp");
        otp.put("enabled", o.otp().enabled());
        otp.put("duration", o.otp().enabled() ? o.otp().duration() : 0);

        // without OAuth2 PocketBase 0.40 writes its empty legacy list as [] (0.39 wrote null)
        ArrayNode legacy = oauth2Enabled ? providers.deepCopy() : Json.array();
        legacy.forEach(p -> ((ObjectNode) p).put("logo", ""));
        out.set("authProviders", legacy);
        boolean pw = o.passwordAuth().enabled();
        out.put("usernamePassword", pw && o.passwordAuth().identityFields().contains("username"));
        out.put("emailPassword", pw && o.passwordAuth().identityFields().contains("email"));
        e.json(200, out);
    }
}
