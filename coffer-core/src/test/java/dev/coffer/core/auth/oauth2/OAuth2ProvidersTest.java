package dev.coffer.core.auth.oauth2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Each provider's user mapping from recorded sample responses (those of the newer providers in
 * {@code users/<name>.json} beside this class), the authorization URL it builds, and the provider list.
 */
class OAuth2ProvidersTest {

    private static final OAuth2Token TOKEN = new OAuth2Token("at", "bearer", "rt", null, Json.object());
    /** A token response as VK (the email) and Instagram (the granted permissions) send extras in it. */
    private static final OAuth2Token TOKEN_WITH_EXTRAS = new OAuth2Token("at", "bearer", "rt", null,
            Json.object().put("access_token", "at").put("email", "lindsey@example.com")
                    .put("permissions", "instagram_business_basic"));

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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', emptyValue = "", textBlock = """
            yandex         | 1000034426 | Ivan Ivanov | ivan | test@yandex.ru | https://avatars.yandex.net/get-yapic/131652443/islands-200
            facebook       | 10158123456789012 | Jane Doe | "" | jane.doe@example.com | https://platform-lookaside.fbsbx.com/platform/profilepic/?asid=10158123456789012&height=200&width=200
            instagram2     | 17841405793187218 | Jane Doe | jane.doe | "" | https://scontent.cdninstagram.com/v/t51.2885-19/449671234_n.jpg
            bitbucket      | {d301aafa-d676-4ee0-88be-962be7417567} | Jane Doe | janedoe | "" | https://secure.gravatar.com/avatar/5d2c1b0f9e8a7b6c?d=identicon
            gitee          | 8469151 | Jane Doe | janedoe | jane@example.com | https://foruda.gitee.com/avatar/1677000000000/8469151_janedoe_1578919123.png
            gitea          | 1042 | Jane Doe | janedoe | "" | https://gitea.com/avatars/4c1f0e2d3b5a69788a9b0c1d2e3f4a5b
            twitter        | 2244994945 | Developers | XDevelopers | devs@example.com | https://pbs.twimg.com/profile_images/1683325380441128960/yRsRRjGO_normal.jpg
            kakao          | 123456789 | "" | 홍길동 | sample@sample.com | http://k.kakaocdn.net/dn/bQz9Yd/btrA1/img_640x640.jpg
            vk             | 210700286 | Lindsey Stirling | lindseystirling | lindsey@example.com | https://sun1-99.userapi.com/s/v1/ig2/kQ2bT5.jpg?size=400x400&quality=95
            linear         | 2f9c1e8a-5d1b-4a7e-9c3f-6b2d8e0a1c45 | Jane Doe | jane | jane@example.com | https://public.linear.app/2f9c1e8a/avatar.png
            notion         | 5389a034-eb5c-47b5-8a9e-f79c99ef166c | christine makenotion | "" | christine@makenotion.com | https://s3-us-west-2.amazonaws.com/public.notion-static.com/avatar.png
            monday         | 4012689 | Jane Doe | "" | jane@example.com | https://files.monday.com/use1/photos/4012689/small/4012689-user_photo.png
            lark           | on_d89jhk3c3e53b4fb4a4a8b3c0a7f1e2d | zhangsan | "" | "" | https://s1-imfile.feishucdn.com/static-resource/v1/avatar~noop.image
            box            | 11446498 | Aaron Levie | "" | ceo@example.com | https://www.box.com/api/avatar/large/181312300
            spotify        | wizzler | JM Wizzler | "" | "" | https://i.scdn.co/image/ab67757000003b8255c25988a6ac314394d3fbf5
            trakt          | b6589fc6ab0dc82cf12099d1c2d40ab994e8410c | Justin Nemeth | justin | "" | https://walter.trakt.tv/images/users/000/000/001/avatars/large/deadbeef.jpg
            twitch         | 141981764 | TwitchDev | twitchdev | not-real@email.com | https://static-cdn.jtvnw.net/jtv_user_pictures/8a6381c7-profile_image-300x300.png
            patreon        | 12345678 | Jane Doe | janedoe | jane@example.com | https://c8.patreon.com/3/200/12345678
            strava         | 134815 | Marianne Teutenberg | marianne_t | "" | https://dgalywyr863hv.cloudfront.net/pictures/athletes/134815/2/large.jpg
            wakatime       | 3f0a5c8e-1b2d-4e6f-9a7b-c8d9e0f1a2b3 | Jane Doe | janedoe | jane@example.com | https://wakatime.com/photo/3f0a5c8e-1b2d-4e6f-9a7b-c8d9e0f1a2b3
            livechat       | bbb67d600796e9f277e360e842418833 | Jane Doe | "" | jane@example.com | https://cdn.livechat-files.com/api/file/lc/avatars/bbb67d600796e9f277e360e842418833.png
            mailcow        | jane@mail.example.com | Jane Doe | jane | jane@mail.example.com | ""
            planningcenter | 25253 | Jane Doe | "" | "" | https://people.planningcenteronline.com/static/no_photo_thumbnail_man_gray.svg
            """)
    void newerProvidersMapTheirRecordedUser(String name, String id, String displayName, String username, String email,
            String avatarUrl) throws Exception {
        ObjectNode sample = sample(name);
        OAuth2User u = provider(name, null).toUser(sample.deepCopy(), TOKEN_WITH_EXTRAS);
        assertThat(List.of(u.id(), u.name(), u.username(), u.email(), u.avatarUrl()))
                .containsExactly(id, displayName, username, email, avatarUrl);
        if (name.equals("instagram2")) {
            sample.put("permissions", "instagram_business_basic");
        }
        assertThat(u.rawUser()).isEqualTo(sample);
        assertThat(u.token()).isSameAs(TOKEN_WITH_EXTRAS);
    }

    private static ObjectNode sample(String name) throws IOException {
        try (InputStream in = OAuth2ProvidersTest.class.getResourceAsStream("users/" + name + ".json")) {
            assertThat(in).as("sample of " + name).isNotNull();
            return (ObjectNode) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            yandex         | true  | https://oauth.yandex.com/authorize?client_id=cid&response_type=code&scope=login%3Aemail+login%3Aavatar+login%3Ainfo
            facebook       | true  | https://www.facebook.com/v3.2/dialog/oauth?client_id=cid&response_type=code&scope=email
            instagram2     | true  | https://www.instagram.com/oauth/authorize?client_id=cid&response_type=code&scope=instagram_business_basic
            bitbucket      | false | https://bitbucket.org/site/oauth2/authorize?client_id=cid&response_type=code&scope=account
            gitee          | true  | https://gitee.com/oauth/authorize?client_id=cid&response_type=code&scope=user_info+emails
            gitea          | true  | https://gitea.com/login/oauth/authorize?client_id=cid&response_type=code&scope=read%3Auser+user%3Aemail
            twitter        | true  | https://x.com/i/oauth2/authorize?client_id=cid&response_type=code&scope=users.read+users.email+tweet.read
            kakao          | true  | https://kauth.kakao.com/oauth/authorize?client_id=cid&response_type=code&scope=account_email+profile_nickname+profile_image
            vk             | false | https://oauth.vk.com/authorize?client_id=cid&response_type=code&scope=email
            linear         | false | https://linear.app/oauth/authorize?client_id=cid&response_type=code&scope=read
            notion         | true  | https://api.notion.com/v1/oauth/authorize?client_id=cid&response_type=code
            monday         | true  | https://auth.monday.com/oauth2/authorize?client_id=cid&response_type=code&scope=me%3Aread
            lark           | true  | https://accounts.feishu.cn/open-apis/authen/v1/authorize?client_id=cid&response_type=code
            box            | true  | https://account.box.com/api/oauth2/authorize?client_id=cid&response_type=code&scope=root_readonly
            spotify        | true  | https://accounts.spotify.com/authorize?client_id=cid&response_type=code&scope=user-read-private
            trakt          | true  | https://trakt.tv/oauth/authorize?client_id=cid&response_type=code
            twitch         | true  | https://id.twitch.tv/oauth2/authorize?client_id=cid&response_type=code&scope=user%3Aread%3Aemail
            patreon        | true  | https://www.patreon.com/oauth2/authorize?client_id=cid&response_type=code&scope=identity+identity%5Bemail%5D
            strava         | true  | https://www.strava.com/oauth/authorize?client_id=cid&response_type=code&scope=profile%3Aread_all
            wakatime       | true  | https://wakatime.com/oauth/authorize?client_id=cid&response_type=code&scope=email
            livechat       | true  | https://accounts.livechat.com/?client_id=cid&response_type=code
            mailcow        | true  | ?client_id=cid&response_type=code&scope=profile
            planningcenter | true  | https://api.planningcenteronline.com/oauth/authorize?client_id=cid&response_type=code&scope=people
            """)
    void newerProvidersAuthorizationUrlAndPkce(String name, boolean pkce, String url) {
        OAuth2Provider p = provider(name, null);
        assertThat(p.pkce()).isEqualTo(pkce);
        assertThat(p.authCodeUrl("st", Map.of())).isEqualTo(url + "&state=st");
        assertThat(p.authCodeUrl("st", Map.of("code_challenge", "ch", "code_challenge_method", "S256")))
                .contains("client_id=cid&code_challenge=ch&code_challenge_method=S256&response_type=code");
    }

    @Test
    void theListHasPocketBasesProvidersInItsOrder() {
        List<ObjectNode> list = OAuth2Providers.list();
        assertThat(list).extracting(p -> p.path("name").asString()).containsExactly("apple", "google", "microsoft",
                "yandex", "facebook", "instagram2", "github", "gitlab", "bitbucket", "gitee", "gitea", "discord",
                "twitter", "kakao", "vk", "linear", "notion", "monday", "lark", "box", "spotify", "trakt", "twitch",
                "patreon", "strava", "wakatime", "livechat", "mailcow", "planningcenter", "oidc", "oidc2", "oidc3");
        assertThat(list).extracting(p -> p.path("displayName").asString()).containsExactly("Apple", "Google",
                "Microsoft", "Yandex", "Facebook", "Instagram", "GitHub", "GitLab", "Bitbucket", "Gitee",
                "Gitea/Forgejo", "Discord", "X/Twitter", "Kakao", "ВКонтакте", "Linear", "Notion", "monday.com", "Lark",
                "Box", "Spotify", "Trakt", "Twitch", "Patreon", "Strava", "WakaTime", "LiveChat", "mailcow",
                "Planning Center", "OIDC", "OIDC", "OIDC");
        for (ObjectNode p : list) {
            assertThat(p.propertyNames()).containsExactly("name", "displayName", "logo");
            assertThat(p.path("logo").asString()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                    .endsWith("</svg>");
            assertThat(OAuth2Providers.isKnown(p.path("name").asString())).isTrue();
        }
        assertThat(OAuth2Providers.names()).containsExactlyElementsOf(
                list.stream().map(p -> p.path("name").asString()).toList());
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
