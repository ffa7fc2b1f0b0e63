package dev.coffer.apis;

import dev.coffer.apis.event.SettingsRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.files.S3StorageCheck;
import dev.coffer.core.mail.MailException;
import dev.coffer.core.auth.TestEmail;
import dev.coffer.core.settings.Settings;
import dev.coffer.core.settings.SettingsStore;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.mail.EmailAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The settings endpoints, for superusers only: read the settings (secrets left out), change them, send a test
 * email and check the S3 storage settings.
 */
public final class SettingsApi {

    private static final String LOAD_ERROR = BodyFields.LOAD_ERROR;

    private SettingsApi() {}

    /** Registers {@code /api/settings} and its test endpoints. */
    public static void bind(ApiRouter router, ApiHooks hooks) {
        router.get("/api/settings", CollectionsApi.guarded(e -> list(e, hooks)));
        router.patch("/api/settings", CollectionsApi.guarded(e -> update(e, hooks)));
        router.post("/api/settings/test/email", CollectionsApi.guarded(SettingsApi::testEmail));
        router.post("/api/settings/test/s3", CollectionsApi.guarded(SettingsApi::testS3));
        router.post("/api/settings/apple/generate-client-secret",
                CollectionsApi.guarded(AppleClientSecretForm::handle));
    }

    private static void list(RequestEvent e, ApiHooks hooks) throws Exception {
        hooks.onSettingsListRequest().trigger(new SettingsRequestEvent(e, e.app().settings(), null),
                ev -> ev.json(200, ev.settings().publicJson()));
    }

    private static void update(RequestEvent e, ApiHooks hooks) throws Exception {
        App app = e.app();
        Settings changed;
        try {
            changed = app.settings().withPatch(body(e));
        } catch (IllegalArgumentException ex) {
            throw ApiError.badRequest(LOAD_ERROR);
        }
        hooks.onSettingsUpdateRequest().trigger(new SettingsRequestEvent(e, app.settings(), changed), ev -> {
            try {
                SettingsStore.save(app, ev.newSettings());
            } catch (ValidationException ex) {
                throw ApiError.badRequest("An error occurred while saving the new settings.",
                        FieldErrorsJson.of(ex.errors()));
            }
            ev.json(200, app.settings().publicJson());
        });
    }

    private static void testEmail(RequestEvent e) {
        ObjectNode body = body(e);
        String collectionName = BodyFields.text(body, "collection");
        String email = BodyFields.text(body, "email");
        String templateName = BodyFields.text(body, "template");

        Map<String, Object> errors = new LinkedHashMap<>();
        Optional<Collection> collection = Optional.empty();
        if (!collectionName.isEmpty()) {
            collection = e.app().collections().find(collectionName).filter(Collection::isAuth);
            if (collectionName.length() > 255) {
                errors.put("collection", lengthOutOfRange());
            } else if (collection.isEmpty()) {
                errors.put("collection", FieldError.of("validation_invalid_auth_collection",
                        "Must be a valid auth collection id or name."));
            }
        }
        if (email.isEmpty()) {
            errors.put("email", FieldErrors.required());
        } else if (email.length() > 255) {
            errors.put("email", lengthOutOfRange());
        } else if (!EmailAddress.isValid(email)) {
            errors.put("email", FieldErrors.email());
        }
        Optional<TestEmail.Template> template = TestEmail.Template.parse(templateName);
        if (templateName.isEmpty()) {
            errors.put("template", FieldErrors.required());
        } else if (template.isEmpty()) {
            errors.put("template", FieldError.of("validation_in_invalid", "Must be a valid value."));
        }
        if (!errors.isEmpty()) {
            throw ApiError.badRequest("Failed to send the test email.", FieldErrorsJson.of(errors));
        }

        Collection target = collection.or(() -> e.app().collections().find(Collection.SUPERUSERS))
                .orElseThrow(() -> ApiError.badRequest("Failed to send the test email."));
        try {
            TestEmail.send(e.app(), target, template.orElseThrow(), email);
        } catch (MailException ex) {
            throw ApiError.badRequest("Failed to send the test email. Raw error: \n" + ex.getMessage());
        }
        e.noContent(204);
    }

    private static void testS3(RequestEvent e) {
        String filesystem = BodyFields.text(body(e), "filesystem");
        if (filesystem.isEmpty() || !(filesystem.equals("storage") || filesystem.equals("backups"))) {
            FieldError error = filesystem.isEmpty() ? FieldErrors.required()
                    : FieldError.of("validation_in_invalid", "Must be a valid value.");
            throw ApiError.badRequest("Failed to test the S3 filesystem.",
                    FieldErrorsJson.of(Map.of("filesystem", error)));
        }
        Settings settings = e.app().settings();
        Optional<String> failure = S3StorageCheck.failure(filesystem.equals("backups") ? settings.backupsS3()
                : settings.s3());
        if (failure.isPresent()) {
            throw ApiError.badRequest("Failed to test the S3 filesystem. Raw error: \n" + failure.get());
        }
        e.noContent(204);
    }

    /** The request body as an object; a malformed one is PocketBase's load error. */
    static ObjectNode body(RequestEvent e) {
        try {
            return e.body();
        } catch (ApiError err) {
            throw ApiError.badRequest(LOAD_ERROR);
        }
    }


    private static FieldError lengthOutOfRange() {
        return new FieldError("validation_length_out_of_range", "The length must be between 1 and 255.",
                Map.of("min", 1, "max", 255));
    }
}
