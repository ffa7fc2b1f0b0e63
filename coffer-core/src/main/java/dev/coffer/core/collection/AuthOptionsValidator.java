package dev.coffer.core.collection;

import dev.coffer.core.validation.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks the options of an auth collection as PocketBase does: the auth and manage rules, token durations,
 * required email templates, MFA needing two auth methods and identity fields needing a UNIQUE index.
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
