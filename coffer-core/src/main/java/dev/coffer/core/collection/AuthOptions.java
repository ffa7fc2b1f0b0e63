package dev.coffer.core.collection;

import dev.coffer.tools.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The options of an auth collection, read from PocketBase's options JSON. The raw JSON is kept so options
 * this version doesn't model survive a load and save unchanged.
 */
public final class AuthOptions {

    /** A token signing config. */
    public record TokenConfig(String secret, long duration) {}

    /** Password auth: whether it's on, and which fields identify a record. */
    public record PasswordAuth(boolean enabled, List<String> identityFields) {}

    /** Multi-factor auth: whether it's on, how long a first-factor session lasts, and when it applies. */
    public record Mfa(boolean enabled, long duration, String rule) {}

    /** One-time-password auth. */
    public record Otp(boolean enabled, long duration, int length) {}

    private final ObjectNode raw;
    private final String authRule;
    private final String manageRule;
    private final PasswordAuth passwordAuth;
    private final Mfa mfa;
    private final Otp otp;

    /** Reads the options JSON of an auth collection. */
    public AuthOptions(ObjectNode raw) {
        this.raw = raw.deepCopy();
        this.authRule = nullableText(raw, "authRule", "");
        this.manageRule = nullableText(raw, "manageRule", null);
        JsonNode pa = raw.path("passwordAuth");
        List<String> identity = new ArrayList<>();
        pa.path("identityFields").forEach(n -> identity.add(n.asString()));
        this.passwordAuth = new PasswordAuth(pa.path("enabled").asBoolean(false), List.copyOf(identity));
        JsonNode m = raw.path("mfa");
        this.mfa = new Mfa(m.path("enabled").asBoolean(false), m.path("duration").asLong(1800), m.path("rule").asString(""));
        JsonNode o = raw.path("otp");
        this.otp = new Otp(o.path("enabled").asBoolean(false), o.path("duration").asLong(180), o.path("length").asInt(8));
    }

    private static String nullableText(JsonNode json, String key, String absent) {
        JsonNode v = json.get(key);
        if (v == null) {
            return absent;
        }
        return v.isNull() ? null : v.asString();
    }

    /** The rule a record must pass to authenticate ({@code ""} = any record; null = authentication disabled). */
    public String authRule() {
        return authRule;
    }

    /** The rule that lets an auth record manage others of this collection (null = none). */
    public String manageRule() {
        return manageRule;
    }

    /** Password auth settings. */
    public PasswordAuth passwordAuth() {
        return passwordAuth;
    }

    /** MFA settings. */
    public Mfa mfa() {
        return mfa;
    }

    /** OTP settings. */
    public Otp otp() {
        return otp;
    }

    /** The signing config of one token type. */
    public TokenConfig token(TokenType type) {
        JsonNode t = raw.path(type.optionKey());
        return new TokenConfig(t.path("secret").asString(""), t.path("duration").asLong(0));
    }

    /** The options as stored, secrets included. */
    public ObjectNode rawJson() {
        return raw.deepCopy();
    }

    /**
     * The options as the API shows them: token secrets and OAuth2 client secrets left out, an unset provider list
     * as {@code []} and each provider with all of PocketBase's keys (see {@link #providerJson}), as PocketBase 0.40
     * prints them.
     */
    public ObjectNode publicJson() {
        ObjectNode out = raw.deepCopy();
        for (TokenType t : TokenType.values()) {
            JsonNode cfg = out.get(t.optionKey());
            if (cfg instanceof ObjectNode o) {
                o.remove("secret");
            }
        }
        if (out.get("oauth2") instanceof ObjectNode oauth2) {
            ArrayNode providers = Json.array();
            if (oauth2.get("providers") instanceof ArrayNode stored) {
                stored.forEach(p -> {
                    if (p instanceof ObjectNode o) {
                        ObjectNode shown = providerJson(o);
                        shown.remove("clientSecret");
                        providers.add(shown);
                    } else {
                        providers.add(p);
                    }
                });
            }
            oauth2.set("providers", providers);
        }
        return out;
    }

    /** The keys of an OAuth2 provider config, in PocketBase's order. */
    private static final List<String> PROVIDER_TEXT_KEYS = List.of("name", "clientId", "clientSecret", "authURL",
            "tokenURL", "userInfoURL", "displayName");

    /**
     * An OAuth2 provider entry as PocketBase holds it: {@code pkce} (null when unset), the texts ({@code ""} when
     * unset or null; {@code clientSecret} only when not empty) and {@code extra} ({@code {}} unless an object), in
     * PocketBase's order, followed by any other keys as they are.
     */
    static ObjectNode providerJson(ObjectNode entry) {
        ObjectNode out = Json.object();
        JsonNode pkce = entry.get("pkce");
        if (pkce == null) {
            out.putNull("pkce");
        } else {
            out.set("pkce", pkce.deepCopy());
        }
        for (String key : PROVIDER_TEXT_KEYS) {
            JsonNode v = entry.get(key);
            boolean unset = v == null || v.isNull();
            if (key.equals("clientSecret")) {
                if (!unset && !(v.isString() && v.asString().isEmpty())) {
                    out.set(key, v.deepCopy());
                }
            } else if (unset) {
                out.put(key, "");
            } else {
                out.set(key, v.deepCopy());
            }
        }
        JsonNode extra = entry.get("extra");
        out.set("extra", extra instanceof ObjectNode ? extra.deepCopy() : Json.object());
        entry.properties().forEach(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    /** Parses options text, falling back to an empty object. */
    public static AuthOptions parse(String json) {
        JsonNode n = json == null || json.isBlank() ? Json.object() : Json.parse(json);
        return new AuthOptions(n instanceof ObjectNode o ? o : Json.object());
    }
}
