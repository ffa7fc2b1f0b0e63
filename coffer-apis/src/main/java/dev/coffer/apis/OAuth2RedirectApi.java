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
 * to the realtime client whose id is the state (through an {@link OAuth2RedirectRelay}), then redirects to the
 * dashboard's success or failure page ({@code ../_/#/auth/oauth2-redirect-success|failure}; 307 for GET, 303 for POST,
 * as PocketBase), or without the dashboard shows PocketBase's short text instead. Apple's form post also carries the
 * user's name, kept for the sign-in that follows.
 */
final class OAuth2RedirectApi {

    private static final String SUCCESS = "Auth completed. You can close this window and go back to the app.";
    private static final String FAILURE =
            "Failed to authenticate. You can close this window and go back to the app to try again.";

    private static final String SUCCESS_PAGE = "../_/#/auth/oauth2-redirect-success";
    private static final String FAILURE_PAGE = "../_/#/auth/oauth2-redirect-failure";

    private final OAuth2RedirectRelay relay;
    private final AppleNames appleNames;
    private final boolean dashboard;

    private OAuth2RedirectApi(OAuth2RedirectRelay relay, AppleNames appleNames, boolean dashboard) {
        this.relay = relay;
        this.appleNames = appleNames;
        this.dashboard = dashboard;
    }

    static void bind(ApiRouter router, OAuth2RedirectRelay relay, AppleNames appleNames, boolean dashboard) {
        OAuth2RedirectApi api = new OAuth2RedirectApi(relay, appleNames, dashboard);
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
        if (dashboard) {
            redirectTo(e, SUCCESS_PAGE);
            return;
        }
        e.stream(200, "text/html; charset=utf-8", new ByteArrayInputStream(SUCCESS.getBytes(StandardCharsets.UTF_8)));
    }

    private void failure(RequestEvent e) {
        if (dashboard) {
            redirectTo(e, FAILURE_PAGE);
            return;
        }
        e.text(200, FAILURE);
    }

    /** A redirect as PocketBase writes it: 307 for GET, 303 otherwise, the location relative, no body. */
    private static void redirectTo(RequestEvent e, String location) {
        e.redirect(e.method().equals("GET") ? 307 : 303, location);
    }

    private static String text(ObjectNode body, String key) {
        JsonNode v = body.get(key);
        return v == null || v.isNull() ? "" : v.asString("");
    }
}
