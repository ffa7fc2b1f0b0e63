package dev.coffer.apis;

import dev.coffer.apis.event.RecordFlowRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.auth.AuthCredentials;
import dev.coffer.core.auth.AuthMails;
import dev.coffer.core.auth.AuthRecordLookup;
import dev.coffer.core.auth.RecordTokens;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordForm;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.Jwt;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The token flows of an auth collection: the list of auth methods, email verification, password reset and
 * superuser impersonation; binds the OTP and email change flows too. Request endpoints answer 204 whether or
 * not the email belongs to a record, and mail in the background.
 */
public final class RecordAuthFlowsApi {

    private static final String SUPERUSERS = "_superusers";
    private static final Duration RESEND_PAUSE = Duration.ofMinutes(2);

    private final ApiHooks hooks;
    private final RecordAuthResponse responder;
    private final ExpiringKeys verificationSent = new ExpiringKeys(RESEND_PAUSE);
    private final ExpiringKeys passwordResetSent = new ExpiringKeys(RESEND_PAUSE);

    private RecordAuthFlowsApi(ApiHooks hooks) {
        this.hooks = hooks;
        this.responder = new RecordAuthResponse(hooks);
    }

    /** Registers the routes of the auth methods list, the token flows, OTP, email change and impersonation. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        RecordAuthFlowsApi api = new RecordAuthFlowsApi(hooks);
        String base = "/api/collections/{collection}/";
        router.get(base + "auth-methods", AuthMethodsResponse::write);
        router.post(base + "request-verification", api::requestVerification);
        router.post(base + "confirm-verification", api::confirmVerification);
        router.post(base + "request-password-reset", api::requestPasswordReset);
        router.post(base + "confirm-password-reset", api::confirmPasswordReset);
        router.post(base + "impersonate/{id}", api::impersonate);
        RecordOtpApi.bind(router, base, api.responder, hooks);
        RecordEmailChangeApi.bind(router, base, hooks);
    }

    private static String resendKey(Record r) {
        return r.collection().id() + "/" + r.id();
    }

    private void requestVerification(RequestEvent e) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        if (collection.name().equals(SUPERUSERS)) {
            throw ApiError.badRequest("All superusers are verified by default.");
        }
        String email = AuthFlowInput.text(e.body(), "email");
        FieldErrors errors = new FieldErrors();
        AuthFlowInput.requireEmail(errors, "email", email);
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        Optional<Record> found = AuthRecordLookup.byEmail(e.app(), collection, email);
        if (found.isEmpty() || (!found.get().verified() && verificationSent.contains(resendKey(found.get())))) {
            e.noContent(204);
            return;
        }
        hooks.onRecordRequestVerificationRequest().trigger(new RecordFlowRequestEvent(e, collection, found.get()),
                ev -> {
                    Record r = ev.record();
                    if (!r.verified()) {
                        App app = ev.app();
                        Runnable remember = () -> verificationSent.add(resendKey(r));
                        BackgroundMail.send(app, "verification", () -> AuthMails.sendWithToken(app,
                                AuthMails.Kind.VERIFICATION, r, r.email(), r.email()), remember, remember);
                    }
                    ev.noContent(204);
                });
    }

    private void confirmVerification(RequestEvent e) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        if (collection.name().equals(SUPERUSERS)) {
            throw ApiError.badRequest("All superusers are verified by default.");
        }
        String token = AuthFlowInput.text(e.body(), "token");
        FieldErrors errors = new FieldErrors();
        Optional<RecordTokens.Verified> verified = Optional.empty();
        if (token.isEmpty()) {
            errors.add("token", FieldErrors.REQUIRED, "Cannot be blank.");
        } else {
            String email = claim(token, "email");
            if (email.isEmpty()) {
                errors.add("token", "validation_invalid_token_claims", "Missing email token claim.");
            } else {
                verified = FlowTokens.check(e.app(), collection, token, TokenType.VERIFICATION, errors, "token");
                if (verified.isPresent() && !verified.get().record().email().equals(email)) {
                    errors.add("token", "validation_token_email_mismatch",
                            "The record email doesn't match with the requested token claims.");
                }
            }
        }
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        Record r = verified.orElseThrow().record();
        hooks.onRecordConfirmVerificationRequest().trigger(new RecordFlowRequestEvent(e, collection, r), ev -> {
            if (!r.verified()) {
                r.set("verified", true);
                if (!collection.authOptions().passwordAuth().enabled()) {
                    AuthCredentials.setRandomPassword(r);
                }
                try {
                    ev.app().save(r);
                } catch (RuntimeException ex) {
                    throw ApiError.badRequest("An error occurred while saving the verified state.");
                }
            }
            verificationSent.remove(resendKey(r));
            ev.noContent(204);
        });
    }

    private void requestPasswordReset(RequestEvent e) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        if (!collection.authOptions().passwordAuth().enabled()) {
            throw ApiError.badRequest("The collection is not configured to allow password authentication.");
        }
        String email = AuthFlowInput.text(e.body(), "email");
        FieldErrors errors = new FieldErrors();
        AuthFlowInput.requireEmail(errors, "email", email);
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        Optional<Record> found = AuthRecordLookup.byEmail(e.app(), collection, email);
        if (found.isEmpty() || passwordResetSent.contains(resendKey(found.get()))) {
            e.noContent(204);
            return;
        }
        hooks.onRecordRequestPasswordResetRequest().trigger(new RecordFlowRequestEvent(e, collection, found.get()),
                ev -> {
                    Record r = ev.record();
                    App app = ev.app();
                    BackgroundMail.send(app, "password reset", () -> AuthMails.sendWithToken(app,
                            AuthMails.Kind.PASSWORD_RESET, r, r.email(), r.email()),
                            () -> passwordResetSent.add(resendKey(r)), () -> { });
                    ev.noContent(204);
                });
    }

    private void confirmPasswordReset(RequestEvent e) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        ObjectNode body = e.body();
        String token = AuthFlowInput.text(body, "token");
        String password = AuthFlowInput.text(body, "password");
        String passwordConfirm = AuthFlowInput.text(body, "passwordConfirm");
        FieldErrors errors = new FieldErrors();
        Optional<RecordTokens.Verified> verified = Optional.empty();
        if (token.isEmpty()) {
            errors.add("token", FieldErrors.REQUIRED, "Cannot be blank.");
        } else {
            verified = FlowTokens.check(e.app(), collection, token, TokenType.PASSWORD_RESET, errors, "token");
        }
        long min = collection.field("password").filter(FieldPassword.class::isInstance)
                .map(f -> ((FieldPassword) f).min()).filter(m -> m > 0).orElse(1L);
        AuthFlowInput.requireLength(errors, "password", password, (int) min, 255);
        if (passwordConfirm.isEmpty()) {
            errors.add("passwordConfirm", FieldErrors.REQUIRED, "Cannot be blank.");
        } else if (!passwordConfirm.equals(password)) {
            errors.add("passwordConfirm", "validation_values_mismatch", "Values don't match.");
        }
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        Record r = verified.orElseThrow().record();
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("password", Json.MAPPER.valueToTree(password));
        changes.put("passwordConfirm", Json.MAPPER.valueToTree(password));
        if (!r.verified() && r.email().equals(claim(token, "email"))) {
            changes.put("verified", Json.MAPPER.valueToTree(true));
        }
        hooks.onRecordConfirmPasswordResetRequest().trigger(new RecordFlowRequestEvent(e, collection, r), ev -> {
            saveForm(ev, collection, r, changes, "Failed to set new password.");
            passwordResetSent.remove(resendKey(r));
            ev.noContent(204);
        });
    }

    /** Applies changes to an auth record as its manager would, validating them, and saves it. */
    static void saveForm(RequestEvent e, Collection collection, Record r, Map<String, Object> changes, String failure) {
        RecordForm form = new RecordForm(e.app(), collection, r, RequestInfo.empty(), true);
        form.load(changes, Map.of());
        try {
            form.validate();
            e.app().save(form.record());
        } catch (ValidationException ex) {
            throw ApiError.badRequest(failure, FieldErrorsJson.of(ex.errors()));
        }
    }

    /** A text claim of a token read without verifying it, or {@code ""}. */
    static String claim(String token, String name) {
        Object v = Jwt.unverifiedClaims(token).map(c -> c.get(name)).orElse(null);
        return v instanceof String s ? s : "";
    }

    private void impersonate(RequestEvent e) throws Exception {
        Record auth = e.auth();
        if (auth == null) {
            throw ApiError.unauthorized("The request requires valid record authorization token.");
        }
        if (!auth.isSuperuser()) {
            throw ApiError.forbidden("The authorized record is not allowed to perform this action.");
        }
        Collection collection = RecordAuthApi.authCollection(e);
        Record record = e.app().records().findById(collection, e.pathParam("id"))
                .orElseThrow(() -> ApiError.notFound(""));
        JsonNode d = e.body().path("duration");
        long duration = 0;
        if (!d.isMissingNode() && !d.isNull()) {
            if (!d.isIntegralNumber()) {
                throw ApiError.badRequest(AuthFlowInput.LOAD_ERROR);
            }
            duration = d.asLong();
        }
        if (duration < 0) {
            throw ApiError.badRequest(AuthFlowInput.VALIDATE_ERROR, new FieldErrors()
                    .add("duration", "validation_min_greater_equal_than_required", "Must be no less than 0.").toJson());
        }
        responder.respond(e, record, e.app().tokens().newAuthToken(record, false, duration), "", null);
    }
}
