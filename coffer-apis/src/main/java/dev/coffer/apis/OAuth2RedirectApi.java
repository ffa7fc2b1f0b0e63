package dev.coffer.apis;

import dev.coffer.core.auth.oauth2.AppleNames;
import dev.coffer.core.auth.oauth2.OAuth2RedirectRelay;
import dev.coffer.tools.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The page providers redirect to ({@code GET|POST /api/oauth2-redirect}): forwards {@code {state, code, error?}}
 * to the realtime client whose id is the state (through an {@link OAuth2RedirectRelay}) and shows a short
 * success or failure page (plain pages, as there is no dashboard to redirect to yet). Apple's form post also carries the user's name, kept for the sign-in that follows.
 */
final class OAuth2RedirectApi {

    private static final String SUCCESS = "Auth completed. You can close this window and go back to the app.";
    private static final String FAILURE =
            "Failed to authenticate. You can close this window and go back to the app to try again.";

    private final OAuth2RedirectRelay relay;
    private final AppleNames appleNames;

    private OAuth2RedirectApi(OAuth2RedirectRelay relay, AppleNames appleNames) {
        this.relay = relay;
        this.appleNames = appleNames;
    }

    static void bind(ApiRouter router, OAuth2RedirectRelay relay, AppleNames appleNames) {
        OAuth2RedirectApi api = new OAuth2RedirectApi(relay, appleNames);
        // the URL carries the provider's code: not logged when it succeeds
        router.get("/api/oauth2-redirect", e -> {
            e.skipSuccessLog();
            api.redirect(e);
        });
        router.post("/api/oauth2-redirect", e -> {
            e.skipSuccessLog();
            api.redirect(e);
        });
    }

    private void redirect(RequestEvent e) {
        String state;
        String code;
        String error;
        String appleUser = "";
        if (e.method().equals("POST")) {
            ObjectNode body;
            try {
                body = e.body();
            } catch (ApiError ex) {
                failure(e);
                return;
            }
            state = text(body, "state");
            code = text(body, "code");
            error = text(body, "error");
            appleUser = text(body, "user");
        } else {
            state = e.query("state");
            code = e.query("code");
            error = e.query("error");
        }
        if (state.isEmpty() || !relay.accepts(state, e.realIP())) {
            failure(e);
            return;
        }
        if (!appleUser.isEmpty() && error.isEmpty() && !code.isEmpty()) {
            appleNames.remember(code, appleUser);
        }
        ObjectNode data = Json.object();
        data.put("state", state);
        data.put("code", code);
        if (!error.isEmpty()) {
            data.put("error", error);
        }
        relay.send(state, data);
        if (!error.isEmpty() || code.isEmpty()) {
            failure(e);
            return;
        }
        e.stream(200, "text/html; charset=utf-8", new ByteArrayInputStream(SUCCESS.getBytes(StandardCharsets.UTF_8)));
    }

    private static void failure(RequestEvent e) {
        e.text(200, FAILURE);
    }

    private static String text(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        return v == null || v.isNull() ? "" : v.asString("");
    }
}
