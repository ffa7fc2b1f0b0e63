package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OAuth2 provider catalogue over HTTP: {@code GET /api/collections/meta/oauth2-providers} (PocketBase 0.40's
 * 32 providers in its order, superusers only), every provider accepted in a collection and offered by
 * auth-methods, and a sign-in with one of the newer providers against a fake Twitch on loopback.
 */
class OAuth2ProvidersApiTest {

    private static final List<String> NAMES = List.of("apple", "google", "microsoft", "yandex", "facebook",
            "instagram2", "github", "gitlab", "bitbucket", "gitee", "gitea", "discord", "twitter", "kakao", "vk",
            "linear", "notion", "monday", "lark", "box", "spotify", "trakt", "twitch", "patreon", "strava",
            "wakatime", "livechat", "mailcow", "planningcenter", "oidc", "oidc2", "oidc3");
    private static final List<String> WITHOUT_PKCE = List.of("bitbucket", "vk", "linear");

    private TestApp app;
    private String superuser;
    private HttpServer twitch;
    private final List<String> clientIds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        app = TestApp.fromFixture();
        superuser = Json.parse(send("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}").body()).path("token").asString();
        twitch = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        twitch.createContext("/token", ex -> respond(ex, """
                {"access_token":"tw-at","refresh_token":"tw-rt","expires_in":14400,"scope":["user:read:email"],
                 "token_type":"bearer"}"""));
        twitch.createContext("/helix/users", ex -> {
            clientIds.add(String.valueOf(ex.getRequestHeaders().getFirst("Client-Id")));
            respond(ex, """
                    {"data":[{"id":"141981764","login":"twitchdev","display_name":"TwitchDev",
                     "email":"twitchdev@example.com","profile_image_url":"http://127.0.0.1/none.png"}]}""");
        });
        twitch.start();
    }

    @AfterEach
    void stop() {
        app.close();
        twitch.stop(0);
    }

    private static void respond(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return app.send(method, path, token == null ? Map.of() : Map.of("Authorization", token), body);
    }

    @Test
    void theListHasPocketBasesThirtyTwoProvidersInItsOrder() {
        HttpResponse<String> r = send("GET", "/api/collections/meta/oauth2-providers", superuser, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).startsWith("[{\"name\":\"apple\",\"displayName\":\"Apple\",\"logo\":\"\\u003csvg ");
        JsonNode list = Json.parse(r.body());
        assertThat(list).hasSize(32);
        List<String> names = new ArrayList<>();
        for (JsonNode p : list) {
            names.add(p.path("name").asString());
            assertThat(((ObjectNode) p).propertyNames()).containsExactly("name", "displayName", "logo");
            assertThat(p.path("displayName").asString()).isNotEmpty();
            assertThat(p.path("logo").asString()).startsWith("<svg ").endsWith("</svg>");
        }
        assertThat(names).containsExactlyElementsOf(NAMES);
        assertThat(list.get(12).path("displayName").asString()).isEqualTo("X/Twitter");
        assertThat(list.get(14).path("displayName").asString()).isEqualTo("ВКонтакте");
    }

    @Test
    void theListIsForSuperusersOnly() {
        HttpResponse<String> guest = send("GET", "/api/collections/meta/oauth2-providers", null, null);
        assertThat(guest.statusCode()).isEqualTo(401);
        String user = Json.parse(send("POST", "/api/collections/users/impersonate/4q1xlclmfloku33", superuser, "{}")
                .body()).path("token").asString();
        assertThat(send("GET", "/api/collections/meta/oauth2-providers", user, null).statusCode()).isEqualTo(403);
    }

    @Test
    void everyProviderCanBeConfiguredAndIsOfferedByAuthMethods() {
        ArrayNode providers = Json.array();
        for (String name : NAMES) {
            providers.addObject().put("name", name).put("clientId", "cid-" + name).put("clientSecret", "secret");
        }
        ObjectNode patch = Json.object();
        patch.putObject("oauth2").put("enabled", true).set("providers", providers);
        HttpResponse<String> saved = send("PATCH", "/api/collections/users", superuser, Json.write(patch));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        JsonNode offered = Json.parse(send("GET", "/api/collections/users/auth-methods", null, null).body())
                .path("oauth2").path("providers");
        assertThat(offered).hasSize(32);
        for (int i = 0; i < NAMES.size(); i++) {
            String name = NAMES.get(i);
            JsonNode p = offered.get(i);
            assertThat(((ObjectNode) p).propertyNames()).containsExactly("name", "displayName", "logo", "state",
                    "authURL", "authUrl", "codeVerifier", "codeChallenge", "codeChallengeMethod");
            assertThat(p.path("name").asString()).isEqualTo(name);
            assertThat(p.path("authURL").asString()).contains("client_id=cid-" + name + "&").endsWith("&redirect_uri=");
            assertThat(p.path("codeChallengeMethod").asString()).isEqualTo(WITHOUT_PKCE.contains(name) ? "" : "S256");
        }
    }

    @Test
    void authMethodsWithoutOAuth2HaveAnEmptyLegacyProviderList() {
        HttpResponse<String> r = send("GET", "/api/collections/_superusers/auth-methods", null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode methods = Json.parse(r.body());
        assertThat(methods.path("oauth2").path("enabled").asBoolean()).isFalse();
        assertThat(methods.path("oauth2").path("providers").isArray()).isTrue();
        assertThat(methods.path("authProviders").isArray()).as(r.body()).isTrue();
        assertThat(methods.path("authProviders")).isEmpty();
    }

    @Test
    void aNewerProviderSignsIn() {
        String url = "http://127.0.0.1:" + twitch.getAddress().getPort();
        HttpResponse<String> saved = send("PATCH", "/api/collections/users", superuser, """
                {"mfa":{"enabled":false},"oauth2":{"enabled":true,"providers":[{"name":"twitch","clientId":"tw-cid",
                 "clientSecret":"tw-secret","tokenURL":"%1$s/token","userInfoURL":"%1$s/helix/users"}]}}"""
                .formatted(url));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);

        HttpResponse<String> r = send("POST", "/api/collections/users/auth-with-oauth2", null, """
                {"provider":"twitch","code":"c1","codeVerifier":"v1","redirectURL":"https://app.example.com/cb"}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("meta").path("id").asString()).isEqualTo("141981764");
        assertThat(body.path("meta").path("name").asString()).isEqualTo("TwitchDev");
        assertThat(body.path("meta").path("username").asString()).isEqualTo("twitchdev");
        assertThat(body.path("meta").path("accessToken").asString()).isEqualTo("tw-at");
        assertThat(body.path("meta").path("isNew").asBoolean()).isTrue();
        assertThat(body.path("record").path("email").asString()).isEqualTo("twitchdev@example.com");
        assertThat(clientIds).containsExactly("tw-cid");
    }
}
