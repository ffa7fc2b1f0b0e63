package dev.coffer.core.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Each provider's user mapping from recorded sample responses, and the authorization URL it builds. */
class OAuth2ProvidersTest {

    private static final OAuth2Token TOKEN = new OAuth2Token("at", "bearer", "rt", null, Json.object());

    private static OAuth2Provider provider(String name, String extraJson) {
        ObjectNode cfg = Json.object().put("name", name).put("clientId", "cid").put("clientSecret", "secret");
        if (extraJson != null) {
            cfg.set("extra", Json.parse(extraJson));
        }
        return OAuth2Providers.create(ProviderConfig.fromJson(cfg)).orElseThrow();
    }

    private static OAuth2User map(String name, String rawJson) throws OAuth2Exception {
        return provider(name, null).toUser((ObjectNode) Json.parse(rawJson), TOKEN);
    }

    @Test
    void google() throws Exception {
        OAuth2User u = map("google", """
                {"sub":"1098","name":"Ann Lee","given_name":"Ann","picture":"https://lh3.googleusercontent.com/a/x",
                 "email":"ann@example.com","email_verified":true}""");
        assertThat(u.id()).isEqualTo("1098");
        assertThat(u.name()).isEqualTo("Ann Lee");
        assertThat(u.username()).isEmpty();
        assertThat(u.email()).isEqualTo("ann@example.com");
        assertThat(u.avatarUrl()).isEqualTo("https://lh3.googleusercontent.com/a/x");
        assertThat(map("google", "{\"sub\":\"1\",\"email\":\"a@b.c\",\"email_verified\":false}").email()).isEmpty();
    }

    @Test
    void githubUserAndVerifiedPrimaryEmail() throws Exception {
        OAuth2User u = map("github", """
                {"login":"octocat","id":583231,"avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4",
                 "name":"The Octocat","email":null}""");
        assertThat(u.id()).isEqualTo("583231");
        assertThat(u.username()).isEqualTo("octocat");
        assertThat(u.name()).isEqualTo("The Octocat");
        assertThat(u.avatarUrl()).isEqualTo("https://avatars.githubusercontent.com/u/583231?v=4");
        assertThat(GithubProvider.verifiedPrimaryEmail("""
                [{"email":"old@example.com","verified":true,"primary":false},
                 {"email":"unverified@example.com","verified":false,"primary":true},
                 {"email":"main@example.com","verified":true,"primary":true}]""")).isEqualTo("main@example.com");
        assertThat(GithubProvider.verifiedPrimaryEmail("[{\"email\":\"x@y.z\",\"verified\":false,\"primary\":true}]"))
                .isEmpty();
    }

    @Test
    void gitlabEmailNeedsConfirmation() throws Exception {
        String raw = """
                {"id":1,"username":"john_smith","name":"John Smith","email":"john@example.com",
                 "avatar_url":"https://gitlab.com/uploads/a.png","confirmed_at":"%s"}""";
        OAuth2User u = map("gitlab", raw.formatted("2012-05-23T09:05:22Z"));
        assertThat(u.id()).isEqualTo("1");
        assertThat(u.username()).isEqualTo("john_smith");
        assertThat(u.email()).isEqualTo("john@example.com");
        assertThat(u.avatarUrl()).isEqualTo("https://gitlab.com/uploads/a.png");
        assertThat(map("gitlab", raw.formatted("")).email()).isEmpty();
    }

    @Test
    void discordNameFallbacksAndAvatar() throws Exception {
        OAuth2User u = map("discord", """
                {"id":"80351110224678912","username":"nelly","discriminator":"1337","global_name":null,
                 "avatar":"8342729096ea3675442027381ff50dfe","verified":true,"email":"nelly@discord.com"}""");
        assertThat(u.name()).isEqualTo("nelly#1337");
        assertThat(u.username()).isEqualTo("nelly");
        assertThat(u.email()).isEqualTo("nelly@discord.com");
        assertThat(u.avatarUrl())
                .isEqualTo("https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png");
        OAuth2User g = map("discord", "{\"id\":\"1\",\"username\":\"n\",\"discriminator\":\"0\",\"global_name\":\"Nelly\"}");
        assertThat(g.name()).isEqualTo("Nelly");
        assertThat(g.avatarUrl()).isEmpty();
        assertThat(g.email()).isEmpty();
    }

    @Test
    void microsoftMailOrIdTokenClaim() throws Exception {
        String raw = "{\"id\":\"87d349ed\",\"displayName\":\"Megan Bowen\",\"mail\":\"megan@contoso.com\"}";
        OAuth2User u = map("microsoft", raw);
        assertThat(u.id()).isEqualTo("87d349ed");
        assertThat(u.name()).isEqualTo("Megan Bowen");
        assertThat(u.email()).isEqualTo("megan@contoso.com");

        OAuth2Provider withClaim = provider("microsoft", "{\"idTokenEmailClaim\":\"email_and_xms_edov\"}");
        assertThat(withClaim.scopes()).containsExactly("User.Read", "openid");
        String idToken = unsignedJwt(Map.of("email", "megan@contoso.com", "xms_edov", true,
                "iat", Instant.now().getEpochSecond()));
        OAuth2Token token = new OAuth2Token("at", "", "", null, Json.object().put("id_token", idToken));
        assertThat(withClaim.toUser((ObjectNode) Json.parse(raw), token).email()).isEqualTo("megan@contoso.com");
        String unverified = unsignedJwt(Map.of("email", "megan@contoso.com", "xms_edov", false));
        OAuth2Token token2 = new OAuth2Token("at", "", "", null, Json.object().put("id_token", unverified));
        assertThat(withClaim.toUser((ObjectNode) Json.parse(raw), token2).email()).isEmpty();
    }

    @Test
    void appleAndOidcClaims() throws Exception {
        OAuth2User apple = map("apple", """
                {"iss":"https://appleid.apple.com","sub":"001234.abcd","aud":"cid","email":"x@privaterelay.appleid.com",
                 "email_verified":"true"}""");
        assertThat(apple.id()).isEqualTo("001234.abcd");
        assertThat(apple.email()).isEqualTo("x@privaterelay.appleid.com");

        OAuth2User oidc = map("oidc2", """
                {"sub":"248289761001","name":"Jane Doe","preferred_username":"j.doe","email":"jane@example.com",
                 "email_verified":"1","picture":"https://example.com/jane.jpg"}""");
        assertThat(oidc.username()).isEqualTo("j.doe");
        assertThat(oidc.email()).isEqualTo("jane@example.com");
        assertThat(oidc.avatarUrl()).isEqualTo("https://example.com/jane.jpg");
        assertThat(map("oidc3", "{\"sub\":\"1\",\"email\":\"a@b.c\"}").email()).isEmpty();
    }

    @Test
    void oidcReadsTheIdTokenWithoutUserInfoUrl() throws Exception {
        OAuth2Provider oidc = provider("oidc", null);
        String idToken = unsignedJwt(Map.of("sub", "s1", "aud", "cid", "email", "a@b.c", "email_verified", true));
        OAuth2User u = oidc.fetchUser(new OAuth2Token("at", "", "", null, Json.object().put("id_token", idToken)));
        assertThat(u.id()).isEqualTo("s1");
        assertThat(u.email()).isEqualTo("a@b.c");
        String otherAudience = unsignedJwt(Map.of("sub", "s1", "aud", "someone-else"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> oidc.fetchUser(
                new OAuth2Token("at", "", "", null, Json.object().put("id_token", otherAudience))))
                .isInstanceOf(OAuth2Exception.class);
    }

    @Test
    void authUrlAndPkceChallenge() {
        assertThat(OAuth2Providers.s256Challenge("dBjftJeZ4CVP-mJ0kSAOeuKXjI03y5U6uvrUA5yu7Vg"))
                .isEqualTo("SkY6q3YyhBZj7FVPG29vVDLoNZncRBTzobtfNNDEaB8");
        String url = provider("google", null).authCodeUrl("st", Map.of("code_challenge", "ch", "code_challenge_method", "S256"));
        assertThat(url).isEqualTo("https://accounts.google.com/o/oauth2/v2/auth?client_id=cid&code_challenge=ch"
                + "&code_challenge_method=S256&response_type=code&scope=https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.profile"
                + "+https%3A%2F%2Fwww.googleapis.com%2Fauth%2Fuserinfo.email&state=st");
        ObjectNode cfg = Json.object().put("name", "gitlab").put("clientId", "c").put("authURL", "https://git.example.com/auth?x=1");
        assertThat(OAuth2Providers.create(ProviderConfig.fromJson(cfg)).orElseThrow().authCodeUrl("s", Map.of()))
                .startsWith("https://git.example.com/auth?x=1&client_id=c&");
    }

    @Test
    void metaHasTheLegacyAvatarKeyAndExpiry() {
        OAuth2Token token = new OAuth2Token("at", "", "rt", Instant.parse("2030-01-02T03:04:05Z"), Json.object());
        ObjectNode meta = new OAuth2User("1", "n", "u", "e@x.y", "https://a/b.png", Json.object(), token).toMeta(true);
        assertThat(meta.path("avatarUrl").asString()).isEqualTo("https://a/b.png");
        assertThat(meta.path("avatarURL").asString()).isEqualTo("https://a/b.png");
        assertThat(meta.path("expiry").asString()).isEqualTo("2030-01-02 03:04:05.000Z");
        assertThat(meta.path("isNew").asBoolean()).isTrue();
        assertThat(meta.path("refreshToken").asString()).isEqualTo("rt");
    }

    private static String unsignedJwt(Map<String, Object> claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + ".sig";
    }
}
