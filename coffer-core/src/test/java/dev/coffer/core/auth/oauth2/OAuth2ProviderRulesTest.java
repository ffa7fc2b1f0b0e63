package dev.coffer.core.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of the newer providers beyond the plain mapping (which emails count as verified, which accounts may
 * sign in) and the requests they make, against a fake provider API on loopback: extra headers, GraphQL posts and
 * the email sub-requests.
 */
class OAuth2ProviderRulesTest {

    private static final OAuth2Token TOKEN = new OAuth2Token("at", "bearer", "", null, Json.object());

    /** What a request to the fake API carried. */
    private record Seen(String method, String path, Map<String, List<String>> headers, String body) {}

    private HttpServer api;
    private String apiUrl;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", this::answer);
        api.start();
        apiUrl = "http://127.0.0.1:" + api.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private void answer(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        seen.add(new Seen(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()),
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        byte[] bytes = bodies.getOrDefault(path, "{}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(statuses.getOrDefault(path, 200), bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** A provider whose user info endpoint is the fake API's {@code /me}. */
    private OAuth2Provider atFakeApi(String name) {
        ObjectNode cfg = Json.object().put("name", name).put("clientId", "cid").put("clientSecret", "secret")
                .put("userInfoURL", apiUrl + "/me");
        return OAuth2Providers.create(ProviderConfig.fromJson(cfg)).orElseThrow();
    }

    private static OAuth2User map(String name, String rawJson) throws OAuth2Exception {
        ObjectNode cfg = Json.object().put("name", name).put("clientId", "cid");
        return OAuth2Providers.create(ProviderConfig.fromJson(cfg)).orElseThrow()
                .toUser((ObjectNode) Json.parse(rawJson), TOKEN);
    }

    @Test
    void linearAndMondayAskTheirGraphQlApi() throws Exception {
        bodies.put("/me", """
                {"data":{"viewer":{"id":"v1","active":true},"me":{"id":"m1","enabled":true}}}""");
        assertThat(atFakeApi("linear").fetchUser(TOKEN).id()).isEqualTo("v1");
        assertThat(atFakeApi("monday").fetchUser(TOKEN).id()).isEqualTo("m1");
        assertThat(seen).hasSize(2).allSatisfy(s -> {
            assertThat(s.method()).isEqualTo("POST");
            assertThat(s.headers().get("Content-type")).containsExactly("application/json");
            assertThat(s.headers().get("Authorization")).containsExactly("Bearer at");
            assertThat(Json.parse(s.body()).path("query").asString()).startsWith("query");
        });
        assertThat(seen.get(0).body()).isEqualTo(LinearProvider.VIEWER_QUERY).contains("viewer { id displayName");
        assertThat(seen.get(1).body()).isEqualTo(MondayProvider.ME_QUERY).contains("me { id enabled");
    }

    @Test
    void notionTraktAndTwitchSendTheHeadersTheirApisWant() throws Exception {
        bodies.put("/me", "{\"data\":[{\"id\":\"t1\"}],\"user\":{\"ids\":{\"uuid\":\"u1\"}}}");
        atFakeApi("notion").fetchUser(TOKEN);
        assertThat(atFakeApi("trakt").fetchUser(TOKEN).id()).isEqualTo("u1");
        assertThat(atFakeApi("twitch").fetchUser(TOKEN).id()).isEqualTo("t1");
        assertThat(seen).extracting(Seen::method).containsOnly("GET");
        assertThat(seen.get(0).headers().get("Notion-version")).containsExactly("2022-06-28");
        assertThat(seen.get(1).headers().get("Trakt-api-key")).containsExactly("cid");
        assertThat(seen.get(1).headers().get("Trakt-api-version")).containsExactly("2");
        assertThat(seen.get(2).headers().get("Client-id")).containsExactly("cid");
    }

    @Test
    void bitbucketAndGiteaAskForTheVerifiedPrimaryEmail() throws Exception {
        bodies.put("/me", "{\"uuid\":\"{b1}\",\"account_status\":\"active\",\"id\":7,\"active\":true}");
        bodies.put("/me/emails", """
                {"values":[{"email":"old@example.com","is_primary":false,"is_confirmed":true},
                           {"email":"jane@example.com","is_primary":true,"is_confirmed":true}]}""");
        assertThat(atFakeApi("bitbucket").fetchUser(TOKEN).email()).isEqualTo("jane@example.com");
        bodies.put("/me/emails", """
                [{"email":"new@example.com","verified":false,"primary":true},
                 {"email":"jane@example.com","verified":true,"primary":true}]""");
        assertThat(atFakeApi("gitea").fetchUser(TOKEN).email()).isEqualTo("jane@example.com");
        assertThat(seen).extracting(Seen::path).containsExactly("/me", "/me/emails", "/me", "/me/emails");

        statuses.put("/me/emails", 403);
        assertThat(atFakeApi("bitbucket").fetchUser(TOKEN).email()).isEmpty();
        assertThat(atFakeApi("gitea").fetchUser(TOKEN).email()).isEmpty();
        statuses.put("/me/emails", 200);
        bodies.put("/me/emails", "not json");
        assertThatThrownBy(() -> atFakeApi("gitea").fetchUser(TOKEN)).isInstanceOf(OAuth2Exception.class)
                .hasMessageStartingWith("failed to fetch primary email");
    }

    @Test
    void aFailingUserInfoEndpointIsAnError() {
        statuses.put("/me", 401);
        bodies.put("/me", "{\"message\":\"bad token\"}");
        assertThatThrownBy(() -> atFakeApi("spotify").fetchUser(TOKEN)).isInstanceOf(OAuth2Exception.class)
                .hasMessageContaining("(401)").hasMessageContaining("bad token");
    }

    @Test
    void giteeTakesTheConfirmedPrimaryAddressFromItsEmailList() {
        assertThat(GiteeProvider.confirmedPrimaryEmail("""
                [{"email":"a@example.com","state":"confirmed","scope":["committed"]},
                 {"email":"b@example.com","state":"unconfirmed","scope":["primary"]},
                 {"email":"c@example.com","state":"confirmed","scope":["committed","primary"]}]"""))
                .isEqualTo("c@example.com");
        assertThat(GiteeProvider.confirmedPrimaryEmail("""
                {"email":"12285415+jane@user.noreply.gitee.com"}""")).isEmpty();
        assertThat(GiteeProvider.confirmedPrimaryEmail("""
                [{"email":"nope","state":"confirmed","scope":["primary"]}]""")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            kakao    | {"id":1,"kakao_account":{"email":"a@b.co","is_email_valid":true,"is_email_verified":false}}
            kakao    | {"id":1,"kakao_account":{"email":"a@b.co","is_email_valid":false,"is_email_verified":true}}
            monday   | {"data":{"me":{"id":"1","enabled":true,"email":"a@b.co","is_verified":false}}}
            patreon  | {"data":{"id":"1","attributes":{"email":"a@b.co","is_email_verified":false}}}
            wakatime | {"data":{"id":"1","email":"a@b.co","is_email_confirmed":false,"photo":"https://p/x","photo_public":false}}
            livechat | {"account_id":"1","email":"a@b.co","email_verified":false}
            gitee    | {"id":1,"email":"not-an-address"}
            """)
    void unverifiedEmailsAreLeftOut(String name, String raw) throws Exception {
        OAuth2User u = map(name, raw);
        assertThat(u.id()).isEqualTo("1");
        assertThat(u.email()).isEmpty();
        assertThat(u.avatarUrl()).isEmpty();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bitbucket      | {"uuid":"{1}","account_status":"closed"}                  | the Bitbucket user is not active
            gitea          | {"id":1,"active":false}                                   | user account is not active
            linear         | {"data":{"viewer":{"id":"1","active":false}}}             | the Linear user account is not active
            monday         | {"data":{"me":{"id":"1","enabled":false}}}                | the monday.com user account is not enabled
            box            | {"id":"1","status":"inactive"}                            | Box user account is not active (status: "inactive")
            mailcow        | {"id":"1","active":0}                                     | the mailcow user is not active
            planningcenter | {"data":{"id":"1","attributes":{"status":"inactive"}}}   | the user is not active
            twitch         | {"data":[]}                                               | failed to fetch AuthUser data
            vk             | {"response":[]}                                           | missing response entry
            """)
    void accountsThatMayNotSignInAreRefused(String name, String raw, String message) {
        assertThatThrownBy(() -> map(name, raw)).isInstanceOf(OAuth2Exception.class).hasMessage(message);
    }

    @Test
    void smallerMappingRules() throws Exception {
        OAuth2User yandex = map("yandex", "{\"id\":\"1\",\"default_avatar_id\":\"0/0-0\",\"is_avatar_empty\":true}");
        assertThat(yandex.avatarUrl()).isEmpty();
        assertThat(map("mailcow", "{\"id\":\"1\",\"username\":\"jane\",\"active\":1}").username()).isEqualTo("jane");
        OAuth2User strava = map("strava", "{\"id\":0,\"firstname\":\"Ann\"}");
        assertThat(strava.id()).isEmpty();
        assertThat(strava.name()).isEqualTo("Ann ");
        assertThat(map("vk", "{\"response\":[{\"id\":5,\"first_name\":\"Ann\"}]}").name()).isEqualTo("Ann");
        assertThat(map("kakao", "{\"properties\":{}}").id()).isEqualTo("0");
        OAuth2User instagram = map("instagram2", "{\"user_id\":17841405793187218,\"permissions\":[\"x\"]}");
        assertThat(instagram.id()).isEqualTo("17841405793187218");
        assertThat(instagram.rawUser().path("permissions").get(0).asString()).isEqualTo("x");
    }
}
