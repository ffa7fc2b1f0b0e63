package dev.coffer.apis;

import dev.coffer.apis.event.RecordRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.auth.oauth2.AvatarDownload;
import dev.coffer.core.auth.oauth2.ExternalAuths;
import dev.coffer.core.auth.oauth2.OAuth2Exception;
import dev.coffer.core.auth.oauth2.OAuth2Options;
import dev.coffer.core.auth.oauth2.OAuth2User;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordForm;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.db.IndexSpec;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.security.RandomString;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates the auth record of a first OAuth2 sign-in as a record create request would, in the {@code oauth2}
 * request context: the create data, the provider email unless one was given, the mapped id, name, username and
 * avatar (downloaded when the mapped field is a file field), and a random password, all checked against the
 * collection's create rule and field validation; then marks it verified when its email is the provider's and
 * links the provider account.
 */
final class OAuth2RecordCreate {

    private static final Logger LOG = LoggerFactory.getLogger(OAuth2RecordCreate.class);
    private static final String CREATE_FAILED = "Failed to create record.";
    private static final String CONTEXT = "oauth2";

    private final ApiHooks hooks;

    OAuth2RecordCreate(ApiHooks hooks) {
        this.hooks = hooks;
    }

    Record create(RequestEvent e, Collection collection, OAuth2Options options, OAuth2User user, ObjectNode createData,
            ExternalAuths links, String provider) throws Exception {
        if (collection.isSuperusers()) {
            throw ApiError.badRequest("Failed to authenticate.");
        }
        App app = e.app();
        RequestInfo info = e.requestInfo().withContext(CONTEXT);
        boolean superuser = info.isSuperuser();
        String rule = collection.rules().create();
        if (rule == null && !superuser) {
            throw ApiError.forbidden(RecordCrudApi.SUPERUSERS_ONLY);
        }
        Map<String, Object> body = payload(app, collection, options, user, createData);
        Map<String, List<UploadedFile>> files = avatarUpload(collection, options, user, createData);

        RecordForm form = new RecordForm(app, collection, null, info, superuser);
        form.load(body, files);
        if (!superuser) {
            RequestInfo resolved = info.withBody(form.resolvedBody());
            Record draft = form.record().copy();
            draft.set("verified", false);
            if (!rule.isBlank() && !app.rules().matchesDraft(draft, resolved, rule)) {
                throw ApiError.badRequest(CREATE_FAILED);
            }
            String manageRule = collection.authOptions().manageRule();
            if (manageRule != null && !manageRule.isBlank() && app.rules().matchesDraft(draft, resolved, manageRule)) {
                form = new RecordForm(app, collection, null, resolved, true);
                form.load(body, files);
            }
        }
        RecordForm submitted = form;
        Record[] created = new Record[1];
        app.db().write(c -> {
            RecordRequestEvent event = new RecordRequestEvent(e, collection, submitted.record());
            try {
                hooks.onRecordCreateRequest().trigger(event, ev -> created[0] = save(ev, submitted, user, links, provider));
            } catch (RuntimeException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
            return null;
        });
        if (created[0] == null) {
            throw ApiError.badRequest("Failed to authenticate.");
        }
        return created[0];
    }

    /** Validates and saves the new record, marks it verified when its email is the provider's, and links it. */
    private static Record save(RecordRequestEvent ev, RecordForm form, OAuth2User user, ExternalAuths links,
            String provider) {
        if (ev.record() != form.record()) {
            throw ApiError.badRequest(CREATE_FAILED);
        }
        App app = ev.app();
        try {
            form.validate();
            app.save(ev.record());
        } catch (ValidationException ex) {
            throw ApiError.badRequest(CREATE_FAILED, FieldErrorsJson.of(ex.errors()));
        }
        Record record = ev.record();
        if (record.email().equals(user.email()) && !record.verified()) {
            record.set("verified", true);
            app.save(record);
        }
        links.link(record, provider, user.id());
        return record;
    }

    /** The create body: the submitted data with the provider's email and mapped values filled in. */
    private static Map<String, Object> payload(App app, Collection collection, OAuth2Options options, OAuth2User user,
            ObjectNode createData) {
        Map<String, Object> body = new LinkedHashMap<>();
        createData.properties().forEach(entry -> body.put(entry.getKey(), entry.getValue()));
        JsonNode email = createData.get("email");
        if (email == null || !email.isString() || email.asString().isEmpty()) {
            body.put("email", StringNode.valueOf(user.email()));
        }
        putIfAbsent(body, options.mappedId(), user.id());
        putIfAbsent(body, options.mappedName(), user.name());
        if (!options.mappedUsername().isEmpty() && !body.containsKey(options.mappedUsername())
                && usernameAvailable(app, collection, options.mappedUsername(), user.username())) {
            body.put(options.mappedUsername(), StringNode.valueOf(user.username()));
        }
        String avatarField = options.mappedAvatarUrl();
        if (!avatarField.isEmpty() && !body.containsKey(avatarField) && !user.avatarUrl().isEmpty()
                && !(collection.field(avatarField).orElse(null) instanceof FieldFile)) {
            body.put(avatarField, StringNode.valueOf(user.avatarUrl()));
        }
        if (!body.containsKey("password")) {
            String password = RandomString.alphanumeric(30);
            body.put("password", StringNode.valueOf(password));
            body.put("passwordConfirm", StringNode.valueOf(password));
        }
        return body;
    }

    private static void putIfAbsent(Map<String, Object> body, String field, String value) {
        if (!field.isEmpty() && !body.containsKey(field)) {
            body.put(field, StringNode.valueOf(value));
        }
    }

    /** The avatar as an upload of the mapped file field, when there is one to fetch and it downloads. */
    private static Map<String, List<UploadedFile>> avatarUpload(Collection collection, OAuth2Options options,
            OAuth2User user, ObjectNode createData) {
        String field = options.mappedAvatarUrl();
        if (field.isEmpty() || createData.has(field) || user.avatarUrl().isEmpty()
                || !(collection.field(field).orElse(null) instanceof FieldFile)) {
            return Map.of();
        }
        try {
            return Map.of(field, List.of(AvatarDownload.fetch(user.avatarUrl())));
        } catch (OAuth2Exception ex) {
            LOG.warn("Failed to retrieve OAuth2 avatar: {}", ex.getMessage());
            return Map.of();
        }
    }

    /**
     * Whether the provider username may go into the mapped field: it must pass the field's text checks and not be
     * taken when the field has a unique index.
     */
    private static boolean usernameAvailable(App app, Collection collection, String fieldName, String username) {
        Optional<Field> field = collection.field(fieldName);
        if (field.isEmpty()) {
            return false;
        }
        if (field.get() instanceof FieldText text && text.validateValue(username) != null) {
            return false;
        }
        Optional<IndexSpec> index = collection.singleColumnUniqueIndex(fieldName);
        if (index.isEmpty()) {
            return true;
        }
        String quoted = app.db().dialect().quote(fieldName);
        String where = index.get().columns().get(0).noCase() ? app.db().dialect().equalIgnoringCase(quoted, "?")
                : quoted + " = ?";
        return app.records().query(collection, where, List.of(username), 1).isEmpty();
    }
}
