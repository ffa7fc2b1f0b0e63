package dev.coffer.core.auth.oauth2;

import dev.coffer.tools.json.Json;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OAuth2 provider using the authorization code flow (with PKCE when enabled): builds the authorization URL,
 * exchanges a code for a token and maps the provider's user to an {@link OAuth2User}. The provider's defaults
 * (endpoints, scopes, display name, PKCE) are overridden by the collection's {@link ProviderConfig}.
 */
public abstract class OAuth2Provider {

    /**
     * What a provider uses unless configured otherwise.
     *
     * @param userInfoUrl the user info endpoint ({@code ""} when the user comes from the id token)
     */
    protected record Defaults(String displayName, String logo, boolean pkce, List<String> scopes, String authUrl,
            String tokenUrl, String userInfoUrl) {}

    private final ProviderConfig config;
    private final Defaults defaults;
    private List<String> scopes;

    /** A provider with its defaults and the collection's config of it. */
    protected OAuth2Provider(ProviderConfig config, Defaults defaults) {
        this.config = config;
        this.defaults = defaults;
        this.scopes = List.copyOf(defaults.scopes());
    }

    /** The configured name (such as {@code oidc2}). */
    public final String name() {
        return config.name();
    }

    /** The collection's config of this provider. */
    protected final ProviderConfig config() {
        return config;
    }

    /** The name shown to users: the configured display name, else the provider's. */
    public final String displayName() {
        return config.displayName().isEmpty() ? defaults.displayName() : config.displayName();
    }

    /** The provider's SVG logo. */
    public final String logo() {
        return defaults.logo();
    }

    /** Whether the flow uses PKCE. */
    public final boolean pkce() {
        return config.pkce() != null ? config.pkce() : defaults.pkce();
    }

    /** The scopes requested. */
    public final List<String> scopes() {
        return scopes;
    }

    /** Replaces the requested scopes (for providers whose settings need more). */
    protected final void setScopes(List<String> value) {
        this.scopes = List.copyOf(value);
    }

    /** The authorization endpoint. */
    public final String authUrl() {
        return config.authUrl().isEmpty() ? defaults.authUrl() : config.authUrl();
    }

    /** The token endpoint. */
    public final String tokenUrl() {
        return config.tokenUrl().isEmpty() ? defaults.tokenUrl() : config.tokenUrl();
    }

    /** The user info endpoint ({@code ""} when none). */
    public final String userInfoUrl() {
        return config.userInfoUrl().isEmpty() ? defaults.userInfoUrl() : config.userInfoUrl();
    }

    /**
     * The authorization URL the user is sent to: {@code response_type=code}, the client id, the scopes, the state
     * and {@code params}, sorted by key, with no {@code redirect_uri}.
     */
    public final String authCodeUrl(String state, Map<String, String> params) {
        Map<String, String> query = new TreeMap<>(params);
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        if (!scopes.isEmpty()) {
            query.put("scope", String.join(" ", scopes));
        }
        if (!state.isEmpty()) {
            query.put("state", state);
        }
        String base = authUrl();
        return base + (base.contains("?") ? "&" : "?") + ProviderHttp.encode(query);
    }

    /**
     * Exchanges an authorization code for a token. The client credentials go in a Basic header first and, when
     * the provider refuses that, in the form.
     *
     * @param codeVerifier the PKCE verifier (sent only when PKCE is on)
     * @throws OAuth2Exception when the provider can't be reached or doesn't return an access token
     */
    public final OAuth2Token exchange(String code, String codeVerifier, String redirectUrl) throws OAuth2Exception {
        Map<String, String> form = new TreeMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        if (!redirectUrl.isEmpty()) {
            form.put("redirect_uri", redirectUrl);
        }
        if (pkce()) {
            form.put("code_verifier", codeVerifier);
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString((ProviderHttp.urlEncode(config.clientId()) + ":"
                + ProviderHttp.urlEncode(config.clientSecret())).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> res = postForm(form, basic);
        if (res.statusCode() < 200 || res.statusCode() > 299) {
            form.put("client_id", config.clientId());
            form.put("client_secret", config.clientSecret());
            res = postForm(form, null);
        }
        if (res.statusCode() < 200 || res.statusCode() > 299) {
            throw new OAuth2Exception("cannot fetch token: " + res.statusCode() + " " + res.body());
        }
        return parseToken(res);
    }

    private HttpResponse<String> postForm(Map<String, String> form, String authorization) throws OAuth2Exception {
        HttpRequest.Builder req = ProviderHttp.request(tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ProviderHttp.encode(form)));
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        return ProviderHttp.send(req.build());
    }

    private static OAuth2Token parseToken(HttpResponse<String> res) throws OAuth2Exception {
        String type = res.headers().firstValue("Content-Type").orElse("");
        ObjectNode body;
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("text/plain")) {
            body = Json.object();
            for (String pair : res.body().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    body.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } else {
            body = ProviderHttp.parseObject(res.body());
        }
        String access = body.path("access_token").asString("");
        if (access.isEmpty()) {
            throw new OAuth2Exception("server response missing access_token");
        }
        long expiresIn = body.path("expires_in").asLong(0);
        return new OAuth2Token(access, body.path("token_type").asString(""), body.path("refresh_token").asString(""),
                expiresIn > 0 ? Instant.now().plusSeconds(expiresIn) : null, body);
    }

    /**
     * Fetches the provider's user for a token.
     *
     * @throws OAuth2Exception when the user can't be fetched or read
     */
    public OAuth2User fetchUser(OAuth2Token token) throws OAuth2Exception {
        return toUser(fetchRawUser(token), token);
    }

    /** The raw user data: by default the JSON object a GET of the user info endpoint answers. */
    protected ObjectNode fetchRawUser(OAuth2Token token) throws OAuth2Exception {
        return userInfo(token, Map.of(), null);
    }

    /** Maps raw user data (and the token it came with) to the common user shape. */
    protected abstract OAuth2User toUser(ObjectNode raw, OAuth2Token token) throws OAuth2Exception;

    /**
     * Asks the user info endpoint with the token: a GET, or a POST of {@code jsonBody} (as
     * {@code application/json}) when it isn't null, with the extra {@code headers} some providers require.
     *
     * @throws OAuth2Exception when the endpoint can't be reached, answers 400 or more, or not with a JSON object
     */
    protected final ObjectNode userInfo(OAuth2Token token, Map<String, String> headers, String jsonBody)
            throws OAuth2Exception {
        HttpRequest.Builder req = authorized(userInfoUrl(), token);
        headers.forEach(req::header);
        if (jsonBody == null) {
            req.GET();
        } else {
            req.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        HttpResponse<String> res = ProviderHttp.send(req.build());
        if (res.statusCode() >= 400) {
            throw new OAuth2Exception("failed to fetch OAuth2 user profile via " + userInfoUrl() + " ("
                    + res.statusCode() + "): " + res.body());
        }
        return ProviderHttp.parseObject(res.body());
    }

    /** A GET request authorized with the token. */
    protected final HttpResponse<String> get(String url, OAuth2Token token) throws OAuth2Exception {
        return ProviderHttp.send(authorized(url, token).GET().build());
    }

    private static HttpRequest.Builder authorized(String url, OAuth2Token token) throws OAuth2Exception {
        return ProviderHttp.request(url).header("Authorization", token.authorizationScheme() + " " + token.accessToken());
    }

    /** A string value, or {@code ""} for anything else. */
    protected static String text(JsonNode json, String key) {
        JsonNode v = json.get(key);
        return v != null && v.isString() ? v.asString() : "";
    }

    /** An integer id as text: the number's digits, {@code "0"} when absent (as a Go {@code int64} reads it). */
    protected static String integer(JsonNode json, String key) {
        return Long.toString(json.path(key).asLong(0));
    }

    /** A value read loosely as a boolean: true, or a string/number that reads as true ({@code "true"}, {@code "1"}). */
    protected static boolean truthy(JsonNode v) {
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.asDouble() != 0;
        }
        String s = v.asString("").trim();
        return s.equals("1") || s.equalsIgnoreCase("t") || s.equalsIgnoreCase("true");
    }
}
