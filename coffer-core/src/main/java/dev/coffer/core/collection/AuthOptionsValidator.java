package dev.coffer.core.collection;

import dev.coffer.core.auth.oauth2.OAuth2Providers;
import dev.coffer.core.validation.FieldError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the options of an auth collection as PocketBase does: the auth and manage rules, token durations,
 * required email templates, the OAuth2 providers, MFA needing two auth methods and identity fields needing a UNIQUE index.
 */
final class AuthOptionsValidator {

    /** Checks one rule given its stored value; null when valid. */
    interface RuleCheck {
        FieldError check(String rule, String oldRule, boolean mustBeNull);
    }

    private static final List<String> TOKENS = List.of("authToken", "passwordResetToken", "emailChangeToken",
            "verificationToken", "fileToken");
    private static final List<String> TEMPLATES = List.of("verificationTemplate", "resetPasswordTemplate",
            "confirmEmailChangeTemplate");

    private final Collection c;
    private final ObjectNode options;
    private final ObjectNode oldOptions;
    private final RuleCheck rules;

    AuthOptionsValidator(Collection c, Collection original, RuleCheck rules) {
        this.c = c;
        this.options = c.rawOptions();
        this.oldOptions = original == null ? null : original.rawOptions();
        this.rules = rules;
    }

    /** Adds the errors of the options to {@code errors}. */
    void validate(Map<String, Object> errors) {
        Map<String, Object> found = new LinkedHashMap<>();
        put(found, "authRule", rules.check(rule(options, "authRule"), rule(oldOptions, "authRule"), false));
        String manage = rule(options, "manageRule");
        put(found, "manageRule", manage != null && manage.isEmpty() ? CollectionErrors.required()
                : rules.check(manage, rule(oldOptions, "manageRule"), false));
        Map<String, Object> oauth2 = oauth2Errors(options.path("oauth2"));
        if (!oauth2.isEmpty()) {
            found.put("oauth2", Map.of("providers", oauth2));
        }
        for (String token : TOKENS) {
            JsonNode duration = options.path(token).path("duration");
            if (duration.asLong(0) <= 0) {
                found.put(token, Map.of("duration", CollectionErrors.required()));
            } else if (options.path(token).path("secret").asString("").length() < 30) {
                found.put(token, Map.of("secret", CollectionErrors.length(30, 255)));
            }
        }
        for (String template : TEMPLATES) {
            Map<String, Object> t = new LinkedHashMap<>();
            for (String part : List.of("subject", "body")) {
                if (options.path(template).path(part).asString("").isEmpty()) {
                    t.put(part, CollectionErrors.required());
                }
            }
            if (!t.isEmpty()) {
                found.put(template, t);
            }
        }
        if (found.isEmpty()) {
            checkMfa(found);
        }
        if (found.isEmpty()) {
            checkIdentityFields(found);
        }
        errors.putAll(found);
    }

    /**
     * The errors of an enabled {@code oauth2} option by provider index: first a repeated provider name, else
     * per entry a missing or unknown name, missing client id or secret, and endpoint overrides that aren't URLs.
     */
    private static Map<String, Object> oauth2Errors(JsonNode oauth2) {
        Map<String, Object> byIndex = new LinkedHashMap<>();
        JsonNode providers = oauth2.path("providers");
        if (!oauth2.path("enabled").asBoolean(false) || !providers.isArray()) {
            return byIndex;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < providers.size(); i++) {
            String name = providers.get(i).path("name").asString("");
            if (!name.isEmpty() && !seen.add(name)) {
                byIndex.put(Integer.toString(i), Map.of("name", CollectionErrors.duplicatedProvider(name)));
                return byIndex;
            }
        }
        for (int i = 0; i < providers.size(); i++) {
            JsonNode p = providers.get(i);
            Map<String, Object> errors = new LinkedHashMap<>();
            String name = p.path("name").asString("");
            if (name.isEmpty()) {
                errors.put("name", CollectionErrors.required());
            } else if (!OAuth2Providers.isKnown(name)) {
                errors.put("name", CollectionErrors.missingProvider(name));
            }
            for (String key : List.of("clientId", "clientSecret")) {
                if (p.path(key).asString("").isEmpty()) {
                    errors.put(key, CollectionErrors.required());
                }
            }
            for (String key : List.of("authURL", "tokenURL", "userInfoURL")) {
                if (!isUrl(p.path(key).asString(""))) {
                    errors.put(key, CollectionErrors.url());
                }
            }
            if (!errors.isEmpty()) {
                byIndex.put(Integer.toString(i), errors);
            }
        }
        return byIndex;
    }

    /** Whether a value is empty or an absolute URL, or a host and path without a scheme. */
    private static boolean isUrl(String value) {
        if (value.isEmpty()) {
            return true;
        }
        try {
            URI uri = new URI(value.contains("://") ? value : "http://" + value);
            return uri.getHost() != null && !uri.getHost().isEmpty();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private void checkMfa(Map<String, Object> found) {
        JsonNode mfa = options.path("mfa");
        if (!mfa.path("enabled").asBoolean(false)) {
            return;
        }
        int methods = 0;
        for (String method : List.of("passwordAuth", "oauth2", "otp")) {
            if (options.path(method).path("enabled").asBoolean(false)) {
                methods++;
            }
        }
        if (methods < 2) {
            found.put("mfa", Map.of("enabled", CollectionErrors.mfaNotEnoughAuths()));
            return;
        }
        String rule = mfa.path("rule").asString("");
        if (!rule.isEmpty()) {
            String old = oldOptions == null ? "" : oldOptions.path("mfa").path("rule").asString("");
            FieldError error = rules.check(rule, old, false);
            if (error != null) {
                found.put("mfa", Map.of("rule", error));
            }
        }
    }

    private void checkIdentityFields(Map<String, Object> found) {
        JsonNode passwordAuth = options.path("passwordAuth");
        if (!passwordAuth.path("enabled").asBoolean(false)) {
            return;
        }
        for (JsonNode n : passwordAuth.path("identityFields")) {
            String name = n.asString("");
            FieldError error = c.field(name).isEmpty() ? CollectionErrors.missingField(name)
                    : c.singleColumnUniqueIndex(name).isEmpty() ? CollectionErrors.missingUniqueConstraint(name) : null;
            if (error != null) {
                found.put("passwordAuth", Map.of("identityFields", error));
                return;
            }
        }
    }

    private static String rule(ObjectNode options, String key) {
        if (options == null) {
            return null;
        }
        JsonNode v = options.get(key);
        return v == null || v.isNull() ? null : v.asString("");
    }

    private static void put(Map<String, Object> found, String key, FieldError error) {
        if (error != null) {
            found.put(key, error);
        }
    }
}
