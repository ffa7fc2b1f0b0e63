package dev.coffer.apis.openapi;

import static dev.coffer.apis.openapi.Schemas.array;
import static dev.coffer.apis.openapi.Schemas.bool;
import static dev.coffer.apis.openapi.Schemas.integer;
import static dev.coffer.apis.openapi.Schemas.object;
import static dev.coffer.apis.openapi.Schemas.ref;
import static dev.coffer.apis.openapi.Schemas.requiring;
import static dev.coffer.apis.openapi.Schemas.string;

import dev.coffer.apis.openapi.Operation.Access;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.typegen.TypeNames;
import tools.jackson.databind.node.ObjectNode;

/**
 * An auth collection's auth endpoints, with the bodies and answers Coffer gives: password, OTP and OAuth2 sign-in,
 * token refresh, the auth methods, verification, password reset, email change and impersonation. Sign-ins answer
 * {@code <Name>AuthResponse} ({@code {token, record, meta?}}), or 401 {@code {mfaId}} when multi-factor auth asks
 * for a second method.
 */
final class AuthPaths {

    private final TypeNames names;
    private final ObjectNode paths;
    private final ObjectNode schemas;

    AuthPaths(TypeNames names, ObjectNode paths, ObjectNode schemas) {
        this.names = names;
        this.paths = paths;
        this.schemas = schemas;
    }

    /** The auth-methods answer, shared by every auth collection. */
    static ObjectNode authMethods() {
        ObjectNode provider = object("name", string(), "displayName", string(), "state", string(),
                "authURL", string("The provider's authorization URL, ending with &redirect_uri= to complete."),
                "codeVerifier", string(), "codeChallenge", string(), "codeChallengeMethod", string());
        return requiring(object(
                "password", object("enabled", bool(), "identityFields", array(string())),
                "oauth2", object("enabled", bool(), "providers", array(provider)),
                "mfa", object("enabled", bool(), "duration", integer()),
                "otp", object("enabled", bool(), "duration", integer())), "password", "oauth2", "mfa", "otp");
    }

    /** Adds the auth paths of an auth collection. */
    void add(Collection c) {
        String n = names.of(c);
        String auth = n + "AuthResponse";
        schemas.set(auth, Components.authResponse(n + "Record"));
        String base = "/api/collections/" + c.name() + "/";
        String tag = c.name();

        post(base + "auth-with-password", signIn("Sign in with a password", tag, "authWithPassword" + n, auth)
                .description("The identity is tried against each of the collection's identity fields (email first); "
                        + "identityField picks one.")
                .jsonBody(requiring(object("identity", string("An email, username or other identity field value."),
                        "password", string().put("writeOnly", true), "identityField", string(),
                        "mfaId", string("The id from a 401 of a first sign-in, to complete multi-factor auth.")),
                        "identity", "password"), true));
        post(base + "auth-refresh", Operation.of("Refresh the auth token").tag(tag).id("authRefresh" + n)
                .description("Needs a token of this collection; a new token when the current one is refreshable.")
                .access(Access.AUTHENTICATED).sharedParam("expand").sharedParam("fields")
                .ok(200, "A new token and the record.", ref(auth)).errors(403, 404));
        paths.putObject(base + "auth-methods").set("get", Operation.of("The sign-in methods").tag(tag)
                .id("authMethods" + n).access(Access.PUBLIC).sharedParam("fields")
                .ok(200, "What this collection accepts.", ref("AuthMethods")).errors(404).json());
        post(base + "request-otp", Operation.of("Send a one-time password").tag(tag).id("requestOtp" + n)
                .access(Access.PUBLIC).jsonBody(object("email", string().put("format", "email")), true)
                .ok(200, "The OTP id (also for unknown emails).", object("otpId", string()))
                .errors(400, 403, 429));
        post(base + "auth-with-otp", signIn("Sign in with a one-time password", tag, "authWithOtp" + n, auth)
                .jsonBody(requiring(object("otpId", string(), "password", string("The code from the email.")
                        .put("writeOnly", true), "mfaId", string()), "otpId", "password"), true));
        post(base + "auth-with-oauth2", signIn("Sign in with OAuth2", tag, "authWithOAuth2" + n, auth)
                .description("Completes an OAuth2 code flow; links or creates the record (createData fills a new "
                        + "one). The answer's meta holds the provider's user.")
                .jsonBody(requiring(object("provider", string(), "code", string(), "codeVerifier", string(),
                        "redirectURL", string(), "createData", Schemas.anyObject(), "mfaId", string()),
                        "provider", "code", "redirectURL"), true));
        post(base + "request-verification", noContent("Send a verification email", tag, "requestVerification" + n)
                .jsonBody(object("email", string().put("format", "email")), true));
        post(base + "confirm-verification", noContent("Confirm a verification", tag, "confirmVerification" + n)
                .jsonBody(object("token", string("The token from the email.")), true));
        post(base + "request-password-reset", noContent("Send a password reset email", tag,
                "requestPasswordReset" + n).jsonBody(object("email", string().put("format", "email")), true));
        post(base + "confirm-password-reset", noContent("Set a new password", tag, "confirmPasswordReset" + n)
                .jsonBody(object("token", string("The token from the email."),
                        "password", string().put("writeOnly", true),
                        "passwordConfirm", string().put("writeOnly", true)), true));
        post(base + "request-email-change", Operation.of("Ask to change the email").tag(tag)
                .id("requestEmailChange" + n).access(Access.AUTHENTICATED)
                .jsonBody(object("newEmail", string().put("format", "email")), true)
                .empty(204, "A confirmation email was sent to the new address.").errors(400, 403));
        post(base + "confirm-email-change", noContent("Confirm an email change", tag, "confirmEmailChange" + n)
                .jsonBody(object("token", string("The token from the email."),
                        "password", string().put("writeOnly", true)), true));
        post(base + "impersonate/{id}", Operation.of("Impersonate a record").tag(tag).id("impersonate" + n)
                .description("Superusers only: a non-refreshable token of the record.")
                .access(Access.SUPERUSER).pathParam("id", "The record id.")
                .jsonBody(requiring(object("duration", integer().put("minimum", 0).put("description",
                        "The token's lifetime in seconds (0: the collection's default).")), new String[0]), false)
                .ok(200, "A token of the record.", ref(auth)).errors(400, 404));
    }

    private void post(String path, Operation op) {
        paths.putObject(path).set("post", op.json());
    }

    private static Operation signIn(String summary, String tag, String id, String auth) {
        return Operation.of(summary).tag(tag).id(id).access(Access.PUBLIC).sharedParam("expand").sharedParam("fields")
                .ok(200, "A token and the record.", ref(auth))
                .ok(401, "Multi-factor auth: sign in again with another method, passing mfaId.", ref("MfaRequired"))
                .errors(400, 403, 429);
    }

    private static Operation noContent(String summary, String tag, String id) {
        return Operation.of(summary).tag(tag).id(id).access(Access.PUBLIC).empty(204, "Done.").errors(400);
    }
}
