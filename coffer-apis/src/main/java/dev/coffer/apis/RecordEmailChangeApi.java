package dev.coffer.apis;

import dev.coffer.apis.event.RecordFlowRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.auth.AuthMails;
import dev.coffer.core.auth.AuthRecordLookup;
import dev.coffer.core.auth.RecordTokens;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.TokenType;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.Passwords;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Email change: an authenticated record asks for a new address and a token is mailed there; confirming with
 * the token and the current password sets the address, marks it verified and invalidates older tokens.
 */
final class RecordEmailChangeApi {

    private static final String SUPERUSERS_MESSAGE = "All superusers can change their emails directly.";

    private RecordEmailChangeApi() {}

    /** Registers both email change routes under the collection base path. */
    static void bind(ApiRouter router, String base, ApiHooks hooks) {
        router.post(base + "request-email-change", e -> request(e, hooks));
        router.post(base + "confirm-email-change", e -> confirm(e, hooks));
    }

    private static void request(RequestEvent e, ApiHooks hooks) throws Exception {
        Record auth = e.auth();
        if (auth == null) {
            throw ApiError.unauthorized("The request requires valid record authorization token.");
        }
        String target = e.pathParam("collection");
        if (!auth.collection().id().equals(target) && !auth.collection().name().equals(target)) {
            throw ApiError.forbidden("The request requires auth record from " + auth.collection().name() + " collection.");
        }
        Collection collection = RecordAuthApi.authCollection(e);
        if (collection.name().equals("_superusers")) {
            throw ApiError.badRequest(SUPERUSERS_MESSAGE);
        }
        String newEmail = AuthFlowInput.text(e.body(), "newEmail");
        FieldErrors errors = new FieldErrors();
        App app = e.app();
        if (AuthFlowInput.requireEmail(errors, "newEmail", newEmail)) {
            if (newEmail.equals(auth.email())) {
                errors.add("newEmail", "validation_not_in_invalid", "Must not be in list.");
            } else if (AuthRecordLookup.byEmail(app, collection, newEmail).filter(r -> !r.id().equals(auth.id())).isPresent()) {
                errors.add("newEmail", "validation_invalid_new_email", "Invalid new email address.");
            }
        }
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        hooks.onRecordRequestEmailChangeRequest().trigger(new RecordFlowRequestEvent(e, collection, auth), ev -> {
            try {
                AuthMails.sendWithToken(app, AuthMails.Kind.EMAIL_CHANGE, auth, auth.email(), newEmail);
            } catch (RuntimeException ex) {
                throw ApiError.badRequest("Failed to request email change.");
            }
            ev.noContent(204);
        });
    }

    private static void confirm(RequestEvent e, ApiHooks hooks) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        if (collection.name().equals("_superusers")) {
            throw ApiError.badRequest(SUPERUSERS_MESSAGE);
        }
        String token = AuthFlowInput.text(e.body(), "token");
        String password = AuthFlowInput.text(e.body(), "password");
        FieldErrors errors = new FieldErrors();
        String newEmail = RecordAuthFlowsApi.claim(token, "newEmail");
        Optional<RecordTokens.Verified> verified = Optional.empty();
        if (token.isEmpty()) {
            errors.add("token", FieldErrors.REQUIRED, "Cannot be blank.");
        } else {
            verified = checkToken(e.app(), collection, token, newEmail, errors);
        }
        if (AuthFlowInput.requireLength(errors, "password", password, 1, 100)) {
            if (verified.isEmpty() || !Passwords.matches(password, verified.get().record().passwordHash())) {
                errors.add("password", "validation_invalid_password", "Missing or invalid auth record password.");
            }
        }
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        Record r = verified.orElseThrow().record();
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("email", Json.MAPPER.valueToTree(newEmail));
        changes.put("verified", Json.MAPPER.valueToTree(true));
        hooks.onRecordConfirmEmailChangeRequest().trigger(new RecordFlowRequestEvent(e, collection, r), ev -> {
            RecordAuthFlowsApi.saveForm(ev, collection, r, changes, "Failed to confirm email change.");
            ev.noContent(204);
        });
    }

    /** Checks an email change token: its {@code newEmail} claim, signature, collection, and that the address is free. */
    private static Optional<RecordTokens.Verified> checkToken(App app, Collection collection, String token,
            String newEmail, FieldErrors errors) {
        if (newEmail.isEmpty()) {
            errors.add("token", "validation_invalid_token_payload", "Invalid token payload - newEmail must be set.");
            return Optional.empty();
        }
        Optional<RecordTokens.Verified> v = FlowTokens.check(app, collection, token, TokenType.EMAIL_CHANGE, errors, "token");
        if (v.isPresent() && AuthRecordLookup.byEmail(app, collection, newEmail).isPresent()) {
            errors.add("token", "validation_invalid_token_email", "The new email address is invalid.");
            return Optional.empty();
        }
        return v;
    }
}
