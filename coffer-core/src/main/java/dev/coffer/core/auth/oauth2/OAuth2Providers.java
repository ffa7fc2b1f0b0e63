package dev.coffer.core.auth.oauth2;

import dev.coffer.core.collection.Collection;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OAuth2 providers Coffer knows by name, in PocketBase 0.40's order (the order of the provider list the
 * dashboard shows), the list itself, and the provider entries the auth-methods endpoint returns.
 */
public final class OAuth2Providers {

    /** The name of the Apple provider (its redirect carries the user's name). */
    public static final String APPLE = "apple";

    private static final Map<String, Function<ProviderConfig, OAuth2Provider>> FACTORIES = factories();

    private OAuth2Providers() {}

    private static Map<String, Function<ProviderConfig, OAuth2Provider>> factories() {
        Map<String, Function<ProviderConfig, OAuth2Provider>> f = new LinkedHashMap<>();
        f.put(APPLE, AppleProvider::new);
        f.put("google", GoogleProvider::new);
        f.put("microsoft", MicrosoftProvider::new);
        f.put("yandex", YandexProvider::new);
        f.put("facebook", FacebookProvider::new);
        f.put("instagram2", InstagramProvider::new);
        f.put("github", GithubProvider::new);
        f.put("gitlab", GitlabProvider::new);
        f.put("bitbucket", BitbucketProvider::new);
        f.put("gitee", GiteeProvider::new);
        f.put("gitea", GiteaProvider::new);
        f.put("discord", DiscordProvider::new);
        f.put("twitter", TwitterProvider::new);
        f.put("kakao", KakaoProvider::new);
        f.put("vk", VkProvider::new);
        f.put("linear", LinearProvider::new);
        f.put("notion", NotionProvider::new);
        f.put("monday", MondayProvider::new);
        f.put("lark", LarkProvider::new);
        f.put("box", BoxProvider::new);
        f.put("spotify", SpotifyProvider::new);
        f.put("trakt", TraktProvider::new);
        f.put("twitch", TwitchProvider::new);
        f.put("patreon", PatreonProvider::new);
        f.put("strava", StravaProvider::new);
        f.put("wakatime", WakatimeProvider::new);
        f.put("livechat", LivechatProvider::new);
        f.put("mailcow", MailcowProvider::new);
        f.put("planningcenter", PlanningcenterProvider::new);
        f.put("oidc", OidcProvider::new);
        f.put("oidc2", OidcProvider::new);
        f.put("oidc3", OidcProvider::new);
        return Collections.unmodifiableMap(f);
    }

    /** The names of the known providers, in list order. */
    public static Set<String> names() {
        return FACTORIES.keySet();
    }

    /**
     * Every known provider in list order as {@code {name, displayName, logo}}, with the provider's own display
     * name (what {@code GET /api/collections/meta/oauth2-providers} answers).
     */
    public static List<ObjectNode> list() {
        List<ObjectNode> out = new ArrayList<>();
        FACTORIES.forEach((name, factory) -> {
            OAuth2Provider p = factory.apply(new ProviderConfig(name, "", "", "", "", "", "", null, null));
            ObjectNode item = Json.object();
            item.put("name", name);
            item.put("displayName", p.displayName());
            item.put("logo", p.logo());
            out.add(item);
        });
        return out;
    }

    /** Whether a provider with this name exists. */
    public static boolean isKnown(String name) {
        return FACTORIES.containsKey(name);
    }

    /** The provider a config names, set up with it; empty when the name is unknown. */
    public static Optional<OAuth2Provider> create(ProviderConfig config) {
        return Optional.ofNullable(FACTORIES.get(config.name())).map(f -> f.apply(config));
    }

    /**
     * The {@code oauth2.providers} entries of a collection's auth-methods response (empty when OAuth2 is off):
     * per configured provider, in PocketBase's key order, its name, display name, logo, a fresh random state, the
     * authorization URL (twice: {@code authURL} and the legacy {@code authUrl}) and, with PKCE, a fresh code
     * verifier with its S256 challenge. The authorization URL ends with {@code &redirect_uri=} for the client to append its redirect URL; Apple asks for a form-post response.
     * Entries naming an unknown provider are left out.
     */
    public static List<ObjectNode> authMethodsProviders(Collection c) {
        OAuth2Options options = OAuth2Options.of(c);
        List<ObjectNode> out = new ArrayList<>();
        if (!options.enabled()) {
            return out;
        }
        for (ProviderConfig config : options.providers()) {
            Optional<OAuth2Provider> created = create(config);
            if (created.isEmpty()) {
                continue;
            }
            OAuth2Provider provider = created.get();
            String state = RandomString.alphanumeric(30);
            Map<String, String> params = new LinkedHashMap<>();
            if (config.name().equals(APPLE)) {
                params.put("response_mode", "form_post");
            }
            String verifier = "";
            String challenge = "";
            String method = "";
            if (provider.pkce()) {
                verifier = RandomString.alphanumeric(43);
                challenge = s256Challenge(verifier);
                method = "S256";
                params.put("code_challenge", challenge);
                params.put("code_challenge_method", method);
            }
            String authUrl = provider.authCodeUrl(state, params) + "&redirect_uri=";
            ObjectNode info = Json.object();
            info.put("name", config.name());
            info.put("displayName", provider.displayName().isEmpty() ? config.name() : provider.displayName());
            info.put("logo", provider.logo());
            info.put("state", state);
            info.put("authURL", authUrl);
            info.put("authUrl", authUrl);
            info.put("codeVerifier", verifier);
            info.put("codeChallenge", challenge);
            info.put("codeChallengeMethod", method);
            out.add(info);
        }
        return out;
    }

    /** The PKCE S256 challenge of a verifier: unpadded base64url of its SHA-256. */
    public static String s256Challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
