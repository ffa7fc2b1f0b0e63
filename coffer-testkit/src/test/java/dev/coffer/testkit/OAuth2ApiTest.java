package dev.coffer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.core.auth.oauth2.OAuth2Providers;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OAuth2 sign-in over HTTP against a fake GitLab served on loopback: the code exchange with PKCE, record
 * creation and linking, second sign-ins, email matches and provider failures.
 */
class OAuth2ApiTest {

    private HttpServer provider;
    private String providerUrl;
    private final List<Map<String, String>> tokenRequests = new ArrayList<>();
    private final List<String> tokenAuthorizations = new ArrayList<>();
    private volatile String userJson = "{}";
    private volatile int userStatus = 200;
    private TestApp app;
    private String superuser;

    @BeforeEach
    void start() throws IOException {
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        provider.createContext("/token", this::token);
        provider.createContext("/user", this::user);
        provider.start();
        providerUrl = "http://127.0.0.1:" + provider.getAddress().getPort();
        app = TestApp.fromFixture();
        superuser = login();
        HttpResponse<String> r = send("PATCH", "/api/collections/users", superuser, """
                {"mfa":{"enabled":false},"oauth2":{"enabled":true,
                 "mappedFields":{"name":"name","username":"username","avatarURL":"avatar"},
                 "providers":[{"name":"gitlab","clientId":"cid","clientSecret":"csecret",
                   "authURL":"%1$s/auth","tokenURL":"%1$s/token","userInfoURL":"%1$s/user"}]}}"""
                .formatted(providerUrl));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("csecret");
    }

    @AfterEach
    void stop() {
        app.close();
        provider.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        synchronized (tokenRequests) {
            tokenRequests.add(form);
            tokenAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
        }
        if (form.get("code").equals("bad")) {
            respond(ex, 400, "{\"error\":\"invalid_grant\"}");
        } else {
            respond(ex, 200, "{\"access_token\":\"at-" + form.get("code") + "\",\"token_type\":\"bearer\","
                    + "\"refresh_token\":\"rt\",\"expires_in\":3600}");
        }
    }

    private void user(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        respond(ex, auth != null && auth.startsWith("Bearer at-") ? userStatus : 401, userJson);
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private String login() {
        HttpResponse<String> r = send("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        return Json.parse(r.body()).path("token").asString();
    }

    private HttpResponse<String> send(String method, String path, String token, String body) {
        return app.send(method, path, token == null ? Map.of() : Map.of("Authorization", token), body);
    }

    private HttpResponse<String> signIn(String code) {
        return send("POST", "/api/collections/users/auth-with-oauth2", null, """
                {"provider":"gitlab","code":"%s","codeVerifier":"verifier-%1$s","redirectURL":"https://app.example.com/cb"}"""
                .formatted(code));
    }

    private void providerUser(long id, String username, String email) {
        userJson = """
                {"id":%d,"username":"%s","name":"Name %2$s","email":"%s","confirmed_at":"2020-01-01T00:00:00Z",
                 "avatar_url":"%s/avatar.png"}""".formatted(id, username, email, providerUrl);
    }

    private JsonNode links(String recordId) {
        HttpResponse<String> r = send("GET", "/api/collections/_externalAuths/records?filter="
                + java.net.URLEncoder.encode("recordRef='" + recordId + "'", StandardCharsets.UTF_8), superuser, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.parse(r.body()).path("items");
    }

    @Test
    void firstSignInCreatesAndLinksTheRecordAndTheNextFindsTheLink() {
        providerUser(4242, "newbie", "newbie@example.com");
        HttpResponse<String> r = signIn("c1");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        JsonNode record = body.path("record");
        assertThat(body.path("token").asString()).isNotEmpty();
        assertThat(body.path("meta").path("isNew").asBoolean()).isTrue();
        assertThat(body.path("meta").path("id").asString()).isEqualTo("4242");
        assertThat(body.path("meta").path("accessToken").asString()).isEqualTo("at-c1");
        assertThat(body.path("meta").path("refreshToken").asString()).isEqualTo("rt");
        assertThat(body.path("meta").path("expiry").asString()).isNotEmpty();
        assertThat(body.path("meta").path("rawUser").path("username").asString()).isEqualTo("newbie");
        assertThat(record.path("email").asString()).isEqualTo("newbie@example.com");
        assertThat(record.path("verified").asBoolean()).isTrue();
        assertThat(record.path("username").asString()).isEqualTo("newbie");
        assertThat(record.path("name").asString()).isEqualTo("Name newbie");
        assertThat(record.path("avatar").asString()).as("loopback avatars are not downloaded").isEmpty();

        Map<String, String> exchange = tokenRequests.get(0);
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsEntry("code", "c1")
                .containsEntry("code_verifier", "verifier-c1")
                .containsEntry("redirect_uri", "https://app.example.com/cb");
        assertThat(tokenAuthorizations.get(0)).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("cid:csecret".getBytes(StandardCharsets.UTF_8)));
        JsonNode links = links(record.path("id").asString());
        assertThat(links).hasSize(1);
        assertThat(links.get(0).path("provider").asString()).isEqualTo("gitlab");
        assertThat(links.get(0).path("providerId").asString()).isEqualTo("4242");

        providerUser(4242, "renamed", "other@example.com");
        HttpResponse<String> again = signIn("c2");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode second = Json.parse(again.body());
        assertThat(second.path("meta").path("isNew").asBoolean()).isFalse();
        assertThat(second.path("record").path("id").asString()).isEqualTo(record.path("id").asString());
        assertThat(links(record.path("id").asString())).hasSize(1);
    }

    @Test
    void theRequestHookSeesTheProviderUserAndMayChangeTheCreateData() {
        List<String> seen = new ArrayList<>();
        app.coffer().apiHooks().onRecordAuthWithOAuth2Request().bind(e -> {
            seen.add(e.providerName() + ":" + e.oauth2User().id() + ":" + e.isNewRecord());
            e.createData().put("name", "Hooked " + e.oauth2User().username());
            e.next();
        });
        providerUser(5151, "hooked", "hooked@example.com");
        HttpResponse<String> r = signIn("c9");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(Json.parse(r.body()).path("record").path("name").asString()).isEqualTo("Hooked hooked");
        assertThat(signIn("c10").statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly("gitlab:5151:true", "gitlab:5151:false");

        app.coffer().apiHooks().onRecordAuthWithOAuth2Request().bind("refuse", 0, e -> {
            throw new dev.coffer.apis.ApiError(403, "No OAuth2 today.", Json.object());
        });
        HttpResponse<String> refused = signIn("c11");
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void providerEmailLinksTheExistingRecord() {
        providerUser(77, "whoever", "test2@example.com");
        HttpResponse<String> r = signIn("c3");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = Json.parse(r.body());
        assertThat(body.path("meta").path("isNew").asBoolean()).isFalse();
        assertThat(body.path("record").path("id").asString()).isEqualTo("oap640cot4yru2s");
        assertThat(body.path("record").path("username").asString()).isEqualTo("test2_username");
        assertThat(links("oap640cot4yru2s")).hasSize(1);
        HttpResponse<String> password = send("POST", "/api/collections/users/auth-with-password", null,
                "{\"identity\":\"test2@example.com\",\"password\":\"1234567890\"}");
        assertThat(password.statusCode()).as("a verified record keeps its password").isEqualTo(200);
    }

    @Test
    void anUnverifiedRecordMatchedByEmailIsVerifiedRelinkedAndItsPasswordReset() {
        providerUser(78, "whoever", "test@example.com");
        HttpResponse<String> r = signIn("c4");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode record = Json.parse(r.body()).path("record");
        assertThat(record.path("id").asString()).isEqualTo("4q1xlclmfloku33");
        assertThat(record.path("verified").asBoolean()).isTrue();
        JsonNode links = links("4q1xlclmfloku33");
        assertThat(links).hasSize(1);
        assertThat(links.get(0).path("providerId").asString()).isEqualTo("78");
        HttpResponse<String> password = send("POST", "/api/collections/users/auth-with-password", null,
                "{\"identity\":\"test@example.com\",\"password\":\"1234567890\"}");
        assertThat(password.statusCode()).isEqualTo(400);
    }

    @Test
    void providerFailuresAre400() {
        HttpResponse<String> badCode = signIn("bad");
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(Json.parse(badCode.body()).path("message").asString()).isEqualTo("Failed to fetch OAuth2 token.");

        userStatus = 500;
        HttpResponse<String> badUser = signIn("c5");
        assertThat(badUser.statusCode()).isEqualTo(400);
        assertThat(Json.parse(badUser.body()).path("message").asString()).isEqualTo("Failed to fetch OAuth2 user.");
    }

    @Test
    void formErrorsNameTheProviderAndCode() {
        HttpResponse<String> r = send("POST", "/api/collections/users/auth-with-oauth2", null, "{\"provider\":\"apple\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode data = Json.parse(r.body()).path("data");
        assertThat(data.path("provider").path("code").asString()).isEqualTo("validation_invalid_provider");
        assertThat(data.path("code").path("code").asString()).isEqualTo("validation_required");
        assertThat(data.has("codeVerifier")).isFalse();
    }

    @Test
    void aPatchWithoutTheClientSecretKeepsIt() {
        HttpResponse<String> r = send("PATCH", "/api/collections/users", superuser, """
                {"oauth2":{"providers":[{"name":"gitlab","clientId":"cid2",
                   "authURL":"%1$s/auth","tokenURL":"%1$s/token","userInfoURL":"%1$s/user"}]}}""".formatted(providerUrl));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        providerUser(90, "kept", "kept@example.com");
        assertThat(signIn("c6").statusCode()).isEqualTo(200);
        assertThat(tokenAuthorizations.get(0)).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("cid2:csecret".getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> dup = send("PATCH", "/api/collections/users", superuser, """
                {"oauth2":{"providers":[{"name":"gitlab","clientId":"a","clientSecret":"b"},
                  {"name":"gitlab","clientId":"a","clientSecret":"b"},{"name":"nope","clientId":"a","clientSecret":"b"}]}}""");
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(dup.body()).contains("validation_duplicated_provider");
        HttpResponse<String> unknown = send("PATCH", "/api/collections/users", superuser, """
                {"oauth2":{"providers":[{"name":"nope","clientId":"a"}]}}""");
        assertThat(unknown.statusCode()).isEqualTo(400);
        JsonNode errors = Json.parse(unknown.body()).path("data").path("oauth2").path("providers").path("0");
        assertThat(errors.path("name").path("code").asString()).isEqualTo("validation_missing_provider");
        assertThat(errors.path("clientSecret").path("code").asString()).isEqualTo("validation_required");
    }

    /** As PocketBase 0.40: a patched provider merges onto the stored one of its name and shows all its keys. */
    @Test
    void aPatchedProviderKeepsWhatItLeavesOutAndShowsEveryKey() {
        String kept = "\"authURL\":\"%1$s/auth\",\"tokenURL\":\"%1$s/token\",\"userInfoURL\":\"%1$s/user\""
                .formatted(providerUrl);
        assertThat(patchProviders("""
                [{"name":"gitlab","clientId":"cid3","displayName":"GL","extra":{"k":"v"},"pkce":true}]"""))
                .isEqualTo("[{\"pkce\":true,\"name\":\"gitlab\",\"clientId\":\"cid3\"," + kept
                        + ",\"displayName\":\"GL\",\"extra\":{\"k\":\"v\"}}]");
        assertThat(patchProviders("[{\"name\":\"gitlab\",\"extra\":{\"j\":1}}]"))
                .isEqualTo("[{\"pkce\":true,\"name\":\"gitlab\",\"clientId\":\"cid3\"," + kept
                        + ",\"displayName\":\"GL\",\"extra\":{\"k\":\"v\",\"j\":1}}]");
        assertThat(patchProviders("[{\"name\":\"gitlab\",\"displayName\":\"\",\"pkce\":null,\"extra\":null}]"))
                .isEqualTo("[{\"pkce\":null,\"name\":\"gitlab\",\"clientId\":\"cid3\"," + kept
                        + ",\"displayName\":\"\",\"extra\":{}}]");
        JsonNode stored = app.coffer().app().collections().find("users").orElseThrow().rawOptions()
                .path("oauth2").path("providers");
        assertThat(Json.write(stored)).isEqualTo("[{\"pkce\":null,\"name\":\"gitlab\",\"clientId\":\"cid3\","
                + "\"clientSecret\":\"csecret\"," + kept + ",\"displayName\":\"\",\"extra\":{}}]");

        HttpResponse<String> emptySecret = send("PATCH", "/api/collections/users", superuser,
                "{\"oauth2\":{\"providers\":[{\"name\":\"gitlab\",\"clientSecret\":\"\"}]}}");
        assertThat(emptySecret.statusCode()).isEqualTo(400);
        assertThat(Json.parse(emptySecret.body()).path("data").path("oauth2").path("providers").path("0")
                .path("clientSecret").path("code").asString()).isEqualTo("validation_required");

        HttpResponse<String> notABoolean = send("PATCH", "/api/collections/users", superuser,
                "{\"oauth2\":{\"providers\":[{\"name\":\"gitlab\",\"pkce\":\"yes\"}]}}");
        assertThat(notABoolean.statusCode()).isEqualTo(400);
        assertThat(notABoolean.body()).contains("Failed to load the submitted data due to invalid formatting.");

        // a new provider gets every key too
        assertThat(patchProviders("""
                [{"name":"gitlab"},{"name":"github","clientId":"gh","clientSecret":"ghs"}]"""))
                .endsWith(",{\"pkce\":null,\"name\":\"github\",\"clientId\":\"gh\",\"authURL\":\"\",\"tokenURL\":\"\","
                        + "\"userInfoURL\":\"\",\"displayName\":\"\",\"extra\":{}}]");
    }

    /** PATCHes the users collection's providers; their JSON in the answer. */
    private String patchProviders(String providers) {
        HttpResponse<String> r = send("PATCH", "/api/collections/users", superuser,
                "{\"oauth2\":{\"providers\":" + providers + "}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.write(Json.parse(r.body()).path("oauth2").path("providers"));
    }

    @Test
    void authMethodsProvidersCarryPkceAndAnOpenRedirectUri() {
        List<ObjectNode> providers = OAuth2Providers.authMethodsProviders(
                app.coffer().app().collections().find("users").orElseThrow());
        assertThat(providers).hasSize(1);
        ObjectNode p = providers.get(0);
        assertThat(p.path("name").asString()).isEqualTo("gitlab");
        assertThat(p.path("displayName").asString()).isEqualTo("GitLab");
        assertThat(p.path("codeChallengeMethod").asString()).isEqualTo("S256");
        assertThat(p.path("codeChallenge").asString())
                .isEqualTo(OAuth2Providers.s256Challenge(p.path("codeVerifier").asString()));
        assertThat(p.path("authURL").asString()).startsWith(providerUrl + "/auth?client_id=cid&code_challenge=")
                .contains("&state=" + p.path("state").asString()).endsWith("&redirect_uri=");
        assertThat(p.path("authUrl").asString()).isEqualTo(p.path("authURL").asString());
        assertThat(p.path("logo").asString()).startsWith("<svg");
    }

    @Test
    void redirectWithoutARealtimeClientEndsOnTheDashboardsFailurePage() {
        HttpResponse<String> r = send("GET", "/api/oauth2-redirect?state=abc&code=123", null, null);
        assertThat(r.statusCode()).isEqualTo(307);
        assertThat(r.headers().firstValue("Location")).hasValue("../_/#/auth/oauth2-redirect-failure");
        HttpResponse<String> post = send("POST", "/api/oauth2-redirect", null, null);
        assertThat(post.statusCode()).isEqualTo(303);
        assertThat(post.headers().firstValue("Location")).hasValue("../_/#/auth/oauth2-redirect-failure");
    }
}
